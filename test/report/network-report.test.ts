import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { buildExampleNetwork } from '../../example/architecture';
import { Discovery, Egress, ReachabilityKind } from '../../src';
import { IMAGE, newNetwork } from '../helpers/network';

const pairs = (entries: { kind: ReachabilityKind; source: string; destination: string }[], kind: ReachabilityKind) =>
  entries.filter(e => e.kind === kind).map(e => `${e.source}->${e.destination}`);

describe('report of the example network', () => {
  const app = new App();
  const stack = new Stack(app, 'Example');
  // without its alarms and dashboard, whose count is the monitoring's business (see the test below)
  const network = buildExampleNetwork(stack, 'Network', { monitoring: { enabled: false } });
  const report = network.report();

  test('the matrix holds the declared call api -> orders, and no undeclared call', () => {
    expect(pairs(report.reachability, ReachabilityKind.CALL)).toEqual(['api->orders']);
    expect(pairs(report.reachability, ReachabilityKind.CALL)).not.toContain('web->orders');
    expect(report.reachability.find(e => e.kind === ReachabilityKind.CALL)).toEqual({
      kind: ReachabilityKind.CALL, source: 'api', destination: 'orders', port: 'TCP 8080', detail: 'Service Connect orders:8080', encrypted: false,
    });
  });

  test('internet -> load balancer -> routed services, on their paths and ports', () => {
    expect(report.reachability.filter(e => e.kind === ReachabilityKind.INGRESS)).toEqual([
      { kind: ReachabilityKind.INGRESS, source: 'internet', destination: 'load balancer', port: 'TCP 80', detail: 'HTTP listener', encrypted: false },
    ]);
    expect(report.reachability.filter(e => e.kind === ReachabilityKind.ROUTE).map(e => [e.destination, e.port, e.detail])).toEqual([
      ['web', 'TCP 8080', 'HTTP paths /* (default action)'],
      ['api', 'TCP 8080', `HTTP paths /api/* (rule priority ${network.findService('api')!.priority})`],
    ]);
    // orders is reachable from api only, not from the load balancer
    expect(pairs(report.reachability, ReachabilityKind.ROUTE)).not.toContain('load balancer->orders');
    expect(report.unreachableServices).toEqual([]);
  });

  test('tasks -> S3 gateway and NAT; subnets and AZs', () => {
    expect(pairs(report.reachability, ReachabilityKind.ENDPOINT)).toEqual(['all tasks->s3 (gateway)']);
    // least-privilege egress: each service sends HTTPS through NAT, and nothing else it did not declare
    expect(report.reachability.filter(e => e.kind === ReachabilityKind.EGRESS).map(e => [e.source, e.destination, e.port, e.detail])).toEqual(
      ['web', 'orders', 'api'].map(s => [s, 'internet', 'TCP 443', 'through one NAT gateway per Availability Zone']));
    expect(report.availabilityZones).toEqual(['AZ 1', 'AZ 2']);
    expect(report.subnets.map(s => [s.subnetType, s.availabilityZone, s.cidrBlock, s.purpose])).toEqual([
      ['public', 'AZ 1', '10.0.0.0/24', 'load balancer, NAT'],
      ['public', 'AZ 2', '10.0.1.0/24', 'load balancer, NAT'],
      ['private', 'AZ 1', '10.0.16.0/20', 'tasks'],
      ['private', 'AZ 2', '10.0.32.0/20', 'tasks'],
    ]);
  });

  test('cost figures: the example costs 184.65 USD a month at the default assumptions', () => {
    expect(report.cost.networkMonthlyUsd).toBe(111.07);
    expect(report.cost.tasksMonthlyUsd).toBe(73.58);
    expect(report.cost.totalMonthlyUsd).toBe(184.65);
    expect(report.cost.egressChoices).toHaveLength(7);
    // auto scaling does not change the estimate: it is made at the desired count
    expect(report.cost.lines.find(l => l.item.startsWith('service api'))!.quantity).toMatch(/^2 tasks x 730 h/);
  });

  test('Markdown: Mermaid diagram, matrix, cost table; JSON: the same data', () => {
    expect(report.markdown).toContain('```mermaid\nflowchart LR');
    expect(report.markdown).toContain('svc_api -->|"8080"| svc_orders');
    expect(report.markdown).not.toContain('svc_web -->');
    expect(report.markdown).toContain('| call | api | orders | TCP 8080 | no | Service Connect orders:8080 |');
    expect(report.markdown).toContain('|  | **total** |  | **184.65** |');
    expect(report.markdown).toContain('| **one NAT gateway per Availability Zone (this network)** |');
    const json = JSON.parse(report.json);
    expect(json.cost.totalMonthlyUsd).toBe(184.65);
    expect(json.reachability).toEqual(report.reachability);
    expect(json.markdown).toBeUndefined();
  });

  test('synthesis writes the report into the cloud assembly', () => {
    const assembly = app.synth();
    const md = fs.readFileSync(path.join(assembly.directory, 'Example-Network-network-report.md'), 'utf8');
    const json = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'Example-Network-network-report.json'), 'utf8'));
    expect(md).toBe(network.report().markdown);
    expect(md).toContain('**184.65**');
    expect(json.networkPath).toBe('Example/Network');
    expect(json.cost.networkMonthlyUsd).toBe(111.07);
  });
});

