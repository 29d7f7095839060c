import { nextPlacement, resolvePlacement } from '../../src/services/service-placement';

describe('nextPlacement', () => {
  const p = resolvePlacement({ servicesInNetworkStack: 2, servicesPerNestedStack: 3 });

  test('fills the network stack first, then nested stacks in order', () => {
    expect(nextPlacement(0, 0, false, p)).toBeUndefined();
    expect(nextPlacement(1, 0, false, p)).toBeUndefined();
    expect([0, 1, 2, 3, 5, 6].map(nested => nextPlacement(2, nested, false, p))).toEqual([0, 0, 0, 1, 1, 2]);
  });

  test('the service of the default action always goes into the network stack', () => {
    expect(nextPlacement(2, 7, true, p)).toBeUndefined();
  });

  test('defaults: 20 in the network stack, then nested stacks of 20', () => {
    expect(resolvePlacement()).toEqual({ servicesInNetworkStack: 20, servicesPerNestedStack: 20 });
    expect(nextPlacement(20, 39, false, resolvePlacement())).toBe(1);
  });
});
