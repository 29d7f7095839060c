import { allocatedSpan, parseCidr, tiersFit } from '../../src/network/subnet-math';

const TEN = 10 * 2 ** 24; // 10.0.0.0

describe('parseCidr', () => {
  test('parses an IPv4 CIDR block into its address and mask', () => {
    expect(parseCidr('10.0.0.0/16')).toEqual({ address: TEN, mask: 16 });
    expect(parseCidr('192.168.1.0/24')).toEqual({ address: 3232235776, mask: 24 });
    expect(parseCidr('172.31.255.240/28')).toEqual({ address: 2887778288, mask: 28 });
  });

  test('keeps addresses above 127.255.255.255 unsigned', () => {
    expect(parseCidr('255.255.255.255/32')).toEqual({ address: 4294967295, mask: 32 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ address: 0, mask: 0 });
  });

  test.each([
    ['10.0.0.256/16'],
    ['10.0.0.0/33'],
    ['10.0.0/16'],
    ['10.0.0.0'],
    ['10.0.0.0/'],
    [' 10.0.0.0/16'],
    ['10.0.0.0/16 '],
    ['fd00::/8'],
    ['not a cidr'],
  ])('returns undefined for %j', cidr => {
    expect(parseCidr(cidr)).toBeUndefined();
  });
});

describe('allocatedSpan', () => {
  test('is the plain sum when every subnet lands on its own boundary', () => {
    expect(allocatedSpan(TEN, [{ name: 'a', mask: 24 }, { name: 'b', mask: 24 }], 2)).toBe(4 * 256);
    expect(allocatedSpan(TEN, [{ name: 'a', mask: 20 }, { name: 'b', mask: 24 }], 2)).toBe(2 * 4096 + 2 * 256);
  });

  test('counts the addresses wasted aligning a larger subnet after smaller ones', () => {
    // 2 x /24 end at 10.0.2.0; the first /20 starts at 10.0.16.0; the second ends at 10.0.48.0
    expect(allocatedSpan(TEN, [{ name: 'public', mask: 24 }, { name: 'private', mask: 20 }], 2)).toBe(48 * 256);
    // 3 x /24 + 3 x /22 + 3 x /26: 4032 addresses, 4288 once aligned
    expect(allocatedSpan(TEN, [{ name: 'a', mask: 24 }, { name: 'b', mask: 22 }, { name: 'c', mask: 26 }], 3)).toBe(4288);
  });

  test('is measured from the VPC address, not from zero', () => {
    const base = parseCidr('10.20.0.0/16')!.address;
    expect(allocatedSpan(base, [{ name: 'public', mask: 24 }, { name: 'private', mask: 20 }], 2)).toBe(48 * 256);
  });

  test('is zero without tiers or Availability Zones', () => {
    expect(allocatedSpan(TEN, [], 3)).toBe(0);
    expect(allocatedSpan(TEN, [{ name: 'a', mask: 24 }], 0)).toBe(0);
  });
});

describe('tiersFit', () => {
  const vpc22 = parseCidr('10.0.0.0/22')!;

  test('accepts tiers that fill the block exactly', () => {
    expect(tiersFit(vpc22, [{ name: 'a', mask: 24 }, { name: 'b', mask: 24 }], 2)).toBe(true);
  });

  test('rejects tiers one subnet too large', () => {
    expect(tiersFit(vpc22, [{ name: 'a', mask: 24 }, { name: 'b', mask: 24 }], 3)).toBe(false);
    expect(tiersFit(vpc22, [{ name: 'a', mask: 24 }, { name: 'b', mask: 20 }], 2)).toBe(false);
  });

  test('rejects tiers that only overflow because of alignment', () => {
    const vpc20 = parseCidr('10.0.0.0/20')!;
    const tiers = [{ name: 'a', mask: 24 }, { name: 'b', mask: 22 }, { name: 'c', mask: 26 }];
    expect(3 * 256 + 3 * 1024 + 3 * 64).toBeLessThanOrEqual(4096);
    expect(tiersFit(vpc20, tiers, 3)).toBe(false);
    expect(tiersFit(vpc20, tiers, 2)).toBe(true);
  });

  test('accepts the default layout in the default /16', () => {
    expect(tiersFit(parseCidr('10.0.0.0/16')!, [{ name: 'public', mask: 24 }, { name: 'private', mask: 20 }], 3)).toBe(true);
  });
});