describe('report options and other shapes', () => {
  test('the alarms and dashboards of the monitoring are counted in the network overhead', () => {
    const network = buildExampleNetwork(new Stack(), 'Network');
    const alarms = network.node.findAll().filter(c => c instanceof cloudwatch.Alarm).length;
    const cost = network.report().cost;
    expect(alarms).toBeGreaterThan(0);
    const monitoring = cost.lines.filter(l => l.item.startsWith('CloudWatch'));
    expect(monitoring.map(l => l.quantity)).toEqual([`${alarms} x $0.1`, '1 x $3']);
    // plus a second KMS key ($1): the alarm topic's
    expect(cost.networkMonthlyUsd).toBeCloseTo(112.07 + alarms * 0.1 + 3, 2);
  });

  test('`report.writeToAssembly: false` writes nothing; `report.costAssumptions` feed the synth-time estimate', () => {
    const off = newNetwork({ report: { writeToAssembly: false } });
    const dir = (off.stack.node.root as App).synth().directory;
    expect(fs.readdirSync(dir).filter(f => f.includes('network-report'))).toEqual([]);

    const on = newNetwork({ report: { costAssumptions: { egressGbPerMonth: 1000 } } });
    const json = JSON.parse(fs.readFileSync(path.join((on.stack.node.root as App).synth().directory, 'Stack-Network-network-report.json'), 'utf8'));
    expect(json.cost.lines.find((l: any) => l.item === 'NAT gateway data processed').monthlyUsd).toBe(45);
    // an explicit argument wins over the props
    expect(on.network.report({ egressGbPerMonth: 0 }).cost.lines.find(l => l.item === 'NAT gateway data processed')!.monthlyUsd).toBe(0);
  });

  test('HTTPS, endpoints only, host routing, Cloud Map and a worker', () => {
    const { stack, network } = newNetwork({
      egress: Egress.endpointsOnly(),
      loadBalancer: { certificate: acm.Certificate.fromCertificateArn(new Stack(), 'C', 'arn:aws:acm:us-east-1:111111111111:certificate/x') },
    });
    const image = ecs.ContainerImage.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Repo', 'app'));
    network.addService('shop', { image, containerPort: 80, routing: { hostHeaders: ['shop.example.com'], pathPatterns: ['/*'] } });
    network.addService('stock', { image, containerPort: 81, discovery: Discovery.cloudMap() });
    network.addService('worker', { image, connectsTo: ['stock'] });
    const report = network.report();
    expect(report.reachability.filter(e => e.kind === ReachabilityKind.INGRESS).map(e => [e.port, e.detail])).toEqual([
      ['TCP 443', 'HTTPS listener'], ['TCP 80', 'HTTP listener, redirects to HTTPS'],
    ]);
    expect(report.reachability.find(e => e.kind === ReachabilityKind.ROUTE)!.detail).toMatch(/^HTTPS hosts shop.example.com; paths \/\* \(rule priority \d+\)$/);
    expect(report.reachability.find(e => e.kind === ReachabilityKind.CALL)).toMatchObject({
      source: 'worker', destination: 'stock', port: 'TCP 81', detail: 'Cloud Map DNS stock.network.internal',
    });
    expect(pairs(report.reachability, ReachabilityKind.ENDPOINT)).toEqual([
      'all tasks->s3 (gateway)', 'all tasks->ecr.api', 'all tasks->ecr.dkr', 'all tasks->logs',
    ]);
    // no NAT: HTTPS reaches AWS services only (the S3 gateway and the endpoints)
    expect(report.reachability.filter(e => e.kind === ReachabilityKind.EGRESS).map(e => [e.source, e.destination])).toEqual(
      [['shop', 'AWS services'], ['stock', 'AWS services'], ['worker', 'AWS services']]);
    expect(report.unreachableServices).toEqual(['worker']);
    expect(report.egress).toBe('no NAT, VPC endpoints only');
    expect(report.cost.egressChoices.find(c => c.current)!.description).toBe('no NAT, VPC endpoints only');
  });

  test('an internal load balancer admits the VPC range', () => {
    const { network } = newNetwork({ loadBalancer: { internetFacing: false } });
    network.addService('api', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'] } });
    const report = network.report();
    expect(report.reachability[0]).toMatchObject({ source: '10.0.0.0/16', destination: 'load balancer', port: 'TCP 80' });
    expect(report.subnets.filter(s => s.subnetType === 'private').map(s => s.purpose)).toEqual(['tasks, load balancer', 'tasks, load balancer']);
    expect(report.cost.lines.map(l => l.item)).not.toContain('load balancer public IPv4 addresses (one per AZ at least)');
  });

  test('the report lists the capabilities\' rows by part of the matrix: load balancers, Network Load Balancers, calls, endpoints, egress', () => {
    // the capability list calls endpoints, segmentation and discovery before ingress and the Network Load Balancers
    const { network } = newNetwork({
      endpoints: { additionalServices: [ec2.InterfaceVpcEndpointAwsService.SSM] },
      networkLoadBalancers: [{ name: 'edge' }],
    });
    network.addService('api', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] }, connectsTo: ['orders'] });
    network.addService('orders', { image: IMAGE, containerPort: 8080, networkListeners: [{ loadBalancer: 'edge', port: 9000 }] });
    expect(network.report().reachability.map(e => `${e.kind} ${e.source} -> ${e.destination}`)).toEqual([
      'ingress internet -> load balancer',
      'route load balancer -> api',
      'ingress internet -> network load balancer edge',
      'route network load balancer edge -> orders',
      'call api -> orders',
      'endpoint all tasks -> s3 (gateway)',
      'endpoint all tasks -> ssm',
      'egress api -> internet',
      'egress orders -> internet',
    ]);
  });
});
