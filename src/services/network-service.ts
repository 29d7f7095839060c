import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import { defaultMemoryFor, validateFargateSize } from './fargate-sizes';
import { NetworkContext } from './network-context';
import { ServiceOptions, ServiceScalingOptions } from './service-options';
import { Discovery, DiscoveryMode } from '../discovery/discovery';
import type { EcsAdvancedNetwork } from '../ecs-advanced-network';
import { ServiceMonitoringOptions } from '../observability/monitoring-options';
import { validateServiceMonitoring } from '../observability/resolve-options';
import { containerInsightsMetric, METRIC_PERIOD, requireServiceConnect, requireTargetGroup, serviceConnectMetric } from '../observability/service-metrics';
import { DNS_LABEL, duplicates, invalidProp, isConcrete, requireIntegerInRange } from '../private/validation';
import { RoutingOptions } from '../routing/routing-options';
import { validateRouting } from '../routing/validate-routing';

/**
 * Props of a `NetworkService`.
 */
export interface NetworkServiceProps extends ServiceOptions {
  /**
   * The network the service belongs to.
   */
  readonly network: EcsAdvancedNetwork;
}

/**
 * One Fargate service of an `EcsAdvancedNetwork`, created by `network.addService()` or the
 * network's `services` list. It exposes what it created so that you can keep configuring it.
 */
export class NetworkService extends Construct implements ec2.IConnectable {
  /** The service name (also the container name and the default discovery name). */
  public readonly serviceName: string;
  /** The ECS service. */
  public readonly service: ecs.FargateService;
  /** The task definition. */
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The application container. */
  public readonly container: ecs.ContainerDefinition;
  /** The log group of the container (and of its Service Connect proxy). */
  public readonly logGroup: logs.LogGroup;
  /** The service's own security group: it admits exactly the load balancer and the declared callers. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The connections of the service's own security group. */
  public readonly connections: ec2.Connections;
  /** The port the container listens on, if any. */
  public readonly containerPort?: number;
  /** The target group, when the service is routed. */
  public readonly targetGroup?: elbv2.ApplicationTargetGroup;
  /** The listener rule, when the service is routed by a rule (not the listener's default action). */
  public readonly listenerRule?: elbv2.ApplicationListenerRule;
  /** The listener rule priority, when the service is routed by a rule. */
  public readonly priority?: number;
  /** How other services find this one. */
  public readonly discovery: Discovery;
  /** The name other services use to call this one, when it has discovery. */
  public readonly discoveryName?: string;
  /** The routing options, when the service is routed. */
  public readonly routing?: RoutingOptions;

  /** How many tasks the service runs when not scaled. */
  public readonly desiredCount: number;
  /** CPU units of a task (1024 = 1 vCPU). */
  public readonly cpu: number;
  /** Memory of a task, in MiB. */
  public readonly memoryLimitMiB: number;
  /** The CPU architecture of the tasks. */
  public readonly cpuArchitecture: ecs.CpuArchitecture;
  /** Whether the tasks run on Fargate Spot. */
  public readonly spot: boolean;

  /**
   * The service's own `monitoring` options, for the network's monitoring.
   * @internal
   */
  public readonly _monitoringOptions?: ServiceMonitoringOptions;
  private readonly context: NetworkContext;
  private readonly calls = new Set<NetworkService>();
  private serviceConnectEnabled = false;

