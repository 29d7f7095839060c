import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { NetworkLayout } from '../network/vpc';
import { invalidProp } from '../private/validation';

const PROP = 'loadBalancer.ipAddressType';

/** The load balancer's IP address type: dual-stack where the network is, checked against the network. */
export function resolveIpAddressType(layout: NetworkLayout, internetFacing: boolean, given?: elbv2.IpAddressType): elbv2.IpAddressType {
  const ipv6 = layout.ipStack.ipv6;
  const type = given ?? (ipv6 ? elbv2.IpAddressType.DUAL_STACK : elbv2.IpAddressType.IPV4);
  if (type !== elbv2.IpAddressType.IPV4 && !ipv6) {
    throw invalidProp(PROP, 'needs a network with IPv6', type,
      'Set `ipStack: IpStack.dualStack()` (or bring a dual-stack VPC), or use `elbv2.IpAddressType.IPV4`.');
  }
  if (type === elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4 && !internetFacing) {
    throw invalidProp(PROP, 'can be `dualstack-without-public-ipv4` only for an internet-facing load balancer (an internal one has no public address)', type,
      'Use `elbv2.IpAddressType.DUAL_STACK` for an internal load balancer.');
  }
  if (type === elbv2.IpAddressType.IPV4 && layout.ipStack._ipv6OnlyTasks) {
    throw invalidProp(PROP, 'must be dual-stack: IPv6-only tasks register in IPv6 target groups, which only a dual-stack load balancer has', type,
      'Use `elbv2.IpAddressType.DUAL_STACK` or `DUAL_STACK_WITHOUT_PUBLIC_IPV4`, or leave `ipAddressType` out.');
  }
  return type;
}

/** Who reaches the listeners by default: the internet, or the VPC; over IPv4, IPv6 or both, as the load balancer listens. */
export function defaultIngressPeers(layout: NetworkLayout, internetFacing: boolean, type: elbv2.IpAddressType): ec2.IPeer[] {
  const v4 = type !== elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4 || !internetFacing;
  const v6 = type !== elbv2.IpAddressType.IPV4;
  if (internetFacing) return [...(v4 ? [ec2.Peer.anyIpv4()] : []), ...(v6 ? [ec2.Peer.anyIpv6()] : [])];
  return [
    ec2.Peer.ipv4(layout.cidrBlock ?? layout.vpc.vpcCidrBlock),
    ...(v6 ? [ec2.Peer.ipv6(Fn.select(0, (layout.vpc as ec2.Vpc).vpcIpv6CidrBlocks))] : []),
  ];
}
