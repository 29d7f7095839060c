import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { Egress } from './egress';
import { IpStack, IpStackKind } from './ip-stack';
import { createIpv6OnlySubnets } from './ipv6-only-subnets';
import { applyPrivateIpAddresses, validateNatGatewayOptions } from './nat-gateway-options';
import type { SubnetLayoutOptions } from './subnet-layout';
import type { SubnetTier } from './subnet-math';
import { parseCidr, tiersFit } from './subnet-math';
import { invalidProp, requireIntegerInRange } from '../private/validation';

/** The subnet group names of a VPC the network creates. */
export const SUBNET_GROUP = { public: 'Public', private: 'Private', isolated: 'Isolated' } as const;

/** What the VPC props of the network resolve to. */
export interface VpcSettings {
  readonly vpc?: ec2.IVpc;
  readonly maxAzs?: number;
  readonly ipAddresses?: ec2.IIpAddresses;
  readonly egress?: Egress;
  readonly subnets?: SubnetLayoutOptions;
  readonly taskSubnets?: ec2.SubnetSelection;
  readonly ipStack?: IpStack;
  readonly internetFacing: boolean;
}

/** The VPC the network stands on, and where its tasks run. */
export interface NetworkLayout {
  readonly vpc: ec2.IVpc;
  /** Whether the network created the VPC (false for an imported one). */
  readonly created: boolean;
  readonly taskSubnets: ec2.SubnetSelection;
  /** Whether the task subnets route to the internet: through NAT, or for IPv6-only tasks through the egress-only internet gateway. */
  readonly tasksHaveNatRoute: boolean;
  /** The IP addressing; for an imported VPC, what the user declared (checked against the VPC). */
  readonly ipStack: IpStack;
  /** The egress choice; undefined for an imported VPC. */
  readonly egress?: Egress;
  /** The VPC CIDR block when known at synth time. */
  readonly cidrBlock?: string;
}

const DEFAULT_CIDR = '10.0.0.0/16';
const MIN_AZS = 2;

/** Creates the VPC from the options, or validates and adopts the one given. */
export function buildNetworkLayout(scope: Construct, settings: VpcSettings): NetworkLayout {
  validateVpcChoice(settings);
  const layout = settings.vpc ? adoptVpc(settings.vpc, settings) : createVpc(scope, settings);
  if (layout.ipStack.kind === IpStackKind.DUAL_STACK) {
    Annotations.of(scope).addWarningV2('ecs-advanced-network:dualStackIPv6',
      '`ipStack` is dual-stack: Fargate gives tasks an IPv6 address only when the ECS account setting `dualStackIPv6` is enabled in the region ' +
      '(`aws ecs put-account-setting-default --name dualStackIPv6 --value enabled`); without it the tasks have IPv4 only.');
  }
  return layout;
}