  /**
   * Prefer `network.addService(name, options)`. The construct id is the service name.
   */
  constructor(scope: Construct, name: string, props: NetworkServiceProps) {
    // before the construct exists: a name that is no DNS label could clash with a construct id of the network
    validateServiceName(name);
    super(scope, name);
    const options: ServiceOptions = props;
    const context = props.network._context;
    this.context = context;
    this.serviceName = name;
    const prop = name;

    // 1. options and their rules
    validateOptions(prop, options);
    this.containerPort = options.containerPort;
    this.discovery = options.discovery ?? (options.containerPort !== undefined ? Discovery.serviceConnect() : Discovery.none());
    this.discoveryName = this.discovery.mode === DiscoveryMode.NONE ? undefined : this.discovery.discoveryName ?? name;
    validateDiscovery(prop, this.discovery, this.discoveryName, options.containerPort);
    if (options.routing) {
      if (!context.router) {
        throw invalidProp(`${prop}.routing`, 'needs a load balancer, but the network has none (`loadBalancer.enabled` is false)', options.routing.pathPatterns,
          'Remove `routing` from the service, or enable the load balancer.');
      }
      if (options.containerPort === undefined) {
        throw invalidProp(`${prop}.containerPort`, 'is required for a routed service', undefined, 'Set the port the container listens on.');
      }
      validateRouting(`${prop}.routing`, options.routing);
      this.routing = options.routing;
    }
    validateServiceMonitoring(`${prop}.monitoring`, options.monitoring, options.routing !== undefined);
    this._monitoringOptions = options.monitoring;
    context.reserveNames(prop, name, this.discoveryName);
    this.requireEndpoints(prop, options);

    // 2. task definition and container
    const cpu = options.cpu ?? 256;
    const memoryLimitMiB = options.memoryLimitMiB ?? defaultMemoryFor(cpu);
    this.cpu = cpu;
    this.memoryLimitMiB = memoryLimitMiB;
    this.cpuArchitecture = options.cpuArchitecture ?? ecs.CpuArchitecture.X86_64;
    this.spot = options.spot ?? false;
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: options.logRetention ?? context.logRetention,
      encryptionKey: context.logsEncryptionKey,
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu,
      memoryLimitMiB,
      runtimePlatform: {
        cpuArchitecture: this.cpuArchitecture,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    this.container = this.taskDefinition.addContainer(name, {
      containerName: name,
      image: options.image,
      memoryLimitMiB,
      command: options.command,
      user: options.user,
      environment: options.environment,
      secrets: options.secrets,
      readonlyRootFilesystem: options.readonlyRootFilesystem ?? true,
      privileged: false,
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: name }),
      portMappings: options.containerPort === undefined ? [] : [{
        containerPort: options.containerPort,
        name,
        appProtocol: this.discovery._serviceConnect?.appProtocol,
      }],
    });
    validateImageReachable(prop, this.container.imageName, context.layout.tasksHaveNatRoute);
    if (this.taskDefinition.executionRole) {
      Validations.of(this.taskDefinition.executionRole).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'ecr:GetAuthorizationToken, which ECS needs to pull an image from ECR, supports no resource-level permissions.',
      });
    }
    (options.writableDirectories ?? []).forEach((path, i) => {
      const volume = `writable-${i}`;
      this.taskDefinition.addVolume({ name: volume });
      this.container.addMountPoints({ sourceVolume: volume, containerPath: path, readOnly: false });
    });

    // 3. the service, in the task subnets, never with a public IP
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: context.layout.vpc,
      allowAllOutbound: true,
      description: `Service ${name}: admits the load balancer and declared callers only`,
    });
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup] });
    this.desiredCount = options.desiredCount ?? 2;
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: context.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: this.desiredCount,
      minHealthyPercent: options.minHealthyPercent ?? 100,
      maxHealthyPercent: options.maxHealthyPercent ?? 200,
      circuitBreaker: { enable: true, rollback: true },
      assignPublicIp: false,
      vpcSubnets: context.layout.taskSubnets,
      securityGroups: [this.securityGroup, context.endpoints.clients],
      enableExecuteCommand: options.enableExecuteCommand ?? false,
      healthCheckGracePeriod: options.routing ? options.healthCheckGracePeriod ?? Duration.seconds(60) : undefined,
      capacityProviderStrategies: this.spot ? [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] : undefined,
      platformVersion: ecs.FargatePlatformVersion.LATEST,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableECSManagedTags: true,
      availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing.ENABLED,
      cloudMapOptions: this.cloudMapOptions(),
    });
    if (this.discovery.mode === DiscoveryMode.SERVICE_CONNECT) {
      this.enableServiceConnect(true);
    }

    // 4. routing
    if (options.routing && context.router && context.loadBalancer) {
      const routing = options.routing;
      const hc = routing.healthCheck ?? {};
      this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
        vpc: context.layout.vpc,
        targetType: elbv2.TargetType.IP,
        protocol: elbv2.ApplicationProtocol.HTTP,
        port: options.containerPort,
        healthCheck: {
          enabled: true,
          path: hc.path ?? '/',
          interval: hc.interval ?? Duration.seconds(15),
          timeout: hc.timeout ?? Duration.seconds(5),
          healthyThresholdCount: hc.healthyThresholdCount ?? 2,
          unhealthyThresholdCount: hc.unhealthyThresholdCount ?? 3,
          healthyHttpCodes: hc.healthyHttpCodes ?? '200-399',
        },
        deregistrationDelay: routing.deregistrationDelay ?? Duration.seconds(30),
        slowStart: routing.slowStart,
        stickinessCookieDuration: routing.stickiness,
      });
      // Register the tasks on the L1 rather than through `service.loadBalancerTarget()`: that helper opens
      // the load balancer to every security group of the service, including the endpoint-clients group
      // that all tasks carry, which would let the load balancer reach every task of the network.
      const cfnService = this.service.node.defaultChild as ecs.CfnService;
      cfnService.loadBalancers = [{ targetGroupArn: this.targetGroup.targetGroupArn, containerName: name, containerPort: options.containerPort }];
      cfnService.node.addDependency(this.targetGroup.loadBalancerAttached);
      const placed = context.router.addRoute(this, name, `${prop}.routing`, routing, this.targetGroup);
      this.listenerRule = placed.rule;
      this.priority = placed.priority;
      this.connections.allowFrom(context.loadBalancer, ec2.Port.tcp(options.containerPort!), `From the load balancer to ${name}`);
    }
    context.serviceAdded(this);
    (options.connectsTo ?? []).forEach(callee => context.declareCall(this, callee));
  }

  /** The services this one declared calls to. */
  public get callees(): NetworkService[] {
    return [...this.calls];
  }

  /**
   * Declares that this service calls `callee`: opens exactly the callee's port from this service's
   * security group, and makes this service a Service Connect client when the callee uses Service Connect.
   */
  public connectTo(callee: NetworkService): void {
    const prop = `${this.serviceName}.connectsTo`;
    if (callee === this) {
      throw invalidProp(prop, 'must not name the service itself', callee.serviceName, 'A task reaches itself on localhost; remove the entry.');
    }
    if (callee.context !== this.context) {
      throw invalidProp(prop, 'must name a service of the same network', `${callee.serviceName} of ${callee.context.networkPath}`,
        'Services of different networks do not share security groups or a namespace: add the callee to this network.');
    }
    if (callee.containerPort === undefined) {
      throw invalidProp(prop, `names \`${callee.serviceName}\`, which exposes no port`, callee.serviceName,
        `Give \`${callee.serviceName}\` a \`containerPort\`.`);
    }
    if (callee.discovery.mode === DiscoveryMode.NONE) {
      throw invalidProp(prop, `names \`${callee.serviceName}\`, which has \`Discovery.none()\` and cannot be found by name`, callee.serviceName,
        `Give \`${callee.serviceName}\` \`Discovery.serviceConnect()\` or \`Discovery.cloudMap()\`.`);
    }
    if (this.calls.has(callee)) return;
    this.calls.add(callee);
    const description = `From ${this.serviceName} to ${callee.serviceName}: declared call`;
    if (Stack.of(this) === Stack.of(callee)) {
      callee.connections.allowFrom(this.connections, ec2.Port.tcp(callee.containerPort), description);
    } else {
      // Across stacks, the rule lives in the network's own stack: in the callee's stack it would make
      // two nested stacks whose services call each other depend on each other's outputs (a cycle).
      new ec2.CfnSecurityGroupIngress(this.context.crossStackRules(), `${this.serviceName}-to-${callee.serviceName}`, {
        groupId: callee.securityGroup.securityGroupId,
        sourceSecurityGroupId: this.securityGroup.securityGroupId,
        ipProtocol: 'tcp',
        fromPort: callee.containerPort,
        toPort: callee.containerPort,
        description,
      });
    }
    if (callee.discovery.mode === DiscoveryMode.SERVICE_CONNECT) {
      this.enableServiceConnect(false);
    }
  }

  /**
   * Scales the task count on CPU utilization and, for routed services, on requests per task.
   */
  public autoScale(options: ServiceScalingOptions): ecs.ScalableTaskCount {
    const prop = `${this.serviceName}.autoScale`;
    const minCapacity = options.minCapacity ?? this.desiredCount;
    requireIntegerInRange(`${prop}.minCapacity`, minCapacity, 1, 5000);
    requireIntegerInRange(`${prop}.maxCapacity`, options.maxCapacity, minCapacity, 5000, 'Set `maxCapacity` at or above `minCapacity`.');
    requireIntegerInRange(`${prop}.targetCpuUtilizationPercent`, options.targetCpuUtilizationPercent, 10, 90);
    // every rule before anything is created, so that a failed call leaves the service unscaled
    if (options.targetRequestsPerTarget !== undefined && !this.targetGroup) {
      throw invalidProp(`${prop}.targetRequestsPerTarget`, 'needs a routed service', options.targetRequestsPerTarget,
        'Scale on CPU only, or give the service `routing`.');
    }
    requireIntegerInRange(`${prop}.targetRequestsPerTarget`, options.targetRequestsPerTarget, 1, 1000000);
    const scaling = this.service.autoScaleTaskCount({ minCapacity, maxCapacity: options.maxCapacity });
    scaling.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: options.targetCpuUtilizationPercent ?? 70 });
    if (options.targetRequestsPerTarget !== undefined && this.targetGroup) {
      scaling.scaleOnRequestCount('RequestScaling', { requestsPerTarget: options.targetRequestsPerTarget, targetGroup: this.targetGroup });
    }
    return scaling;
  }

  /** Average CPU utilization of the tasks, in percent (AWS/ECS, one-minute periods unless given). */
  public metricCpuUtilization(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.service.metricCpuUtilization({ period: METRIC_PERIOD, ...props });
  }

  /** Average memory utilization of the tasks, in percent (AWS/ECS, one-minute periods unless given). */
  public metricMemoryUtilization(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.service.metricMemoryUtilization({ period: METRIC_PERIOD, ...props });
  }

  /** Tasks in the RUNNING state (Container Insights `RunningTaskCount`). */
  public metricRunningTaskCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return containerInsightsMetric(this.service, 'RunningTaskCount', props);
  }

  /** Tasks the service wants to run (Container Insights `DesiredTaskCount`). */
  public metricDesiredTaskCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return containerInsightsMetric(this.service, 'DesiredTaskCount', props);
  }

  /** Requests the load balancer routed to the service (routed services only). */
  public metricRequestCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return requireTargetGroup(this.serviceName, this.targetGroup, 'metricRequestCount').metrics.requestCount({ period: METRIC_PERIOD, ...props });
  }

  /** 5xx responses returned by the service's targets (routed services only). */
  public metricTarget5xxCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return requireTargetGroup(this.serviceName, this.targetGroup, 'metricTarget5xxCount').metrics
      .httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: METRIC_PERIOD, ...props });
  }

  /** Seconds from the load balancer sending a request to the service to its response (routed services only). */
  public metricTargetResponseTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return requireTargetGroup(this.serviceName, this.targetGroup, 'metricTargetResponseTime').metrics.targetResponseTime({ period: METRIC_PERIOD, ...props });
  }

  /** Targets that pass their health check (routed services only). */
  public metricHealthyHostCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return requireTargetGroup(this.serviceName, this.targetGroup, 'metricHealthyHostCount').metrics.healthyHostCount({ period: METRIC_PERIOD, ...props });
  }

  /** Targets that fail their health check (routed services only). */
  public metricUnhealthyHostCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return requireTargetGroup(this.serviceName, this.targetGroup, 'metricUnhealthyHostCount').metrics.unhealthyHostCount({ period: METRIC_PERIOD, ...props });
  }

  /** Requests that callers sent to the service through Service Connect (HTTP, HTTP/2 and gRPC endpoints; Service Connect servers only). */
  public metricServiceConnectRequestCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const discoveryName = requireServiceConnect(this.serviceName, this.serviceConnectName, 'metricServiceConnectRequestCount');
    return serviceConnectMetric(this.service, discoveryName, 'RequestCount', props);
  }

  /** Connections that callers hold open to the service through Service Connect (Service Connect servers only). */
  public metricServiceConnectActiveConnectionCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const discoveryName = requireServiceConnect(this.serviceName, this.serviceConnectName, 'metricServiceConnectActiveConnectionCount');
    return serviceConnectMetric(this.service, discoveryName, 'ActiveConnectionCount', props);
  }

  /** The discovery name of the Service Connect endpoint the service publishes, if any. */
  private get serviceConnectName(): string | undefined {
    return this.discovery.mode === DiscoveryMode.SERVICE_CONNECT ? this.discoveryName : undefined;
  }

  private cloudMapOptions(): ecs.CloudMapOptions | undefined {
    const cm = this.discovery._cloudMap;
    if (!cm) return undefined;
    const recordType = cm.dnsRecordType ?? cloudmap.DnsRecordType.A;
    return {
      cloudMapNamespace: this.context.cloudMapNamespace,
      name: this.discoveryName,
      dnsRecordType: recordType as cloudmap.DnsRecordType.A | cloudmap.DnsRecordType.SRV,
      dnsTtl: cm.dnsTtl ?? Duration.seconds(10),
      containerPort: recordType === cloudmap.DnsRecordType.SRV ? this.containerPort : undefined,
    };
  }

  /** Turns Service Connect on once: as a server (publishing the port) or as a client only. */
  private enableServiceConnect(server: boolean): void {
    if (this.serviceConnectEnabled) return;
    this.serviceConnectEnabled = true;
    const sc = this.discovery._serviceConnect ?? {};
    this.service.enableServiceConnect({
      namespace: this.context.cloudMapNamespace.namespaceArn,
      logDriver: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'service-connect' }),
      services: server ? [{
        portMappingName: this.serviceName,
        discoveryName: this.discoveryName,
        dnsName: this.discoveryName,
        port: sc.port ?? this.containerPort,
        idleTimeout: sc.idleTimeout,
        perRequestTimeout: sc.perRequestTimeout,
      }] : undefined,
    });
  }

  private requireEndpoints(prop: string, options: ServiceOptions): void {
    const needed: { service: ec2.InterfaceVpcEndpointAwsService; why: string }[] = [];
    const secrets = Object.values(options.secrets ?? {});
    // ecs.Secret.fromSsmParameter() has no `hasField`; the Secrets Manager factories always set it.
    if (secrets.some(s => s.hasField === undefined)) needed.push({ service: ec2.InterfaceVpcEndpointAwsService.SSM, why: 'SSM parameter secrets' });
    if (secrets.some(s => s.hasField !== undefined)) needed.push({ service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER, why: 'Secrets Manager secrets' });
    if (options.enableExecuteCommand) needed.push({ service: ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES, why: 'ECS Exec' });

    const endpoints = this.context.endpoints;
    for (const n of needed) {
      if (this.context.serviceEndpoints) {
        endpoints.require(n.service);
      } else if (!this.context.layout.tasksHaveNatRoute && !endpoints.has(n.service.shortName)) {
        throw invalidProp(`${prop}`, `uses ${n.why}, but its tasks have no NAT route and no \`${n.service.shortName}\` endpoint`, n.service.shortName,
          'Turn `endpoints.serviceEndpoints` on, or list the endpoint in `endpoints.additionalServices`.');
      }
    }
  }
}

