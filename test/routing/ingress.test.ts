import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { newNetwork, propsOf } from '../helpers/network';

function ingress(t: Template, network: ReturnType<typeof newNetwork>['network']): any[] {
  return propsOf(t, network.loadBalancer!.connections.securityGroups[0]).SecurityGroupIngress ?? [];
}

describe('load balancer ingress', () => {
  test('HTTP from any IPv4 address by default', () => {
    const { stack, network } = newNetwork();
    expect(ingress(Template.fromStack(stack), network)).toEqual([
      expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80, IpProtocol: 'tcp' }),
    ]);
  });

  test('an internal load balancer admits the VPC CIDR by default', () => {
    const { stack, network } = newNetwork({ loadBalancer: { internetFacing: false } });
    expect(ingress(Template.fromStack(stack), network)).toEqual([
      expect.objectContaining({ CidrIp: '10.0.0.0/16', FromPort: 80, ToPort: 80 }),
    ]);
  });

  test('ingressPeers replace the default', () => {
    const { stack, network } = newNetwork({ loadBalancer: { ingressPeers: [ec2.Peer.ipv4('203.0.113.0/24'), ec2.Peer.ipv4('198.51.100.0/24')] } });
    const rules = ingress(Template.fromStack(stack), network);
    expect(rules.map(r => r.CidrIp).sort()).toEqual(['198.51.100.0/24', '203.0.113.0/24']);
    expect(rules.every(r => r.FromPort === 80 && r.Description)).toBe(true);
  });
});
