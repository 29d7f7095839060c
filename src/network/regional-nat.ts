import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** The construct id of the Regional NAT gateway under the VPC (public API: renaming it replaces the gateway). */
export const REGIONAL_NAT_ID = 'RegionalNatGateway';

/**
 * One Regional NAT gateway for the whole VPC (CloudFormation `AWS::EC2::NatGateway` with
 * `AvailabilityMode: regional`). aws-cdk-lib 2.257 has no L2 for it (`NatProvider.regionalGateway()`
 * came in 2.272), so this provider writes the L1: the gateway has no subnet of its own, spans every
 * Availability Zone that has network interfaces of the VPC, and every private subnet routes
 * 0.0.0.0/0 to it.
 */
export class RegionalNatGatewayProvider extends ec2.NatProvider {
  private gateway?: ec2.CfnNatGateway;
  private readonly azs: string[] = [];

  /**
   * @param eipAllocationIds Elastic IPs, one per Availability Zone in the VPC's order (manual mode);
   * undefined for automatic mode, where AWS allocates the addresses as the gateway expands.
   */
  constructor(private readonly eipAllocationIds?: string[]) {
    super();
  }

  public get configuredGateways(): ec2.GatewayConfig[] {
    return this.gateway ? this.azs.map(az => ({ az, gatewayId: this.gateway!.ref })) : [];
  }

  public configureNat(options: ec2.ConfigureNatOptions): void {
    const vpc = options.vpc;
    this.azs.push(...vpc.availabilityZones);
    const ids = this.eipAllocationIds;
    this.gateway = new ec2.CfnNatGateway(vpc, REGIONAL_NAT_ID, {
      availabilityMode: 'regional',
      connectivityType: 'public',
      vpcId: vpc.vpcId,
      availabilityZoneAddresses: ids
        ? vpc.availabilityZones.map((availabilityZone, i) => ({ availabilityZone, allocationIds: [ids[i]] }))
        : undefined,
      tags: [{ key: 'Name', value: `${vpc.node.path}/${REGIONAL_NAT_ID}` }],
    });
    // the gateway sends through the internet gateway: create it once the public routes exist
    for (const subnet of options.natSubnets) this.gateway.node.addDependency(subnet.internetConnectivityEstablished);
    for (const subnet of options.privateSubnets) this.configureSubnet(subnet);
  }

  public configureSubnet(subnet: ec2.PrivateSubnet): void {
    subnet.addDefaultNatRoute(this.gateway!.ref);
  }
}
