import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { alarmActionsFor, createAlarmTopic } from './alarm-actions';
import { createFlowLogQueries, createRejectedFlowsFilter, flowLogShape, queryFolder } from './flow-log-analysis';
import type { MonitoringOptions } from './monitoring-options';
import { natMetric, NetworkDashboard } from './network-dashboard';
import type { ResolvedMonitoring, ResolvedServiceMonitoring } from './resolve-options';
import { resolveMonitoringOptions, resolveServiceMonitoring } from './resolve-options';

import { DiscoveryMode } from '../discovery/discovery';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import { AWS_LIMITS } from '../limits/aws-limits';
import type { NetworkLoadBalancer, ServiceNetworkListener } from '../network-load-balancers/network-load-balancer';
import { fitName, invalidProp, isConcrete, reserveUniqueName } from '../private/validation';
import type { NetworkService } from '../services/network-service';
import { METRIC_PERIOD } from '../services/service-metrics';
import { targetGroupMetrics } from '../services/target-group-metrics';

/** The period of the rejected-flows alarm: flow logs arrive minutes late, so one-minute points would be judged too early. */
const REJECTED_FLOWS_PERIOD = Duration.minutes(5);

/**
 * Props of `NetworkMonitoring`.
 */
export interface NetworkMonitoringProps {
  /** The VPC, for the dashboard. */
  readonly vpc: ec2.IVpc;

  /**
   * The load balancer: its own 5xx alarm and the dashboard's route graphs.
   *
   * @default - no load-balancer alarm or graphs
   */
  readonly loadBalancer?: elbv2.IApplicationLoadBalancer;

  /**
   * The VPC flow log; with `flowLogGroup`, its REJECT records get a metric filter, an alarm and saved queries.
   *
   * @default - no flow-log alarm or queries
   */
  readonly flowLog?: ec2.FlowLog;

  /**
   * The CloudWatch Logs group that `flowLog` writes to.
   *
   * @default - no flow-log alarm or queries
   */
  readonly flowLogGroup?: logs.ILogGroup;

  /**
   * The ids of the NAT gateways to watch.
   *
   * @default - none
   */
  readonly natGatewayIds?: string[];

  /**
   * The CIDR blocks of the task subnets whose traffic leaves through NAT: the saved query of traffic
   * to the internet counts theirs only.
   *
   * @default - the query counts traffic from any private address
   */
  readonly natSourceCidrs?: string[];

  /**
   * The CIDR blocks of the task subnets: the saved query of rejected flows from the tasks counts theirs.
   *
   * @default - no such query
   */
  readonly taskSubnetCidrs?: string[];

  /**
   * The IPv6 block of a dual-stack VPC: the saved query of traffic to the internet over IPv6 (through
   * the egress-only internet gateway) counts traffic from it to addresses outside it.
   *
   * @default - no IPv6 query
   */
  readonly vpcIpv6Cidr?: string;

  /**
   * Thresholds, alarm actions and what to create. `enabled` is read by the network only.
   *
   * @default - the defaults of `MonitoringOptions`
   */
  readonly options?: MonitoringOptions;
}

/** The alarms of one service. */
export interface ServiceAlarms {
  /** Average CPU utilization above `cpuUtilizationPercent` (the service's `monitoring`, else the network's). */
  readonly cpuUtilization: cloudwatch.Alarm;
  /** Average memory utilization above `memoryUtilizationPercent` (the service's `monitoring`, else the network's). */
  readonly memoryUtilization: cloudwatch.Alarm;
  /** Fewer tasks running than desired (Container Insights). */
  readonly runningTasks: cloudwatch.Alarm;
  /**
   * Target 5xx above `target5xxCount` (the service's `monitoring`, else the network's; routed services only).
   *
   * @default - none for a service that is not routed
   */
  readonly target5xx?: cloudwatch.Alarm;
  /**
   * Unhealthy targets above `unhealthyHostCount` (the service's `monitoring`, else the network's; routed services only).
   *
   * @default - none for a service that is not routed
   */
  readonly unhealthyHosts?: cloudwatch.Alarm;
  /**
   * p95 target response time above `targetResponseTimeSeconds` (the service's `monitoring`, else the network's; routed services only).
   *
   * @default - none for a service that is not routed
   */
  readonly targetResponseTime?: cloudwatch.Alarm;
}

