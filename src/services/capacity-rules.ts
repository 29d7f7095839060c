import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Capacity, CapacityKind } from './capacity';
import { validateFargateSize } from './fargate-sizes';
import { describe, invalidProp, isConcrete, requireInstanceOf, requireIntegerInRange } from '../private/validation';

/** The Fargate mix defaults, in one place: the `@default` of `FargateMixOptions` says the same. */
export const FARGATE_MIX_DEFAULTS = { onDemandBase: 1, onDemandWeight: 1, spotWeight: 1 } as const;

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
  validateSpotArchitecture(given === undefined ? `${prop}.spot` : `${prop}.capacity`, resolveCapacity(given, spot), cpuArchitecture);
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

/**
 * Fargate Spot runs Linux tasks of the X86_64 architecture only: "Linux tasks with the ARM64
 * architecture don't support the Fargate Spot capacity provider" (Amazon ECS Developer Guide, "AWS
 * Fargate capacity providers": https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html).
 * A mix whose Spot weight is 0 places nothing on Spot.
 */
function validateSpotArchitecture(capacityProp: string, capacity: Capacity, cpuArchitecture: ecs.CpuArchitecture): void {
  if (cpuArchitecture._cpuArchitecture !== ecs.CpuArchitecture.ARM64._cpuArchitecture) return;
  const spotWeight = capacity.kind === CapacityKind.FARGATE_MIX ? fargateMixOf(capacity).spotWeight : undefined;
  const onSpot = capacity.kind === CapacityKind.FARGATE_SPOT || (spotWeight !== undefined && (!isConcrete(spotWeight) || spotWeight > 0));
  if (!onSpot) return;
  const given = capacity.kind === CapacityKind.FARGATE_SPOT ? 'Fargate Spot' : `a Fargate mix with spotWeight ${describe(spotWeight)}`;
  throw invalidProp(capacityProp, 'puts ARM64 tasks on Fargate Spot, which runs X86_64 tasks only', given,
    'Use `Capacity.fargate()` for ARM64 (Graviton) tasks, or set `cpuArchitecture` to X86_64 to use Spot.');
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

/** The share of tasks on Spot, at `desiredCount` tasks (for the cost estimate). */
export function spotShare(capacity: Capacity, desiredCount: number): number {
  if (capacity.kind === CapacityKind.FARGATE_SPOT) return 1;
  if (capacity.kind === CapacityKind.MANAGED_INSTANCES) return capacity._managedInstances?.spot ? 1 : 0;
  if (capacity.kind !== CapacityKind.FARGATE_MIX || !isConcrete(desiredCount)) return 0;
  const mix = fargateMixOf(capacity);
  const above = Math.max(0, desiredCount - mix.onDemandBase);
  const total = mix.onDemandWeight + mix.spotWeight;
  return desiredCount === 0 || total === 0 ? 0 : (above * mix.spotWeight / total) / desiredCount;
}

/** The weights and base of a Fargate mix, with the defaults where the mix gives none. */
export function fargateMixOf(capacity: Capacity): { onDemandBase: number; onDemandWeight: number; spotWeight: number } {
  return { ...FARGATE_MIX_DEFAULTS, ...withoutUndefined(capacity._mix ?? {}) };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
