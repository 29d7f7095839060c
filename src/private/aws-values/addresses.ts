import { Token } from 'aws-cdk-lib';
import { invalidProp } from '../validation';

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

/** Parses an IPv4 address `a.b.c.d` into a number, or returns undefined. */
export function parseIpv4(address: string): number | undefined {
  return parseCidr(`${address}/32`)?.address;
}

/** Whether block `inner` lies inside block `outer`. */
export function cidrWithin(inner: ParsedCidr, outer: ParsedCidr): boolean {
  if (inner.mask < outer.mask) return false;
  const size = 2 ** (32 - outer.mask);
  return Math.floor(inner.address / size) === Math.floor(outer.address / size);
}

/**
 * The addresses of an IPv4 subnet that AWS keeps for itself: the first four (network, VPC router,
 * DNS, future use) and the last (broadcast). Amazon VPC User Guide, "Subnet CIDR blocks":
 * https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
 */
export function isReservedInSubnet(address: number, subnet: ParsedCidr): boolean {
  const first = subnet.address - subnet.address % 2 ** (32 - subnet.mask);
  const last = first + 2 ** (32 - subnet.mask) - 1;
  return address - first < 4 || address === last;
}

/** A subnet an address may be asked to be in: its CIDR block and, for messages, its Availability Zone. */
export interface AddressSubnet {
  readonly cidr: string;
  readonly availabilityZone: string;
}

/**
 * Throws unless `address` is an IPv4 address inside `subnet` and not one of the five it reserves;
 * `others` are the sibling subnets, named in the message when the address is in one of them (the
 * subnet of another Availability Zone). Skips tokens and subnets whose block is a token.
 */
export function requireAddressInSubnet(prop: string, address: string, subnet: AddressSubnet, others: AddressSubnet[]): void {
  if (Token.isUnresolved(address) || Token.isUnresolved(subnet.cidr)) return;
  const value = parseIpv4(address);
  if (value === undefined) {
    throw invalidProp(prop, 'must be an IPv4 address', address, 'Use for example `10.0.0.10`.');
  }
  const block = parseCidr(subnet.cidr);
  if (!block) return;
  if (!cidrWithin({ address: value, mask: 32 }, block)) {
    const inBlock = (cidr: string) => {
      const other = Token.isUnresolved(cidr) ? undefined : parseCidr(cidr);
      return other !== undefined && cidrWithin({ address: value, mask: 32 }, other);
    };
    const elsewhere = others.find(o => inBlock(o.cidr));
    const where = elsewhere ? `, but it is in the subnet of ${elsewhere.availabilityZone} (${elsewhere.cidr})` : '';
    throw invalidProp(prop, `must be inside its subnet in ${subnet.availabilityZone} (${subnet.cidr})${where}`, address,
      `Give an address of ${subnet.cidr}, in the order of the Availability Zones.`);
  }
  if (isReservedInSubnet(value, block)) {
    throw invalidProp(prop, `is one of the five addresses AWS reserves in ${subnet.cidr} (the first four and the last)`, address,
      'Give another address of the subnet.');
  }
}
