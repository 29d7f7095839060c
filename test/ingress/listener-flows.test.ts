import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
import { EcsAdvancedNetwork, IngressAccess } from '../../src';
import { IMAGE, logicalId, newNetwork, newStack, propsOf } from '../helpers/network';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

const ON_PREMISES = '192.168.0.0/16';

/** The inbound entries of a network ACL with a port range, as `protocol/port from cidr`. */
function aclEntries(template: Template, network: EcsAdvancedNetwork, tier: 0 | 1): string[] {
  const acl = logicalId(network.networkAcls[tier]);
  return Object.values(template.toJSON().Resources as Record<string, any>)
    .filter(r => r.Type === 'AWS::EC2::NetworkAclEntry' && r.Properties.NetworkAclId.Ref === acl && !r.Properties.Egress && r.Properties.PortRange)
    .map(r => `${r.Properties.Protocol}/${r.Properties.PortRange.From} from ${r.Properties.CidrBlock ?? r.Properties.Ipv6CidrBlock}`);
}

function ingressOf(template: Template, sg: IConstruct): string[] {
  return (propsOf(template, sg).SecurityGroupIngress ?? []).map((r: any) => `${r.FromPort} from ${r.CidrIp}: ${r.Description}`);
}

describe('an Application Load Balancer\'s listeners open their clients\' flows: its security group and the network ACLs follow', () => {
  test('an internal load balancer\'s clients outside the VPC pass the tasks\' tier, on each listener port', () => {
    // over a VPN or a transit gateway: the stateless private tier dropped them before the listeners' flows made its entries
    const { stack, network } = newNetwork({
      loadBalancer: { enabled: false },
      internalLoadBalancer: { ingressPeers: [ec2.Peer.ipv4(ON_PREMISES)] },
      monitoring: { enabled: false },
      networkAcls: { enabled: true },
    });
    network.addService('web', { image: IMAGE, containerPort: 8080, routing: { access: IngressAccess.INTERNAL, pathPatterns: ['/*'] } });
    const template = Template.fromStack(stack);
    const sg = network.loadBalancers[0].loadBalancer.connections.securityGroups[0];
    expect(ingressOf(template, sg)).toEqual([`80 from ${ON_PREMISES}: HTTP from the allowed clients`]);
    expect(aclEntries(template, network, 1).filter(e => e.endsWith(ON_PREMISES))).toEqual([`6/80 from ${ON_PREMISES}`]);
    expect(aclEntries(template, network, 0).filter(e => e.endsWith(ON_PREMISES))).toEqual([]);
  });

  test('an internet-facing load balancer\'s listener ports need no entry beyond the public tier\'s own 80 and 443', () => {
    const { stack, network } = newNetwork({ monitoring: { enabled: false }, networkAcls: { enabled: true } });
    network.addService('web', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] } });
    const template = Template.fromStack(stack);
    const sg = network.loadBalancers[0].loadBalancer.connections.securityGroups[0];
    expect(ingressOf(template, sg)).toEqual(['80 from 0.0.0.0/0: HTTP from the allowed clients']);
    const fromAnywhere = aclEntries(template, network, 0).filter(e => e === '6/80 from 0.0.0.0/0');
    expect(fromAnywhere).toHaveLength(1);
  });

  test('clients inside a block the network\'s own entries admit get no entry of their own: 17 partner blocks stay within the quota', () => {
    // the public tier admits 80 and 443 from anywhere, the private tier the whole VPC
    const partners = Array.from({ length: 17 }, (_, i) => ec2.Peer.ipv4(`203.0.${i}.0/24`));
    const { stack, network } = newNetwork({
      loadBalancer: { ingressPeers: partners, certificate: acm.Certificate.fromCertificateArn(newStack(), 'C', CERT_ARN) },
      internalLoadBalancer: { ingressPeers: [ec2.Peer.ipv4('10.0.16.0/20')] },
      monitoring: { enabled: false },
      networkAcls: { enabled: true },
    });
    network.addService('web', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] } });
    network.addService('admin', { image: IMAGE, containerPort: 8080, routing: { access: IngressAccess.INTERNAL, pathPatterns: ['/*'] } });
    const template = Template.fromStack(stack);
    expect(aclEntries(template, network, 0).filter(e => e.includes('203.0.'))).toEqual([]);
    expect(aclEntries(template, network, 1).filter(e => e.includes('10.0.16.0/20'))).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('networkAclRules'));
  });
});

test('clients given as a prefix list cannot pass a network ACL: a warning names the prop, the port and the fix', () => {
  const { stack, network } = newNetwork({
    loadBalancer: { enabled: false },
    internalLoadBalancer: { ingressPeers: [ec2.Peer.prefixList('pl-0123456789abcdef0')] },
    monitoring: { enabled: false },
    networkAcls: { enabled: true },
  });
  network.addService('admin', { image: IMAGE, containerPort: 8080, routing: { access: IngressAccess.INTERNAL, pathPatterns: ['/*'] } });
  Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp(
    '`internalLoadBalancer.ingressPeers` admits a prefix list on TCP 80, but a network ACL entry takes CIDR blocks only: the private tier'));
  expect(aclEntries(Template.fromStack(stack), network, 1).filter(e => e.includes('pl-'))).toEqual([]);
});
