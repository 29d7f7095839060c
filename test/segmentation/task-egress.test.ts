import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Egress, EcsAdvancedNetwork, IpStack, ReachabilityKind, TaskEgress } from '../../src';
import { IMAGE, egressRulesOf, groupIdOf, newNetwork, propsOf } from '../helpers/network';

/** An image in ECR, and the S3 prefix list its layers come through (a task without HTTPS egress needs both). */
const ECR_IMAGE = ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1');
const S3_LAYERS = { prefixListId: 'pl-63a5400a', port: 443, description: 'S3 (image layers) through the gateway endpoint' };

/** The inline egress rules of a group, without the placeholder that a group without outbound rules gets. */
const inlineEgress = (t: Template, sg: ec2.ISecurityGroup) =>
  (propsOf(t, sg).SecurityGroupEgress ?? []).filter((r: any) => r.Description !== 'Disallow all traffic');

describe('least-privilege egress (the default)', () => {
  function example() {
    const { stack, network } = newNetwork({ endpoints: { fargateEndpoints: true } });
    const orders = network.addService('orders', { image: IMAGE, containerPort: 9090 });
    const api = network.addService('api', {
      image: IMAGE,
      containerPort: 8080,
      connectsTo: ['orders'],
      egressTo: [{ cidr: '10.20.0.0/16', port: 5432, description: 'orders database over peering' }, { cidr: '203.0.113.0/24', port: 8443, toPort: 8444 }],
    });
    // no HTTPS out: its image comes from ECR through the endpoints, its layers from S3 through the gateway
    const worker = network.addService('worker', { image: ECR_IMAGE, httpsEgress: false, egressTo: [S3_LAYERS] });
    return { stack, network, api, orders, worker, t: Template.fromStack(stack) };
  }

  test('a service sends HTTPS to any address, to its declared destinations and callees, and nothing else', () => {
    const { api, orders, t } = example();
    expect(propsOf(t, api.securityGroup).SecurityGroupEgress.filter((r: any) => r.IpProtocol === '-1')).toEqual([]);
    expect(inlineEgress(t, api.securityGroup).map((r: any) => [r.CidrIp, r.IpProtocol, r.FromPort, r.ToPort]).sort()).toEqual([
      ['0.0.0.0/0', 'tcp', 443, 443],
      ['10.20.0.0/16', 'tcp', 5432, 5432],
      ['203.0.113.0/24', 'tcp', 8443, 8444],
    ]);
    expect(egressRulesOf(t, api.securityGroup)).toEqual([
      expect.objectContaining({ DestinationSecurityGroupId: groupIdOf(orders.securityGroup), FromPort: 9090, ToPort: 9090 }),
    ]);
  });

  test('a service with httpsEgress false has no outbound rule but its declared one; tasks reach the endpoints through the clients group', () => {
    const { network, worker, t } = example();
    expect(inlineEgress(t, worker.securityGroup)).toEqual([]);
    expect(egressRulesOf(t, worker.securityGroup)).toEqual([
      expect.objectContaining({ DestinationPrefixListId: S3_LAYERS.prefixListId, FromPort: 443 }),
    ]);
    expect(egressRulesOf(t, network.endpoints.clients)).toEqual([
      expect.objectContaining({ DestinationSecurityGroupId: groupIdOf(network.endpoints.securityGroup), FromPort: 443, ToPort: 443 }),
    ]);
  });

  test('the report bounds egress per service', () => {
    const { network } = example();
    const egress = network.report().reachability.filter(r => r.kind === ReachabilityKind.EGRESS).map(r => [r.source, r.destination, r.port]);
    expect(egress).toEqual([
      ['orders', 'internet', 'TCP 443'],
      ['api', 'internet', 'TCP 443'],
      ['api', '10.20.0.0/16', 'TCP 5432'],
      ['api', '203.0.113.0/24', 'TCP 8443-8444'],
      ['worker', S3_LAYERS.prefixListId, 'TCP 443'],
    ]);
  });

  test('a call across stacks opens the caller\'s egress too', () => {
    const { stack, network } = newNetwork();
    network.addService('orders', { image: IMAGE, containerPort: 9090 });
    network.addService('api', { image: IMAGE, connectsTo: ['orders'], nestedStack: 1 });
    const calls = network.node.findChild('CallsToNetworkStack') as any;
    const t = Template.fromStack(calls);
    t.resourceCountIs('AWS::EC2::SecurityGroupIngress', 1);
    t.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { FromPort: 9090, ToPort: 9090, IpProtocol: 'tcp', Description: 'From api to orders: declared call' });
    expect(stack).toBeDefined();
  });

  test('without NAT, HTTPS reaches AWS services only, and the report says so', () => {
    const image = { image: IMAGE };
    const stack = new Stack(new App(), 'Stack');
    const network = new EcsAdvancedNetwork(stack, 'Network', { egress: Egress.endpointsOnly(), loadBalancer: { internetFacing: false } });
    expect(() => network.addService('web', image)).toThrow(/must come from Amazon ECR/);
    const repo = { image: ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1') };
    network.addService('api', repo);
    const egress = network.report().reachability.filter(r => r.kind === ReachabilityKind.EGRESS);
    expect(egress).toEqual([expect.objectContaining({ source: 'api', destination: 'AWS services', port: 'TCP 443', detail: 'no NAT route: AWS services only' })]);
  });
});