function validateVpcChoice(settings: VpcSettings): void {
  if (!settings.vpc) return;
  const conflicting = (['maxAzs', 'ipAddresses', 'egress', 'subnets'] as const).filter(k => settings[k] !== undefined);
  if (conflicting.length > 0) {
    throw invalidProp('vpc', `cannot be combined with the options for a new VPC (${conflicting.map(c => `\`${c}\``).join(', ')})`,
      conflicting, 'Either bring a VPC with `vpc`, or describe the VPC to create with those options, not both.');
  }
}

function createVpc(scope: Construct, settings: VpcSettings): NetworkLayout {
  const maxAzs = settings.maxAzs ?? MIN_AZS;
  requireIntegerInRange('maxAzs', maxAzs, MIN_AZS, 16,
    'An Application Load Balancer and a highly available service need subnets in at least 2 Availability Zones: set `maxAzs` to 2 or more.');
  const egress = settings.egress ?? Egress.natGatewayPerAz();
  const tiers = subnetTiers(settings.subnets ?? {});
  const ipAddresses = settings.ipAddresses ?? ec2.IpAddresses.cidr(DEFAULT_CIDR);
  const cidrBlock = concreteCidr(ipAddresses);
  // ec2.Vpc takes at most the AZs the stack knows (2 for an environment-agnostic stack)
  const knownAzs = Stack.of(scope).availabilityZones.length;
  warnAboutUnknownAzs(scope, maxAzs, knownAzs);
  validateTiersFit(cidrBlock, tiers, Math.min(maxAzs, knownAzs));
  const azCount = Math.min(maxAzs, knownAzs);
  validateNatGatewayOptions(egress, Math.min(egress._natCount(maxAzs), azCount), azCount);

  const ipStack = settings.ipStack ?? IpStack.ipv4Only();
  validateNat64(ipStack, egress);
  const natGatewayProvider = egress._natProvider();
  // with IPv6 the private subnets route ::/0 to the egress-only internet gateway, even without NAT
  const privateType = egress.providesInternetAccess || ipStack.ipv6 ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED;
  // no subnet assigns an address on launch, IPv4 or IPv6 (an IPv6 address is globally routable: EC2.15, NIST
  // VPCSubnetAutoAssignPublicIpDisabled); ECS asks for the IPv6 address of each task's interface itself
  const noIpv6OnLaunch = ipStack.ipv6 ? { ipv6AssignAddressOnCreation: false } : {};
  const subnetConfiguration: ec2.SubnetConfiguration[] = [
    { name: SUBNET_GROUP.public, subnetType: ec2.SubnetType.PUBLIC, cidrMask: tiers[0].mask, mapPublicIpOnLaunch: false, ...noIpv6OnLaunch },
    { name: SUBNET_GROUP.private, subnetType: privateType, cidrMask: tiers[1].mask, ...noIpv6OnLaunch },
  ];
  if (tiers[2]) {
    subnetConfiguration.push({
      name: SUBNET_GROUP.isolated, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: tiers[2].mask, ...noIpv6OnLaunch,
    });
  }

  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs,
    ipAddresses,
    natGateways: egress._natCount(maxAzs),
    natGatewayProvider,
    subnetConfiguration,
    restrictDefaultSecurityGroup: true,
    ...(ipStack.ipv6 ? { ipProtocol: ec2.IpProtocol.DUAL_STACK } : {}),
  });

  if (natGatewayProvider instanceof ec2.NatInstanceProviderV2) {
    natGatewayProvider.connections.allowFrom(
      cidrBlock ? ec2.Peer.ipv4(cidrBlock) : ec2.Peer.ipv4(vpc.vpcCidrBlock),
      ec2.Port.allTraffic(),
      'From the VPC: traffic that the NAT instance forwards to the internet',
    );
  }
  applyPrivateIpAddresses(egress, natGatewaysOfVpc(vpc), vpc.publicSubnets);
  // the Elastic IPs of the NAT gateways count with the Network Load Balancers' (`checkElasticIpQuota`)
  if (egress.providesInternetAccess && !egress._survivesAzLoss(maxAzs)) {
    Annotations.of(scope).addWarningV2('ecs-advanced-network:singleNat',
      `\`egress\` is ${egress.description}: the loss of its Availability Zone cuts the internet egress of the tasks in every zone. ` +
      'Use `Egress.natGatewayPerAz()` for highly available egress.');
  }

  const taskSubnets: ec2.SubnetSelection = ipStack._ipv6OnlyTasks
    ? { subnets: createIpv6OnlySubnets({ vpc, nat64: ipStack.nat64, natProvider: natGatewayProvider }) }
    : { subnetGroupName: SUBNET_GROUP.private };
  return {
    vpc,
    created: true,
    taskSubnets,
    tasksHaveNatRoute: egress.providesInternetAccess || ipStack._ipv6OnlyTasks,
    ipStack,
    egress,
    cidrBlock,
  };
}

/** NAT64 translates in a NAT gateway: it needs one. */
function validateNat64(ipStack: IpStack, egress: Egress): void {
  if (!ipStack.nat64) return;
  if (!egress.providesInternetAccess || egress._natInstanceType() !== undefined) {
    throw invalidProp('ipStack', 'uses NAT64, which needs a NAT gateway', egress.description,
      'Choose `Egress.regionalNatGateway()`, `Egress.natGatewayPerAz()` or `Egress.singleNatGateway()`, or drop `nat64` and pull images through ECR\'s dual-stack endpoints.');
  }
}

