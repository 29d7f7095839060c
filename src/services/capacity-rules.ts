import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Construct } from 'constructs';
import { Capacity, CapacityKind } from './capacity';
import { validateFargateSize } from './fargate-sizes';
import type { NetworkEndpoints } from '../network/endpoints';
import { acknowledgeFinding } from '../private/acknowledge';
import { invalidProp, isConcrete, requireInstanceOf, requireIntegerInRange } from '../private/validation';

/** The Fargate mix defaults, in one place: the `@default` of `FargateMixOptions` says the same. */
export const FARGATE_MIX_DEFAULTS = { onDemandBase: 1, onDemandWeight: 1, spotWeight: 1 } as const;

/**
 * The endpoints the instances of a Managed Instances capacity provider need when the tasks have no
 * NAT route: the ECS agent on each instance registers with ECS and sends telemetry (the tasks'
 * own endpoints, ecr.api, ecr.dkr, logs and the S3 gateway, are the network's already).
 */
export const MANAGED_INSTANCES_ENDPOINTS = [
  ec2.InterfaceVpcEndpointAwsService.ECS,
  ec2.InterfaceVpcEndpointAwsService.ECS_AGENT,
  ec2.InterfaceVpcEndpointAwsService.ECS_TELEMETRY,
];

/** The capacity of a service: `capacity`, or the older `spot` flag. */
export function resolveCapacity(capacity: Capacity | undefined, spot: boolean | undefined): Capacity {
  return capacity ?? (spot ? Capacity.fargateSpot() : Capacity.fargate());
}

/** Validates the capacity against the options that apply to one kind only; `prop` is the service's prop path. */
export function validateCapacity(prop: string, given: Capacity | undefined, spot: boolean | undefined, cpuArchitecture: ecs.CpuArchitecture): void {
  requireInstanceOf(`${prop}.capacity`, given, Capacity, 'Capacity.fargateSpot()');
  if (given === undefined || spot === undefined) {
    // nothing to reconcile
  } else if (given.kind === CapacityKind.MANAGED_INSTANCES) {
    throw invalidProp(`${prop}.spot`, 'applies to Fargate only, but `capacity` is `Capacity.managedInstances()`', spot,
      'Remove `spot`; for EC2 Spot instances use `Capacity.managedInstances({ spot: true })`.');
  } else {
    throw invalidProp(`${prop}.spot`, 'must not be given with `capacity`', spot, 'Remove `spot`, and choose `Capacity.fargateSpot()` or `Capacity.fargateMix()`.');
  }
  const mix = given?._mix;
  if (given?.kind === CapacityKind.FARGATE_MIX && mix) {
    requireIntegerInRange(`${prop}.capacity.onDemandBase`, mix.onDemandBase, 0, 100000);
    requireIntegerInRange(`${prop}.capacity.onDemandWeight`, mix.onDemandWeight, 0, 1000);
    requireIntegerInRange(`${prop}.capacity.spotWeight`, mix.spotWeight, 0, 1000);
    const on = mix.onDemandWeight ?? FARGATE_MIX_DEFAULTS.onDemandWeight;
    const off = mix.spotWeight ?? FARGATE_MIX_DEFAULTS.spotWeight;
    if (isConcrete(on) && isConcrete(off) && on + off === 0) {
      throw invalidProp(`${prop}.capacity`, 'needs a weight above 0 (ECS places no task above the base otherwise)', 'onDemandWeight 0, spotWeight 0',
        'Give `onDemandWeight` or `spotWeight` a value of 1 or more.');
    }
  }
  const makers = given?._managedInstances?.instanceRequirements?.cpuManufacturers;
  if (makers && makers.length > 0) {
    const arm = cpuArchitecture._cpuArchitecture === ecs.CpuArchitecture.ARM64._cpuArchitecture;
    const fits = makers.some(m => (m === ec2.CpuManufacturer.AWS) === arm);
    if (!fits) {
      throw invalidProp(`${prop}.capacity.instanceRequirements.cpuManufacturers`, `offers no CPU of the tasks' architecture (${arm ? 'ARM64' : 'X86_64'})`, makers,
        arm ? 'Include `ec2.CpuManufacturer.AWS` (Graviton), or set `cpuArchitecture` to X86_64.' : 'Include Intel or AMD, or set `cpuArchitecture` to ARM64 for Graviton.');
    }
  }
}

/** Throws unless the task size fits the capacity: a Fargate size, or what ECS accepts on Managed Instances. */
export function validateTaskSize(prop: string, capacity: Capacity, cpu: number, memoryLimitMiB: number): void {
  if (capacity.isFargate) {
    validateFargateSize(`${prop}.`, cpu, memoryLimitMiB);
    return;
  }
  requireIntegerInRange(`${prop}.cpu`, cpu, 128, 196608, 'On Managed Instances a task takes 128 CPU units (0.125 vCPU) or more.');
  requireIntegerInRange(`${prop}.memoryLimitMiB`, memoryLimitMiB, 128, 3145728, 'On Managed Instances a task takes 128 MiB or more.');
}

