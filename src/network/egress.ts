import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { RegionalNatGatewayProvider } from './regional-nat';
import { checkProps, optional, T } from '../private/prop-types';

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
 * Options for the NAT gateway choices of `Egress`.
 */
export interface NatGatewayEgressOptions {
  /**
   * Elastic IP addresses to give the NAT gateways, by allocation ID (`eipalloc-...`), for example
   * to keep the source addresses that partners allow-list. Zonal gateways take one per gateway
   * (one per Availability Zone, or one for `Egress.singleNatGateway()`); a Regional NAT gateway
   * takes one per Availability Zone, in the order of the VPC's zones (manual mode: the gateway
   * then covers exactly those zones and no longer expands by itself).
   *
   * @default - new Elastic IPs (zonal), or Amazon-provided addresses that follow the gateway (regional)
   */
  readonly eipAllocationIds?: string[];

  /**
   * The private IPv4 address of each zonal NAT gateway in its public subnet, in the order of the
   * Availability Zones. Only zonal gateways have a subnet and so a fixed private address: a
   * Regional NAT gateway rejects this option.
   *
   * @default - an address chosen by AWS in each public subnet
   */
  readonly privateIpAddresses?: string[];
}

/**
 * The egress choices of `Egress`.
 */
export enum EgressKind {
  /** One NAT gateway per Availability Zone. */
  NAT_GATEWAY_PER_AZ = 'natGatewayPerAz',
  /** One NAT gateway for all Availability Zones. */
  SINGLE_NAT_GATEWAY = 'singleNatGateway',
  /** One Regional NAT gateway that spans every Availability Zone. */
  REGIONAL_NAT_GATEWAY = 'regionalNatGateway',
  /** NAT instances. */
  NAT_INSTANCES = 'natInstances',
  /** No NAT; VPC endpoints only. */
  ENDPOINTS_ONLY = 'endpointsOnly',
}

/** The types of `NatGatewayEgressOptions`, for callers from plain JavaScript and other jsii languages. */
const NAT_GATEWAY_OPTIONS = { eipAllocationIds: optional(T.arrayOf(T.string)), privateIpAddresses: optional(T.arrayOf(T.string)) };

/**
 * How tasks in the private subnets reach the internet, chosen by cost and availability.
 *
 * | choice | internet egress | survives the loss of one AZ | relative cost |
 * |---|---|---|---|
 * | `Egress.natGatewayPerAz()` | yes | yes | highest |
 * | `Egress.singleNatGateway()` | yes | no (a warning says so) | one NAT gateway |
 * | `Egress.regionalNatGateway()` | yes | yes | one NAT gateway hour per AZ, no public subnet needed for NAT |
 * | `Egress.natInstances()` | yes | no | lowest with internet |
 * | `Egress.endpointsOnly()` | no, AWS services only through VPC endpoints | yes | endpoints only |
 */
export class Egress {
  /**
   * One NAT gateway in every Availability Zone: highly available, the default.
   */
  public static natGatewayPerAz(options: NatGatewayEgressOptions = {}): Egress {
    checkProps('Egress.natGatewayPerAz(options)', options, 'NatGatewayEgressOptions', NAT_GATEWAY_OPTIONS);
    return new Egress(EgressKind.NAT_GATEWAY_PER_AZ, 'one NAT gateway per Availability Zone', true, { gateway: options });
  }

  /**
   * One NAT gateway shared by all Availability Zones: cheaper, but the loss of its Availability Zone
   * cuts the internet egress of every task (synthesis warns about it).
   */
  public static singleNatGateway(options: NatGatewayEgressOptions = {}): Egress {
    checkProps('Egress.singleNatGateway(options)', options, 'NatGatewayEgressOptions', NAT_GATEWAY_OPTIONS);
    return new Egress(EgressKind.SINGLE_NAT_GATEWAY, 'a single NAT gateway', true, { natCount: 1, gateway: options });
  }

  /**
   * One Regional NAT gateway (`AvailabilityMode: regional`) for the whole VPC: it runs in every
   * Availability Zone that has tasks, so the loss of one zone leaves the others their egress, and it
   * needs no patching. It is billed per hour in each zone it is active in, at the zonal gateway's
   * rate, with a public IPv4 address per zone; no traffic crosses zones to reach it. Options that
   * only zonal gateways have (`privateIpAddresses`) are a synth error.
   */
  public static regionalNatGateway(options: NatGatewayEgressOptions = {}): Egress {
    checkProps('Egress.regionalNatGateway(options)', options, 'NatGatewayEgressOptions', NAT_GATEWAY_OPTIONS);
    return new Egress(EgressKind.REGIONAL_NAT_GATEWAY, 'a Regional NAT gateway', true, { natCount: 1, gateway: options, regional: true });
  }

  /**
   * Small NAT instances, one per Availability Zone: the cheapest way to keep internet egress. You
   * patch and watch the instances yourself.
   */
  public static natInstances(options: NatInstancesEgressOptions = {}): Egress {
    checkProps('Egress.natInstances(options)', options, 'NatInstancesEgressOptions', { instanceType: optional(T.object('ec2.InstanceType', 'architecture', 'new ec2.InstanceType(\'t4g.nano\')')) });
    return new Egress(EgressKind.NAT_INSTANCES, 'NAT instances', true, { instanceType: options.instanceType ?? new ec2.InstanceType('t4g.nano') });
  }

  /**
   * No NAT at all: tasks run in isolated subnets and reach AWS services only through VPC endpoints
   * (ECR, CloudWatch Logs and S3 are created automatically). Images must come from ECR.
   */
  public static endpointsOnly(): Egress {
    return new Egress(EgressKind.ENDPOINTS_ONLY, 'no NAT, VPC endpoints only', false, { natCount: 0 });
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
  private readonly gatewayOptions?: NatGatewayEgressOptions;
  private readonly regional: boolean;

  private constructor(kind: EgressKind, description: string, internet: boolean, settings: EgressSettings = {}) {
    this.kind = kind;
    this.description = description;
    this.providesInternetAccess = internet;
    this.fixedNatCount = settings.natCount;
    this.natInstanceType = settings.instanceType;
    this.gatewayOptions = settings.gateway;
    this.regional = settings.regional ?? false;
  }

  /**
   * Whether the egress of every Availability Zone survives the loss of another zone.
   * @internal
   */
  public _survivesAzLoss(azCount: number): boolean {
    return this.regional || this._natCount(azCount) >= azCount;
  }

  /**
   * Whether the choice is a Regional NAT gateway.
   * @internal
   */
  public get _regional(): boolean {
    return this.regional;
  }

  /**
   * The options of the NAT gateway choices.
   * @internal
   */
  public get _gatewayOptions(): NatGatewayEgressOptions {
    return this.gatewayOptions ?? {};
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
    if (this.regional) return new RegionalNatGatewayProvider(this.gatewayOptions?.eipAllocationIds);
    return ec2.NatProvider.gateway({ eipAllocationIds: this.gatewayOptions?.eipAllocationIds });
  }
}

/** What distinguishes the choices, behind the factories. */
interface EgressSettings {
  readonly natCount?: number;
  readonly instanceType?: ec2.InstanceType;
  readonly gateway?: NatGatewayEgressOptions;
  readonly regional?: boolean;
}
