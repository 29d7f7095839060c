import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Capacity } from './capacity';
import { CapacityKind } from './capacity';
import { resolveCapacity } from './capacity-rules';
import type { ContainerDependency, SidecarOptions } from './container-options';
import { defaultMemoryFor } from './fargate-sizes';
import type { NamedPortOptions } from './port-options';
import type { ServiceOptions } from './service-options';
import { Discovery, DiscoveryMode } from '../discovery/discovery';
import { withDefaults } from '../private/validation';

/**
 * The defaults of a service, in one place: the `@default` of each `ServiceOptions` prop says the same.
 */
export const SERVICE_DEFAULTS = {
  cpu: 256,
  desiredCount: 2,
  minHealthyPercent: 100,
  maxHealthyPercent: 200,
  readonlyRootFilesystem: true,
  cpuArchitecture: ecs.CpuArchitecture.X86_64,
  spot: false,
  enableExecuteCommand: false,
  writableDirectories: [] as string[],
  connectsTo: [] as string[],
  sidecars: [] as SidecarOptions[],
  dependsOn: [] as ContainerDependency[],
  additionalPorts: [] as NamedPortOptions[],
} as const;

/** The health-check grace period of a routed service (a service that is not routed has none). */
export const HEALTH_CHECK_GRACE_PERIOD = Duration.seconds(60);

/** A service's options with every default applied: what the service is built from. */
export interface ResolvedServiceOptions extends ServiceOptions {
  readonly cpu: number;
  readonly memoryLimitMiB: number;
  readonly desiredCount: number;
  readonly minHealthyPercent: number;
  readonly maxHealthyPercent: number;
  readonly readonlyRootFilesystem: boolean;
  readonly cpuArchitecture: ecs.CpuArchitecture;
  readonly spot: boolean;
  readonly enableExecuteCommand: boolean;
  readonly writableDirectories: string[];
  readonly connectsTo: string[];
  readonly sidecars: SidecarOptions[];
  readonly dependsOn: ContainerDependency[];
  readonly additionalPorts: NamedPortOptions[];
  /** The capacity, from `capacity` or `spot`. */
  readonly resolvedCapacity: Capacity;
  readonly discovery: Discovery;
  /** The name callers use, unless the service has `Discovery.none()`. */
  readonly discoveryName?: string;
  /** Whether the main port or a named port is behind the load balancer. */
  readonly routed: boolean;
  /** The grace period of a routed service; undefined for a service that is not routed. */
  readonly healthCheckGracePeriod?: Duration;
}

/** Applies the defaults of `SERVICE_DEFAULTS` (and the discovery that fits the port) to a service's options. */
export function resolveServiceOptions(name: string, options: ServiceOptions): ResolvedServiceOptions {
  const resolved = withDefaults(options, SERVICE_DEFAULTS);
  const discovery = options.discovery ?? (options.containerPort !== undefined ? Discovery.serviceConnect() : Discovery.none());
  const capacity = resolveCapacity(options.capacity, options.spot);
  const routed = options.routing !== undefined || (options.additionalPorts ?? []).some(p => p.routing !== undefined);
  return {
    ...resolved,
    resolvedCapacity: capacity,
    spot: capacity.kind === CapacityKind.FARGATE_SPOT,
    memoryLimitMiB: options.memoryLimitMiB ?? defaultMemoryFor(resolved.cpu),
    discovery,
    discoveryName: discovery.mode === DiscoveryMode.NONE ? undefined : discovery.discoveryName ?? name,
    routed,
    // only a routed service has one; a value given without routing stays, for validation to reject
    healthCheckGracePeriod: routed ? options.healthCheckGracePeriod ?? HEALTH_CHECK_GRACE_PERIOD : options.healthCheckGracePeriod,
  };
}
