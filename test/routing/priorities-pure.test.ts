import { stableHash } from '../../src/private/stable-hash';
import {
  Band, FIRST_COMPUTED_PRIORITY, MAX_PRIORITY, band, homePriority, lastComputedPriority, level, narrowerOf, nextFreeIn, priorityRange,
} from '../../src/routing/priorities';

const path = (...pathPatterns: string[]) => ({ hostHeaders: [], pathPatterns });
const host = (...hostHeaders: string[]) => ({ hostHeaders, pathPatterns: [] });

describe('band', () => {
  test('exact host and path, wildcard host and path, host only, path only', () => {
    expect(band({ hostHeaders: ['a.example.com'], pathPatterns: ['/x'] })).toBe(Band.EXACT_HOST_AND_PATH);
    expect(band({ hostHeaders: ['*.example.com'], pathPatterns: ['/x'] })).toBe(Band.WILDCARD_HOST_AND_PATH);
    expect(band(host('a.example.com'))).toBe(Band.HOST_ONLY);
    expect(band(path('/x'))).toBe(Band.PATH_ONLY);
  });

  test('a host with the path /* alone is host only: it matches what the host alone matches', () => {
    expect(band({ hostHeaders: ['a.example.com'], pathPatterns: ['/*'] })).toBe(Band.HOST_ONLY);
    expect(priorityRange({ hostHeaders: ['a.example.com'], pathPatterns: ['/*'] })).toEqual(priorityRange(host('a.example.com')));
  });
});

describe('level', () => {
  test('exact patterns first, then wildcards by literal prefix, longest first', () => {
    expect(level(path('/health'))).toBe(0);
    expect(level(path('/api/v2/*'))).toBeLessThan(level(path('/api/*')));
    expect(level(path('/api/*'))).toBeLessThan(level(path('/*')));
  });

  test('the most general pattern decides', () => {
    expect(level(path('/api/v2/*', '/a*'))).toBe(level(path('/a*')));
  });

  test('hosts count every literal character: *.api.example.com is narrower than *.example.com', () => {
    expect(level(host('*.api.example.com'))).toBeLessThan(level(host('*.example.com')));
  });

  test('prefixes longer than 24 characters rank as equal', () => {
    expect(level(path('/' + 'a'.repeat(60) + '*'))).toBe(level(path('/' + 'b'.repeat(80) + '*')));
  });
});

describe('priorityRange', () => {
  const ranges = [
    { hostHeaders: ['a.example.com'], pathPatterns: ['/x'] },
    { hostHeaders: ['a.example.com'], pathPatterns: ['/x'], extraConditions: true },
    { hostHeaders: ['a.example.com'], pathPatterns: ['*'] },
    { hostHeaders: ['*'], pathPatterns: ['/x'] },
    { hostHeaders: ['*'], pathPatterns: ['*'], extraConditions: true },
    host('a.example.com'),
    host('*'),
    path('/api/v2/*'),
    path('/api/*'),
    path('/api/*', '/x'),
    path('/*'),
    { hostHeaders: [], pathPatterns: [], extraConditions: true },
  ].map(r => ({ route: r, range: priorityRange(r) }));

  test('more specific routes come first', () => {
    expect(priorityRange(path('/api/v2/*')).start).toBeLessThan(priorityRange(path('/api/*')).start);
    expect(priorityRange({ hostHeaders: ['api.example.com'], pathPatterns: ['/api/*'] }).start)
      .toBeLessThan(priorityRange({ hostHeaders: ['*.example.com'], pathPatterns: ['/api/*'] }).start);
    expect(priorityRange(host('*')).start).toBeLessThan(priorityRange(path('/health')).start);
  });

  test('a route narrowed by a header or method comes before the same route without, and after narrower paths', () => {
    const narrowed = priorityRange({ ...path('/api/*'), extraConditions: true });
    expect(narrowed.start + narrowed.width).toBeLessThanOrEqual(priorityRange(path('/api/*')).start);
    expect(priorityRange(path('/api/v2/*')).start).toBeLessThan(narrowed.start);
  });

  test('ranges never overlap and stay within the computed priorities', () => {
    const sorted = ranges.map(r => r.range).sort((a, b) => a.start - b.start);
    sorted.forEach((r, i) => {
      expect(r.start).toBeGreaterThanOrEqual(FIRST_COMPUTED_PRIORITY);
      expect(r.start + r.width - 1).toBeLessThanOrEqual(lastComputedPriority());
      if (i > 0 && r.start !== sorted[i - 1].start) expect(sorted[i - 1].start + sorted[i - 1].width).toBeLessThanOrEqual(r.start);
    });
    expect(lastComputedPriority()).toBeLessThanOrEqual(MAX_PRIORITY);
  });

  test('host-only exact routes, the routes of host routing at scale, have the widest range', () => {
    expect(priorityRange(host('a.example.com')).width).toBeGreaterThanOrEqual(10000);
    expect(priorityRange(path('/svc-01/*')).width).toBeGreaterThanOrEqual(500);
  });
});

describe('homePriority', () => {
  test('is a pure function of the route and its key: other routes do not exist for it', () => {
    expect(homePriority(path('/api/*'), 'api/ListenerRule')).toBe(homePriority(path('/api/*'), 'api/ListenerRule'));
  });

  test('lies in the range of its specificity', () => {
    const range = priorityRange(path('/api/*'));
    for (const name of ['a', 'b', 'orders', 'payments', 'x'.repeat(100)]) {
      const p = homePriority(path('/api/*'), name);
      expect(p).toBeGreaterThanOrEqual(range.start);
      expect(p).toBeLessThan(range.start + range.width);
    }
  });

  test('differs between names (a renamed service with the same route does not take its old priority)', () => {
    expect(homePriority(path('/api/*'), 'orders/ListenerRule')).not.toBe(homePriority(path('/api/*'), 'orders-v2/ListenerRule'));
  });

  test('the hash is FNV-1a, fixed forever: a changed hash would renumber every deployed rule', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
    expect(stableHash('foobar')).toBe(0xbf9cf968);
  });
});

describe('nextFreeIn', () => {
  const range = { start: 100, width: 3 };
  test('the next number up, wrapping inside the range', () => {
    expect(nextFreeIn(range, 101, () => false)).toBe(102);
    expect(nextFreeIn(range, 102, () => false)).toBe(100);
    expect(nextFreeIn(range, 100, p => p === 101)).toBe(102);
    expect(nextFreeIn(range, 100, () => true)).toBeUndefined();
  });
});

describe('narrowerOf', () => {
  test('paths whose literal prefixes contain one another overlap; the one with more literal characters is narrower', () => {
    expect(narrowerOf(path('/api/*'), path('/api/*/admin'))).toBe(1);
    expect(narrowerOf(path('/services/billing/invoices/pdf/*'), path('/services/billing/invoices/*'))).toBe(-1);
  });

  test('paths with different literal prefixes, and routes of different exact hosts, never overlap', () => {
    expect(narrowerOf(path('/orders/*'), path('/carts/*'))).toBeUndefined();
    expect(narrowerOf({ hostHeaders: ['a.example.com'], pathPatterns: ['/api/*'] }, { hostHeaders: ['b.example.com'], pathPatterns: ['/api/v2/*'] })).toBeUndefined();
  });

  test('wildcard hosts overlap when one literal suffix ends the other', () => {
    expect(narrowerOf(host('*.api.example.com'), host('*.example.com'))).toBe(-1);
    expect(narrowerOf(host('*.a.example.com'), host('*.b.example.com'))).toBeUndefined();
  });
});
