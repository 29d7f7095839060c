import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import type { SectionGraph } from './dashboard-section';
import { DashboardSection } from './dashboard-section';
import type { NetworkService } from '../services/network-service';
import { METRIC_PERIOD } from '../services/service-metrics';

/** The most alarms one alarm status widget shows. */
const MAX_ALARMS_IN_WIDGET = 100;

/** What the dashboard shows of the network itself (services come later, one by one). */
export interface NetworkDashboardProps {
  /** The heading of the dashboard. */
  readonly title: string;
  readonly loadBalancer?: elbv2.IApplicationLoadBalancer;
  readonly vpcId: string;
  readonly natGatewayIds: string[];
  /** The rejected-flows metric of the flow log group, if any. */
  readonly rejectedFlows?: cloudwatch.IMetric;
  /** The flow log group and the rejected-flows query on it, if any. */
  readonly flowLogGroupName?: string;
  readonly rejectedFlowsQuery?: string;
  /**
   * Only the sections that show services (alarms, routes, services, Service Connect): the dashboard of
   * the services of one nested stack, placed with them so that no dashboard grows with the whole network.
   */
  readonly servicesOnly?: boolean;
}

/**
 * The dashboard of the network path, top to bottom the way traffic flows: alarms; internet to load
 * balancer to routes; the services; Service Connect between services; egress through NAT gateways and
 * interface endpoints; flow logs. Graphs gain a line per service as services are added.
 */
export class NetworkDashboard {
  public readonly dashboard: cloudwatch.Dashboard;
  private readonly alarms: cloudwatch.IAlarm[] = [];
  private readonly routeRequests: SectionGraph;
  private readonly routeErrors: SectionGraph;
  private readonly routeLatency: SectionGraph;
  private readonly healthyTargets: SectionGraph;
  private readonly runningTasks: SectionGraph;
  private readonly cpu: SectionGraph;
  private readonly memory: SectionGraph;
  private readonly scRequests: SectionGraph;
  private readonly scConnections: SectionGraph;

  constructor(scope: Construct, id: string, props: NetworkDashboardProps) {
    this.dashboard = new cloudwatch.Dashboard(scope, id, { defaultInterval: Duration.hours(3) });
    this.dashboard.addWidgets(new cloudwatch.TextWidget({
      markdown: `# ${props.title}\n` + (props.servicesOnly
        ? 'The services of one service stack: their alarms, routes, health and Service Connect endpoints; the network dashboard shows the rest. '
        : 'The network path top to bottom: alarms, load balancer and routes, services, Service Connect, egress, flow logs. ') +
        'What each panel tells you when something breaks: the ecs-advanced-network troubleshooting guide (docs/troubleshooting.md).',
      width: cloudwatch.GRID_WIDTH,
      height: 2,
    }));

    const alarms = new DashboardSection('Alarms');
    alarms.addWidget(new LiveAlarmStatusWidget(this.alarms), () => this.alarms.length > 0);
    this.dashboard.addWidgets(alarms);

    const routes = new DashboardSection('Routes: internet to load balancer to target groups',
      'Requests and errors per route. Load balancer 5xx (502/503/504) mean no healthy target, a closed connection or a timeout; target 5xx come from the service.');
    this.routeRequests = routes.addGraph(graph('Requests per route', 8));
    this.routeErrors = routes.addGraph(graph('5xx per route', 8));
    this.routeLatency = routes.addGraph(graph('Target response time per route (p95, seconds)', 8));
    if (props.loadBalancer) this.addLoadBalancer(props.loadBalancer);
    this.dashboard.addWidgets(routes);

    const services = new DashboardSection('Services', 'Per-service health: healthy targets, running tasks (Container Insights), CPU and memory.');
    this.healthyTargets = services.addGraph(graph('Healthy targets per route', 6));
    this.runningTasks = services.addGraph(graph('Running tasks per service', 6));
    this.cpu = services.addGraph(graph('CPU utilization per service (%)', 6));
    this.memory = services.addGraph(graph('Memory utilization per service (%)', 6));
    this.dashboard.addWidgets(services);

    const serviceConnect = new DashboardSection('Service Connect: calls between services',
      'Traffic that each Service Connect endpoint receives from its callers (requests for HTTP, HTTP/2 and gRPC endpoints).');
    this.scRequests = serviceConnect.addGraph(graph('Service Connect requests per endpoint', 12));
    this.scConnections = serviceConnect.addGraph(graph('Service Connect active connections per endpoint', 12));
    this.dashboard.addWidgets(serviceConnect);
    if (props.servicesOnly) return;

    const egress = new DashboardSection('Egress: NAT gateways and interface endpoints');
    if (props.natGatewayIds.length > 0) {
      const natBytes = egress.addGraph(graph('NAT traffic to the internet (bytes)', 8));
      const natErrors = egress.addGraph(graph('NAT port allocation errors and dropped packets', 8));
      props.natGatewayIds.forEach((natGatewayId, i) => {
        natBytes.addLeft(natMetric(natGatewayId, 'BytesOutToDestination', `NAT ${i + 1}`));
        natErrors.addLeft(natMetric(natGatewayId, 'ErrorPortAllocation', `NAT ${i + 1} port allocation errors`));
        natErrors.addLeft(natMetric(natGatewayId, 'PacketsDropCount', `NAT ${i + 1} dropped packets`));
      });
    }
    egress.addGraph({
      ...graph('Interface endpoint traffic (bytes)', 8),
      left: [new cloudwatch.MathExpression({
        expression: `SEARCH('{AWS/PrivateLinkEndpoints,"Endpoint Type","Service Name","VPC Endpoint Id","VPC Id"} MetricName="BytesProcessed" "VPC Id"="${props.vpcId}"', 'Sum', 60)`,
        label: "${PROP('Dim.Service Name')}",
        period: METRIC_PERIOD,
      })],
    });
    this.dashboard.addWidgets(egress);

    const flowLogs = new DashboardSection('Flow logs', 'Rejected flows: security groups or network ACLs dropped the traffic. Inside the VPC, a missing declared call.');
    if (props.rejectedFlows) {
      flowLogs.addGraph({ ...graph('Rejected flows (records per 5 minutes)', 12), left: [props.rejectedFlows] });
    }
    if (props.flowLogGroupName && props.rejectedFlowsQuery) {
      flowLogs.addWidget(new cloudwatch.LogQueryWidget({
        title: 'Rejected flows by source and port',
        logGroupNames: [props.flowLogGroupName],
        queryString: props.rejectedFlowsQuery,
        view: cloudwatch.LogQueryVisualizationType.TABLE,
        width: 12,
        height: 6,
      }));
    }
    this.dashboard.addWidgets(flowLogs);
  }

