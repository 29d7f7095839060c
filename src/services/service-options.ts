import type { Duration } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Capacity } from './capacity';
import type { ContainerDependency, ContainerHealthCheck, SidecarOptions } from './container-options';
import type { NamedPortOptions } from './port-options';
import type { ServiceDeployment } from '../deployments/service-deployment';
import type { Discovery } from '../discovery/discovery';
import type { NetworkListenerOptions } from '../network-load-balancers/network-load-balancer-options';
import type { ServiceMonitoringOptions } from '../observability/monitoring-options';
import type { RoutingOptions } from '../routing/routing-options';
import type { EgressDestination } from '../segmentation/task-egress';

/**
 * A service of the network: an application container and its sidecars in awsvpc mode in the task
 * subnets, on Fargate or ECS Managed Instances.
 */
export interface ServiceOptions {
  /**
   * The container image, for example `ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable')`
   * or `ecs.ContainerImage.fromEcrRepository(repo, 'v1')`.
   */
  readonly image: ecs.ContainerImage;

  /**
   * The port the container listens on (1 to 65535). Needed for `routing` and for being called by
   * other services.
   *
   * @default - the service exposes no port (a worker)
   */
  readonly containerPort?: number;

  /**
   * CPU units of the task (256 = 0.25 vCPU). Must form a Fargate task size with `memoryLimitMiB`.
   *
   * @default 256
   */
  readonly cpu?: number;

  /**
   * Memory of the task, in MiB. The application container's hard limit is what the sidecars leave of it.
   *
   * @default - the smallest size Fargate allows with `cpu` (512 MiB with 256 CPU units, 1024 with 512...)
   */
  readonly memoryLimitMiB?: number;

  /**
   * How many tasks run, spread over the Availability Zones.
   *
   * @default 2
   */
  readonly desiredCount?: number;

  /**
   * The lower limit of running tasks during a deployment, as a percentage of `desiredCount`.
   *
   * @default 100
   */
  readonly minHealthyPercent?: number;

  /**
   * The upper limit of running tasks during a deployment, as a percentage of `desiredCount`; above `minHealthyPercent`.
   *
   * @default 200
   */
  readonly maxHealthyPercent?: number;

  /**
   * How long ECS ignores failing load balancer health checks of a new task. Routed services only.
   *
   * @default Duration.seconds(60)
   */
  readonly healthCheckGracePeriod?: Duration;

  /**
   * Plain environment variables. Never put secrets here: use `secrets`. A name that looks like a
   * secret (it contains SECRET, PASSWORD, PASSWD, TOKEN, API_KEY or PRIVATE_KEY) is an error unless
   * `nonSecretEnvironment` lists it.
   *
   * @default - none
   */
  readonly environment?: { [name: string]: string };

  /**
   * Names of `environment` that look like secrets but hold none, for example `PASSWORD_MIN_LENGTH` or
   * `TOKEN_ENDPOINT`: they stay plain environment variables.
   *
   * @default - every variable whose name looks like a secret is refused
   */
  readonly nonSecretEnvironment?: string[];

  /**
   * Secrets injected as environment variables by ECS from Secrets Manager or SSM Parameter Store.
   * The execution role may read exactly these; the matching VPC endpoint is created.
   *
   * @default - none
   */
  readonly secrets?: { [name: string]: ecs.Secret };

  /**
   * The command of the container.
   *
   * @default - the image's CMD
   */
  readonly command?: string[];

  /**
   * Whether the root filesystem of the container is read-only. Give `writableDirectories` for the
   * paths the application writes to.
   *
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;

  /**
   * Absolute paths that stay writable with a read-only root filesystem (task-scoped scratch volumes),
   * for example `['/tmp', '/var/cache/nginx', '/var/run']` for nginx.
   *
   * @default - none
   */
  readonly writableDirectories?: string[];

  /**
   * The user the container runs as, for example `'1000'` or `'nginx'`.
   *
   * @default - the image's USER, root for many images: the network warns once (`ecs-advanced-network:containerUser`)
   * of every container without a `user`
   */
  readonly user?: string;