/** The capacity provider strategies of a Fargate capacity (undefined: the FARGATE launch type). */
export function fargateStrategies(capacity: Capacity): ecs.CapacityProviderStrategy[] | undefined {
  switch (capacity.kind) {
    case CapacityKind.FARGATE_SPOT:
      return [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }];
    case CapacityKind.FARGATE_MIX: {
      const mix = { ...FARGATE_MIX_DEFAULTS, ...withoutUndefined(capacity._mix ?? {}) };
      return [
        { capacityProvider: 'FARGATE', base: mix.onDemandBase, weight: mix.onDemandWeight },
        { capacityProvider: 'FARGATE_SPOT', weight: mix.spotWeight },
      ];
    }
    default:
      return undefined;
  }
}

/** The share of tasks on Spot, at `desiredCount` tasks (for the cost estimate). */
export function spotShare(capacity: Capacity, desiredCount: number): number {
  if (capacity.kind === CapacityKind.FARGATE_SPOT) return 1;
  if (capacity.kind === CapacityKind.MANAGED_INSTANCES) return capacity._managedInstances?.spot ? 1 : 0;
  if (capacity.kind !== CapacityKind.FARGATE_MIX || !isConcrete(desiredCount)) return 0;
  const mix = { ...FARGATE_MIX_DEFAULTS, ...withoutUndefined(capacity._mix ?? {}) };
  const above = Math.max(0, desiredCount - mix.onDemandBase);
  const total = mix.onDemandWeight + mix.spotWeight;
  return desiredCount === 0 || total === 0 ? 0 : (above * mix.spotWeight / total) / desiredCount;
}

/** What a Managed Instances capacity provider of a service is built from. */
export interface ManagedInstancesProps {
  readonly serviceName: string;
  readonly capacity: Capacity;
  readonly cluster: ecs.Cluster;
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly endpoints: NetworkEndpoints;
  readonly tasksHaveNatRoute: boolean;
}

/**
 * Creates the service's Managed Instances capacity provider: instances in the task subnets, behind a
 * security group that admits nothing and sends HTTPS only, plus the endpoint clients' group; the ECS endpoints the agent needs without NAT.
 */
export function createManagedInstancesProvider(scope: Construct, p: ManagedInstancesProps): ecs.ManagedInstancesCapacityProvider {
  const mi = p.capacity._managedInstances ?? {};
  const instances = new ec2.SecurityGroup(scope, 'InstanceSecurityGroup', {
    vpc: p.vpc,
    allowAllOutbound: false,
    description: `Managed Instances of ${p.serviceName}: admit nothing; send HTTPS to ECS, ECR, logs (the tasks have groups of their own)`,
  });
  // as for the tasks: ECS, ECR and S3 over HTTPS, through NAT, or the VPC endpoints and the S3 gateway without it
  instances.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443),
    p.tasksHaveNatRoute ? 'HTTPS to ECS, ECR and S3 (through NAT or the S3 gateway)' : 'HTTPS to AWS services (no NAT route: the S3 gateway and VPC endpoints only)');
  if (!p.tasksHaveNatRoute) MANAGED_INSTANCES_ENDPOINTS.forEach(s => p.endpoints.require(s));
  const provider = new ecs.ManagedInstancesCapacityProvider(scope, 'CapacityProvider', {
    subnets: p.vpc.selectSubnets(p.subnets).subnets,
    securityGroups: [instances, p.endpoints.clients],
    instanceRequirements: mi.instanceRequirements,
    infrastructureRole: mi.infrastructureRole,
    ec2InstanceProfile: mi.instanceProfile,
    taskVolumeStorage: mi.taskVolumeStorage,
    capacityOptionType: mi.spot ? ecs.CapacityOptionType.SPOT : ecs.CapacityOptionType.ON_DEMAND,
    propagateTags: ecs.PropagateManagedInstancesTags.CAPACITY_PROVIDER,
  });
  p.cluster.addManagedInstancesCapacityProvider(provider);
  acknowledgeManagedInstancesRoles(provider, mi.infrastructureRole === undefined, mi.instanceProfile === undefined);
  return provider;
}

/** The cdk-nag findings on the roles aws-cdk-lib creates for Managed Instances, each on its role, with why ECS needs it. */
function acknowledgeManagedInstancesRoles(provider: ecs.ManagedInstancesCapacityProvider, infrastructureRole: boolean, instanceRole: boolean): void {
  if (infrastructureRole) {
    acknowledgeFinding(provider.infrastructureRole,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonECSInfrastructureRolePolicyForManagedInstances]',
      'The AWS managed policy that ECS documents for the Managed Instances infrastructure role, kept by AWS in step with what ECS calls. Pass `infrastructureRole` to use your own.');
  }
  const role = provider.node.tryFindChild('InstanceRole');
  if (instanceRole && role) {
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecs:DiscoverPollEndpoint, which the ECS agent on each instance calls, supports no resource-level permissions.',
    });
    acknowledgeFinding(role, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ecs:<AWS::Region>:<AWS::AccountId>:container-instance/*]',
      'The container instances exist only once ECS registers them: the agent polls and reports telemetry for its own instance, in this account and region only.');
  }
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
