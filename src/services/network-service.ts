import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Capacity } from './capacity';
import { createManagedInstancesProvider, fargateStrategies, validateCapacity } from './capacity-rules';
import type { ContainerDependency, ContainerHealthCheck, SidecarOptions } from './container-options';
import { rootContainers, validateContainers } from './containers';
import { validateContainerHealthCheck } from './health-check';
import type { NetworkContext } from './network-context';
import type { NamedPortOptions } from './port-options';
import type { NamedPortPlacement } from './ports';
import { parseCall, portDiscoveryName, routeNamedPort, validatePorts } from './ports';
import type { ResolvedServiceOptions } from './service-defaults';
import { resolveServiceOptions } from './service-defaults';
import type { ServiceOptions, ServiceScalingOptions } from './service-options';
import { createTask, validateImageReachable } from './task';
import { validateServiceName, validateServiceOptions } from './validate-service';
import { ServiceDeployment } from '../deployments/service-deployment';
import { addServiceConnectTestTraffic, attachTestRoute, createDeploymentRole, deploymentServiceProps } from '../deployments/test-route';
import { validateDeployment } from '../deployments/validate-deployment';
import { allowCall, validateCall } from '../discovery/declared-calls';
import type { Discovery } from '../discovery/discovery';
import { DiscoveryMode } from '../discovery/discovery';
import { cloudMapOptionsOf, enableServiceConnect, validateDiscovery } from '../discovery/service-discovery';
import type { EcsAdvancedNetwork } from '../ecs-advanced-network';
import { validateServiceConnectTls } from '../encryption/validate-encryption';
import type { RoutePlacement } from '../ingress/ingress';
import type { ServiceRouteInfo } from '../ingress/service-route-info';
import type { ServiceNetworkListener } from '../layer4/layer4-load-balancer';
import { attachNetworkListener, planNetworkListeners } from '../layer4/service-listener';
import { prepareIpv6Image } from '../network/ipv6-images';
import { requireServiceEndpoints } from '../network/service-endpoints';
import type { ServiceMonitoringOptions } from '../observability/monitoring-options';
import { validateServiceMonitoring } from '../observability/resolve-options';
import { containerInsightsMetric, METRIC_PERIOD, requireServiceConnect, requireTargetGroup, serviceConnectMetric } from '../observability/service-metrics';
import { invalidProp, requireIntegerInRange } from '../private/validation';
import type { RoutingOptions } from '../routing/routing-options';
import { attachRoute } from '../routing/service-route';
import { validateRouting } from '../routing/validate-routing';
import { addServiceEgress } from '../segmentation/service-egress';
import type { EgressDestination } from '../segmentation/task-egress';
import { TaskEgressMode } from '../segmentation/task-egress';

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
 * One service of an `EcsAdvancedNetwork` (on Fargate or ECS Managed Instances, in awsvpc mode),
 * created by `network.addService()` or the network's `services` list. It exposes what it created so
 * that you can keep configuring it.
 */
