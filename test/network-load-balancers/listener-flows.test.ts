import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { IConstruct } from 'constructs';
import { EcsAdvancedNetwork, IngressAccess, NetworkListenerOptions, ReachabilityKind } from '../../src';
import { IMAGE, logicalId, newNetwork, propsOf } from '../helpers/network';

const PARTNER = '203.0.113.0/24';

/** The inline ingress rules of a security group the network owns. */
function ingressRulesOf(template: Template, sg: IConstruct): any[] {
  return propsOf(template, sg).SecurityGroupIngress ?? [];
}

/** The inbound entries of a network ACL, as `protocol/port from cidr`. */
function aclEntries(template: Template, network: EcsAdvancedNetwork, tier: 0 | 1): string[] {
  const acl = logicalId(network.networkAcls[tier]);
  return Object.values(template.toJSON().Resources as Record<string, any>)
    .filter(r => r.Type === 'AWS::EC2::NetworkAclEntry' && r.Properties.NetworkAclId.Ref === acl && !r.Properties.Egress && r.Properties.PortRange)
    .map(r => `${r.Properties.Protocol}/${r.Properties.PortRange.From} from ${r.Properties.CidrBlock ?? r.Properties.Ipv6CidrBlock}`);
}

describe('a Network Load Balancer listener\'s flows: its security group, the network ACLs and the report follow from the same flows', () => {
  const cases: { name: string; listener: Partial<NetworkListenerOptions>; transports: number[]; preserved: boolean }[] = [
    { name: 'TCP', listener: {}, transports: [6], preserved: false },
    { name: 'TCP, client address preserved', listener: { preserveClientIp: true }, transports: [6], preserved: true },
    { name: 'UDP', listener: { protocol: elbv2.Protocol.UDP, healthCheck: { port: 8081 } }, transports: [17], preserved: true },
    { name: 'TCP_UDP', listener: { protocol: elbv2.Protocol.TCP_UDP }, transports: [6, 17], preserved: true },
  ];

  test.each(cases)('$name, internet-facing with a partner range', ({ listener, transports, preserved }) => {
    const { stack, network } = newNetwork({
      loadBalancer: { enabled: false },
      monitoring: { enabled: false },
      networkAcls: { enabled: true },
      networkLoadBalancers: [{ name: 'edge', internetFacing: true, ingressPeers: [ec2.Peer.ipv4(PARTNER)] }],
    });
    network.addService('game', { image: IMAGE, containerPort: 7000, networkListeners: [{ loadBalancer: 'edge', port: 7777, ...listener }] });
    const template = Template.fromStack(stack);
    const nlb = network.networkLoadBalancers[0];
    // the load balancer's group admits the listener port from the partner, on each transport
    const rules = ingressRulesOf(template, nlb.securityGroup).map(r => `${r.IpProtocol === 'tcp' ? 6 : 17}/${r.FromPort} from ${r.CidrIp}`);
    expect(rules.sort()).toEqual(transports.map(p => `${p}/7777 from ${PARTNER}`).sort());
    // the public tier admits the same; the task tier admits the target port from the partner when the task sees its address
    expect(aclEntries(template, network, 0)).toEqual(expect.arrayContaining(transports.map(p => `${p}/7777 from ${PARTNER}`)));
    const taskEntries = aclEntries(template, network, 1).filter(e => e.endsWith(PARTNER));
    expect(taskEntries.sort()).toEqual(preserved ? transports.map(p => `${p}/7000 from ${PARTNER}`).sort() : []);
    // and the report lists the flow the rules admit
    const rows = network.report().reachability.filter(e => e.kind === ReachabilityKind.INGRESS && e.destination === 'network load balancer edge');
    expect(rows.map(r => [r.source, r.port])).toEqual([[PARTNER, expect.stringContaining('7777')]]);
  });

  test('an internal load balancer\'s clients are the VPC: its group admits the VPC, and no ACL entry is needed beyond the VPC\'s', () => {
    const { stack, network } = newNetwork({
      loadBalancer: { enabled: false },
      monitoring: { enabled: false },
      networkAcls: { enabled: true },
      networkLoadBalancers: [{ name: 'inside', internetFacing: false }],
    });
    network.addService('db-proxy', { image: IMAGE, containerPort: 5432, networkListeners: [{ loadBalancer: 'inside', port: 5432, protocol: elbv2.Protocol.TCP_UDP }] });
    const template = Template.fromStack(stack);
    expect(ingressRulesOf(template, network.networkLoadBalancers[0].securityGroup).map(r => `${r.IpProtocol}/${r.FromPort}`).sort()).toEqual(['tcp/5432', 'udp/5432']);
    for (const tier of [0, 1] as const) expect(aclEntries(template, network, tier).filter(e => e.includes('/5432 '))).toEqual([]);
  });

  test('an internet-facing Network Load Balancer in front of an internal Application Load Balancer: both tiers admit the forwarded port', () => {
    // the NLB sits in the public tier, the ALB in the private one, and the ALB sees the clients' addresses:
    // without the flows' entries both stateless ACLs dropped the internet's requests
    const { stack, network } = newNetwork({
      loadBalancer: { enabled: false },
      internalLoadBalancer: {},
      monitoring: { enabled: false },
      networkAcls: { enabled: true },
      networkLoadBalancers: [{ name: 'edge', internetFacing: true, forwardToApplicationLoadBalancer: IngressAccess.INTERNAL }],
    });
    network.addService('web', { image: IMAGE, containerPort: 8080, routing: { access: IngressAccess.INTERNAL, pathPatterns: ['/*'] } });
    const template = Template.fromStack(stack);
    expect(aclEntries(template, network, 0)).toContain('6/80 from 0.0.0.0/0');
    expect(aclEntries(template, network, 1)).toContain('6/80 from 0.0.0.0/0');
    expect(network.node.validate()).toEqual([]);
  });
});

test('clients given to a Network Load Balancer as a prefix list: the ACL warning names that load balancer\'s `ingressPeers`, not the listener', () => {
  const { stack, network } = newNetwork({
    loadBalancer: { enabled: false },
    monitoring: { enabled: false },
    networkAcls: { enabled: true },
    networkLoadBalancers: [
      { name: 'partners', internetFacing: true, ingressPeers: [ec2.Peer.ipv4(PARTNER)] },
      { name: 'edge', internetFacing: true, ingressPeers: [ec2.Peer.prefixList('pl-0123456789abcdef0')] },
    ],
  });
  network.addService('game', { image: IMAGE, containerPort: 7000, networkListeners: [{ loadBalancer: 'partners', port: 7000 }] });
  // UDP: the task sees the clients' addresses, so the flow to the target enters the private tier as well
  network.addService('voice', { image: IMAGE, containerPort: 7001, networkListeners: [{ loadBalancer: 'edge', port: 7777, protocol: elbv2.Protocol.UDP, healthCheck: { port: 8081 } }] });
  const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('admits a prefix list')).map(w => w.entry.data as string);
  expect(warnings.sort()).toEqual([
    expect.stringContaining('`networkLoadBalancers[1].ingressPeers` admits a prefix list on UDP 7001, but a network ACL entry takes CIDR blocks only: the private tier'),
    expect.stringContaining('`networkLoadBalancers[1].ingressPeers` admits a prefix list on UDP 7777, but a network ACL entry takes CIDR blocks only: the public tier'),
  ]);
  const template = Template.fromStack(stack);
  for (const tier of [0, 1] as const) expect(aclEntries(template, network, tier).filter(e => e.includes('pl-'))).toEqual([]);
});