/** The alarms of one Network Load Balancer. */
export interface NetworkLoadBalancerAlarms {
  /** TCP resets the load balancer sent itself, above `monitoring.networkLoadBalancerResetCount` per minute. */
  readonly resets: cloudwatch.Alarm;
  /** Failed TLS handshakes of clients, above `monitoring.tlsNegotiationErrorCount` per minute (TLS listeners). */
  readonly tlsNegotiationErrors: cloudwatch.Alarm;
}

/** The alarms of one NAT gateway. */
export interface NatGatewayAlarms {
  /** The id of the NAT gateway. */
  readonly natGatewayId: string;
  /** Failed source-port allocations above `monitoring.natGatewayErrorPortAllocationCount`. */
  readonly errorPortAllocation: cloudwatch.Alarm;
  /** Dropped packets above `monitoring.natGatewayPacketsDropCount`. */
  readonly packetsDropCount: cloudwatch.Alarm;
}

/**
 * Alarms, a dashboard and saved flow-log queries for an `EcsAdvancedNetwork`. The network creates it
 * (read it from `network.monitoring`) and adds each service's alarms and graphs as the service is added.
 */
export class NetworkMonitoring extends Construct {
  /** The topic the alarms notify, when no `alarmActions` were given. Subscribe to it. */
  public readonly alarmTopic?: sns.Topic;
  /** The first load balancer's own 5xx, when the network has a load balancer. */
  public readonly loadBalancer5xxAlarm?: cloudwatch.Alarm;
  /** The alarms of each NAT gateway of a VPC the network created. */
  public readonly natGatewayAlarms: NatGatewayAlarms[];
  /** Counts REJECT records of the network's own flow log group. */
  public readonly rejectedFlowsMetricFilter?: logs.MetricFilter;
  /** Rejected flows above `monitoring.rejectedFlowsCount` in five minutes. */
  public readonly rejectedFlowsAlarm?: cloudwatch.Alarm;
  /** Saved query: the address pairs that exchange the most bytes. */
  public readonly topTalkersQuery?: logs.QueryDefinition;
  /** Saved query: rejected flows by source address and destination port. */
  public readonly rejectedFlowsQuery?: logs.QueryDefinition;
  /** Saved query: bytes the tasks send to internet addresses (through NAT). */
  public readonly internetViaNatQuery?: logs.QueryDefinition;
  /**
   * Saved query: flows the tasks sent that were rejected, by network interface, destination and port.
   * Security groups do not appear in flow records; the interface names the task (and so its service),
   * and a rejected outbound flow is usually a call or destination the service did not declare.
   */
  public readonly rejectedFromTasksQuery?: logs.QueryDefinition;
  /** The saved query of traffic from a dual-stack VPC to the internet over IPv6, through the egress-only internet gateway. */
  public readonly internetOverIpv6Query?: logs.QueryDefinition;
  /**
   * Saved query: bytes the tasks send out, by the AWS service at the other end (`pkt-dst-aws-service`),
   * the path the traffic leaves by (`traffic-path`) and the port. Needs the version 5 fields of the
   * network's default flow log format.
   */
  public readonly tasksToAwsServicesQuery?: logs.QueryDefinition;
  /**
   * Saved query: TCP connection attempts from the tasks that got no answer (`tcp-flags` 2, SYN alone,
   * on the way out), by task address, destination (`pkt-dstaddr`) and port: a declaration missing, an
   * ACL, a firewall, or nothing listening. Needs the version 5 fields of the network's default flow log format.
   */
  public readonly unansweredConnectionsQuery?: logs.QueryDefinition;
  /** The dashboard of the network path, unless `monitoring.dashboard` is false. */
  public readonly dashboard?: cloudwatch.Dashboard;