export class NetworkService extends Construct implements ec2.IConnectable {
  /** The service name (also the container name and the default discovery name). */
  public readonly serviceName: string;
  /** The ECS service (an `ecs.FargateService` also on Managed Instances, as in aws-cdk-lib). */
  public readonly service: ecs.FargateService;
  /** The task definition: an `ecs.FargateTaskDefinition` on Fargate, Managed Instances compatible otherwise. */
  public readonly taskDefinition: ecs.TaskDefinition;
  /** The application container. */
  public readonly container: ecs.ContainerDefinition;
  /** The sidecar containers, in the order of `sidecars`. */
  public readonly sidecars: ecs.ContainerDefinition[];
  /** The application container's health check, if any. */
  public readonly containerHealthCheck?: ContainerHealthCheck;
  /** The named ports beside `containerPort`. */
  public readonly additionalPorts: NamedPortOptions[];
  /** The target groups of the routed named ports, by port name. */
  public readonly portTargetGroups: { [portName: string]: elbv2.ApplicationTargetGroup };
  /** Where the tasks run. */
  public readonly capacity: Capacity;
  /** The service's Managed Instances capacity provider, on `Capacity.managedInstances()`. */
  public readonly capacityProvider?: ecs.ManagedInstancesCapacityProvider;
  /** The log group of the container (and of its Service Connect proxy). */
  public readonly logGroup: logs.LogGroup;
  /** The service's own security group: it admits exactly the load balancer and the declared callers. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The connections of the service's own security group. */
  public readonly connections: ec2.Connections;
  /** The port the container listens on, if any. */
  public readonly containerPort?: number;
  /**
   * The target group, when the service is routed: on the first load balancer it is routed on (with
   * `IngressAccess.PUBLIC_AND_INTERNAL`, the internet-facing one; `routes` has both).
   */
  public readonly targetGroup?: elbv2.ApplicationTargetGroup;
  /** The listener rule of `targetGroup`, when the service is routed by a rule (not the listener's default action). */
  public readonly listenerRule?: elbv2.ApplicationListenerRule;
  /** The listener rule priority of `listenerRule`. */
  public readonly priority?: number;
  /** Each load balancer the service is routed on, with its target group, rule and priority. */
  public readonly routes: ServiceRouteInfo[];
  /** Each Network Load Balancer listener that forwards to the service, with its target group. */
  public readonly networkListeners: ServiceNetworkListener[];
  /** How other services find this one. */
  public readonly discovery: Discovery;
  /** The name other services use to call this one, when it has discovery. */
  public readonly discoveryName?: string;
  /** Whether its Service Connect endpoints use TLS (`serviceConnectTls`, or the network's default). */
  public readonly serviceConnectTls: boolean;
  /** The routing options, when the service is routed. */
  public readonly routing?: RoutingOptions;
  /** How ECS deploys a new revision of the service. */
  public readonly deployment: ServiceDeployment;
  /**
   * The alternate target group on the first load balancer, with a blue/green, canary or linear
   * deployment of a routed service (`routes` has those of every load balancer).
   */
  public readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;
  /** The role ECS assumes to shift the traffic of a routed service between its target groups, with those deployments. */
  public readonly deploymentRole?: iam.Role;

  /** The destinations the service declared beyond its calls (`egressTo`). */
  public readonly egressTo: EgressDestination[];
  /** Whether the service may send HTTPS to any address. */
  public readonly httpsEgress: boolean;

  /** How many tasks the service runs when not scaled. */
  public readonly desiredCount: number;
  /** CPU units of a task (1024 = 1 vCPU). */
  public readonly cpu: number;
  /** Memory of a task, in MiB. */
  public readonly memoryLimitMiB: number;
  /** The CPU architecture of the tasks. */
  public readonly cpuArchitecture: ecs.CpuArchitecture;
  /** Whether the tasks run on Fargate Spot only (`Capacity.fargateSpot()`). */
  public readonly spot: boolean;

  /** The network the service belongs to. */
  public readonly network: EcsAdvancedNetwork;

  /**
   * The service's own `monitoring` options, for the network's monitoring.
   * @internal
   */
  public readonly _monitoringOptions?: ServiceMonitoringOptions;
  /**
   * The sidecars and the application container's start order, as given, for the report.
   * @internal
   */
  public readonly _containerOptions: { readonly sidecars: SidecarOptions[]; readonly dependsOn: ContainerDependency[] };
  private readonly context: NetworkContext;
  private readonly calls = new Set<NetworkService>();
  /** The named ports declared for calls, by callee name (`orders:admin`). */
  private readonly declaredPorts = new Map<string, Set<string>>();
  /** The named ports of each callee that calls opened. */
  private readonly calledPorts = new Map<NetworkService, Set<string>>();
  /**
   * The listener rule priorities of the routed named ports, by port name.
   * @internal
   */
  public readonly _portPriorities: { [portName: string]: number | undefined } = {};
  /**
   * The routes of the routed named ports (one per load balancer of their access), by port name.
   * @internal
   */
  public readonly _portRoutes: { [portName: string]: ServiceRouteInfo[] } = {};
  private serviceConnectEnabled = false;
  private scaling?: ecs.ScalableTaskCount;
  private scaledMaxCapacity?: number;
  private readonly maxHealthyPercent: number;
  private readonly rollbackAlarmNames: string[] = [];