/** `maxAzs` above what the stack knows: an environment-agnostic stack sees two AZs, and ec2.Vpc silently takes two. */
function warnAboutUnknownAzs(scope: Construct, maxAzs: number, knownAzs: number): void {
  if (!Token.isUnresolved(maxAzs) && maxAzs > knownAzs) {
    const stack = Stack.of(scope);
    const agnostic = Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region);
    Annotations.of(scope).addWarningV2('ecs-advanced-network:maxAzs',
      `\`maxAzs\` is ${maxAzs}, but the VPC spans only ${knownAzs} Availability Zones: ` +
      (agnostic
        ? 'the stack is environment-agnostic, so only two are known. Give the stack an `env` with `account` and `region` to use more.'
        : `the region of the stack has ${knownAzs} (from the availability-zones context). Lower \`maxAzs\` to ${knownAzs}.`));
  }
}

function subnetTiers(layout: SubnetLayoutOptions): SubnetTier[] {
  const tiers: SubnetTier[] = [
    { name: 'subnets.publicCidrMask', mask: layout.publicCidrMask ?? 24 },
    { name: 'subnets.privateCidrMask', mask: layout.privateCidrMask ?? 20 },
  ];
  if (layout.isolatedSubnets) {
    tiers.push({ name: 'subnets.isolatedCidrMask', mask: layout.isolatedCidrMask ?? 24 });
  } else if (layout.isolatedCidrMask !== undefined) {
    throw invalidProp('subnets.isolatedCidrMask', 'only applies to the isolated tier', layout.isolatedCidrMask,
      'Set `subnets.isolatedSubnets` to true to create the isolated tier, or remove `subnets.isolatedCidrMask`.');
  }
  for (const tier of tiers) {
    requireIntegerInRange(tier.name, tier.mask, 16, 28, 'A VPC subnet must be between /16 and /28.');
  }
  return tiers;
}

function concreteCidr(ipAddresses: ec2.IIpAddresses): string | undefined {
  const { cidrBlock } = ipAddresses.allocateVpcCidr();
  if (cidrBlock === undefined || Token.isUnresolved(cidrBlock)) return undefined;
  const parsed = parseCidr(cidrBlock);
  if (!parsed || parsed.mask < 16 || parsed.mask > 28) {
    throw invalidProp('ipAddresses', 'must be an IPv4 CIDR block from /16 to /28', cidrBlock,
      'Use for example `ec2.IpAddresses.cidr(\'10.0.0.0/16\')`.');
  }
  return cidrBlock;
}

function validateTiersFit(cidrBlock: string | undefined, tiers: SubnetTier[], azCount: number): void {
  if (!cidrBlock) return;
  const parsed = parseCidr(cidrBlock)!;
  if (!tiersFit(parsed, tiers, azCount)) {
    const layout = tiers.map(t => `${azCount} x /${t.mask} (\`${t.name}\`)`).join(' + ');
    throw invalidProp('subnets', `must fit in the VPC CIDR ${cidrBlock}`, layout,
      'Use longer prefixes (smaller subnets), fewer Availability Zones, or a larger block in `ipAddresses`.');
  }
}