function validateServiceName(name: string): void {
  if (!DNS_LABEL.test(name)) {
    throw invalidProp('name', 'must be DNS-safe: lower-case letters, digits and hyphens, starting with a letter, at most 63 characters', name,
      'Rename the service, for example `orders-api`.');
  }
}

function validateOptions(prop: string, o: ServiceOptions): void {
  requireIntegerInRange(`${prop}.containerPort`, o.containerPort, 1, 65535, 'Use the TCP port the container listens on.');
  validateFargateSize(`${prop}.`, o.cpu ?? 256, o.memoryLimitMiB ?? defaultMemoryFor(o.cpu ?? 256));
  requireIntegerInRange(`${prop}.desiredCount`, o.desiredCount, 1, 5000, 'Run at least one task (two or more spread the service over Availability Zones).');
  requireIntegerInRange(`${prop}.minHealthyPercent`, o.minHealthyPercent, 0, 100);
  requireIntegerInRange(`${prop}.maxHealthyPercent`, o.maxHealthyPercent, 100, 200);
  const min = o.minHealthyPercent ?? 100;
  const max = o.maxHealthyPercent ?? 200;
  if (isConcrete(min) && isConcrete(max) && max <= min) {
    throw invalidProp(`${prop}.maxHealthyPercent`, 'must be above `minHealthyPercent`, or a deployment can never start a new task',
      `maxHealthyPercent ${max}, minHealthyPercent ${min}`, 'Raise `maxHealthyPercent` (200 is the default) or lower `minHealthyPercent`.');
  }
  if (o.healthCheckGracePeriod && !o.routing) {
    throw invalidProp(`${prop}.healthCheckGracePeriod`, 'only applies to a routed service', o.healthCheckGracePeriod.toHumanString(),
      'Remove it, or give the service `routing`.');
  }
  const dirs = o.writableDirectories ?? [];
  for (const d of dirs) {
    if (!d.startsWith('/') || d === '/') {
      throw invalidProp(`${prop}.writableDirectories`, 'must hold absolute paths below `/`', d, 'Use paths such as `/tmp`.');
    }
  }
  if (duplicates(dirs).length > 0) {
    throw invalidProp(`${prop}.writableDirectories`, 'must not list a path twice', duplicates(dirs), 'Remove the duplicates.');
  }
  if (o.enableExecuteCommand && (o.readonlyRootFilesystem ?? true) && dirs.length === 0) {
    throw invalidProp(`${prop}.enableExecuteCommand`, 'needs a writable filesystem, but the root filesystem is read-only and no writable directory is given',
      true, 'Give `writableDirectories` (for example [\'/tmp\']) or set `readonlyRootFilesystem` to false.');
  }
  for (const name of Object.keys(o.environment ?? {})) {
    if (/(secret|password|passwd|token|api_?key|private_?key)/i.test(name)) {
      throw invalidProp(`${prop}.environment`, 'must not carry secrets in plain environment variables', name,
        `Pass \`${name}\` through \`secrets\` (ecs.Secret.fromSecretsManager or fromSsmParameter).`);
    }
  }
}

