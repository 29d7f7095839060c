/**
 * Pure IPv4 CIDR arithmetic for checking a subnet layout before `ec2.Vpc` allocates it.
 */

/** A parsed IPv4 CIDR block. */
export interface ParsedCidr {
  readonly address: number;
  readonly mask: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/m`, or returns undefined when it is not a valid IPv4 CIDR block. */
export function parseCidr(cidr: string): ParsedCidr | undefined {
  const m = CIDR.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const mask = Number(m[5]);
  if (octets.some(o => o > 255) || mask > 32) return undefined;
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  return { address, mask };
}

/** One tier of subnets: one subnet of `/mask` per Availability Zone. */
export interface SubnetTier {
  readonly name: string;
  readonly mask: number;
}

/**
 * The number of addresses that allocating `tiers` over `azCount` Availability Zones needs inside a
 * VPC starting at `vpcAddress`, allocated in order with each subnet aligned to its own size (as
 * `ec2.Vpc` does). Returns the offset just past the last subnet.
 */
export function allocatedSpan(vpcAddress: number, tiers: SubnetTier[], azCount: number): number {
  let next = vpcAddress;
  for (const tier of tiers) {
    const size = 2 ** (32 - tier.mask);
    for (let i = 0; i < azCount; i++) {
      next = Math.ceil(next / size) * size + size;
    }
  }
  return next - vpcAddress;
}

/** Whether the tiers fit in the VPC block when allocated in order. */
export function tiersFit(vpc: ParsedCidr, tiers: SubnetTier[], azCount: number): boolean {
  return allocatedSpan(vpc.address, tiers, azCount) <= 2 ** (32 - vpc.mask);
}

/** Private and shared address space (RFC 1918, RFC 6598): reached without NAT, through the VPC, peering, a transit gateway or a VPN. */
export const PRIVATE_IPV4_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** Whether block `inner` lies inside block `outer`. */
export function cidrWithin(inner: ParsedCidr, outer: ParsedCidr): boolean {
  if (inner.mask < outer.mask) return false;
  const size = 2 ** (32 - outer.mask);
  return Math.floor(inner.address / size) === Math.floor(outer.address / size);
}
