import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { EcsAdvancedNetwork, NetworkAclRule, NetworkAclTier } from '../../src';
import { IMAGE, newNetwork } from '../helpers/network';
import { importVpc } from '../network/fixtures';

/** The entries of one ACL: [direction, cidr, protocol, from, to, action], by rule number. */
function entriesOf(t: Template, acl: ec2.NetworkAcl, stack: Stack) {
  const id = stack.getLogicalId(acl.node.defaultChild as any);
  return Object.values(t.findResources('AWS::EC2::NetworkAclEntry'))
    .map((r: any) => r.Properties)
    .filter(p => p.NetworkAclId.Ref === id)
    .sort((a, b) => Number(a.Egress) - Number(b.Egress) || a.RuleNumber - b.RuleNumber)
    .map(p => [p.Egress ? 'out' : 'in', p.RuleNumber, p.CidrBlock, p.Protocol, p.PortRange?.From, p.PortRange?.To, p.RuleAction]);
}

const RETURN_TRAFFIC = (first: number) => [
  ['in', first, '0.0.0.0/0', 6, 1024, 3388, 'allow'], ['in', first + 10, '0.0.0.0/0', 17, 1024, 3388, 'allow'],
  ['in', first + 20, '0.0.0.0/0', 6, 3390, 65535, 'allow'], ['in', first + 30, '0.0.0.0/0', 17, 3390, 65535, 'allow'],
];

describe('network ACLs', () => {
  test('are off by default', () => {
    const { stack, network } = newNetwork();
    Template.fromStack(stack).resourceCountIs('AWS::EC2::NetworkAcl', 0);
    expect(network.networkAcls).toEqual([]);
  });

  test('on: the public tier admits the VPC, the listener ports and return traffic; the private tier the VPC and return traffic', () => {
    const certificate = acm.Certificate.fromCertificateArn(new Stack(), 'C', 'arn:aws:acm:us-east-1:111111111111:certificate/x');
    const { stack, network } = newNetwork({ networkAcls: { enabled: true }, loadBalancer: { certificate } });
    const t = Template.fromStack(stack);
    const [publicAcl, privateAcl] = network.networkAcls;
    expect(network.networkAcls).toHaveLength(2);
    const out = ['out', 100, '0.0.0.0/0', -1, undefined, undefined, 'allow'];
    expect(entriesOf(t, publicAcl, stack)).toEqual([
      ['in', 100, '10.0.0.0/16', -1, undefined, undefined, 'allow'],
      ['in', 110, '0.0.0.0/0', 6, 80, 80, 'allow'],
      ['in', 120, '0.0.0.0/0', 6, 443, 443, 'allow'],
      ...RETURN_TRAFFIC(130),
      out,
    ]);
    expect(entriesOf(t, privateAcl, stack)).toEqual([['in', 100, '10.0.0.0/16', -1, undefined, undefined, 'allow'], ...RETURN_TRAFFIC(110), out]);
    // each ACL is associated with the subnets of its tier (2 AZs)
    t.resourceCountIs('AWS::EC2::SubnetNetworkAclAssociation', 4);
  });

  test('no entry opens port 22 or 3389 to 0.0.0.0/0 (CT.EC2.PR.5)', () => {
    const { stack } = newNetwork({ networkAcls: { enabled: true } });
    const open = Object.values(Template.fromStack(stack).findResources('AWS::EC2::NetworkAclEntry')).map((r: any) => r.Properties)
      .filter(p => !p.Egress && p.CidrBlock === '0.0.0.0/0' && p.RuleAction === 'allow' && p.PortRange)
      .filter(p => [22, 3389].some(port => p.PortRange.From <= port && port <= p.PortRange.To));
    expect(open).toEqual([]);
  });

  test('an internal load balancer opens no listener port to the internet; an isolated tier gets its own ACL', () => {
    const { stack, network } = newNetwork({
      networkAcls: { enabled: true }, loadBalancer: { internetFacing: false }, subnets: { isolatedSubnets: true },
    });
    const t = Template.fromStack(stack);
    expect(network.networkAcls).toHaveLength(3);
    expect(entriesOf(t, network.networkAcls[0], stack).filter(e => e[4] === 80)).toEqual([]);
  });

  test('rules of your own go below the network\'s, with their action', () => {
    const rule: NetworkAclRule = {
      tier: NetworkAclTier.PUBLIC,
      ruleNumber: 10,
      direction: ec2.TrafficDirection.INGRESS,
      cidr: '198.51.100.0/24',
      traffic: ec2.AclTraffic.allTraffic(),
      action: ec2.Action.DENY,
    };
    const { stack, network } = newNetwork({ networkAcls: { enabled: true, additionalRules: [rule] } });
    expect(entriesOf(Template.fromStack(stack), network.networkAcls[0], stack)[0]).toEqual(['in', 10, '198.51.100.0/24', -1, undefined, undefined, 'deny']);
  });

  test('more entries than the default quota of 20 per direction: a warning names the quota', () => {
    const additionalRules = Array.from({ length: 14 }, (_, i): NetworkAclRule => ({
      tier: NetworkAclTier.PRIVATE,
      ruleNumber: i + 1,
      direction: ec2.TrafficDirection.INGRESS,
      cidr: `198.51.${i}.0/24`,
      traffic: ec2.AclTraffic.allTraffic(),
      action: ec2.Action.DENY,
    }));
    const { stack } = newNetwork({ networkAcls: { enabled: true, additionalRules } });
    // 5 of the network and 14 of yours: within 20
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('networkAclRules'));
    const more = [...additionalRules, { ...additionalRules[0], ruleNumber: 50 }, { ...additionalRules[0], ruleNumber: 51 }];
    const { stack: over, network: n2 } = newNetwork({ networkAcls: { enabled: true, additionalRules: more } });
    Annotations.fromStack(over).hasWarning(`/${n2.node.path}/NetworkAcls`, Match.stringLikeRegexp(
      '^The private network ACL \\(inbound\\) has 21 rules per network ACL and direction, 1 over the default quota "Rules per network ACL \\(L-2AEEBF1A\\)" of 20'));
  });

  // Amazon VPC User Guide, "Amazon VPC quotas": rules per network ACL, 20 by default, "can be increased up to a maximum of 40"
  test('more than 40 rules per direction: an error, since no quota increase allows it', () => {
    const rules = (n: number) => Array.from({ length: n }, (_, i): NetworkAclRule => ({
      tier: NetworkAclTier.PRIVATE, ruleNumber: i + 1, direction: ec2.TrafficDirection.INGRESS, cidr: `198.51.${i}.0/24`, traffic: ec2.AclTraffic.allTraffic(), action: ec2.Action.DENY,
    }));
    // 5 of the network and 35 of yours: 40, the most AWS allows (a warning names the quota)
    expect(() => newNetwork({ networkAcls: { enabled: true, additionalRules: rules(35) } })).not.toThrow();
    expect(() => newNetwork({ networkAcls: { enabled: true, additionalRules: rules(36) } })).toThrow(
      '`networkAcls.additionalRules` would give the private network ACL 41 inbound rules (5 of the network\'s own, 36 additional), over the 40 that AWS allows ' +
      'per direction even after a quota increase (Amazon VPC User Guide, "Amazon VPC quotas" (amazon-vpc-limits)), got: "36 inbound rules on the private tier". ' +
      'Merge rules into wider CIDR blocks or port ranges, to at most 35 inbound rules on the private tier.');
  });
});

