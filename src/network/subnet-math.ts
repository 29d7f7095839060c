import type { ParsedCidr } from '../private/aws-values/addresses';

/**
 * Pure IPv4 CIDR arithmetic for checking a subnet layout before `ec2.Vpc` allocates it.
 */

export type { ParsedCidr } from '../private/aws-values/addresses';
export { cidrWithin, parseCidr } from '../private/aws-values/addresses';

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