describe('TaskEgress.allowAll()', () => {
  test('keeps the aws-cdk-lib default: every task may send anything, and the report says so', () => {
    const { stack, network } = newNetwork({ taskEgress: TaskEgress.allowAll() });
    const svc = network.addService('web', { image: IMAGE });
    expect(propsOf(Template.fromStack(stack), svc.securityGroup).SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }),
    ]);
    expect(network.report().reachability.filter(r => r.kind === ReachabilityKind.EGRESS).map(r => [r.source, r.destination, r.port]))
      .toEqual([['all tasks', 'internet', 'all']]);
  });

  test('httpsEgress false cannot narrow it', () => {
    const { network } = newNetwork({ taskEgress: TaskEgress.allowAll() });
    expect(() => network.addService('web', { image: IMAGE, httpsEgress: false })).toThrow(
      '`web.httpsEgress` cannot be false while `taskEgress` is `TaskEgress.allowAll()`, got: false. Choose `TaskEgress.leastPrivilege()` for the network, or remove `httpsEgress`.');
  });

  test('TaskEgress.leastPrivilege({ https: false }) turns HTTPS off for every service', () => {
    const { stack, network } = newNetwork({ taskEgress: TaskEgress.leastPrivilege({ https: false }), endpoints: { fargateEndpoints: true } });
    const svc = network.addService('web', { image: ECR_IMAGE, egressTo: [S3_LAYERS] });
    const on = network.addService('api', { image: IMAGE, httpsEgress: true });
    const t = Template.fromStack(stack);
    expect(inlineEgress(t, svc.securityGroup)).toEqual([]);
    expect(inlineEgress(t, on.securityGroup)).toEqual([expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443 })]);
  });
});

