import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { dashboardBody, monitoredNetwork, widgetTitles } from './fixtures';
import { Egress } from '../../src';
import { IMAGE, logicalId, newNetwork } from '../helpers/network';

const metricsOf = (body: any, title: string): any[] => body.widgets.find((w: any) => w.properties.title === title).properties.metrics;
const labels = (metrics: any[]): string[] => metrics.map(m => m[m.length - 1].label);

describe('dashboard', () => {
  test('shows the network path top to bottom, section by section', () => {
    const { network, template } = monitoredNetwork();
    expect(network.monitoring!.dashboard).toBeDefined();
    expect(widgetTitles(dashboardBody(template()))).toEqual([
      '# ecs-advanced-network Network',
      '## Alarms',
      'Alarm status',
      '## Routes: internet to load balancer to target groups',
      'Requests per route',
      '5xx per route',
      'Target response time per route (p95, seconds)',
      '## Services',
      'Healthy targets per route',
      'Running tasks per service',
      'CPU utilization per service (%)',
      'Memory utilization per service (%)',
      '## Service Connect: calls between services',
      'Service Connect requests per endpoint',
      'Service Connect active connections per endpoint',
      '## Egress: NAT gateways and interface endpoints',
      'NAT traffic to the internet (bytes)',
      'NAT port allocation errors and dropped packets',
      'Interface endpoint traffic (bytes)',
      '## Flow logs',
      'Rejected flows (records per 5 minutes)',
      'Rejected flows by source and port',
    ]);
  });

  test('widgets are laid out on the 24-column grid without overlapping', () => {
    const body = dashboardBody(monitoredNetwork().template());
    const cells = new Set<string>();
    for (const w of body.widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      for (let x = w.x; x < w.x + w.width; x++) {
        for (let y = w.y; y < w.y + w.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  test('one line per route, per service and per Service Connect endpoint, including services added later', () => {
    const { network, template } = monitoredNetwork();
    network.addService('api', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'] } });
    const body = dashboardBody(template());
    expect(labels(metricsOf(body, 'Requests per route'))).toEqual(['web', 'api']);
    expect(labels(metricsOf(body, '5xx per route'))).toEqual(['load balancer 5xx', 'target connection errors', 'web target 5xx', 'api target 5xx']);
    expect(labels(metricsOf(body, 'Healthy targets per route'))).toEqual(['web', 'api']);
    expect(labels(metricsOf(body, 'Running tasks per service'))).toEqual(['web', 'orders', 'worker', 'api']);
    expect(labels(metricsOf(body, 'CPU utilization per service (%)'))).toEqual(['web', 'orders', 'worker', 'api']);
    expect(labels(metricsOf(body, 'Memory utilization per service (%)'))).toEqual(['web', 'orders', 'worker', 'api']);
    expect(labels(metricsOf(body, 'Service Connect requests per endpoint'))).toEqual(['web', 'orders', 'api']);
    expect(metricsOf(body, 'Running tasks per service')[0].slice(0, 2)).toEqual(['ECS/ContainerInsights', 'RunningTaskCount']);
    expect(metricsOf(body, 'Service Connect requests per endpoint')[1].slice(0, 6))
      .toEqual(['AWS/ECS', 'RequestCount', 'ClusterName', `<ref:${logicalId(network.cluster)}>`, 'DiscoveryName', 'orders']);
  });

  test('the alarm status widget lists every alarm, including those of services added later', () => {
    const { network, template } = monitoredNetwork();
    network.addService('late', { image: IMAGE });
    const body = dashboardBody(template());
    const widget = body.widgets.find((w: any) => w.type === 'alarm');
    expect(widget.properties.alarms).toHaveLength(network.monitoring!.alarms.length);
    expect(widget.properties.alarms).toContain(`<ref:${logicalId(network.monitoring!.serviceAlarms.late.runningTasks)}.Arn>`);
  });

  test('NAT traffic shows BytesOutToDestination of each NAT gateway', () => {
    const body = dashboardBody(monitoredNetwork().template());
    const nat = metricsOf(body, 'NAT traffic to the internet (bytes)');
    expect(nat.map(m => m.slice(0, 3))).toEqual([
      ['AWS/NATGateway', 'BytesOutToDestination', 'NatGatewayId'],
      ['AWS/NATGateway', 'BytesOutToDestination', 'NatGatewayId'],
    ]);
  });

  test('interface endpoint traffic searches the PrivateLink metrics of the VPC', () => {
    const { network, template } = monitoredNetwork();
    const [search] = metricsOf(dashboardBody(template()), 'Interface endpoint traffic (bytes)');
    expect(search[0].expression).toBe(
      `SEARCH('{AWS/PrivateLinkEndpoints,"Endpoint Type","Service Name","VPC Endpoint Id","VPC Id"} MetricName="BytesProcessed" "VPC Id"="<ref:${logicalId(network.vpc)}>"', 'Sum', 60)`);
  });

  test('the flow-log section graphs rejected flows and queries them by source and port', () => {
    const { network, template } = monitoredNetwork();
    const body = dashboardBody(template());
    const log = body.widgets.find((w: any) => w.type === 'log');
    expect(log.properties.title).toBe('Rejected flows by source and port');
    expect(log.properties.query).toContain(`SOURCE '<ref:${logicalId(network.flowLogGroup!)}>'`);
    expect(log.properties.query).toContain('| filter action = "REJECT"');
    expect(labels(metricsOf(body, 'Rejected flows (records per 5 minutes)'))).toEqual(['rejected flows']);
  });

  test('sections without content are left out: no load balancer, no NAT, no Service Connect server', () => {
    const { network, stack } = newNetwork({ loadBalancer: { enabled: false }, egress: Egress.endpointsOnly(), flowLogs: { enabled: false } });
    network.addService('worker', { image: ecrImage(stack) });
    const titles = widgetTitles(dashboardBody(Template.fromStack(stack)));
    expect(titles).toEqual([
      '# ecs-advanced-network Network',
      '## Alarms',
      'Alarm status',
      '## Services',
      'Running tasks per service',
      'CPU utilization per service (%)',
      'Memory utilization per service (%)',
      '## Egress: NAT gateways and interface endpoints',
      'Interface endpoint traffic (bytes)',
    ]);
  });

  test('is not created with `dashboard: false`; the alarms still are', () => {
    const { network, template } = monitoredNetwork({ monitoring: { dashboard: false } });
    template().resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    expect(network.monitoring!.dashboard).toBeUndefined();
    expect(network.monitoring!.alarms.length).toBeGreaterThan(0);
  });
});

/** An image from ECR, which tasks without NAT can pull. */
function ecrImage(stack: Stack): ecs.ContainerImage {
  return ecs.ContainerImage.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Repo', 'worker'));
}
