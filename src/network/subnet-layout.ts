/**
 * Sizes and tiers of the subnets of a VPC the network creates.
 */
export interface SubnetLayoutOptions {
  /**
   * The prefix length of each public subnet (load balancer, NAT), one per Availability Zone.
   *
   * @default 24
   */
  readonly publicCidrMask?: number;

  /**
   * The prefix length of each private subnet, where the tasks run, one per Availability Zone.
   * Every task takes one address (awsvpc), as does every interface endpoint.
   *
   * @default 20
   */
  readonly privateCidrMask?: number;

  /**
   * Whether to add an isolated tier (no route out of the VPC) for data stores.
   *
   * @default false
   */
  readonly isolatedSubnets?: boolean;

  /**
   * The prefix length of each isolated subnet, when `isolatedSubnets` is true.
   *
   * @default 24
   */
  readonly isolatedCidrMask?: number;
}
