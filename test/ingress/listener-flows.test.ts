import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
import { EcsAdvancedNetwork, IngressAccess } from '../../src';
import { IMAGE, logicalId, newNetwork, propsOf } from '../helpers/network';

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
});
