import { Template } from 'aws-cdk-lib/assertions';
import { RoutingOptions } from '../../src';
import { IMAGE, allProps, logicalId, newNetwork, propsOf } from '../helpers/network';

function routed(routing: RoutingOptions, name = 'web') {
  const { stack, network } = newNetwork();
  const svc = network.addService(name, { image: IMAGE, containerPort: 80, routing });
  return { stack, network, svc };
}

describe('listener rules', () => {
  test('`/*` alone becomes the listener default action, with no rule', () => {
    const { stack, network, svc } = routed({ pathPatterns: ['/*'] });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 0);
    expect(propsOf(t, network.httpListener!).DefaultActions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: logicalId(svc.targetGroup!) } }]);
    expect(svc.listenerRule).toBeUndefined();
    expect(svc.priority).toBeUndefined();
  });

  test('`/api/*` gets a listener rule with a path-pattern condition forwarding to its target group', () => {
    const { stack, network, svc } = routed({ pathPatterns: ['/api/*'] }, 'api');
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 1);
    const rule = propsOf(t, svc.listenerRule!);
    expect(rule.Conditions).toEqual([{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }]);
    expect(rule.Actions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: logicalId(svc.targetGroup!) } }]);
    expect(rule.ListenerArn).toEqual({ Ref: logicalId(network.httpListener!) });
    expect(rule.Priority).toBe(svc.priority);
    // the listener keeps its 404 for everything else
    expect(propsOf(t, network.httpListener!).DefaultActions[0].Type).toBe('fixed-response');
  });

  test('`/*` with a host header is a rule, not the default action', () => {
    const { stack } = routed({ pathPatterns: ['/*'], hostHeaders: ['api.example.com'] });
    const [rule] = allProps(Template.fromStack(stack), 'AWS::ElasticLoadBalancingV2::ListenerRule');
    expect(rule.Conditions).toEqual([
      { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } },
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } },
    ]);
  });

  test('http headers and methods become conditions', () => {
    const { stack } = routed({ pathPatterns: ['/api/*'], httpHeaders: { 'X-Tenant': ['a'] }, httpMethods: ['GET'] });
    const [rule] = allProps(Template.fromStack(stack), 'AWS::ElasticLoadBalancingV2::ListenerRule');
    expect(rule.Conditions).toEqual(expect.arrayContaining([
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Tenant', Values: ['a'] } },
      { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } },
    ]));
  });

  test('an explicit priority is kept', () => {
    const { stack, svc } = routed({ pathPatterns: ['/api/*'], priority: 7 });
    expect(propsOf(Template.fromStack(stack), svc.listenerRule!).Priority).toBe(7);
  });

  test('an explicit priority used twice is an error', () => {
    const { network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/a/*'], priority: 10 } });
    expect(() => network.addService('b', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/b/*'], priority: 10 } }))
      .toThrow(/`b\.routing\.priority` must be unique on the load balancer's listener, but service `a` has it already, got: 10\./);
  });

  test('a priority out of range is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/a/*'], priority: 50001 } }))
      .toThrow(/`a\.routing\.priority` must be an integer from 1 to 50000, got: 50001\./);
  });

  test('two services claiming the same path is an error', () => {
    const { network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'] } });
    expect(() => network.addService('b', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'] } }))
      .toThrow(/`b\.routing` claims requests that service `a` already routes \(any host and path \/api\/\*\), got: \["\/api\/\*"\]/);
  });

  test('two services claiming the same host and path is an error, host case-insensitive', () => {
    const { network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['api.example.com'], pathPatterns: ['/v1/*'] } });
    expect(() => network.addService('b', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['API.example.com'], pathPatterns: ['/v1/*'] } }))
      .toThrow(/`b\.routing` claims requests that service `a` already routes \(host API\.example\.com and path \/v1\/\*\)/);
  });

  test('two services both claiming `/*` is an error', () => {
    const { network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    expect(() => network.addService('b', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } }))
      .toThrow(/`b\.routing` claims requests that service `a` already routes/);
  });

  test('the same path on different hosts is allowed', () => {
    const { stack, network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['a.example.com'], pathPatterns: ['/api/*'] } });
    network.addService('b', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['b.example.com'], pathPatterns: ['/api/*'] } });
    Template.fromStack(stack).resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 2);
  });
});

describe('routing validation', () => {
  function expectRoutingError(routing: RoutingOptions, message: RegExp) {
    const { network } = newNetwork();
    expect(() => network.addService('web', { image: IMAGE, containerPort: 80, routing })).toThrow(message);
  }

  test('a route without path or host is an error', () => {
    expectRoutingError({}, /`web\.routing` needs at least one path pattern or host header, got: undefined\./);
  });

  test('more than 5 condition values is an error', () => {
    expectRoutingError({ pathPatterns: ['/a', '/b', '/c', '/d'], hostHeaders: ['x.example.com', 'y.example.com'] },
      /`web\.routing` must have at most 5 condition values in its rule \(an ALB quota that cannot be raised\), got: "6 values"/);
  });

  test('5 condition values is allowed', () => {
    const { stack } = routed({ pathPatterns: ['/a', '/b', '/c', '/d'], hostHeaders: ['x.example.com'] });
    Template.fromStack(stack).resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 1);
  });

  test('an empty path pattern is an error', () => {
    expectRoutingError({ pathPatterns: [''] }, /`web\.routing\.pathPatterns` must hold patterns that start with `\/` and have at most 128 characters, got: ""\./);
  });

  test('a path pattern not starting with / is an error', () => {
    expectRoutingError({ pathPatterns: ['api/*'] }, /`web\.routing\.pathPatterns` must hold patterns that start with `\/`.*got: "api\/\*"\./);
  });

  test('a host header with characters a host name cannot have is an error', () => {
    expectRoutingError({ hostHeaders: ['shop example.com'] },
      /`web\.routing\.hostHeaders` must hold host names of 1 to 128 characters \(letters, digits, `-`, `\.`, `\*`, `\?`\), got: "shop example\.com"\. Use a host name such as `api\.example\.com`/);
  });

  test('a path pattern over 128 characters is an error', () => {
    const long = '/' + 'a'.repeat(128);
    expectRoutingError({ pathPatterns: [long] }, new RegExp(`\`web\\.routing\\.pathPatterns\` must hold patterns.*got: "${long}"\\.`));
  });

  test('a path pattern of exactly 128 characters is allowed', () => {
    const { stack } = routed({ pathPatterns: ['/' + 'a'.repeat(127)] });
    Template.fromStack(stack).resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 1);
  });

  test('an invalid host header is an error', () => {
    expectRoutingError({ hostHeaders: ['api example.com'] }, /`web\.routing\.hostHeaders` must hold host names.*got: "api example\.com"\./);
  });

  test('a lower-case HTTP method is an error', () => {
    expectRoutingError({ pathPatterns: ['/api/*'], httpMethods: ['get'] }, /`web\.routing\.httpMethods` must hold upper-case HTTP methods, got: "get"\./);
  });
});