  /**
   * Prefer `network.addService(name, options)`. The construct id is the service name.
   */
  constructor(scope: Construct, name: string, props: NetworkServiceProps) {
    // before the construct exists: a name that is no DNS label could clash with a construct id of the network
    validateServiceName(name);
    super(scope, name);
    this.network = props.network;
    this.context = props.network._context;
    this.serviceName = name;

    // 1. options, with every default applied once, and their rules; then whether it can join the network
    const options = resolveServiceOptions(name, props);
    // the network's default applies where traffic can shift (a route or a Service Connect endpoint); a worker keeps rolling
    const canShift = options.routing !== undefined || options.discovery.mode === DiscoveryMode.SERVICE_CONNECT;
    this.deployment = props.deployment ?? (canShift ? this.context.deployment : ServiceDeployment.rolling());
    const placements = this.validate(name, options, props);
    const portPlacements = this.planNamedPortRoutes(name, options);
    const listeners = planNetworkListeners(name, props.networkListeners ?? [], options.containerPort, this.context.networkLoadBalancers,
      this.context.listenerClaims, placements.length + portPlacements.reduce((n, p) => n + p.placements.length, 0));
    const calleeNames = this.declareCallPorts(options.connectsTo);
    props.network._validateJoin({ serviceName: name, network: props.network, containerPort: options.containerPort, discovery: options.discovery },
      calleeNames);
    this.containerPort = options.containerPort;
    this.discovery = options.discovery;
    this.discoveryName = options.discoveryName;
    this.serviceConnectTls = this.discovery.mode === DiscoveryMode.SERVICE_CONNECT
      && this.context.serviceConnectTls.appliesTo(props.serviceConnectTls);
    this.routing = options.routing;
    this.desiredCount = options.desiredCount;
    this.cpu = options.cpu;
    this.memoryLimitMiB = options.memoryLimitMiB;
    this.cpuArchitecture = options.cpuArchitecture;
    this.spot = options.spot;
    this.capacity = options.resolvedCapacity;
    this.containerHealthCheck = options.containerHealthCheck;
    this.additionalPorts = options.additionalPorts;
    this.portTargetGroups = {};
    this._containerOptions = { sidecars: options.sidecars, dependsOn: options.dependsOn };
    // blue/green, canary and linear run the whole green revision beside the blue one
    this.maxHealthyPercent = this.deployment.shiftsTraffic ? 200 : options.maxHealthyPercent;
    this._monitoringOptions = options.monitoring;

    const asRoot = rootContainers(name, options.user, options.sidecars);
    if (asRoot.length > 0) {
      Annotations.of(this).addWarningV2('ecs-advanced-network:containerRunsAsRoot',
        `Containers ${asRoot.join(', ')} of ${name} run as root: give \`user\` a non-root user (for example '1000'), as AWS Control Tower (CT.ECS.PR.3) expects.`);
    }

    // 2. the task: log group, task definition, application container and sidecars
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: options.logRetention ?? this.context.logRetention,
      encryptionKey: this.context.stackLogsKeys.get(Stack.of(this)) ?? this.context.logsEncryptionKey,
    });
    const task = createTask(this, name, options, this.logGroup);
    this.taskDefinition = task.taskDefinition;
    this.container = task.container;
    this.sidecars = task.sidecars;
    validateImageReachable(name, this.container.imageName, this.context.layout.tasksHaveNatRoute, Stack.of(this).region);
    options.sidecars.forEach((_, i) => validateImageReachable(`${name}.sidecars[${i}]`, task.sidecars[i].imageName, this.context.layout.tasksHaveNatRoute, Stack.of(this).region));
    prepareIpv6Image(name, this.container, this.context.layout.ipStack);
    // after the last check of the task: a service that fails leaves no endpoint behind
    const secrets = Object.assign({}, options.secrets, ...options.sidecars.map(s => s.secrets ?? {}));
    requireServiceEndpoints(name, { ...options, secrets }, { ...this.context, tasksHaveNatRoute: this.context.layout.tasksHaveNatRoute });

    // 3. the service, in the task subnets, never with a public IP, behind its own security group
    const leastPrivilege = this.context.taskEgress.mode === TaskEgressMode.LEAST_PRIVILEGE;
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this.context.layout.vpc,
      allowAllOutbound: !leastPrivilege,
      description: leastPrivilege
        ? `Service ${name}: admits the load balancer and declared callers; sends to declared callees and destinations only`
        : `Service ${name}: admits the load balancer and declared callers only`,
    });
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup] });
    addServiceEgress({
      prop: name,
      securityGroup: this.securityGroup,
      taskEgress: this.context.taskEgress,
      httpsEgress: options.httpsEgress,
      destinations: options.egressTo ?? [],
      tasksHaveNatRoute: this.context.layout.tasksHaveNatRoute,
      ipv6: this.context.layout.ipStack.ipv6,
    });
    this.egressTo = options.egressTo ?? [];
    this.httpsEgress = options.httpsEgress ?? this.context.taskEgress.https;
    // on Managed Instances, the service's own capacity provider: instances in the task subnets
    if (!this.capacity.isFargate) {
      this.capacityProvider = createManagedInstancesProvider(this, {
        serviceName: name,
        capacity: this.capacity,
        cluster: this.context.cluster,
        vpc: this.context.layout.vpc,
        subnets: this.context.layout.taskSubnets,
        endpoints: this.context.endpoints,
        tasksHaveNatRoute: this.context.layout.tasksHaveNatRoute,
      });
    }
    this.service = this.createService(options);

    // 4. discovery: Service Connect server or Cloud Map records
    if (this.discovery.mode === DiscoveryMode.SERVICE_CONNECT) {
      this.enableServiceConnect(true);
      if (this.deployment.shiftsTraffic) addServiceConnectTestTraffic(this.service, this.deployment);
    }

    // 5. routing: on each load balancer its access asks for, a target group, a listener rule, the
    // load balancer's way in, and the hosts' certificates and DNS records
    // with a deployment that shifts traffic, also an alternate target group and a test rule on each
    const shifts = this.deployment.shiftsTraffic && placements.length > 0;
    this.deploymentRole = shifts ? createDeploymentRole(this, name) : undefined;
    this.routes = placements.map(placement => {
      const ingress = this.context.ingress!;
      const loadBalancer = ingress.loadBalancerFor(placement);
      const ids = ingress.idsFor(loadBalancer.access);
      const common = {
        serviceName: name,
        routing: options.routing!,
        containerPort: options.containerPort!,
        vpc: this.context.layout.vpc,
        service: this.service,
        loadBalancer,
        ids,
        ipv6Targets: this.context.layout.ipStack._ipv6OnlyTasks,
      };
      const route = attachRoute(this, { ...common, prop: `${name}.routing`, securityGroup: this.securityGroup, asRule: shifts });
      const test = shifts
        ? attachTestRoute(this, { ...common, prop: `${name}.deployment`, production: route, deployment: this.deployment, role: this.deploymentRole! })
        : undefined;
      ingress.publish(this, loadBalancer, options.routing!);
      return {
        loadBalancer,
        access: loadBalancer.access,
        targetGroup: route.targetGroup,
        listenerRule: route.rule,
        priority: route.priority,
        alternateTargetGroup: test?.alternateTargetGroup,
        testListenerRule: test?.rule,
        testPriority: test?.priority,
        testHeader: test?.header,
      };
    });
    this.alternateTargetGroup = this.routes[0]?.alternateTargetGroup;
    this.targetGroup = this.routes[0]?.targetGroup;
    this.listenerRule = this.routes[0]?.listenerRule;
    this.priority = this.routes[0]?.priority;
    this.routeNamedPorts(name, portPlacements);
    // 5b. Network Load Balancer listeners: target group, listener, the load balancer's way in
    this.networkListeners = listeners.map(plan => attachNetworkListener(this, plan, {
      serviceName: name,
      vpc: this.context.layout.vpc,
      service: this.service,
      container: this.container,
      securityGroup: this.securityGroup,
      claims: this.context.listenerClaims,
    }));

    // the alarms the user gave roll a deployment back (the network's monitoring adds the service's own)
    this._rollBackOn(this.deployment._options.rollbackAlarms.map(alarm => ({ alarm, alarmName: alarmNameOf(alarm) })));

    // 6. join the network: names, monitoring, and the calls declared to and from this service
    this.network._linkService(this, calleeNames);
  }

  /**
   * The most tasks that run at once: the desired (or scaled) count times `maxHealthyPercent` during a
   * deployment; undefined when a count is a token.
   * @internal
   */
  public get _peakTaskCount(): number | undefined {
    if ([this.desiredCount, this.scaledMaxCapacity ?? 0, this.maxHealthyPercent].some(v => Token.isUnresolved(v))) return undefined;
    const count = Math.max(this.desiredCount, this.scaledMaxCapacity ?? 0);
    return Math.ceil(count * this.maxHealthyPercent / 100);
  }

  /**
   * Adds alarms that roll a deployment of the service back (ECS deployment alarms). An alarm of the
   * same stack is created before the service, which refers to it by name.
   * @internal
   */
  public _rollBackOn(alarms: { alarm: cloudwatch.IAlarm; alarmName: string }[]): void {
    const first = this.rollbackAlarmNames.length === 0;
    for (const { alarm, alarmName } of alarms) {
      if (this.rollbackAlarmNames.includes(alarmName)) continue;
      this.rollbackAlarmNames.push(alarmName);
      if (alarm instanceof Construct && Stack.of(alarm) === Stack.of(this.service)) this.service.node.addDependency(alarm);
    }
    // once, with the list itself: the service renders the names it holds at synthesis, and a second
    // `enableDeploymentAlarms()` would not add to them
    if (first && this.rollbackAlarmNames.length > 0) {
      this.service.enableDeploymentAlarms(this.rollbackAlarmNames, { behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM });
    }
  }

  /** The services this one declared calls to. */
  public get callees(): NetworkService[] {
    return [...this.calls];
  }

  /**
   * The ports of `callee` that this service's calls opened: the main port (`undefined`) and/or names
   * of its `additionalPorts`.
   * @internal
   */
  public _calledPorts(callee: NetworkService): (string | undefined)[] {
    return [...(this.calledPorts.get(callee) ?? [])].map(p => (p === '' ? undefined : p));
  }

  /**
   * Declares that this service calls `callee`: opens exactly the callee's port from this service's
   * security group (the named ports `connectsTo` declared for it, else its main port), and makes this
   * service a Service Connect client when the callee uses Service Connect.
   */
  public connectTo(callee: NetworkService): void {
    this.connect(callee, undefined);
  }

  /**
   * Declares that this service calls the named port `portName` of `callee` (a `discoverable` entry of
   * its `additionalPorts`): opens exactly that port, as `connectsTo: ['<callee>:<portName>']` does.
   */
  public connectToPort(callee: NetworkService, portName: string): void {
    this.connect(callee, portName);
  }

  private connect(callee: NetworkService, portName: string | undefined): void {
    if (!(callee instanceof NetworkService)) {
      throw invalidProp(`${this.serviceName}.connectsTo`, 'must name a service of the network', callee,
        'Pass a service that `addService()` returned; `findService()` returns undefined for a name the network does not have.');
    }
    validateCall(this, callee);
    // a call by name (`connectsTo`) opens every port declared for the callee; `connectTo()` the one given
    const ports = portName !== undefined ? [portName] : [...(this.declaredPorts.get(callee.serviceName) ?? new Set(['']))];
    const opened = this.calledPorts.get(callee) ?? new Set<string>();
    for (const p of ports) {
      if (opened.has(p)) continue;
      const named = p === '' ? undefined : this.namedPortOf(callee, p);
      opened.add(p);
      allowCall(this, callee, this.context.crossStackRules, named ? { name: named.name, port: named.containerPort } : undefined);
    }
    this.calledPorts.set(callee, opened);
    this.calls.add(callee);
    if (callee.discovery.mode === DiscoveryMode.SERVICE_CONNECT) this.enableServiceConnect(false);
  }

  /**
   * Scales the task count on CPU utilization and, for routed services, on requests per task.
   */
  public autoScale(options: ServiceScalingOptions): ecs.ScalableTaskCount {
    const prop = `${this.serviceName}.autoScale`;
    if (this.scaling) {
      throw invalidProp(prop, 'can be called once per service (a service has one scalable target)', 'a second call',
        'Give every scaling option in one call, or add policies to the `ecs.ScalableTaskCount` that the first call returned.');
    }
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
    this.scaling = scaling;
    this.scaledMaxCapacity = options.maxCapacity;
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

  /** The discoverable named port `portName` of `callee`, or an error naming the call. */
  private namedPortOf(callee: NetworkService, portName: string): NamedPortOptions {
    const port = callee.additionalPorts.find(p => p.name === portName);
    if (!port || !port.discoverable) {
      const callable = callee.additionalPorts.filter(p => p.discoverable).map(p => p.name);
      throw invalidProp(`${this.serviceName}.connectsTo`, `names port \`${portName}\` of \`${callee.serviceName}\`, which ${port ? 'is not `discoverable`' : 'has no such named port'}`,
        `${callee.serviceName}:${portName}`, callable.length > 0 ? `Call one of ${callable.map(n => `\`${callee.serviceName}:${n}\``).join(', ')}, or its main port (\`${callee.serviceName}\`).`
          : `Set \`discoverable: true\` on the port in \`${callee.serviceName}.additionalPorts\`, or call its main port (\`${callee.serviceName}\`).`);
    }
    return port;
  }

  /** Records the named ports of `connectsTo` entries (`orders:admin`); returns the callee names, once each. */
  private declareCallPorts(connectsTo: string[]): string[] {
    const names: string[] = [];
    for (const entry of connectsTo) {
      const { service, port } = parseCall(entry);
      if (!names.includes(service)) names.push(service);
      const ports = this.declaredPorts.get(service) ?? new Set<string>();
      ports.add(port ?? '');
      this.declaredPorts.set(service, ports);
    }
    return names;
  }

  /** Where the routes of the named ports that have `routing` go (checked like the main route, nothing created). */
  private planNamedPortRoutes(name: string, options: ResolvedServiceOptions): NamedPortPlacement[] {
    return options.additionalPorts.flatMap((port, index) => {
      if (!port.routing) return [];
      const prop = `${name}.additionalPorts[${index}].routing`;
      validateRouting(prop, port.routing);
      return [{ port, index, placements: this.context.ingress!.plan(`${name}-${port.name}`, prop, port.routing) }];
    });
  }

  /** Routes the named ports that have `routing`, each with its own target group and rule on each load balancer of its access. */
  private routeNamedPorts(name: string, planned: NamedPortPlacement[]): void {
    for (const { port, index, placements } of planned) {
      const routes = placements.map(placement => routeNamedPort(this, port, index, placement, {
        serviceName: name,
        vpc: this.context.layout.vpc,
        service: this.service,
        securityGroup: this.securityGroup,
        ingress: this.context.ingress!,
      }));
      this.portTargetGroups[port.name] = routes[0].targetGroup;
      this._portPriorities[port.name] = routes[0].priority;
      this._portRoutes[port.name] = routes;
    }
  }

  /** Checks the options; returns where the route goes on each load balancer (none when unrouted). */
  private validate(name: string, options: ResolvedServiceOptions, given: ServiceOptions): RoutePlacement[] {
    validateCapacity(name, given.capacity, given.spot, options.cpuArchitecture);
    validateServiceOptions(name, options);
    validateContainerHealthCheck(`${name}.containerHealthCheck`, options.containerHealthCheck);
    validateContainers(name, {
      appName: name,
      appHealthCheck: options.containerHealthCheck !== undefined,
      appDependsOn: options.dependsOn,
      sidecars: options.sidecars,
      cpu: options.cpu,
      memoryLimitMiB: options.memoryLimitMiB,
    });
    validatePorts(name, options.additionalPorts, {
      serviceName: name,
      containerPort: options.containerPort,
      sidecars: options.sidecars,
      discovery: options.discovery,
      discoveryName: options.discoveryName,
      hasLoadBalancer: this.context.ingress !== undefined,
    });
    validateDiscovery(name, options.discovery, options.discoveryName, options.containerPort);
    validateDeployment(name, this.deployment, { given, serviceConnectServer: options.discovery.mode === DiscoveryMode.SERVICE_CONNECT });
    validateServiceConnectTls(name, given.serviceConnectTls, options.discovery, options.containerPort);
    const placements = options.routing ? this.planRoutes(name, options.routing, options.containerPort) : [];
    validateServiceMonitoring(`${name}.monitoring`, options.monitoring, options.routing !== undefined);
    return placements;
  }

  private planRoutes(name: string, routing: RoutingOptions, containerPort: number | undefined): RoutePlacement[] {
    if (!this.context.ingress) {
      throw invalidProp(`${name}.routing`, 'needs a load balancer, but the network has none (`loadBalancer.enabled` is false)', routing.pathPatterns,
        'Remove `routing` from the service, or enable the load balancer.');
    }
    if (containerPort === undefined) {
      throw invalidProp(`${name}.containerPort`, 'is required for a routed service', undefined, 'Set the port the container listens on.');
    }
    validateRouting(`${name}.routing`, routing);
    return this.context.ingress.plan(name, `${name}.routing`, routing);
  }

  private createService(options: ResolvedServiceOptions): ecs.FargateService {
    const service = new ecs.FargateService(this, 'Service', {
      cluster: this.context.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: options.desiredCount,
      minHealthyPercent: options.minHealthyPercent,
      maxHealthyPercent: options.maxHealthyPercent,
      // rolling: the circuit breaker with rollback; blue/green, canary, linear: the strategy (alarms roll them back)
      ...deploymentServiceProps(this.deployment),
      assignPublicIp: false,
      vpcSubnets: this.context.layout.taskSubnets,
      // own group, the endpoints' clients, and (routed) the load balancer's targets: 3 of the 5 groups an interface may have
      securityGroups: [
        this.securityGroup,
        this.context.endpoints.clients,
        ...(options.routed && this.context.ingress ? [this.context.ingress.targets] : []),
      ],
      enableExecuteCommand: options.enableExecuteCommand,
      healthCheckGracePeriod: options.healthCheckGracePeriod,
      capacityProviderStrategies: this.capacityProvider
        ? [{ capacityProvider: this.capacityProvider.capacityProviderName, weight: 1 }]
        : fargateStrategies(this.capacity),
      // the platform version is Fargate's: Managed Instances run the ECS agent of their own AMI
      platformVersion: this.capacity.isFargate ? ecs.FargatePlatformVersion.LATEST : undefined,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableECSManagedTags: true,
      availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing.ENABLED,
      cloudMapOptions: cloudMapOptionsOf(options.discovery, this.context.cloudMapNamespace, options.discoveryName, options.containerPort),
    });
    if (this.deployment.shiftsTraffic) {
      Annotations.of(service).acknowledgeWarning('@aws-cdk/aws-ecs:shouldUseCircuitBreaker',
        'ECS accepts the circuit breaker for rolling updates only; the service\'s alarms roll blue/green, canary and linear deployments back.');
    }
    return service;
  }

  /** Turns Service Connect on once: as a server (publishing the port) or as a client only. */
  private enableServiceConnect(server: boolean): void {
    if (this.serviceConnectEnabled) return;
    this.serviceConnectEnabled = true;
    enableServiceConnect(this.service, {
      namespace: this.context.cloudMapNamespace,
      logGroup: this.logGroup,
      server: server
        ? { portMappingName: this.serviceName, discoveryName: this.discoveryName!, port: this.containerPort!, discovery: this.discovery }
        : undefined,
      namedPorts: server ? this.additionalPorts.filter(p => p.discoverable).map(p => ({
        portMappingName: p.name, discoveryName: portDiscoveryName(this.discoveryName!, p), port: p.containerPort,
      })) : undefined,
      tls: server && this.serviceConnectTls ? this.context.serviceConnectTls.configurationFor(this.service) : undefined,
    });
  }
}

/** The name of an alarm: the fixed name of one created in this app (not a reference to it), else its `alarmName`. */
function alarmNameOf(alarm: cloudwatch.IAlarm): string {
  const cfn = alarm.node.defaultChild;
  return cfn instanceof cloudwatch.CfnAlarm && cfn.alarmName !== undefined ? cfn.alarmName : alarm.alarmName;
}