  private readonly settings: ResolvedMonitoring;
  private readonly actions: cloudwatch.IAlarmAction[];
  private readonly namePrefix?: string;
  private readonly dashboardTitle: string;
  private readonly networkDashboard?: NetworkDashboard;
  /** The dashboards of the services placed in nested stacks, one per stack, in the order the stacks were used. */
  private readonly stackDashboards = new Map<Stack, NetworkDashboard>();
  private readonly perService = new Map<string, ServiceAlarms>();
  /** The 5xx alarms of the load balancers created after the first, by load balancer name. */
  private readonly moreLoadBalancers = new Map<string, cloudwatch.Alarm>();
  /** The alarms of each Network Load Balancer, by name. */
  private readonly perNetworkLoadBalancer = new Map<string, NetworkLoadBalancerAlarms>();
  /** The unhealthy-targets alarms of the services' Network Load Balancer listeners. */
  private readonly networkListenerAlarms: cloudwatch.Alarm[] = [];
  /** Services whose `monitoring.enabled` is false. */
  private readonly withoutAlarms = new Set<string>();

  constructor(scope: Construct, id: string, props: NetworkMonitoringProps) {
    super(scope, id);
    const options = props.options ?? {};
    this.settings = resolveMonitoringOptions(options);
    // names read `<stack>-<path of the monitored scope>` (the network's path when the network creates it)
    this.namePrefix = alarmNamePrefix(scope);
    if (this.namePrefix) reserveNamePrefix(this, this.namePrefix);
    this.dashboardTitle = `ecs-advanced-network ${relativePath(scope)}`;
    this.alarmTopic = options.alarmActions ? undefined : createAlarmTopic(this);
    this.actions = alarmActionsFor(this, options.alarmActions, this.alarmTopic);
    const t = this.settings.thresholds;

    // flow logs: the REJECT metric filter and the saved queries, on the network's own log group only
    const shape = props.flowLog && props.flowLogGroup ? flowLogShape(props.flowLog) : undefined;
    let rejectedFlowsQueryString: string | undefined;
    if (shape && props.flowLogGroup) {
      this.rejectedFlowsMetricFilter = createRejectedFlowsFilter(this, props.flowLogGroup, shape);
      const queries = createFlowLogQueries(this, {
        folder: queryFolder(this, relativePath(scope)),
        logGroup: props.flowLogGroup,
        shape,
        natSourceCidrs: props.natSourceCidrs,
        taskSubnetCidrs: props.taskSubnetCidrs,
        vpcIpv6Cidr: props.vpcIpv6Cidr,
      });
      this.topTalkersQuery = queries.topTalkers;
      this.rejectedFlowsQuery = queries.rejectedFlows;
      this.internetViaNatQuery = queries.internetViaNat;
      this.rejectedFromTasksQuery = queries.rejectedFromTasks;
      this.internetOverIpv6Query = queries.internetOverIpv6;
      this.tasksToAwsServicesQuery = queries.tasksToServices;
      this.unansweredConnectionsQuery = queries.unansweredConnections;
      rejectedFlowsQueryString = queries.rejectedFlowsQuery;
    }
    const rejectedFlows = this.rejectedFlowsMetricFilter?.metric({ statistic: cloudwatch.Stats.SUM, period: REJECTED_FLOWS_PERIOD });
    if (rejectedFlows) {
      validateAlarmWindow('monitoring.evaluationPeriods', this.settings.evaluationPeriods, REJECTED_FLOWS_PERIOD, 'rejected-flows alarm');
      this.rejectedFlowsAlarm = this.createAlarm(this, 'RejectedFlowsAlarm', 'RejectedFlows', rejectedFlows, t.rejectedFlowsCount,
        `More than ${t.rejectedFlowsCount} REJECT records in the VPC flow logs per 5 minutes: security groups or network ACLs drop traffic. ` +
        'Run the saved query "Rejected flows by source and port"; inside the VPC this is usually a call that was not declared (connectTo).');
    }

    // load balancer (the network's first; the others join through _addLoadBalancer)
    if (props.loadBalancer) this.loadBalancer5xxAlarm = this.loadBalancer5xx(this, 'LoadBalancer5xx', 'The load balancer', props.loadBalancer);

    // NAT gateways
    this.natGatewayAlarms = (props.natGatewayIds ?? []).map((natGatewayId, i) => {
      const natScope = new Construct(this, `NatGateway${i + 1}`);
      return {
        natGatewayId,
        errorPortAllocation: this.createAlarm(natScope, 'ErrorPortAllocationAlarm', `NatGateway${i + 1}-ErrorPortAllocation`,
          natMetric(natGatewayId, 'ErrorPortAllocation'), t.natGatewayErrorPortAllocationCount,
          `NAT gateway ${i + 1} could not allocate a source port more than ${t.natGatewayErrorPortAllocationCount} times per minute: ` +
          'too many concurrent connections to one destination. Reuse connections, or spread the traffic over more destination addresses.'),
        packetsDropCount: this.createAlarm(natScope, 'PacketsDropCountAlarm', `NatGateway${i + 1}-PacketsDropCount`,
          natMetric(natGatewayId, 'PacketsDropCount'), t.natGatewayPacketsDropCount,
          `NAT gateway ${i + 1} dropped more than ${t.natGatewayPacketsDropCount} packets per minute. Check the AWS Health Dashboard for the ` +
          'Availability Zone, and the traffic to the internet on the network dashboard.'),
      };
    });

    if (this.settings.dashboard) {
      this.networkDashboard = new NetworkDashboard(this, 'Dashboard', {
        title: this.dashboardTitle,
        loadBalancer: props.loadBalancer,
        vpcId: props.vpc.vpcId,
        natGatewayIds: this.natGatewayAlarms.map(n => n.natGatewayId),
        rejectedFlows: rejectedFlows?.with({ label: 'rejected flows' }),
        flowLogGroupName: props.flowLogGroup?.logGroupName,
        rejectedFlowsQuery: rejectedFlowsQueryString,
      });
      this.dashboard = this.networkDashboard.dashboard;
      this.networkDashboard.addAlarms(...this.alarms);
    }
  }