describe('network ACLs and Network Load Balancer listeners', () => {
  const listenerEntries = (t: Template, acl: ec2.NetworkAcl, stack: Stack) => entriesOf(t, acl, stack).filter(e => (e[1] as number) >= 1000);

  test('the load balancer\'s tier admits its listener ports from its clients; the task tier their target ports when the client\'s address is kept', () => {
    const stack = new Stack(new App(), 'Stack');
    const certificate = acm.Certificate.fromCertificateArn(stack, 'C', 'arn:aws:acm:us-east-1:111111111111:certificate/x');
    const network = new EcsAdvancedNetwork(stack, 'Network', {
      networkAcls: { enabled: true },
      networkLoadBalancers: [
        { name: 'edge' },
        { name: 'partners', ingressPeers: [ec2.Peer.ipv4('198.51.100.0/24')] },
        { name: 'inside', internetFacing: false },
      ],
    });
    network.addService('dns', {
      image: IMAGE,
      containerPort: 5353,
      networkListeners: [
        { loadBalancer: 'edge', port: 53, protocol: elbv2.Protocol.UDP, healthCheck: { port: 8053 } },
        { loadBalancer: 'edge', port: 853, protocol: elbv2.Protocol.TLS, certificate },
        { loadBalancer: 'inside', port: 53, protocol: elbv2.Protocol.UDP, healthCheck: { port: 8053 } },
      ],
    });
    network.addService('mqtt', { image: IMAGE, containerPort: 1883, networkListeners: [{ loadBalancer: 'partners', port: 8883, preserveClientIp: true }] });
    const t = Template.fromStack(stack);
    const [publicAcl, privateAcl] = network.networkAcls;
    const sorted = (entries: any[]) => entries.map(e => [e[2], e[3], e[4]]).sort((a, b) => String(a).localeCompare(String(b)));
    // UDP 53 and TLS 853 from anywhere, TCP 8883 from the partner only; the internal load balancer's VPC clients pass the VPC entry
    expect(sorted(listenerEntries(t, publicAcl, stack))).toEqual([['0.0.0.0/0', 17, 53], ['0.0.0.0/0', 6, 853], ['198.51.100.0/24', 6, 8883]]);
    // the tasks see the client's address for UDP (always) and with preserveClientIp: their ports; TLS 853 arrives from the load balancer
    expect(sorted(listenerEntries(t, privateAcl, stack))).toEqual([['0.0.0.0/0', 17, 5353], ['198.51.100.0/24', 6, 1883]]);
    expect(listenerEntries(t, publicAcl, stack).every(e => e[6] === 'allow' && e[0] === 'in')).toBe(true);
  });

  test('day two: a new listener keeps every other entry, its logical id and its rule number; a shared entry stays while one listener needs it', () => {
    const entries = (services: [string, number][]) => {
      const stack = new Stack(new App(), 'Stack');
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        monitoring: { enabled: false }, networkAcls: { enabled: true }, networkLoadBalancers: [{ name: 'edge' }],
      });
      for (const [name, port] of services) {
        const listener = { loadBalancer: 'edge', port, protocol: elbv2.Protocol.UDP, healthCheck: { port: 8053 } };
        network.addService(name, { image: IMAGE, containerPort: 5353, networkListeners: [listener] });
      }
      const resources = Template.fromStack(stack).findResources('AWS::EC2::NetworkAclEntry');
      return Object.fromEntries(Object.entries(resources)
        .filter(([, r]) => r.Properties.RuleNumber >= 1000)
        .map(([id, r]) => [id, r.Properties.RuleNumber]));
    };
    const before = entries([['a', 53], ['c', 5353]]);
    const after = entries([['b', 123], ['a', 53], ['c', 5353]]);
    expect(Object.keys(before)).toHaveLength(3); // public 53 and 5353; private 5353 (the task port of both)
    expect(after).toMatchObject(before);
    expect(Object.keys(after)).toHaveLength(4); // public 123; its task port 5353 shares the private entry
    expect(entries([['c', 5353]])).toEqual(Object.fromEntries(Object.entries(before).filter(([id]) => !id.includes('UDP53From'))));
  });

  test('without ACLs, listeners add no entry', () => {
    const { stack, network } = newNetwork({ networkLoadBalancers: [{ name: 'edge' }] });
    network.addService('dns', { image: IMAGE, containerPort: 53, networkListeners: [{ loadBalancer: 'edge', port: 53, protocol: elbv2.Protocol.UDP, healthCheck: { port: 8053 } }] });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::NetworkAclEntry', 0);
  });
});

