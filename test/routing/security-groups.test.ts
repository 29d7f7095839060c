import { Template } from 'aws-cdk-lib/assertions';
import { IMAGE, egressRulesOf, groupIdOf, ingressRulesOf, newNetwork, propsOf, serviceProps } from '../helpers/network';

function example() {
  const { stack, network } = newNetwork();
  const web = network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
  const api = network.addService('api', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/api/*'] } });
  const orders = network.addService('orders', { image: IMAGE, containerPort: 9090 });
  return { stack, network, web, api, orders, t: Template.fromStack(stack) };
}

describe('security groups', () => {
  test('each routed service admits the load balancer on its container port only', () => {
    const { network, web, api, t } = example();
    const alb = groupIdOf(network.loadBalancer!.connections.securityGroups[0]);
    for (const [svc, port] of [[web, 80], [api, 8080]] as const) {
      expect(ingressRulesOf(t, svc.securityGroup)).toEqual([
        expect.objectContaining({ SourceSecurityGroupId: alb, FromPort: port, ToPort: port, IpProtocol: 'tcp' }),
      ]);
      expect(propsOf(t, svc.securityGroup).SecurityGroupIngress).toBeUndefined();
    }
  });

  test('the load balancer has no allow-all egress, only egress to the routed tasks\' group, once per service port', () => {
    const { network, web, api, orders, t } = example();
    const albSg = network.loadBalancer!.connections.securityGroups[0];
    const inline = propsOf(t, albSg).SecurityGroupEgress ?? [];
    expect(inline.filter((r: any) => r.CidrIp === '0.0.0.0/0' || r.IpProtocol === '-1')).toEqual([]);
    const targets = JSON.stringify(groupIdOf(network.loadBalancerTargets!));
    const egress = egressRulesOf(t, albSg).map(r => [JSON.stringify(r.DestinationSecurityGroupId), r.FromPort, r.ToPort]);
    expect(egress.sort()).toEqual([[targets, 8080, 8080], [targets, 80, 80]].sort());
    // the routed tasks carry the group, the others do not; the group itself admits nothing
    const groupsOf = (s: typeof web) => serviceProps(t, s).NetworkConfiguration.AwsvpcConfiguration.SecurityGroups.map((g: any) => JSON.stringify(g));
    expect(groupsOf(web)).toContain(targets);
    expect(groupsOf(api)).toContain(targets);
    expect(groupsOf(orders)).not.toContain(targets);
    expect(ingressRulesOf(t, network.loadBalancerTargets!)).toEqual([]);
    expect(propsOf(t, network.loadBalancerTargets!).SecurityGroupIngress).toBeUndefined();
  });

  test('a second service on a port the load balancer already reaches adds no egress rule', () => {
    const { stack, network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/a/*'] } });
    network.addService('b', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/b/*'] } });
    const t = Template.fromStack(stack);
    expect(egressRulesOf(t, network.loadBalancer!.connections.securityGroups[0])).toHaveLength(1);
  });

  test('without routed services the load balancer can reach nothing', () => {
    const { stack, network } = newNetwork();
    const t = Template.fromStack(stack);
    const albSg = network.loadBalancer!.connections.securityGroups[0];
    expect(egressRulesOf(t, albSg)).toEqual([]);
    expect(propsOf(t, albSg).SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]);
  });

  test('no ingress rule from the load balancer to an unrouted service', () => {
    const { orders, t } = example();
    expect(ingressRulesOf(t, orders.securityGroup)).toEqual([]);
    expect(propsOf(t, orders.securityGroup).SecurityGroupIngress).toBeUndefined();
  });

  test('the endpoint-clients group that every task carries gets no ingress rule', () => {
    const { network, t } = example();
    expect(ingressRulesOf(t, network.endpoints.clients)).toEqual([]);
    expect(propsOf(t, network.endpoints.clients).SecurityGroupIngress).toBeUndefined();
  });

  test('every security group and rule has a description', () => {
    const { t } = example();
    for (const type of ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress']) {
      Object.values(t.findResources(type)).forEach(r => expect(r.Properties.Description).toBeTruthy());
    }
    Object.values(t.findResources('AWS::EC2::SecurityGroup')).forEach(r => expect(r.Properties.GroupDescription).toBeTruthy());
  });
});