  /** The alarms of each service, by service name (services with `monitoring.enabled: false` have none). */
  public get serviceAlarms(): { [serviceName: string]: ServiceAlarms } {
    return Object.fromEntries(this.perService);
  }

  /**
   * The dashboards of the services in nested stacks (`network.serviceStacks`), one in each such stack:
   * the network dashboard shows the network and the services of the network's own stack.
   */
  public get serviceStackDashboards(): cloudwatch.Dashboard[] {
    return [...this.stackDashboards.values()].map(d => d.dashboard);
  }

  /** The 5xx alarms of the load balancers created after the first (`loadBalancer5xxAlarm`), by load balancer name (`internal`, `public-2`...). */
  public get loadBalancer5xxAlarms(): { [loadBalancerName: string]: cloudwatch.Alarm } {
    return Object.fromEntries(this.moreLoadBalancers);
  }

  /** The alarms of each Network Load Balancer, by its name. */
  public get networkLoadBalancerAlarms(): { [name: string]: NetworkLoadBalancerAlarms } {
    return Object.fromEntries(this.perNetworkLoadBalancer);
  }

  /** Every alarm: the network's, then each service's. */
  public get alarms(): cloudwatch.Alarm[] {
    const network = [
      this.loadBalancer5xxAlarm,
      ...this.moreLoadBalancers.values(),
      ...[...this.perNetworkLoadBalancer.values()].flatMap(a => [a.resets, a.tlsNegotiationErrors]),
      ...this.networkListenerAlarms,
      ...this.natGatewayAlarms.flatMap(n => [n.errorPortAllocation, n.packetsDropCount]),
      this.rejectedFlowsAlarm,
    ];
    return [...network, ...[...this.perService.values()].flatMap(serviceAlarmList)].filter((a): a is cloudwatch.Alarm => a !== undefined);
  }

