import { Template } from 'aws-cdk-lib/assertions';
import { EcsAdvancedNetwork, RoutingOptions } from '../../src';
import { homePriority, priorityRange } from '../../src/routing/priorities';
import { IMAGE, newNetwork } from '../helpers/network';

type Route = [name: string, routing: RoutingOptions];

/** Two service names whose path routes `/<name>/*` get the same home priority (same length, so the same specificity). */
function clashingNames(_like: string): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const name = `s${String(i).padStart(4, '0')}`;
    const p = homePriority({ hostHeaders: [], pathPatterns: [`/${name}/*`] }, `${name}/ListenerRule`);
    const other = seen.get(p);
    if (other) return [other, name];
    seen.set(p, name);
  }
}

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

  test('host routes before path routes, whatever the order', () => {
    const p = priorities([
      ['path', { pathPatterns: ['/a/very/long/and/specific/path/*'] }],
      ['host', { hostHeaders: ['api.example.com'] }],
      ['both', { hostHeaders: ['api.example.com'], pathPatterns: ['/*'] }],
    ]);
    // a host with `/*` alone matches what the host alone matches: same range (the claims keep them apart)
    expect(p.both).toBeLessThan(p.path);
    expect(p.host).toBeLessThan(p.path);
  });

  test('a priority depends on the service alone: the same in any order, next to any other services', () => {
    const img: Route = ['img', { pathPatterns: ['/img/*'] }];
    const alone = priorities([api]);
    const reordered = priorities([img, v2, api]);
    expect(reordered.api).toBe(alone.api);
    expect(priorities([api, img]).img).toBe(reordered.img);
  });

  test('two routes of one range that can match the same requests, in the wrong order by their names, are refused', () => {
    // find names that put the general route before the narrower one (the hash decides within a range)
    const general = { hostHeaders: [], pathPatterns: ['/api/*'] };
    const narrow = { hostHeaders: [], pathPatterns: ['/api/*/admin'] };
    let i = 0;
    while (homePriority(general, `g${i}/ListenerRule`) > homePriority(narrow, `n${i}/ListenerRule`)) i++;
    expect(() => priorities([[`g${i}`, { pathPatterns: ['/api/*'] }], [`n${i}`, { pathPatterns: ['/api/*/admin'] }]]))
      .toThrow(new RegExp(`n${i}\\.routing.*can match the same requests as the route of service \`g${i}\`.*Give the route of \`n${i}\` an explicit \`routing.priority\``));
    // in the right order they are placed
    let j = 0;
    while (homePriority(general, `g${j}/ListenerRule`) < homePriority(narrow, `n${j}/ListenerRule`)) j++;
    const p = priorities([[`g${j}`, { pathPatterns: ['/api/*'] }], [`n${j}`, { pathPatterns: ['/api/*/admin'] }]]);
    expect(p[`n${j}`]).toBeLessThan(p[`g${j}`]);
  });

  test('renaming a service gives its rule another priority, so the new rule never waits for the old one to be deleted', () => {
    expect(priorities([['orders', { pathPatterns: ['/orders/*'] }]]).orders).not.toBe(priorities([['orders-v2', { pathPatterns: ['/orders/*'] }]])['orders-v2']);
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

  test('two routes whose names hash alike are refused with a free number to pin on one of them', () => {
    const { network } = newNetwork({ monitoring: { enabled: false } });
    const clash = clashingNames('/t/*');
    network.addService(clash[0], { image: IMAGE, containerPort: 80, routing: { pathPatterns: [`/${clash[0]}/*`] } });
    expect(() => network.addService(clash[1], { image: IMAGE, containerPort: 80, routing: { pathPatterns: [`/${clash[1]}/*`] } }))
      .toThrow(new RegExp(`${clash[1]}\\.routing.*gets listener rule priority \\d+.*service \`${clash[0]}\`.*Give one of the two an explicit priority.*: \\d+ is free.*assignmentsFile`));
  });

  test('the pinned number it proposes deploys: the route keeps its place among routes of equal specificity', () => {
    const clash = clashingNames('/t/*');
    const { network } = newNetwork({ monitoring: { enabled: false } });
    network.addService(clash[0], { image: IMAGE, containerPort: 80, routing: { pathPatterns: [`/${clash[0]}/*`] } });
    let proposed = 0;
    try {
      network.addService(clash[1], { image: IMAGE, containerPort: 80, routing: { pathPatterns: [`/${clash[1]}/*`] } });
    } catch (e) {
      proposed = Number(/: (\d+) is free/.exec((e as Error).message)![1]);
    }
    const pinned = network.addService(clash[1], { image: IMAGE, containerPort: 80, routing: { pathPatterns: [`/${clash[1]}/*`], priority: proposed } });
    expect(pinned.priority).toBe(proposed);
    const range = priorityRange({ hostHeaders: [], pathPatterns: [`/${clash[1]}/*`] });
    expect(proposed).toBeGreaterThanOrEqual(range.start);
    expect(proposed).toBeLessThan(range.start + range.width);
  });

  test('a route narrowed by a header goes before the same path without it, whatever the order', () => {
    const p = priorities([['plain', { pathPatterns: ['/api/*'] }], ['v2', { pathPatterns: ['/api/*'], httpHeaders: { 'x-api-version': ['2'] } }]]);
    expect(p.v2).toBeLessThan(p.plain);
  });

  test('a computed priority that an explicit one holds is refused, naming the holder', () => {
    const home = homePriority({ hostHeaders: [], pathPatterns: ['/a/*'] }, 'a/ListenerRule');
    expect(() => priorities([['pinned', { pathPatterns: ['/x/*'], priority: home }], ['a', { pathPatterns: ['/a/*'] }]]))
      .toThrow(new RegExp(`a\\.routing.*gets listener rule priority ${home}.*service \`pinned\``));
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
