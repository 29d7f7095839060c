import { Template } from 'aws-cdk-lib/assertions';
import { EcsAdvancedNetwork, RoutingOptions } from '../../src';
import { TIES_PER_SCORE } from '../../src/routing/priorities';
import { IMAGE, newNetwork } from '../helpers/network';

type Route = [name: string, routing: RoutingOptions];

/** The rule priority of every routed service, by service name. */
function priorities(routes: Route[]): { [name: string]: number } {
  const { stack, network } = newNetwork();
  routes.forEach(([name, routing]) => network.addService(name, { image: IMAGE, containerPort: 80, routing }));
  const t = Template.fromStack(stack).toJSON();
  return Object.fromEntries(network.services.filter(s => s.listenerRule).map(s => {
    const id = stack.getLogicalId(s.listenerRule!.node.defaultChild as any);
    return [s.serviceName, t.Resources[id].Properties.Priority as number];
  }));
}

describe('rule priorities', () => {
  const api: Route = ['api', { pathPatterns: ['/api/*'] }];
  const v2: Route = ['v2', { pathPatterns: ['/api/v2/*'] }];

  test('a more specific path gets a lower number, declared after', () => {
    const p = priorities([api, v2]);
    expect(p.v2).toBeLessThan(p.api);
  });

  test('a more specific path gets a lower number, declared before', () => {
    const p = priorities([v2, api]);
    expect(p.v2).toBeLessThan(p.api);
  });

  test('an exact path beats a wildcard with the same prefix', () => {
    const p = priorities([['wild', { pathPatterns: ['/health*'] }], ['exact', { pathPatterns: ['/health'] }]]);
    expect(p.exact).toBeLessThan(p.wild);
  });

  test('host and path, then host only, then path only, whatever the order', () => {
    const p = priorities([
      ['path', { pathPatterns: ['/a/very/long/and/specific/path/*'] }],
      ['host', { hostHeaders: ['api.example.com'] }],
      ['both', { hostHeaders: ['api.example.com'], pathPatterns: ['/*'] }],
    ]);
    expect(p.both).toBeLessThan(p.host);
    expect(p.host).toBeLessThan(p.path);
  });

  test('rules of equal specificity keep their declaration order', () => {
    const p = priorities([['a', { pathPatterns: ['/aa/*'] }], ['b', { pathPatterns: ['/bb/*'] }]]);
    expect(p.b).toBe(p.a + 1);
  });

  test('adding a service does not change the priorities of the existing ones', () => {
    const before = priorities([api, ['web', { pathPatterns: ['/*'] }], ['img', { pathPatterns: ['/img/*'] }]]);
    const after = priorities([api, ['web', { pathPatterns: ['/*'] }], ['img', { pathPatterns: ['/img/*'] }],
      ['new', { pathPatterns: ['/api/*/x'] }], ['same', { pathPatterns: ['/new/*'] }], v2]);
    expect(after).toMatchObject(before);
    expect(Object.keys(after)).toHaveLength(5);
  });

  test('inserting a service of another specificity between existing ones changes nothing for them', () => {
    const before = priorities([api, ['img', { pathPatterns: ['/img/*'] }]]);
    const after = priorities([api, v2, ['img', { pathPatterns: ['/img/*'] }]]);
    expect(after).toMatchObject(before);
  });

  test('a priority slot holds more routes than a load balancer has target groups: 100 equal routes get distinct priorities', () => {
    // the slot overflow itself is tested on the allocator (priorities-pure.test.ts)
    expect(TIES_PER_SCORE).toBeGreaterThan(100);
    const { network } = newNetwork({ monitoring: { enabled: false } });
    // one host, so that all 100 stay on one load balancer
    for (let i = 0; i < 100; i++) {
      network.addService(`t${i}`, { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['t.example.com'], pathPatterns: [`/t${String(i).padStart(3, '0')}/*`] } });
    }
    expect(network.loadBalancers).toHaveLength(1);
    expect(new Set(network.services.map(svc => svc.priority)).size).toBe(100);
  });

  test('a route narrowed by a header goes before the same path without it, whatever the order', () => {
    const p = priorities([['plain', { pathPatterns: ['/api/*'] }], ['v2', { pathPatterns: ['/api/*'], httpHeaders: { 'x-api-version': ['2'] } }]]);
    expect(p.v2).toBeLessThan(p.plain);
  });

  test('computed priorities step over an explicit one', () => {
    const p = priorities([['pinned', { pathPatterns: ['/x/*'], priority: 1000 }], ['a', { pathPatterns: ['/a/*'] }]]);
    expect(p.pinned).toBe(1000);
    expect(p.a).not.toBe(1000);
  });

  test('computed priorities stay within 1000..50000', () => {
    const p = priorities([
      ['root', { pathPatterns: ['/*'], httpMethods: ['GET'] }],
      ['host', { hostHeaders: ['*.com'] }],
      ['long', { hostHeaders: ['x.example.com'], pathPatterns: ['/' + 'a'.repeat(127)] }],
    ]);
    Object.values(p).forEach(v => {
      expect(v).toBeGreaterThanOrEqual(1000);
      expect(v).toBeLessThanOrEqual(50000);
    });
  });

  test('the placed routes are exposed in declaration order', () => {
    const { network } = newNetwork();
    network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    const a = network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/a/*'] } });
    expect(a.priority).toBeGreaterThanOrEqual(1000);
    expect(network).toBeInstanceOf(EcsAdvancedNetwork);
  });
});
