import { Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Capacity } from './capacity';
import type { ContainerDependency, ContainerHealthCheck, SidecarOptions } from './container-options';
import type { NamedPortOptions } from './port-options';
import type { RegisteringFargateService } from './registering-service';
import { scaleService } from './scaling';
import { containerInsightsMetric, METRIC_PERIOD, requireServiceConnect, requireTargetGroup, serviceConnectMetric } from './service-metrics';
import type { ServiceOptions, ServiceScalingOptions } from './service-options';
import { baseServiceProps, createLogGroup, createService, createServiceSecurityGroup, warnOfContainerUsers } from './service-props';
import type { MetricOfTargetGroup } from './target-group-metrics';
import { Combine, serviceTargetGroupMetric } from './target-group-metrics';
import { createTask } from './task';
import { validateServiceName } from './validate-service';
import type { ServiceDeployment } from '../deployments/service-deployment';
import type { Discovery } from '../discovery/discovery';
import { DiscoveryMode } from '../discovery/discovery';
import type { EcsAdvancedNetwork } from '../ecs-advanced-network';
import type { ServiceRouteInfo } from '../ingress/service-route-info';
import type { ServiceParts, ServicePlan } from '../lifecycle/service-plan';
import type { ServiceNetworkListener } from '../network-load-balancers/network-load-balancer';
import type { ServiceMonitoringOptions } from '../observability/monitoring-options';
import { invalidProp } from '../private/validation';
import type { RoutingOptions } from '../routing/routing-options';
import type { EgressDestination } from '../segmentation/task-egress';

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
  public readonly portTargetGroups: { [portName: string]: elbv2.ApplicationTargetGroup } = {};
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
  /**
   * What planning decided for the service.
   * @internal
   */
  public readonly _plan: ServicePlan;
  /**
   * The ECS service, which collects the target groups its tasks are registered with.
   * @internal
   */
  public readonly _service: RegisteringFargateService;
  /**
   * What the capabilities built for the service.
   * @internal
   */
  public readonly _parts: ServiceParts = { routes: [], portRoutes: {}, networkListeners: [], serviceConnectEnabled: false, calledPorts: new Map() };
  private scaling?: ecs.ScalableTaskCount;
  private scaledMaxCapacity?: number;
  private readonly maxHealthyPercent: number;

  /**
   * Prefer `network.addService(name, options)`. The construct id is the service name.
   */
  constructor(scope: Construct, name: string, props: NetworkServiceProps) {
    // 1. plan, before the construct exists: a name that is no DNS label could clash with a construct id
    // of the network, and a service that cannot join the network must leave nothing behind
    validateServiceName(name);
    const plan = props.network._lifecycle.planFor(name, props);
    super(scope, name);
    // 2. what planning decided
    this.network = props.network;
    this._plan = plan;
    const lifecycle = props.network._lifecycle;
    const context = props.network._context;
    const options = plan.options;
    this.serviceName = name;
    this.deployment = plan.deployment!;
    this.containerPort = options.containerPort;
    this.discovery = options.discovery;
    this.discoveryName = options.discoveryName;
    this.serviceConnectTls = plan.serviceConnectTls;
    this.routing = options.routing;
    this.desiredCount = options.desiredCount;
    this.cpu = options.cpu;
    this.memoryLimitMiB = options.memoryLimitMiB;
    this.cpuArchitecture = options.cpuArchitecture;
    this.spot = options.spot;
    this.capacity = options.resolvedCapacity;
    this.containerHealthCheck = options.containerHealthCheck;
    this.additionalPorts = options.additionalPorts;
    this.egressTo = options.egressTo ?? [];
    this.httpsEgress = options.httpsEgress ?? context.taskEgress.https;
    this._containerOptions = { sidecars: options.sidecars, dependsOn: options.dependsOn };
    this._monitoringOptions = options.monitoring;
    // blue/green, canary and linear run the whole green revision beside the blue one
    this.maxHealthyPercent = this.deployment.shiftsTraffic ? 200 : options.maxHealthyPercent;
    warnOfContainerUsers(this, options);

    // 3. the task: log group, task definition, containers, own security group; the capabilities' additions
    this.logGroup = createLogGroup(this, options, context);
    const task = createTask(this, name, options, this.logGroup);
    this.taskDefinition = task.taskDefinition;
    this.container = task.container;
    this.sidecars = task.sidecars;
    this.securityGroup = createServiceSecurityGroup(this, name, context);
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup] });
    lifecycle.useTaskDefinition(this, plan);

    // 4. the ECS service, in the task subnets, never with a public IP, with the capabilities' props
    this._service = createService(this, lifecycle.modifyServiceProps(baseServiceProps(this, context), this, plan));
    this.service = this._service;
    this.capacityProvider = this._parts.capacityProvider;
    // 5. what needs the service: routes, listeners, discovery, deployment parts
    lifecycle.useService(this, plan);
    this.routes = this._parts.routes;
    [this.targetGroup, this.listenerRule, this.priority] = [this.routes[0]?.targetGroup, this.routes[0]?.listenerRule, this.routes[0]?.priority];
    this.alternateTargetGroup = this.routes[0]?.alternateTargetGroup;
    this.deploymentRole = this._parts.deploymentRole;
    this.networkListeners = this._parts.networkListeners;
    // 6. join the network: its names, the monitoring, and the calls declared to and from it
    lifecycle.join(this, plan);
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

  /** The services this one declared calls to. */
  public get callees(): NetworkService[] {
    return [...this._parts.calledPorts.keys()];
  }

  /**
   * The ports of `callee` that this service's calls opened: the main port (`undefined`) and/or names
   * of its `additionalPorts`.
   * @internal
   */
  public _calledPorts(callee: NetworkService): (string | undefined)[] {
    return [...(this._parts.calledPorts.get(callee) ?? [])].map(p => (p === '' ? undefined : p));
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
    this.network._lifecycle.connect(this, callee, portName);
  }

  /**
   * Scales the task count on CPU utilization and, for routed services, on requests per task.
   */
  public autoScale(options: ServiceScalingOptions): ecs.ScalableTaskCount {
    if (this.scaling) {
      throw invalidProp(`${this.serviceName}.autoScale`, 'can be called once per service (a service has one scalable target)', 'a second call',
        'Give every scaling option in one call, or add policies to the `ecs.ScalableTaskCount` that the first call returned.');
    }
    this.scaling = scaleService(this, options);
    this.scaledMaxCapacity = options.maxCapacity;
    return this.scaling;
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

  /** Requests the load balancer routed to the service, over both target groups during blue/green (routed services only). */
  public metricRequestCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.targetGroupMetric('metricRequestCount', tg => tg.metrics.requestCount({ period: METRIC_PERIOD, ...props }), Combine.SUM, 'requests');
  }

  /** 5xx responses returned by the service's targets, over both target groups during blue/green (routed services only). */
  public metricTarget5xxCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.targetGroupMetric('metricTarget5xxCount', tg => tg.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: METRIC_PERIOD, ...props }),
      Combine.SUM, 'target 5xx');
  }

  /** Seconds from the load balancer sending a request to the service to its response, the slower target group's during blue/green (routed services only). */
  public metricTargetResponseTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.targetGroupMetric('metricTargetResponseTime', tg => tg.metrics.targetResponseTime({ period: METRIC_PERIOD, ...props }), Combine.MAX, 'response time');
  }

  /** Targets that pass their health check, over both target groups during blue/green (routed services only). */
  public metricHealthyHostCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.targetGroupMetric('metricHealthyHostCount', tg => tg.metrics.healthyHostCount({ period: METRIC_PERIOD, ...props }), Combine.SUM, 'healthy targets');
  }

  /** Targets that fail their health check, the larger count of the two target groups during blue/green (routed services only). */
  public metricUnhealthyHostCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.targetGroupMetric('metricUnhealthyHostCount', tg => tg.metrics.unhealthyHostCount({ period: METRIC_PERIOD, ...props }), Combine.MAX, 'unhealthy targets');
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

  /** A metric of the target group, read over both target groups when the service has an alternate one, as its alarms read it. */
  private targetGroupMetric(name: string, of: MetricOfTargetGroup, combine: Combine, label: string): cloudwatch.Metric {
    return serviceTargetGroupMetric(requireTargetGroup(this.serviceName, this.targetGroup, name), this.alternateTargetGroup, of, combine, label);
  }

  /** The discovery name of the Service Connect endpoint the service publishes, if any. */
  private get serviceConnectName(): string | undefined {
    return this.discovery.mode === DiscoveryMode.SERVICE_CONNECT ? this.discoveryName : undefined;
  }
}