  /**
   * Adds the alarms and dashboard lines of a service. The network calls it as each service joins.
   * @internal
   */
  public _addService(service: NetworkService): void {
    if (this.perService.has(service.serviceName) || this.withoutAlarms.has(service.serviceName)) return;
    const own = resolveServiceMonitoring(this.settings, service._monitoringOptions);
    if (!own.enabled) {
      // no alarms, but the service's graphs stay on the dashboard
      this.withoutAlarms.add(service.serviceName);
      this.addToDashboard(service);
      return;
    }
    const t = own.thresholds;
    const periods = own.evaluationPeriods;
    const name = service.serviceName;
    // in the service's scope, so in its stack (services may be placed in nested stacks)
    const scope = new Construct(service, 'Alarms');
    const alarm = (id: string, nameSuffix: string, metric: cloudwatch.IMetric, threshold: number, description: string) =>
      this.createAlarm(scope, id, nameSuffix, metric, threshold, description, periods);
    const running = new cloudwatch.MathExpression({
      expression: 'desired - running',
      usingMetrics: { desired: service.metricDesiredTaskCount(), running: service.metricRunningTaskCount() },
      period: METRIC_PERIOD,
      label: 'tasks missing',
    });
    let alarms: ServiceAlarms = {
      cpuUtilization: alarm('CpuUtilizationAlarm', `${name}-CpuUtilization`, service.metricCpuUtilization(), t.cpuUtilizationPercent,
        `The tasks of ${name} use more than ${t.cpuUtilizationPercent}% of their CPU on average. Scale out (autoScale) or give the tasks more CPU.`),
      memoryUtilization: alarm('MemoryUtilizationAlarm', `${name}-MemoryUtilization`, service.metricMemoryUtilization(),
        t.memoryUtilizationPercent,
        `The tasks of ${name} use more than ${t.memoryUtilizationPercent}% of their memory on average; at 100% a task is stopped (OutOfMemory). ` +
        'Give the tasks more memory or scale out.'),
      runningTasks: alarm('RunningTasksAlarm', `${name}-RunningTasks`, running, 0,
        `Fewer tasks of ${name} run than desired: tasks fail to start or keep stopping. Look at the stopped reason of its tasks ` +
        '(CannotPullContainerError, ResourceInitializationError, failed health checks, OutOfMemory) and the service events.'),
    };
    if (service.targetGroup) {
      // over both target groups with a blue/green, canary or linear deployment: ECS alternates them
      const m = targetGroupMetrics(service.targetGroup, service.alternateTargetGroup);
      alarms = {
        ...alarms,
        target5xx: alarm('Target5xxAlarm', `${name}-Target5xx`, m.target5xx, t.target5xxCount,
          `The targets of ${name} returned more than ${t.target5xxCount} 5xx responses per minute: the application fails. Read its log group.`),
        unhealthyHosts: alarm('UnhealthyHostsAlarm', `${name}-UnhealthyHosts`, m.unhealthyHosts, t.unhealthyHostCount,
          `More than ${t.unhealthyHostCount} targets of ${name} fail their health check: wrong path or port, a slow start ` +
          '(health check grace period), or the security group does not admit the load balancer.'),
        targetResponseTime: alarm('TargetResponseTimeAlarm', `${name}-TargetResponseTime`, m.targetResponseTime, t.targetResponseTimeSeconds,
          `The 95th percentile response time of ${name} is above ${t.targetResponseTimeSeconds} s. Check its CPU and memory, and its dependencies.`),
      };
      if (this.settings.deploymentAlarms) {
        // a rolling update rolls back on errors and failing health checks; a traffic shift also on latency
        const rollbackOn = [alarms.target5xx!, alarms.unhealthyHosts!, ...(service.deployment.shiftsTraffic ? [alarms.targetResponseTime!] : [])];
        service._service.rollBackOn(rollbackOn.map(a => ({ alarm: a, alarmName: fixedName(a) })));
      }
    }
    this.perService.set(name, alarms);
    service.networkListeners.forEach(l => this.addNetworkListener(service, l, own));
    this.addToDashboard(service);
    this.dashboardOf(service)?.addAlarms(...serviceAlarmList(alarms).filter((a): a is cloudwatch.Alarm => a !== undefined));
  }

  /**
   * Adds the 5xx alarm and the dashboard lines of a load balancer created after the network's first.
   * @internal
   */
  public _addLoadBalancer(lb: IngressLoadBalancer): void {
    const alarm = this.loadBalancer5xx(new Construct(this, `LoadBalancer-${lb.name}`), `LoadBalancer5xx-${lb.name}`, `Load balancer ${lb.name}`, lb.loadBalancer);
    this.moreLoadBalancers.set(lb.name, alarm);
    this.networkDashboard?.addLoadBalancer(lb.loadBalancer, lb.name);
    this.networkDashboard?.addAlarms(alarm);
  }

