import type * as ec2 from 'aws-cdk-lib/aws-ec2';

/** The subnet tiers of a VPC the network creates. */
export enum NetworkAclTier {
  /** The public subnets: the internet-facing load balancer and the NAT gateways. */
  PUBLIC = 'public',
  /** The private subnets: the tasks. */
  PRIVATE = 'private',
  /** The isolated subnets (`subnets.isolatedSubnets`). */
  ISOLATED = 'isolated',
}

/** A network ACL entry of your own, beside the network's. */
export interface NetworkAclRule {
  /** The tier whose ACL gets the entry. */
  readonly tier: NetworkAclTier;

  /** The rule number, 1 to 99 (the network numbers its own entries from 100). Lower numbers are evaluated first. */
  readonly ruleNumber: number;

  /** Inbound or outbound. */
  readonly direction: ec2.TrafficDirection;

  /** The IPv4 CIDR block of the other side, for example `198.51.100.0/24`. */
  readonly cidr: string;

  /** The protocol and ports, for example `ec2.AclTraffic.tcpPort(22)`. */
  readonly traffic: ec2.AclTraffic;

  /** Whether the entry allows or denies (a deny below the network's allows closes a range, for example). */
  readonly action: ec2.Action;
}

/** Network ACLs for the subnet tiers of a VPC the network creates. */
export interface NetworkAclOptions {
  /**
   * Whether to give each subnet tier a network ACL of its own (a second layer under the security groups).
   *
   * @default false
   */
  readonly enabled?: boolean;

  /**
   * Entries of your own, numbered below the network's (1 to 99), for example denies of known bad ranges.
   *
   * @default - none
   */
  readonly additionalRules?: NetworkAclRule[];
}