  /**
   * Linux capabilities the container keeps of those it drops by default (NET_RAW, MKNOD, SYS_CHROOT,
   * SETFCAP, SETPCAP and AUDIT_WRITE, which a web server or an API does not use): for example
   * `[ecs.Capability.NET_RAW]` for an image that runs `ping`, or `[ecs.Capability.ALL]` to drop none.
   * The other capabilities of Docker's default set stay; Fargate adds none but SYS_PTRACE.
   *
   * @default - none: the container drops the six
   */
  readonly keepCapabilities?: ecs.Capability[];

  /**
   * Whether the tasks run on Fargate Spot (up to 70% cheaper; tasks can be interrupted with two minutes' notice).
   * Same as `capacity: Capacity.fargateSpot()`; give one or the other.
   *
   * @default false
   */
  readonly spot?: boolean;

  /**
   * Where the tasks run: Fargate on demand, Fargate Spot, a mix of both, or ECS Managed Instances.
   *
   * @default - `Capacity.fargate()` (`Capacity.fargateSpot()` with `spot: true`)
   */
  readonly capacity?: Capacity;

  /**
   * More containers of the task (a metrics agent, a log router, a proxy), each hardened like the
   * application container and reachable from it on `localhost`. At most 9 (ECS allows 10 containers
   * per task).
   *
   * @default - none
   */
  readonly sidecars?: SidecarOptions[];

  /**
   * The application container's health check, which the sidecars' `HEALTHY` start conditions wait for.
   *
   * @default - none
   */
  readonly containerHealthCheck?: ContainerHealthCheck;

  /**
   * Containers (sidecars) that must reach a condition before the application container starts, for
   * example a log router that must be running first.
   *
   * @default - none
   */
  readonly dependsOn?: ContainerDependency[];

  /**
   * Named ports beside `containerPort`, of the application container or of a sidecar: each routed,
   * discoverable through Service Connect, or kept inside the task.
   *
   * @default - none
   */
  readonly additionalPorts?: NamedPortOptions[];

  /**
   * The CPU architecture of the image.
   *
   * @default ecs.CpuArchitecture.X86_64
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;

  /**
   * Whether ECS Exec (`aws ecs execute-command`) is enabled. Needs a writable filesystem: set
   * `readonlyRootFilesystem` to false or give `writableDirectories`.
   *
   * @default false
   */
  readonly enableExecuteCommand?: boolean;

  /**
   * The nested stack this service goes into, by number (`ServiceStack<n>`), or 0 for the network's
   * stack. Set it when the nested stack the service's name hashes to is full, or to keep a group of
   * services together; like the name, it is part of the service's identity: changing it moves the
   * service, which replaces its resources.
   *
   * @default - the nested stack its name hashes to (`servicePlacement.nestedStacks`), or the network's stack when that is 0
   */
  readonly nestedStack?: number;

  /**
   * How the load balancer routes requests to this service.
   *
   * @default - the service is not behind the load balancer
   */
  readonly routing?: RoutingOptions;

  /**
   * Listeners of the network's Network Load Balancers (`networkLoadBalancers`) that forward to this
   * service: TCP, UDP, TCP_UDP or TLS, each with a target group of its own. A service may be routed
   * and behind Network Load Balancers at once (at most 5 target groups in all).
   *
   * @default - none
   */
  readonly networkListeners?: NetworkListenerOptions[];

  /**
   * How other services of the network find this one.
   *
   * @default - `Discovery.serviceConnect()` when the service has a `containerPort`, else `Discovery.none()`
   */
  readonly discovery?: Discovery;

  /**
   * Whether the service's Service Connect endpoints (its port and its discoverable named ports) use
   * TLS, with certificates from the network's `encryptionInTransit.certificateAuthority`. Callers
   * need no change: their Service Connect proxy opens the TLS connection. Needs Service Connect
   * discovery and a `containerPort`.
   *
   * @default - the network's `encryptionInTransit.serviceConnectTls`
   */
  readonly serviceConnectTls?: boolean;