  /**
   * Adds the alarms and dashboard lines of a Network Load Balancer.
   * @internal
   */
  public _addNetworkLoadBalancer(nlb: NetworkLoadBalancer): void {
    const t = this.settings.thresholds;
    const scope = new Construct(this, `NetworkLoadBalancer-${nlb.name}`);
    const metric = (metricName: string) => nlb.loadBalancer.metrics.custom(metricName, { period: METRIC_PERIOD, statistic: cloudwatch.Stats.SUM });
    const alarms: NetworkLoadBalancerAlarms = {
      resets: this.createAlarm(scope, 'ResetsAlarm', `Nlb-${nlb.name}-Resets`, metric('TCP_ELB_Reset_Count'), t.networkLoadBalancerResetCount,
        `Network Load Balancer ${nlb.name} reset more than ${t.networkLoadBalancerResetCount} TCP connections itself per minute: idle flows past ` +
        'its 350 s timeout, or flows to a task that stopped. Check the unhealthy targets of its listeners and the clients\' keep-alives.'),
      tlsNegotiationErrors: this.createAlarm(scope, 'TlsNegotiationErrorsAlarm', `Nlb-${nlb.name}-TlsNegotiationErrors`,
        metric('ClientTLSNegotiationErrorCount'), t.tlsNegotiationErrorCount,
        `More than ${t.tlsNegotiationErrorCount} TLS handshakes of clients failed per minute on Network Load Balancer ${nlb.name}: ` +
        'clients offer no protocol or cipher of the TLS policy, or reach a name the certificate does not cover.'),
    };
    this.perNetworkLoadBalancer.set(nlb.name, alarms);
    this.networkDashboard?.addNetworkLoadBalancer(nlb.loadBalancer, nlb.name);
    this.networkDashboard?.addAlarms(alarms.resets, alarms.tlsNegotiationErrors);
  }

  /** Adds the unhealthy-targets alarm of a service's Network Load Balancer listener (in the service's scope). */
  private addNetworkListener(service: NetworkService, listener: ServiceNetworkListener, own: ResolvedServiceMonitoring): void {
    const threshold = own.thresholds.unhealthyHostCount;
    const id = `Nlb-${listener.loadBalancer.name}-${listener.port}-${listener.protocol}`;
    const alarm = this.createAlarm(new Construct(service, `${id}-Alarms`), 'UnhealthyHostsAlarm', `${service.serviceName}-${id}-UnhealthyHosts`,
      listener.targetGroup.metrics.unHealthyHostCount({ period: METRIC_PERIOD, statistic: cloudwatch.Stats.MAXIMUM }), threshold,
      `More than ${threshold} targets of ${service.serviceName} behind Network Load Balancer ${listener.loadBalancer.name} (${listener.protocol} ${listener.port}) ` +
      'fail their health check: the task does not answer on the health-check port, or its security group does not admit the load balancer.',
      own.evaluationPeriods);
    this.networkListenerAlarms.push(alarm);
    this.dashboardOf(service)?.addAlarms(alarm);
  }

