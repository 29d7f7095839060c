import { Annotations, Template } from 'aws-cdk-lib/assertions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IngressAccess } from '../../src';
import { homePriority } from '../../src/routing/priorities';
import { groupIdOf, ANY_WARNING_BUT_CONTAINER_USER, IMAGE, ingressRulesOf, logicalId, newNetwork, propsOf, serviceProps } from '../helpers/network';

const WEB_ACL = 'arn:aws:wafv2:us-east-1:111111111111:regional/webacl/public/abc';

function mixedNetwork() {
  const { stack, network } = newNetwork({ monitoring: { enabled: false } });
  const web = network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
  const admin = network.addService('admin', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/admin/*'], access: IngressAccess.INTERNAL } });
  const api = network.addService('api', { image: IMAGE, containerPort: 8081, routing: { pathPatterns: ['/api/*'], access: IngressAccess.PUBLIC_AND_INTERNAL } });
  return { stack, network, web, admin, api, template: Template.fromStack(stack) };
}

describe('public and internal ingress in one network', () => {
  test('a network without internal routes has one internet-facing load balancer, as before', () => {
    const { stack, network } = newNetwork();
    network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    Template.fromStack(stack).resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    expect(network.loadBalancers.map(lb => lb.name)).toEqual(['public']);
    expect(network.loadBalancers[0].loadBalancer).toBe(network.loadBalancer);
  });

  test('an internal route creates an internal load balancer in the task subnets, hardened like the public one', () => {
    const { network, template } = mixedNetwork();
    expect(network.loadBalancers.map(lb => [lb.name, lb.access])).toEqual([['public', IngressAccess.PUBLIC], ['internal', IngressAccess.INTERNAL]]);
    const internal = network.loadBalancers[1];
    const props = propsOf(template, internal.loadBalancer);
    expect(props.Scheme).toBe('internal');
    const taskSubnets = network.vpc.privateSubnets.map(s => ({ Ref: logicalId(s) }));
    expect(props.Subnets).toEqual(taskSubnets);
    const attributes = Object.fromEntries(props.LoadBalancerAttributes.map((a: any) => [a.Key, a.Value]));
    expect(attributes).toMatchObject({
      'deletion_protection.enabled': 'true',
      'routing.http.drop_invalid_header_fields.enabled': 'true',
      'routing.http.desync_mitigation_mode': 'defensive',
      'access_logs.s3.enabled': 'true',
      'access_logs.s3.prefix': 'internal',
    });
    // the same bucket as the first load balancer's
    expect(attributes['access_logs.s3.bucket']).toEqual(Object.fromEntries(propsOf(template, network.loadBalancer!).LoadBalancerAttributes
      .map((a: any) => [a.Key, a.Value]))['access_logs.s3.bucket']);
    // listeners from the VPC only
    const sg = internal.loadBalancer.connections.securityGroups[0];
    expect(propsOf(template, sg).SecurityGroupIngress).toEqual([
      expect.objectContaining({ FromPort: 80, ToPort: 80, CidrIp: '10.0.0.0/16' }),
    ]);
  });

  test('each route goes to the load balancers of its access; both means a target group on each', () => {
    const { network, template, web, admin, api } = mixedNetwork();
    const [publicLb, internalLb] = network.loadBalancers;
    expect(web.routes.map(r => r.loadBalancer)).toEqual([publicLb]);
    expect(admin.routes.map(r => r.loadBalancer)).toEqual([internalLb]);
    expect(api.routes.map(r => r.access)).toEqual([IngressAccess.PUBLIC, IngressAccess.INTERNAL]);
    expect(serviceProps(template, api).LoadBalancers).toEqual([
      { TargetGroupArn: { Ref: logicalId(api.routes[0].targetGroup) }, ContainerName: 'api', ContainerPort: 8081 },
      { TargetGroupArn: { Ref: logicalId(api.routes[1].targetGroup) }, ContainerName: 'api', ContainerPort: 8081 },
    ]);
    expect(propsOf(template, api.routes[1].listenerRule!).ListenerArn).toEqual({ Ref: logicalId(internalLb.routingListener) });
    expect(propsOf(template, admin.listenerRule!).ListenerArn).toEqual({ Ref: logicalId(internalLb.routingListener) });
    // the service admits exactly the load balancers it is routed on, on its port
    const from = (svc: typeof api) => ingressRulesOf(template, svc.securityGroup).map(r => r.SourceSecurityGroupId);
    const groupOf = (lb: typeof publicLb) => groupIdOf(lb.loadBalancer.connections.securityGroups[0]);
    expect(from(api)).toEqual([groupOf(publicLb), groupOf(internalLb)]);
    expect(from(admin)).toEqual([groupIdOf(internalLb.loadBalancer.connections.securityGroups[0])]);
    expect(from(web)).toEqual([groupIdOf(publicLb.loadBalancer.connections.securityGroups[0])]);
  });

  test('priorities come from each rule alone: the service, the route and which load balancer it is on', () => {
    const { admin, api } = mixedNetwork();
    const shape = (patterns: string[]) => ({ hostHeaders: [], pathPatterns: patterns });
    expect(admin.priority).toBe(homePriority(shape(['/admin/*']), 'admin/InternalListenerRule'));
    expect(api.routes.map(r => r.priority)).toEqual([
      homePriority(shape(['/api/*']), 'api/ListenerRule'),
      homePriority(shape(['/api/*']), 'api/InternalListenerRule'),
    ]);
  });

  test('the catch-all route of each load balancer is its default action', () => {
    const { stack, network } = newNetwork();
    network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    const intranet = network.addService('intranet', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'], access: IngressAccess.INTERNAL } });
    const template = Template.fromStack(stack);
    expect(propsOf(template, network.loadBalancers[1].httpListener).DefaultActions).toEqual([
      { Type: 'forward', TargetGroupArn: { Ref: logicalId(intranet.targetGroup!) } },
    ]);
  });

  test('two services may claim the same path on different load balancers, not on one', () => {
    const { network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/x/*'] } });
    network.addService('b', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/x/*'], access: IngressAccess.INTERNAL } });
    expect(() => network.addService('c', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/x/*'], access: IngressAccess.PUBLIC_AND_INTERNAL } }))
      .toThrow('`c.routing` claims requests that service `a` already routes (any host and path /x/*), got: ["/x/*"]. Give each service distinct path patterns or host headers.');
    // nothing of the refused service stays behind
    expect(network.services.map(s => s.serviceName)).toEqual(['a', 'b']);
    expect(network.loadBalancers[1].routeCount).toBe(1);
  });

  test('an internal load balancer is created only when a route needs it', () => {
    const { network } = newNetwork({ internalLoadBalancer: { idleTimeout: undefined } });
    network.addService('worker', { image: IMAGE });
    network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    expect(network.loadBalancers).toHaveLength(1);
  });

  test('internalLoadBalancer options apply to the internal load balancers', () => {
    const { stack, network } = newNetwork({ internalLoadBalancer: { accessLogs: false, deletionProtection: false } });
    network.addService('admin', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'], access: IngressAccess.INTERNAL } });
    const attributes = Object.fromEntries(propsOf(Template.fromStack(stack), network.loadBalancers[1].loadBalancer).LoadBalancerAttributes
      .map((a: any) => [a.Key, a.Value]));
    expect(attributes['deletion_protection.enabled']).toBe('false');
    expect(attributes['access_logs.s3.enabled']).toBeUndefined();
  });

  test('with an internal loadBalancer, internal is the default access and public routes are an error', () => {
    const { network } = newNetwork({ loadBalancer: { internetFacing: false } });
    const svc = network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    expect(svc.routes[0].access).toBe(IngressAccess.INTERNAL);
    expect(() => network.addService('b', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/b/*'], access: IngressAccess.PUBLIC } }))
      .toThrow('`b.routing.access` asks for the internet, but the network has no internet-facing load balancer (`loadBalancer.internetFacing` or ' +
        '`loadBalancer.enabled` is false), got: "PUBLIC". Route the service with `IngressAccess.INTERNAL`, or make `loadBalancer` internet-facing.');
  });

  test('without the public load balancer, internalLoadBalancer alone serves internal routes', () => {
    const { network } = newNetwork({ loadBalancer: { enabled: false }, internalLoadBalancer: {} });
    expect(network.loadBalancer).toBeUndefined();
    const svc = network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    expect(svc.routes[0].access).toBe(IngressAccess.INTERNAL);
    expect((network.loadBalancers[0].loadBalancer.node.defaultChild as elbv2.CfnLoadBalancer).scheme).toBe('internal');
  });

  test('internalLoadBalancer.enabled false refuses internal routes', () => {
    const { network } = newNetwork({ internalLoadBalancer: { enabled: false } });
    expect(() => network.addService('b', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/b/*'], access: IngressAccess.INTERNAL } }))
      .toThrow('`b.routing.access` asks for the VPC, but the network has no internal load balancer (`internalLoadBalancer.enabled` is false), got: "INTERNAL". ' +
        'Route the service with `IngressAccess.PUBLIC`, or enable `internalLoadBalancer`.');
  });

  test('bad internalLoadBalancer options are errors', () => {
    expect(() => newNetwork({ loadBalancer: { internetFacing: false }, internalLoadBalancer: {} }))
      .toThrow('`internalLoadBalancer` cannot be combined with an internal `loadBalancer` (`loadBalancer.internetFacing` is false), got: []. ' +
        'Give the options of the internal load balancers in `loadBalancer`, or make `loadBalancer` internet-facing.');
    expect(() => newNetwork({ internalLoadBalancer: { internetFacing: true } }))
      .toThrow('`internalLoadBalancer.internetFacing` cannot be true: these are the internal load balancers, got: true. ' +
        'Leave `internetFacing` out here; `loadBalancer` describes the internet-facing ones.');
    expect(() => newNetwork({ internalLoadBalancer: { enabled: false, accessLogs: false } }))
      .toThrow('`internalLoadBalancer` has options while `internalLoadBalancer.enabled` is false, got: ["accessLogs"]. Remove the options, or enable the internal load balancer.');
    expect(() => newNetwork({ internalLoadBalancer: { ingressPeers: [] } }))
      .toThrow('`internalLoadBalancer.ingressPeers` must admit at least one peer');
    expect(() => newNetwork({ internalLoadBalancer: { maxLoadBalancers: 0 } })).toThrow('`internalLoadBalancer.maxLoadBalancers`');
  });

  test('the web ACL of the internet-facing load balancer is refused for the internal ones', () => {
    expect(() => newNetwork({ loadBalancer: { webAclArn: WEB_ACL }, internalLoadBalancer: { webAclArn: WEB_ACL } }, undefined))
      .toThrow(/^`internalLoadBalancer.webAclArn` is the web ACL of the internet-facing load balancer: .* Give the internal load balancers a web ACL of their own, or none.$/);
  });

  test('an internal web ACL of its own is associated with the internal load balancer', () => {
    const other = 'arn:aws:wafv2:us-east-1:111111111111:regional/webacl/internal/def';
    const { stack, network } = newNetwork({ loadBalancer: { webAclArn: WEB_ACL }, internalLoadBalancer: { webAclArn: other } });
    network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'], access: IngressAccess.INTERNAL } });
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: logicalId(network.loadBalancers[1].loadBalancer) },
      WebACLArn: other,
    });
  });

  test('monitoring: every load balancer has its 5xx alarm and dashboard lines', () => {
    const { stack, network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'], access: IngressAccess.INTERNAL } });
    const alarms = network.monitoring!.loadBalancer5xxAlarms;
    expect(Object.keys(alarms)).toEqual(['internal']);
    const template = Template.fromStack(stack);
    expect(propsOf(template, alarms.internal).Dimensions).toEqual([
      { Name: 'LoadBalancer', Value: { 'Fn::GetAtt': [logicalId(network.loadBalancers[1].loadBalancer), 'LoadBalancerFullName'] } },
    ]);
    expect(network.monitoring!.alarms).toContain(alarms.internal);
    const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(body).toContain('load balancer 5xx (internal)');
    Annotations.fromStack(stack).hasNoWarning('*', ANY_WARNING_BUT_CONTAINER_USER);
  });

  test('report and cost cover every load balancer', () => {
    const { network } = mixedNetwork();
    const report = network.report();
    expect(report.loadBalancers.map(lb => [lb.name, lb.access, lb.routes])).toEqual([['public', 'internet-facing', 2], ['internal', 'internal', 2]]);
    expect(report.reachability.filter(e => e.kind === 'route').map(e => [e.source, e.destination])).toEqual([
      ['load balancer public', 'web'], ['load balancer internal', 'admin'], ['load balancer public', 'api'], ['load balancer internal', 'api'],
    ]);
    expect(report.reachability.filter(e => e.kind === 'ingress').map(e => [e.source, e.destination])).toEqual([
      ['internet', 'load balancer public'], ['10.0.0.0/16', 'load balancer internal'],
    ]);
    const hours = report.cost.lines.find(l => l.item.startsWith('load balancer hours'))!;
    expect(hours.item).toBe('load balancer hours (2 load balancers)');
    expect(hours.monthlyUsd).toBeCloseTo(2 * 730 * 0.0225, 2);
    // public IPv4 addresses for the internet-facing one only
    expect(report.cost.lines.find(l => l.item.startsWith('load balancer public IPv4'))!.monthlyUsd).toBeCloseTo(2 * 730 * 0.005, 2);
    expect(report.markdown).toContain('alb_internal["internal load balancer internal"]');
    expect(report.markdown).toContain('## Load balancers');
  });
});