  /**
   * Names of the services of the network this service calls. Each call opens exactly the callee's
   * port from this service's security group, and makes this service a Service Connect client.
   * `orders:admin` calls the named port `admin` of `orders` (a `discoverable` entry of its
   * `additionalPorts`); `orders` calls its main port. Same as calling `connectTo()`.
   *
   * @default - none
   */
  readonly connectsTo?: string[];

  /**
   * Whether this service calls the network's internal Application Load Balancers (the routes with
   * `access: IngressAccess.INTERNAL`) by their DNS names. Each then admits the service on the port its
   * clients use (443 with `internalLoadBalancer.certificate`, else 80) and the service's security group
   * lets that port out to it, whatever `internalLoadBalancer.ingressPeers` and the service's egress
   * say; the report lists the call. Without it, a service reaches an internal load balancer only on
   * 443 and only while its HTTPS egress is on.
   *
   * @default false
   */
  readonly callsInternalLoadBalancer?: boolean;

  /**
   * Addresses outside the network the service sends to, beyond its declared calls, the VPC endpoints
   * and HTTPS (with the network's default `TaskEgress.leastPrivilege()`): for example a database at
   * `10.20.0.0/16` over peering, or an internet service on port 8443.
   *
   * @default - none
   */
  readonly egressTo?: EgressDestination[];

  /**
   * Whether the service may send HTTPS (TCP 443) to any address. False keeps a service off the
   * internet: it then reaches AWS services through interface endpoints only, so give the network the
   * endpoints it needs (`endpoints.fargateEndpoints`) when it has NAT.
   *
   * @default - the network's `taskEgress` (HTTPS on with `TaskEgress.leastPrivilege()`)
   */
  readonly httpsEgress?: boolean;

  /**
   * Domains this service's tasks call, added to the network's `egressDomains` (`*.` for every
   * subdomain). The filter applies to the whole VPC, so every task may then reach them: the list
   * says which service needs what, for the review and the report.
   *
   * @default - none beyond the network's `egressDomains` and the registries of the service's images
   */
  readonly allowedDomains?: string[];

  /**
   * How long the service's log group keeps records.
   *
   * @default - the network's `logRetention`
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * This service's alarm thresholds, where they should differ from the network's `monitoring`, or
   * `enabled: false` for a service without alarms.
   *
   * @default - the network's `monitoring` settings
   */
  readonly monitoring?: ServiceMonitoringOptions;

  /**
   * How ECS deploys a new revision: `ServiceDeployment.rolling()`, `blueGreen()`, `canary()` or
   * `linear()`. The last three need `routing` or a Service Connect endpoint; for routed services the
   * network creates the alternate target group, a test listener rule and the role ECS uses.
   *
   * @default - the network's `deployment` (`ServiceDeployment.rolling()` unless set)
   */
  readonly deployment?: ServiceDeployment;
}

/**
 * A service declared in the network's `services` list.
 */
export interface ServiceDefinition extends ServiceOptions {
  /**
   * The name of the service, unique in the network: a DNS label (RFC 1123: lower-case letters,
   * digits and hyphens, not starting or ending with a hyphen, at most 63 characters). It names the
   * construct, the ECS service's container and the default discovery name, so it takes what ECS,
   * Cloud Map and DNS all accept.
   */
  readonly name: string;
}

/**
 * Target tracking auto scaling of a service.
 */
export interface ServiceScalingOptions {
  /**
   * The fewest tasks.
   *
   * @default - the service's `desiredCount`
   */
  readonly minCapacity?: number;

  /**
   * The most tasks.
   */
  readonly maxCapacity: number;

  /**
   * Keep average CPU utilization at this percentage.
   *
   * @default 70
   */
  readonly targetCpuUtilizationPercent?: number;

  /**
   * Keep requests per task per minute at this number (routed services only).
   *
   * @default - no request-count scaling
   */
  readonly targetRequestsPerTarget?: number;
}
