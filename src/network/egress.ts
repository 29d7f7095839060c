import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * Options for `Egress.natInstances()`.
 */
export interface NatInstancesEgressOptions {
  /**
   * The instance type of each NAT instance.
   *
   * @default - t4g.nano (Graviton, the cheapest instance that can forward traffic)
   */
  readonly instanceType?: ec2.InstanceType;
}

/**
 * The egress choices of `Egress`.
 */
export enum EgressKind {
  /** One NAT gateway per Availability Zone. */
  NAT_GATEWAY_PER_AZ = 'natGatewayPerAz',
  /** One NAT gateway for all Availability Zones. */
  SINGLE_NAT_GATEWAY = 'singleNatGateway',
  /** NAT instances. */
  NAT_INSTANCES = 'natInstances',
  /** No NAT; VPC endpoints only. */
  ENDPOINTS_ONLY = 'endpointsOnly',
}

/**
 * How tasks in the private subnets reach the internet, chosen by cost and availability.
 *
 * | choice | internet egress | survives the loss of one AZ | relative cost |
 * |---|---|---|---|
 * | `Egress.natGatewayPerAz()` | yes | yes | highest |
 * | `Egress.singleNatGateway()` | yes | no (a warning says so) | one NAT gateway |
 * | `Egress.natInstances()` | yes | no | lowest with internet |
 * | `Egress.endpointsOnly()` | no, AWS services only through VPC endpoints | yes | endpoints only |
 */
export class Egress {
  /**
   * One NAT gateway in every Availability Zone: highly available, the default.
   */
  public static natGatewayPerAz(): Egress {
    return new Egress(EgressKind.NAT_GATEWAY_PER_AZ, 'one NAT gateway per Availability Zone', true);
  }

  /**
   * One NAT gateway shared by all Availability Zones: cheaper, but the loss of its Availability Zone
   * cuts the internet egress of every task (synthesis warns about it).
   */
  public static singleNatGateway(): Egress {
    return new Egress(EgressKind.SINGLE_NAT_GATEWAY, 'a single NAT gateway', true, 1);
  }

  /**
   * Small NAT instances, one per Availability Zone: the cheapest way to keep internet egress. You
   * patch and watch the instances yourself.
   */
  public static natInstances(options: NatInstancesEgressOptions = {}): Egress {
    return new Egress(EgressKind.NAT_INSTANCES, 'NAT instances', true, undefined, options.instanceType ?? new ec2.InstanceType('t4g.nano'));
  }

  /**
   * No NAT at all: tasks run in isolated subnets and reach AWS services only through VPC endpoints
   * (ECR, CloudWatch Logs and S3 are created automatically). Images must come from ECR.
   */
  public static endpointsOnly(): Egress {
    return new Egress(EgressKind.ENDPOINTS_ONLY, 'no NAT, VPC endpoints only', false, 0);
  }

  /**
   * Which choice this is.
   */
  public readonly kind: EgressKind;

  /**
   * A human description of the choice.
   */
  public readonly description: string;

  /**
   * Whether tasks get a route to the internet through NAT.
   */
  public readonly providesInternetAccess: boolean;

  private readonly fixedNatCount?: number;
  private readonly natInstanceType?: ec2.InstanceType;

  private constructor(kind: EgressKind, description: string, internet: boolean, natCount?: number, instanceType?: ec2.InstanceType) {
    this.kind = kind;
    this.description = description;
    this.providesInternetAccess = internet;
    this.fixedNatCount = natCount;
    this.natInstanceType = instanceType;
  }

  /**
   * The number of NAT gateways or instances for a VPC over `azCount` Availability Zones.
   * @internal
   */
  public _natCount(azCount: number): number {
    return this.fixedNatCount ?? azCount;
  }

  /**
   * The instance type of NAT instances, or undefined for other choices.
   * @internal
   */
  public _natInstanceType(): string | undefined {
    return this.natInstanceType?.toString();
  }

  /**
   * The NAT provider to give `ec2.Vpc`, or undefined when there is no NAT.
   * @internal
   */
  public _natProvider(): ec2.NatProvider | undefined {
    if (!this.providesInternetAccess) return undefined;
    if (this.natInstanceType) {
      // Inbound traffic is opened to the VPC's own range by the network, never to the whole internet.
      return ec2.NatProvider.instanceV2({
        instanceType: this.natInstanceType,
        associatePublicIpAddress: true,
        defaultAllowedTraffic: ec2.NatTrafficDirection.OUTBOUND_ONLY,
      });
    }
    return ec2.NatProvider.gateway();
  }
}
