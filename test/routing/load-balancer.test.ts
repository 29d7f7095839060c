import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IMAGE, allProps, newNetwork, propsOf } from '../helpers/network';

function attributes(t: Template): { [key: string]: unknown } {
  const [lb] = allProps(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  return Object.fromEntries(lb.LoadBalancerAttributes.map((a: any) => [a.Key, a.Value]));
}

describe('load balancer', () => {
  test('internet-facing in the public subnets by default', () => {
    const { stack, network } = newNetwork();
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    const lb = propsOf(t, network.loadBalancer!);
    expect(lb.Scheme).toBe('internet-facing');
    expect(lb.Type).toBe('application');
    expect(lb.Subnets).toEqual(network.vpc.publicSubnets.map(s => ({ Ref: stack.getLogicalId(s.node.defaultChild as any) })));
  });

  test('internetFacing false makes it internal, in the private subnets', () => {
    const { stack, network } = newNetwork({ loadBalancer: { internetFacing: false } });
    const lb = propsOf(Template.fromStack(stack), network.loadBalancer!);
    expect(lb.Scheme).toBe('internal');
    expect(lb.Subnets).toEqual(network.vpc.privateSubnets.map(s => ({ Ref: stack.getLogicalId(s.node.defaultChild as any) })));
  });

  test('drops invalid header fields, defensive desync mitigation, 60 s idle timeout, deletion protection on by default', () => {
    const { stack } = newNetwork();
    expect(attributes(Template.fromStack(stack))).toMatchObject({
      'routing.http.drop_invalid_header_fields.enabled': 'true',
      'routing.http.desync_mitigation_mode': 'defensive',
      'idle_timeout.timeout_seconds': '60',
      'deletion_protection.enabled': 'true',
    });
  });

  test('idleTimeout and deletionProtection override the defaults', () => {
    const { stack } = newNetwork({ loadBalancer: { idleTimeout: Duration.minutes(2), deletionProtection: false } });
    expect(attributes(Template.fromStack(stack))).toMatchObject({
      'idle_timeout.timeout_seconds': '120',
      'deletion_protection.enabled': 'false',
    });
  });

  test('an idle timeout out of range is an error', () => {
    expect(() => newNetwork({ loadBalancer: { idleTimeout: Duration.seconds(4001) } }))
      .toThrow(/`loadBalancer\.idleTimeout` must be a whole number of seconds from 1 to 4000, got: "4001 s"\./);
  });

  test('an HTTP listener on 80 answers 404 when no route matches', () => {
    const { stack, network } = newNetwork();
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    const listener = propsOf(t, network.httpListener!);
    expect(listener).toMatchObject({ Port: 80, Protocol: 'HTTP' });
    expect(listener.DefaultActions).toEqual([{
      Type: 'fixed-response',
      FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not found' },
    }]);
    expect(network.routingListener).toBe(network.httpListener);
    expect(network.httpsListener).toBeUndefined();
  });

  test('enabled false creates no load balancer', () => {
    const { stack, network } = newNetwork({ loadBalancer: { enabled: false } });
    network.addService('orders', { image: IMAGE, containerPort: 80 });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 0);
    t.resourceCountIs('AWS::S3::Bucket', 0);
    expect(network.loadBalancer).toBeUndefined();
  });

  test('a routed service without a load balancer is an error', () => {
    const { network } = newNetwork({ loadBalancer: { enabled: false } });
    expect(() => network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } }))
      .toThrow(/`web\.routing` needs a load balancer, but the network has none \(`loadBalancer\.enabled` is false\), got: \["\/\*"\]/);
  });

  test('options beside enabled false are an error', () => {
    expect(() => newNetwork({ loadBalancer: { enabled: false, internetFacing: false } }))
      .toThrow(/`loadBalancer` has options while `loadBalancer\.enabled` is false, got: \["internetFacing"\]/);
  });

  test('options left undefined beside enabled false are not an error', () => {
    const { stack } = newNetwork({ loadBalancer: { enabled: false, certificate: undefined } });
    Template.fromStack(stack).resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
  });

  test('a routed service needs a containerPort', () => {
    const { network } = newNetwork();
    expect(() => network.addService('web', { image: IMAGE, routing: { pathPatterns: ['/*'] } }))
      .toThrow(/`web\.containerPort` is required for a routed service, got: undefined\./);
  });
});