function adoptVpc(vpc: ec2.IVpc, settings: VpcSettings): NetworkLayout {
  const publicAzs = new Set(vpc.publicSubnets.map(s => s.availabilityZone));
  if (settings.internetFacing && publicAzs.size < MIN_AZS) {
    throw invalidProp('vpc', 'must have public subnets in at least 2 Availability Zones for an internet-facing load balancer',
      `${publicAzs.size} Availability Zone(s) with public subnets`,
      'Bring a VPC with public subnets in two or more Availability Zones, or make the load balancer internal (`loadBalancer.internetFacing: false`).');
  }
  const noTaskSubnets = () => invalidProp('vpc', 'must have private or isolated subnets for the tasks (tasks never run in public subnets)',
    `${vpc.privateSubnets.length} private and ${vpc.isolatedSubnets.length} isolated subnets`,
    'Bring a VPC with private subnets, or select them with `taskSubnets`.');
  // checked before selectSubnets(), which throws its own, less helpful error for a missing subnet type
  if (vpc.privateSubnets.length === 0 && vpc.isolatedSubnets.length === 0) throw noTaskSubnets();
  const taskSubnets = settings.taskSubnets ?? (vpc.privateSubnets.length > 0
    ? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }
    : { subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
  const selected = vpc.selectSubnets(taskSubnets).subnets;
  if (selected.length === 0) throw noTaskSubnets();
  const publicIds = new Set(vpc.publicSubnets.map(s => s.subnetId));
  if (selected.some(s => publicIds.has(s.subnetId))) {
    throw invalidProp('taskSubnets', 'must select private or isolated subnets only (tasks never get a public IP)',
      selected.map(s => s.subnetId), 'Select the private subnets of the VPC.');
  }
  const taskAzs = new Set(selected.map(s => s.availabilityZone));
  if (taskAzs.size < MIN_AZS) {
    throw invalidProp('taskSubnets', 'must span at least 2 Availability Zones', [...taskAzs],
      'Select private subnets in two or more Availability Zones so that tasks survive the loss of one.');
  }
  const privateIds = new Set(vpc.privateSubnets.map(s => s.subnetId));
  const ipStack = settings.ipStack ?? IpStack.ipv4Only();
  validateImportedIpStack(vpc, ipStack);
  return {
    vpc,
    created: false,
    taskSubnets,
    tasksHaveNatRoute: selected.every(s => privateIds.has(s.subnetId)),
    ipStack,
  };
}

/**
 * Whether a VPC has an IPv6 block the construct can see: an `ec2.Vpc` of this app created dual-stack.
 * A VPC imported by attributes or by lookup carries no IPv6 information.
 */
export function vpcHasIpv6(vpc: ec2.IVpc): boolean {
  return vpc.node.children.some(c => c instanceof ec2.CfnVPCCidrBlock
    && (c.amazonProvidedIpv6CidrBlock || c.ipv6Pool !== undefined || c.ipv6IpamPoolId !== undefined));
}

function validateImportedIpStack(vpc: ec2.IVpc, ipStack: IpStack): void {
  if (ipStack._ipv6OnlyTasks) {
    throw invalidProp('ipStack', 'cannot be `IpStack.ipv6OnlyTasks()` with an imported `vpc`: the network adds IPv6-only subnets only to a VPC it creates',
      ipStack.description, 'Leave `vpc` out so that the network creates a dual-stack VPC, or use `IpStack.dualStack()` with a dual-stack VPC.');
  }
  if (ipStack.ipv6 && !vpcHasIpv6(vpc)) {
    throw invalidProp('ipStack', 'needs a VPC with an IPv6 block, but the imported `vpc` has none that synthesis can see', ipStack.description,
      'Bring an `ec2.Vpc` created with `ipProtocol: ec2.IpProtocol.DUAL_STACK` (a VPC imported by attributes or lookup carries no IPv6 block), or use `IpStack.ipv4Only()`.');
  }
}

/** The NAT gateways of a VPC the network created (none for an imported VPC or without NAT gateways). */
export function natGatewaysOf(layout: NetworkLayout): ec2.CfnNatGateway[] {
  return layout.created ? natGatewaysOfVpc(layout.vpc) : [];
}

/** The NAT gateways under `vpc`: zonal ones in the public subnets, in AZ order, then a regional one. */
function natGatewaysOfVpc(vpc: ec2.IVpc): ec2.CfnNatGateway[] {
  const isNat = (c: unknown): c is ec2.CfnNatGateway => c instanceof ec2.CfnNatGateway;
  return [
    ...vpc.publicSubnets.flatMap(subnet => subnet.node.children.filter(isNat)),
    ...vpc.node.children.filter(isNat),
  ];
}

/** The CIDR blocks of the task subnets when the tasks reach the internet through NAT. */
export function natSourceCidrsOf(layout: NetworkLayout): string[] | undefined {
  return layout.tasksHaveNatRoute ? taskSubnetCidrsOf(layout) : undefined;
}

/** The CIDR blocks of the task subnets, when known. */
export function taskSubnetCidrsOf(layout: NetworkLayout): string[] | undefined {
  try {
    return layout.vpc.selectSubnets(layout.taskSubnets).subnets.map(s => s.ipv4CidrBlock);
  } catch {
    // an imported subnet without its CIDR block: the query cannot tell task traffic apart
    return undefined;
  }
}
