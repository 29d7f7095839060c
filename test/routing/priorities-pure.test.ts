import {
  FIRST_COMPUTED_PRIORITY, MAX_PRIORITY, PriorityAllocator, TIES_PER_SCORE, band, patternScore, prioritySlot, routeScore,
} from '../../src/routing/priorities';

describe('patternScore', () => {
  test('twice the literal prefix length for a wildcard pattern', () => {
    expect(patternScore('/*')).toBe(2);
    expect(patternScore('/api/*')).toBe(10);
    expect(patternScore('/api/v?/x')).toBe(12);
  });

  test('plus one for an exact pattern', () => {
    expect(patternScore('/health')).toBe(15);
    expect(patternScore('/health')).toBeGreaterThan(patternScore('/health*'));
  });

  test('a longer literal prefix scores higher', () => {
    expect(patternScore('/api/v2/*')).toBeGreaterThan(patternScore('/api/*'));
  });

  test('counts at most 24 characters of literal prefix, so long prefixes rank equal', () => {
    expect(patternScore('/' + 'a'.repeat(300))).toBe(24 * 2 + 1);
    expect(patternScore('/' + 'a'.repeat(300) + '*')).toBe(48);
    expect(patternScore('/' + 'a'.repeat(60) + '*')).toBe(patternScore('/' + 'b'.repeat(80) + '*'));
  });

  test('more than 100 routes of equal specificity fit in one slot', () => {
    expect(TIES_PER_SCORE).toBeGreaterThanOrEqual(100);
  });
});

describe('band and routeScore', () => {
  test('exact host and path 0, wildcard host and path 1, host only 2, path only 3', () => {
    expect(band({ hostHeaders: ['a.example.com'], pathPatterns: ['/x'] })).toBe(0);
    expect(band({ hostHeaders: ['*.example.com'], pathPatterns: ['/x'] })).toBe(1);
    expect(band({ hostHeaders: ['a.example.com'], pathPatterns: [] })).toBe(2);
    expect(band({ hostHeaders: [], pathPatterns: ['/x'] })).toBe(3);
  });

  test('a route narrowed by a header or method is evaluated before the same route without', () => {
    expect(prioritySlot({ hostHeaders: [], pathPatterns: ['/api/*'], extraConditions: true }))
      .toBeLessThan(prioritySlot({ hostHeaders: [], pathPatterns: ['/api/*'] }));
  });

  test('an exact host with a path is evaluated before a wildcard host with the same path', () => {
    expect(prioritySlot({ hostHeaders: ['api.example.com'], pathPatterns: ['/api/*'] }))
      .toBeLessThan(prioritySlot({ hostHeaders: ['*.example.com'], pathPatterns: ['/api/*'] }));
  });

  test('the most general pattern decides', () => {
    expect(routeScore({ hostHeaders: [], pathPatterns: ['/api/v2/*', '/a*'] })).toBe(patternScore('/a*') * 2);
    expect(routeScore({ hostHeaders: ['*.example.com', 'api.example.com'], pathPatterns: [] })).toBe(0);
  });
});

describe('prioritySlot', () => {
  test('more specific routes get lower slots', () => {
    expect(prioritySlot({ hostHeaders: [], pathPatterns: ['/api/v2/*'] })).toBeLessThan(prioritySlot({ hostHeaders: [], pathPatterns: ['/api/*'] }));
  });

  test('bands never overlap', () => {
    const leastSpecificHostAndPath = prioritySlot({ hostHeaders: ['*'], pathPatterns: ['*'] }) + TIES_PER_SCORE - 1;
    const mostSpecificHostOnly = prioritySlot({ hostHeaders: ['a'.repeat(200)], pathPatterns: [] });
    const leastSpecificHostOnly = prioritySlot({ hostHeaders: ['*'], pathPatterns: [] }) + TIES_PER_SCORE - 1;
    const mostSpecificPathOnly = prioritySlot({ hostHeaders: [], pathPatterns: ['/' + 'a'.repeat(200)] });
    expect(leastSpecificHostAndPath).toBeLessThan(mostSpecificHostOnly);
    expect(leastSpecificHostOnly).toBeLessThan(mostSpecificPathOnly);
  });

  test('stays in FIRST_COMPUTED_PRIORITY..MAX_PRIORITY including all ties', () => {
    expect(prioritySlot({ hostHeaders: ['a'.repeat(200)], pathPatterns: ['/' + 'a'.repeat(200)] })).toBeGreaterThanOrEqual(FIRST_COMPUTED_PRIORITY);
    expect(prioritySlot({ hostHeaders: [], pathPatterns: ['*'] }) + TIES_PER_SCORE - 1).toBeLessThanOrEqual(MAX_PRIORITY);
  });

  test('is a pure function of the route', () => {
    expect(prioritySlot({ hostHeaders: [], pathPatterns: ['/api/*'] })).toBe(prioritySlot({ hostHeaders: [], pathPatterns: ['/api/*'] }));
  });
});

describe('PriorityAllocator', () => {
  const route = { hostHeaders: [], pathPatterns: ['/api/*'] };

  test('hands out the slot, then the next numbers for equal specificity', () => {
    const allocator = new PriorityAllocator();
    const slot = prioritySlot(route);
    expect(allocator.allocate(route)).toBe(slot);
    expect(allocator.allocate({ hostHeaders: [], pathPatterns: ['/abc/*'] })).toBe(slot + 1);
  });

  test('reserve returns false for a taken priority', () => {
    const allocator = new PriorityAllocator();
    expect(allocator.reserve(5)).toBe(true);
    expect(allocator.reserve(5)).toBe(false);
  });

  test('computed priorities step over reserved ones', () => {
    const allocator = new PriorityAllocator();
    const slot = prioritySlot(route);
    allocator.reserve(slot);
    expect(allocator.allocate(route)).toBe(slot + 1);
  });

  test('a reserved number is refused after it was computed', () => {
    const allocator = new PriorityAllocator();
    const p = allocator.allocate(route)!;
    expect(allocator.reserve(p)).toBe(false);
  });

  test('returns undefined when a slot is full', () => {
    const allocator = new PriorityAllocator();
    for (let i = 0; i < TIES_PER_SCORE; i++) expect(allocator.allocate(route)).toBeDefined();
    expect(allocator.allocate(route)).toBeUndefined();
  });

  test('does not depend on routes of other specificity', () => {
    const a = new PriorityAllocator();
    const b = new PriorityAllocator();
    b.allocate({ hostHeaders: [], pathPatterns: ['/api/v2/*'] });
    b.allocate({ hostHeaders: ['x.example.com'], pathPatterns: [] });
    expect(b.allocate(route)).toBe(a.allocate(route));
  });
});
