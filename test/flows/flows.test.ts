import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EcsAdvancedNetwork, IpStack, NetworkReport, ReachabilityKind } from '../../src';
import { IMAGE, newNetwork } from '../helpers/network';

const ECR_IMAGE = ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1');
const S3_LAYERS = { prefixListId: 'pl-63a5400a', port: 443 };

/** The egress edges of the report's diagram: `from`, label, `to`. */
const diagramEgress = (r: NetworkReport) => r.markdown.split('\n').map(l => /^ {2}(\S+) (?:==>|-->)\|"(?:TLS )?([^"]*)"\| (internet|egress\d+)$/.exec(l))
  .filter((m): m is RegExpExecArray => m !== null).map(m => [m[1], m[2], m[3]]);

describe('the report\'s table and diagram come from the same flows', () => {
  let report: NetworkReport;
  beforeAll(() => {
    // dual-stack, an internal load balancer, a routed service with a declared destination, and a worker
    const { network } = newNetwork({ ipStack: IpStack.dualStack(), loadBalancer: { internetFacing: false } });
    network.addService('api', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] }, egressTo: [{ cidr: '10.20.0.0/16', port: 5432 }] });
    network.addService('worker', { image: IMAGE });
    report = network.report();
  });

  test('the internal load balancer\'s IPv6 clients are the VPC\'s IPv6 range, in the table, the JSON and the diagram', () => {
    const ingress = report.reachability.filter(e => e.kind === ReachabilityKind.INGRESS).map(e => e.source);
    expect(ingress).toEqual([expect.any(String), 'the VPC IPv6 CIDR']);
    expect(report.json).not.toContain('[object Object]');
    expect(report.markdown).not.toContain('[object Object]');
    expect(report.markdown).toContain('client1(("the VPC IPv6 CIDR"))');
  });

  test('the diagram draws the egress the table lists: HTTPS from every task, the declared destination from its service', () => {
    expect(report.reachability.filter(e => e.kind === ReachabilityKind.EGRESS).map(e => [e.source, e.destination, e.port])).toEqual([
      ['api', 'internet', 'TCP 443'],
      ['api', 'internet (IPv6)', 'TCP 443'],
      ['api', '10.20.0.0/16', 'TCP 5432'],
      ['worker', 'internet', 'TCP 443'],
      ['worker', 'internet (IPv6)', 'TCP 443'],
    ]);
    expect(diagramEgress(report)).toEqual([
      ['tasks', 'TCP 443', 'internet'],
      ['tasks', 'TCP 443', 'egress1'],
      ['svc_api', 'TCP 5432', 'egress2'],
    ]);
    expect(report.markdown).toContain('tasks ==>|"TLS TCP 443"| internet');
    expect(report.markdown).toContain('egress2[("10.20.0.0/16: declared destination")]');
    expect(report.markdown).not.toContain('all ports');
  });
});

describe('a flow a task needs and no path carries is a synth error', () => {
  let network: EcsAdvancedNetwork;
  beforeAll(() => {
    network = newNetwork({ loadBalancer: { enabled: false } }).network;
    // NAT, but no HTTPS out and no interface endpoints: no image, no logs
    network.addService('worker', { image: IMAGE, httpsEgress: false });
    // HTTPS off too, but ECR through endpoints would need the endpoints and S3
    network.addService('batch', { image: ECR_IMAGE, httpsEgress: false });
    network.addService('api', { image: IMAGE });
  });

  test('each service without a path names both ends of each flow it needs, and the fixes', () => {
    expect(network.node.validate()).toEqual([
      '`worker` needs flows that no path carries: worker -> the internet (public.ecr.aws) TCP 443 (to pull its image), worker -> logs TCP 443 (to ship its logs). ' +
      'No VPC endpoint serves them, and no egress rule of the service reaches the internet on that port, so its tasks would never start, ' +
      'got: ["the internet (public.ecr.aws)", "logs"]. Push the image to Amazon ECR in the stack\'s region, whose endpoints carry the pull; ' +
      'give the network `endpoints.fargateEndpoints: true` (ecr.api, ecr.dkr and logs); or turn the service\'s HTTPS egress back on (`httpsEgress`).',
      expect.stringMatching(/^`batch` needs flows that no path carries: batch -> ecr.api TCP 443 \(to pull its image\), batch -> ecr.dkr TCP 443 \(to pull its image\), batch -> S3 TCP 443 \(image layers\), batch -> logs TCP 443/),
    ]);
  });

  test('the endpoints and S3\'s prefix list carry them', () => {
    const { network: ok } = newNetwork({ loadBalancer: { enabled: false }, endpoints: { fargateEndpoints: true } });
    ok.addService('batch', { image: ECR_IMAGE, httpsEgress: false, egressTo: [S3_LAYERS] });
    expect(ok.node.validate()).toEqual([]);
  });
});
