import type { FlowEnd } from './flow';
import { AddressFamily, FlowEndKind } from './flow';

/**
 * The clients a resolved security-group ingress rule admits (`internet`, a CIDR block, the VPC's
 * ranges, a prefix list or a security group), and their address family. A range the VPC only knows
 * at deploy time is named, never printed as the token's object.
 */
export function clientsOf(rule: any): { readonly end: FlowEnd; readonly family: AddressFamily } {
  const clients = (name: string, family = AddressFamily.IPV4) => ({ end: { kind: FlowEndKind.CLIENTS, name }, family });
  if (rule.cidrIp === '0.0.0.0/0') return clients('internet');
  if (rule.cidrIp !== undefined) return clients(typeof rule.cidrIp === 'string' ? rule.cidrIp : 'the VPC CIDR');
  if (rule.cidrIpv6 !== undefined) {
    if (rule.cidrIpv6 === '::/0') return clients('internet (IPv6)', AddressFamily.IPV6);
    return clients(typeof rule.cidrIpv6 === 'string' ? rule.cidrIpv6 : 'the VPC IPv6 CIDR', AddressFamily.IPV6);
  }
  if (rule.sourcePrefixListId !== undefined) return clients(`prefix list ${tokenLabel(rule.sourcePrefixListId)}`);
  return clients(`security group ${tokenLabel(rule.sourceSecurityGroupId)}`);
}

function tokenLabel(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as any;
  return v?.['Fn::GetAtt']?.[0] ?? v?.Ref ?? JSON.stringify(value);
}
