import { Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Egress } from './egress';
import type { AddressSubnet } from '../private/aws-values/addresses';
import { requireAddressInSubnet } from '../private/aws-values/addresses';
import { requireDistinctEc2ResourceIds } from '../private/aws-values/resource-ids';
import { invalidProp } from '../private/validation';

/**
 * Checks the NAT gateway options of `egress` against the VPC it builds: a Regional NAT gateway takes
 * no option that only zonal gateways have, and the lists hold one entry per gateway (zonal) or per
 * Availability Zone (regional).
 */
export function validateNatGatewayOptions(egress: Egress, gateways: number, azCount: number): void {
  const { eipAllocationIds, privateIpAddresses } = egress._gatewayOptions;
  if (egress._regional && privateIpAddresses !== undefined) {
    throw invalidProp('egress.privateIpAddresses', 'applies only to zonal NAT gateways: a Regional NAT gateway has no subnet of its own, so no fixed private address',
      privateIpAddresses, 'Remove `privateIpAddresses`, or use `Egress.natGatewayPerAz()` to choose the gateways\' private addresses.');
  }
  const expected = egress._regional ? azCount : gateways;
  const per = egress._regional ? 'Availability Zone of the VPC (manual mode of a Regional NAT gateway)' : 'NAT gateway';
  for (const [name, list] of [['eipAllocationIds', eipAllocationIds], ['privateIpAddresses', privateIpAddresses]] as const) {
    if (list === undefined || Token.isUnresolved(list)) continue;
    if (list.length !== expected) {
      throw invalidProp(`egress.${name}`, `must hold one entry per ${per}, ${expected} here`, list,
        `Give ${expected} value(s), in the order of the Availability Zones.`);
    }
  }
  requireDistinctEc2ResourceIds('egress.eipAllocationIds', 'eipalloc', eipAllocationIds, 'an Elastic IP allocation ID');
}

/**
 * Pins the private address of each zonal NAT gateway, in the order of the Availability Zones, once
 * each is checked against the public subnet the gateway is in (inside it, not reserved).
 */
export function applyPrivateIpAddresses(egress: Egress, gateways: ec2.CfnNatGateway[], publicSubnets: ec2.ISubnet[]): void {
  const addresses = egress._gatewayOptions.privateIpAddresses;
  if (!addresses || egress._regional) return;
  // an environment-agnostic stack has no Availability Zone names: the zones are then numbered
  const subnets = publicSubnets.map((s, i): AddressSubnet & { subnet: ec2.ISubnet } =>
    ({ subnet: s, cidr: s.ipv4CidrBlock, availabilityZone: Token.isUnresolved(s.availabilityZone) ? `Availability Zone ${i + 1}` : s.availabilityZone }));
  gateways.forEach((gateway, i) => {
    const own = subnets.find(s => s.subnet === gateway.node.scope);
    if (own) requireAddressInSubnet(`egress.privateIpAddresses[${i}]`, addresses[i], own, subnets.filter(s => s !== own));
    gateway.privateIpAddress = addresses[i];
  });
}
