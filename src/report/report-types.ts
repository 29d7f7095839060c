import type { CostAssumptions, CostEstimate } from './cost-types';

/**
 * The network report that synthesis writes into the cloud assembly.
 */
export interface NetworkReportOptions {
  /**
   * Whether synthesis writes the report into the cloud assembly, as
   * `<construct path>-network-report.md` and `.json`.
   *
   * @default true
   */
  readonly writeToAssembly?: boolean;

  /**
   * The usage the cost estimate assumes.
   *
   * @default - 100 GB a month through the egress path, 1 LCU, 1 GB of logs per service, 5 GB of flow logs
   */
  readonly costAssumptions?: CostAssumptions;
}

/** The kinds of paths in the reachability matrix. */
export enum ReachabilityKind {
  /** Clients to a listener of a load balancer. */
  INGRESS = 'ingress',
  /** A load balancer to a routed service. */
  ROUTE = 'route',
  /** A declared call from one service to another. */
  CALL = 'call',
  /** The tasks to a VPC endpoint. */
  ENDPOINT = 'endpoint',
  /** Tasks to addresses beyond the network: the internet through NAT, AWS services, declared destinations. */
  EGRESS = 'egress',
}

/** One allowed path: who may open connections to whom, on which port, and why. */
export interface ReachabilityEntry {
  /** The kind of path. */
  readonly kind: ReachabilityKind;
  /** Who opens the connection: `internet`, a CIDR block, `load balancer`, a service name or `all tasks`. */
  readonly source: string;
  /** Who accepts it: `load balancer`, a service name, an endpoint (`ecr.api`) or `internet`. */
  readonly destination: string;
  /** The port, for example `TCP 8080`, or `all` for unrestricted egress. */
  readonly port: string;
  /** What selects the path, for example `path /api/* (rule priority 13071)` or `Service Connect orders:8080`. */
  readonly detail: string;
  /**
   * Whether the path is encrypted in transit: TLS or HTTPS end to end on this hop (an HTTPS listener,
   * an HTTPS or TLS target group, Service Connect TLS, HTTPS to an endpoint or on port 443 out).
   * False for plaintext, and for what the network cannot see (a port-80 redirect, Cloud Map calls,
   * egress on other ports).
   */
  readonly encrypted: boolean;
}

/** One subnet of the network's VPC. */
export interface SubnetSummary {
  /** `public`, `private` or `isolated`. */
  readonly subnetType: string;
  /** The Availability Zone (`AZ 1`, `AZ 2`... when the stack is environment-agnostic). */
  readonly availabilityZone: string;
  /** The IPv4 CIDR block, or `-` when unknown at synth time. */
  readonly cidrBlock: string;
  /** What the network puts there, for example `load balancer, NAT` or `tasks, interface endpoints`. */
  readonly purpose: string;
}

/** One load balancer of the network. */
export interface LoadBalancerSummary {
  /** Its name: `public`, `internal`, `public-2`... */
  readonly name: string;
  /** How the reachability entries name it: `load balancer` when the network has one, else `load balancer <name>`. */
  readonly label: string;
  /** `internet-facing` or `internal`. */
  readonly access: string;
  /** Where its address comes from once deployed: the `DNSName` attribute of its resource. */
  readonly address: string;
  /** The listener that carries the routes: `HTTPS (port 80 redirects)` or `HTTP`. */
  readonly listener: string;
  /** How many routes (target groups) it carries, of the 100 an Application Load Balancer holds. */
  readonly routes: number;
  /** The host names its routes match, each with a DNS record to it when its kind has a hosted zone. */
  readonly hosts: string[];
  /** How many certificates its HTTPS listener has (the default one and the SNI ones). */
  readonly certificates: number;
}

/** One container of a service's task, in the report. */
export interface ContainerSummary {
  /** The container name (the service name for the application container). */
  readonly name: string;
  /** Whether the task stops when the container stops. */
  readonly essential: boolean;
  /** The container's hard memory limit, in MiB. */
  readonly memoryLimitMiB: number;
  /** The container's ports, for example `8080`, `4317 (localhost only)` or `9090 (admin, routed)`. */
  readonly ports: string[];
  /** The health check, for example `CMD-SHELL curl -f http://localhost/; every 30 s, ...`, or `none`. */
  readonly healthCheck: string;
  /** The containers it waits for, with the condition, for example `log-router START`. */
  readonly dependsOn: string[];
}

/** The task of one service, in the report. */
export interface TaskSummary {
  /** The service name. */
  readonly serviceName: string;
  /** Where the tasks run, for example `Fargate Spot` or `ECS Managed Instances, awsvpc`. */
  readonly capacity: string;
  /** The containers of the task, the application container first. */
  readonly containers: ContainerSummary[];
}

/** How one service deploys a new revision, and where its test requests go. */
export interface DeploymentSummary {
  /** The service name. */
  readonly serviceName: string;
  /** The strategy, for example `canary 5% for 10 minutes, bake 5 minutes`. */
  readonly strategy: string;
  /**
   * The test routes of a blue/green, canary or linear deployment, one per load balancer or Service
   * Connect endpoint, for example `load balancer: header x-deployment-test: green (rule priority 46282)`.
   */
  readonly testRoutes: string[];
}

/**
 * What a network built: who can reach whom, the subnets and Availability Zones, and what it costs a
 * month; as data, Markdown (with a Mermaid diagram) and JSON.
 */
export interface NetworkReport {
  /** The construct path of the network. */
  readonly networkPath: string;
  /** The Availability Zones of the VPC (`AZ 1`, `AZ 2`... when the stack is environment-agnostic). */
  readonly availabilityZones: string[];
  /** How the tasks reach the internet. */
  readonly egress: string;
  /** The subnets of the VPC. */
  readonly subnets: SubnetSummary[];
  /** The load balancers, in the order the network created them. */
  readonly loadBalancers: LoadBalancerSummary[];
  /** Every allowed path, from the internet to the endpoints. */
  readonly reachability: ReachabilityEntry[];
  /** What runs in each service's tasks: capacity, containers, ports, health checks, start order. */
  readonly tasks: TaskSummary[];
  /** How each service deploys, with its test routes. */
  readonly deployments: DeploymentSummary[];
  /** The services that nothing in the network may call (workers, or services nobody declared a call to). */
  readonly unreachableServices: string[];
  /** The monthly cost estimate. */
  readonly cost: CostEstimate;
  /** The report as Markdown, with a Mermaid diagram. */
  readonly markdown: string;
  /** The report as JSON (every field but `markdown` and `json`). */
  readonly json: string;
}
