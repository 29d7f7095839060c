import { stableHash } from '../../src/private/stable-hash';
import { placementOf, resolvePlacement } from '../../src/services/service-placement';

describe('placementOf', () => {
  const p = resolvePlacement({ nestedStacks: 5 });

  test('the nested stack the name hashes to: a function of the service alone', () => {
    expect(placementOf('orders', false, undefined, p)).toBe(1 + stableHash('orders') % 5);
    expect(placementOf('orders', false, undefined, p)).toBe(placementOf('orders', false, undefined, resolvePlacement({ nestedStacks: 5 })));
  });

  test('the service of the default action always goes into the network stack', () => {
    expect(placementOf('web', true, 3, p)).toBeUndefined();
  });

  test('`nestedStack` decides when given; 0 is the network stack', () => {
    expect(placementOf('orders', false, 7, p)).toBe(7);
    expect(placementOf('orders', false, 0, p)).toBeUndefined();
  });

  test('defaults: every service in the network stack', () => {
    expect(resolvePlacement()).toEqual({ nestedStacks: 0 });
    expect(placementOf('orders', false, undefined, resolvePlacement())).toBeUndefined();
  });
});