  private loadBalancer5xx(scope: Construct, nameSuffix: string, what: string, lb: elbv2.IApplicationLoadBalancer): cloudwatch.Alarm {
    const t = this.settings.thresholds;
    return this.createAlarm(scope, 'LoadBalancer5xxAlarm', nameSuffix,
      lb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: METRIC_PERIOD }), t.loadBalancer5xxCount,
      `${what} returned more than ${t.loadBalancer5xxCount} 5xx responses of its own per minute: 503 no healthy target, ` +
      '502 a target closed the connection or answered badly, 504 a target timed out. Check the healthy targets per route.');
  }

  private addToDashboard(service: NetworkService): void {
    const dashboard = this.dashboardOf(service);
    if (!dashboard) return;
    dashboard.addService(service);
    if (service.discovery.mode === DiscoveryMode.SERVICE_CONNECT) dashboard.addServiceConnectEndpoint(service);
  }

  /**
   * The dashboard that shows `service`: the network dashboard for a service in the network's stack,
   * else the dashboard of the service's own stack, so that a dashboard (and the template that holds it)
   * grows with the services of one stack, never with the whole network.
   */
  private dashboardOf(service: NetworkService): NetworkDashboard | undefined {
    if (!this.networkDashboard) return undefined;
    const stack = Stack.of(service);
    if (stack === Stack.of(this)) return this.networkDashboard;
    let dashboard = this.stackDashboards.get(stack);
    if (!dashboard) {
      dashboard = new NetworkDashboard(stack, 'ServicesDashboard', {
        title: `${this.dashboardTitle}: services of ${stack.node.id}`,
        vpcId: '',
        natGatewayIds: [],
        servicesOnly: true,
      });
      this.stackDashboards.set(stack, dashboard);
    }
    return dashboard;
  }

  private createAlarm(scope: Construct, id: string, nameSuffix: string, metric: cloudwatch.IMetric, threshold: number,
    description: string, evaluationPeriods = this.settings.evaluationPeriods): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(scope, id, {
      // PutMetricAlarm takes names of at most 255 characters: a long network path is cut and hashed
      alarmName: this.namePrefix ? fitName(`${this.namePrefix}-`, nameSuffix, AWS_LIMITS.alarmNameLength.value) : undefined,
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods,
      datapointsToAlarm: evaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (this.actions.length > 0) alarm.addAlarmAction(...this.actions);
    return alarm;
  }
}

/**
 * Alarm and saved-query names are `<stack>-<network path with / as ->`: paths that differ only there
 * (`A/Network` and `A-Network`) would give both networks the same names, which CloudWatch refuses.
 */
function reserveNamePrefix(monitoring: Construct, prefix: string): void {
  const network = monitoring.node.scope!;
  // names are unique per account and region: the same stack name elsewhere is no clash
  const stack = Stack.of(monitoring);
  const owner = reserveUniqueName(monitoring, 'alarm name prefix', `${stack.account}|${stack.region}|${prefix}`, network.node.path);
  if (owner !== undefined) {
    throw invalidProp(network.node.path, `would name its alarms and saved queries \`${prefix}-...\` like network \`${owner}\` does`, network.node.id,
      'Give one of the networks a construct id (or parent) that differs once `/` reads as `-`.');
  }
}

/** CloudWatch refuses an alarm whose evaluation window (period x periods) is longer than one day. */
function validateAlarmWindow(prop: string, evaluationPeriods: number, period: Duration, alarm: string): void {
  const max = Math.floor(Duration.days(1).toSeconds() / period.toSeconds());
  if (isConcrete(evaluationPeriods) && evaluationPeriods > max) {
    throw invalidProp(prop, `must be at most ${max}: the ${alarm} evaluates ${period.toMinutes()}-minute periods, and CloudWatch refuses an evaluation window over one day`,
      evaluationPeriods, `Use at most ${max}.`);
  }
}

/** The name an alarm was given, or its reference when CloudFormation names it. */
function fixedName(alarm: cloudwatch.Alarm): string {
  return (alarm.node.defaultChild as cloudwatch.CfnAlarm).alarmName ?? alarm.alarmName;
}

function serviceAlarmList(a: ServiceAlarms): (cloudwatch.Alarm | undefined)[] {
  return [a.cpuUtilization, a.memoryUtilization, a.runningTasks, a.target5xx, a.unhealthyHosts, a.targetResponseTime];
}

/** The path of the network below its stack, for names (`Network`, `App-Network`). */
function relativePath(network: Construct): string {
  const stackPath = Stack.of(network).node.path;
  const path = network.node.path;
  return (stackPath && path.startsWith(`${stackPath}/`) ? path.slice(stackPath.length + 1) : path).replace(/\//g, '-');
}

/**
 * The prefix of the alarm names, `<stack name>-<network path>`: fixed names keep the deployment
 * alarms of a service free of references, and read well in the console. Undefined when the stack name is a token.
 */
function alarmNamePrefix(network: Construct): string | undefined {
  const stackName = Stack.of(network).stackName;
  return Token.isUnresolved(stackName) ? undefined : `${stackName}-${relativePath(network)}`;
}