describe('egressTo: bad input', () => {
  const add = (egressTo: any[], props = {}) => () => newNetwork(props).network.addService('api', { image: IMAGE, egressTo });

  test.each([
    [[{ port: 443 }], '`api.egressTo[0]` needs exactly one of `cidr` and `prefixListId`, got: undefined. Give the CIDR block or the prefix list of the destination.'],
    [[{ cidr: '10.0.0.0/8', prefixListId: 'pl-12345678', port: 443 }], '`api.egressTo[0]` needs exactly one of `cidr` and `prefixListId`, got: "10.0.0.0/8".'],
    [[{ cidr: '10.0.0.300/8', port: 443 }], '`api.egressTo[0].cidr` must be an IPv4 CIDR block, got: "10.0.0.300/8". Use for example `203.0.113.0/24` or `198.51.100.7/32`.'],
    [[{ cidr: 'example.com', port: 443 }], '`api.egressTo[0].cidr` must be an IPv4 CIDR block, got: "example.com".'],
    [[{ prefixListId: 's3', port: 443 }], '`api.egressTo[0].prefixListId` must be a prefix list ID (`pl-` and 8 or 17 lower-case hexadecimal characters), got: "s3". ' +
      'Use for example `pl-0123456789abcdef0`.'],
    [[{ cidr: '10.0.0.0/8', port: 0 }], '`api.egressTo[0].port` must be an integer from 1 to 65535, got: 0.'],
    [[{ cidr: '10.0.0.0/8', port: 9000, toPort: 8000 }], '`api.egressTo[0].toPort` must be an integer from 9000 to 65535, got: 8000. Give a `toPort` at or above `port`, or leave it out for one port.'],
    [[{ cidr: '10.0.0.0/8', port: 53, protocol: ec2.Protocol.ICMP }], '`api.egressTo[0].protocol` must be TCP or UDP, got: "icmp".'],
    // EC2 API Reference, IpRange / PrefixListId: a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (no `&` to a prefix list), 255 at most
    [[{ cidr: '10.0.0.0/8', port: 443, description: "orders' database" }], '`api.egressTo[0].description` must hold only the characters EC2 accepts in a ' +
      'security group rule description (letters a-z and A-Z, digits, spaces and `._-:/()#,@[]+=&;{}!$*`), not `\'`, got: "orders\' database". ' +
      'Rewrite it without those characters (no apostrophes, quotes or accented letters).'],
    [[{ cidr: '10.0.0.0/8', port: 443, description: 'Bücher' }], '`api.egressTo[0].description` must hold only the characters EC2 accepts in a ' +
      'security group rule description (letters a-z and A-Z, digits, spaces and `._-:/()#,@[]+=&;{}!$*`), not `ü`, got: "Bücher".'],
    [[{ prefixListId: 'pl-12345678', port: 443, description: 'S3 & DynamoDB' }], '`api.egressTo[0].description` must hold only the characters EC2 accepts in a ' +
      'security group rule description (letters a-z and A-Z, digits, spaces and `._-:/()#,@[]+=;{}!$*`), not `&`, got: "S3 & DynamoDB".'],
    [[{ cidr: '10.0.0.0/8', port: 443, description: 'x'.repeat(256) }], '`api.egressTo[0].description` must have at most 255 characters ' +
      '(EC2\'s limit for a security group rule description), got: "256 characters". Shorten it.'],
  ])('%j', (egressTo, message) => {
    expect(add(egressTo)).toThrow(message);
  });

  test('an internet destination without a NAT route', () => {
    const stack = new Stack(new App(), 'Stack');
    const network = new EcsAdvancedNetwork(stack, 'Network', { egress: Egress.endpointsOnly(), loadBalancer: { internetFacing: false } });
    const image = ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1');
    expect(() => network.addService('api', { image, egressTo: [{ cidr: '203.0.113.0/24', port: 443 }] })).toThrow(
      '`api.egressTo[0].cidr` is an internet address range, but the tasks have no NAT route to reach it, got: "203.0.113.0/24". ' +
      'Choose an egress with NAT, or a private destination (reached through the VPC, peering, a transit gateway or a VPN).');
    expect(() => network.addService('db-client', { image, egressTo: [{ cidr: '172.20.0.0/16', port: 5432 }] })).not.toThrow();
  });

  test('an IPv4 destination of IPv6-only tasks: a rule for an address family the tasks do not have', () => {
    const { network } = newNetwork({ ipStack: IpStack.ipv6OnlyTasks(), egress: Egress.endpointsOnly() });
    const image = ecs.ContainerImage.fromRegistry('123456789012.dkr-ecr.us-east-1.on.aws/web:1.0');
    expect(() => network.addService('api', { image, egressTo: [{ cidr: '10.20.0.0/16', port: 5432 }] })).toThrow(
      '`api.egressTo[0].cidr` is an IPv4 range, but the tasks are IPv6-only (`IpStack.ipv6OnlyTasks()`): they have no IPv4 address, so the rule would never ' +
      'match (through NAT64 they reach an IPv4 host at its IPv6 address in `64:ff9b::/96`), got: "10.20.0.0/16". Use `ipStack: IpStack.dualStack()` for tasks ' +
      'that reach IPv4 destinations, or give a managed prefix list of the destination\'s IPv6 ranges (`prefixListId`).');
    expect(() => network.addService('db-client', { image, egressTo: [{ prefixListId: 'pl-0123456789abcdef0', port: 5432 }] })).not.toThrow();
  });

  test('a description of every character EC2 accepts, and 255 of them, passes', () => {
    const description = 'a-z A-Z 0-9 ._-:/()#,@[]+=&;{}!$*';
    expect(add([{ cidr: '10.0.0.0/8', port: 443, description }, { cidr: '10.1.0.0/16', port: 443, description: 'x'.repeat(255) }])).not.toThrow();
  });

  test('a string where TaskEgress is expected', () => {
    expect(() => newNetwork({ taskEgress: 'none' as any })).toThrow('`taskEgress` must be made by a factory of `TaskEgress`, got: "none".');
  });
});