  /**
   * Adds the lines of a load balancer to the route graphs: its own 5xx and its failed connections to
   * targets. `name` tells the network's load balancers apart (none for the first one).
   */
  public addLoadBalancer(loadBalancer: elbv2.IApplicationLoadBalancer, name?: string): void {
    const of = name ? ` (${name})` : '';
    this.routeErrors.addLeft(loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: METRIC_PERIOD, label: `load balancer 5xx${of}` }));
    this.routeErrors.addLeft(loadBalancer.metrics.custom('TargetConnectionErrorCount',
      { period: METRIC_PERIOD, statistic: cloudwatch.Stats.SUM, label: `target connection errors${of}` }));
  }

  /** Adds the lines of a Network Load Balancer to the route graphs: the resets it sent, and failed TLS handshakes. */
  public addNetworkLoadBalancer(loadBalancer: elbv2.INetworkLoadBalancer, name: string): void {
    const metric = (metricName: string, label: string) =>
      loadBalancer.metrics.custom(metricName, { period: METRIC_PERIOD, statistic: cloudwatch.Stats.SUM, label });
    this.routeErrors.addLeft(metric('TCP_ELB_Reset_Count', `TCP resets (${name})`));
    this.routeErrors.addLeft(metric('ClientTLSNegotiationErrorCount', `TLS handshake errors (${name})`));
    this.routeRequests.addLeft(metric('NewFlowCount', `new flows (${name})`));
  }

  /** Adds alarms to the alarm status widget. */
  public addAlarms(...alarms: cloudwatch.IAlarm[]): void {
    this.alarms.push(...alarms);
  }

  /** Adds the lines of a service to the graphs. */
  public addService(service: NetworkService): void {
    const label = service.serviceName;
    // each target group on its own line (the service's metricXxx() would sum both during blue/green)
    const primary = service.targetGroup;
    if (primary) {
      this.routeRequests.addLeft(primary.metrics.requestCount({ period: METRIC_PERIOD, label }));
      this.routeErrors.addLeft(primary.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: METRIC_PERIOD, label: `${label} target 5xx` }));
      this.routeLatency.addLeft(primary.metrics.targetResponseTime({ period: METRIC_PERIOD, label, statistic: 'p95' }));
      this.healthyTargets.addLeft(primary.metrics.healthyHostCount({ period: METRIC_PERIOD, label }));
    }
    // blue/green, canary and linear: ECS alternates production between the two target groups, so both are shown
    const alternate = service.alternateTargetGroup;
    if (alternate) {
      const alt = `${label} (alternate)`;
      this.routeRequests.addLeft(alternate.metrics.requestCount({ period: METRIC_PERIOD, label: alt }));
      this.routeErrors.addLeft(alternate.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: METRIC_PERIOD, label: `${alt} target 5xx` }));
      this.routeLatency.addLeft(alternate.metrics.targetResponseTime({ period: METRIC_PERIOD, label: alt, statistic: 'p95' }));
      this.healthyTargets.addLeft(alternate.metrics.healthyHostCount({ period: METRIC_PERIOD, label: alt }));
    }
    this.runningTasks.addLeft(service.metricRunningTaskCount({ label }));
    this.cpu.addLeft(service.metricCpuUtilization({ label }));
    this.memory.addLeft(service.metricMemoryUtilization({ label }));
  }

  /** Adds the lines of a Service Connect endpoint. */
  public addServiceConnectEndpoint(service: NetworkService): void {
    const label = service.discoveryName;
    this.scRequests.addLeft(service.metricServiceConnectRequestCount({ label }));
    this.scConnections.addLeft(service.metricServiceConnectActiveConnectionCount({ label }));
  }
}

function graph(title: string, width: number): cloudwatch.GraphWidgetProps {
  return { title, width, height: 6, left: [] };
}

/** A metric of a NAT gateway (AWS/NATGateway), summed per minute. */
export function natMetric(natGatewayId: string, metricName: string, label?: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/NATGateway',
    metricName,
    dimensionsMap: { NatGatewayId: natGatewayId },
    statistic: cloudwatch.Stats.SUM,
    period: METRIC_PERIOD,
    label,
  });
}

/** An alarm status widget that lists the alarms known when the dashboard renders. */
class LiveAlarmStatusWidget extends cloudwatch.ConcreteWidget {
  constructor(private readonly alarms: cloudwatch.IAlarm[]) {
    super(cloudwatch.GRID_WIDTH, 6);
  }

  public toJson(): any[] {
    const widget = new cloudwatch.AlarmStatusWidget({
      title: 'Alarm status',
      alarms: this.alarms.slice(0, MAX_ALARMS_IN_WIDGET),
      sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
      width: this.width,
      height: this.height,
    });
    widget.position(this.x ?? 0, this.y ?? 0);
    return widget.toJson();
  }
}