describe('network ACLs: bad input', () => {
  const rule = (r: Partial<NetworkAclRule>): NetworkAclRule => ({
    tier: NetworkAclTier.PRIVATE,
    ruleNumber: 10,
    direction: ec2.TrafficDirection.INGRESS,
    cidr: '198.51.100.0/24',
    traffic: ec2.AclTraffic.allTraffic(),
    action: ec2.Action.DENY,
    ...r,
  });
  const withRules = (additionalRules: NetworkAclRule[]) => () => newNetwork({ networkAcls: { enabled: true, additionalRules } });

  test('a rule number the network uses', () => {
    expect(withRules([rule({ ruleNumber: 100 })])).toThrow(
      '`networkAcls.additionalRules[0].ruleNumber` must be an integer from 1 to 99, got: 100. The network numbers its own entries from 100; give yours 1 to 99.');
  });

  test('two rules of one tier and direction with one number', () => {
    expect(withRules([rule({}), rule({ cidr: '203.0.113.0/24' })])).toThrow(
      '`networkAcls.additionalRules` must not give two entries of one tier and direction the same rule number, got: ["private inbound 10"]. ' +
      'Number each entry of a tier and direction once.');
    expect(withRules([rule({}), rule({ direction: ec2.TrafficDirection.EGRESS })])).not.toThrow();
  });

  test('a CIDR that is not one', () => {
    expect(withRules([rule({ cidr: '198.51.100/24' })])).toThrow('`networkAcls.additionalRules[0].cidr` must be an IPv4 CIDR block, got: "198.51.100/24".');
  });

  test('the isolated tier without isolated subnets', () => {
    expect(withRules([rule({ tier: NetworkAclTier.ISOLATED })])).toThrow(/^`networkAcls\.additionalRules\[0\]\.tier` is the isolated tier, but the VPC has none/);
  });

  test('rules without enabled, and ACLs on an imported VPC', () => {
    expect(() => newNetwork({ networkAcls: { additionalRules: [rule({})] } })).toThrow(
      '`networkAcls.additionalRules` only apply when `networkAcls.enabled` is true, got: 1. Set `networkAcls.enabled` to true, or remove the rules.');
    const stack = new Stack(new App(), 'Stack');
    expect(() => new EcsAdvancedNetwork(stack, 'Network', { vpc: importVpc(stack), networkAcls: { enabled: true } })).toThrow(
      /^`networkAcls\.enabled` only applies to a VPC the network creates/);
  });
});