function validateDiscovery(prop: string, discovery: Discovery, discoveryName: string | undefined, containerPort: number | undefined): void {
  if (discoveryName !== undefined && !DNS_LABEL.test(discoveryName)) {
    throw invalidProp(`${prop}.discovery.discoveryName`, 'must be DNS-safe: lower-case letters, digits and hyphens, starting with a letter, at most 63 characters',
      discoveryName, 'Choose a name such as `orders`.');
  }
  if (discovery.mode === DiscoveryMode.SERVICE_CONNECT && containerPort === undefined) {
    throw invalidProp(`${prop}.discovery`, 'is Service Connect, which publishes a port, but the service has no `containerPort`', discovery.mode,
      'Set `containerPort`, or use `Discovery.none()` (a service without a port can still call others).');
  }
  requireIntegerInRange(`${prop}.discovery.port`, discovery._serviceConnect?.port, 1, 65535);
  if (discovery._cloudMap?.dnsRecordType === cloudmap.DnsRecordType.SRV && containerPort === undefined) {
    throw invalidProp(`${prop}.discovery.dnsRecordType`, 'is SRV, which carries a port, but the service has no `containerPort`', 'SRV',
      'Set `containerPort`, or use A records.');
  }
  const recordType = discovery._cloudMap?.dnsRecordType;
  if (recordType !== undefined && recordType !== cloudmap.DnsRecordType.A && recordType !== cloudmap.DnsRecordType.SRV) {
    throw invalidProp(`${prop}.discovery.dnsRecordType`, 'must be A or SRV for an ECS service', recordType, 'Use `cloudmap.DnsRecordType.A` or `SRV`.');
  }
}

/**
 * Without NAT, tasks reach only AWS services through endpoints: an image from a public registry
 * (Docker Hub, ECR Public, GHCR...) cannot be pulled, and the task would fail at deploy time.
 */
function validateImageReachable(prop: string, imageName: string, tasksHaveNatRoute: boolean): void {
  if (tasksHaveNatRoute || Token.isUnresolved(imageName)) return;
  if (/^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//.test(imageName)) return;
  throw invalidProp(`${prop}.image`, 'must come from Amazon ECR: the tasks have no NAT route, so a public registry is unreachable', imageName,
    'Push the image to ECR (or set up an ECR pull-through cache) and use `ecs.ContainerImage.fromEcrRepository()`, or choose an egress with NAT.');
}
