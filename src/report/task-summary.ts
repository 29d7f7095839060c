import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { TaskSummary } from './report-types';
import { CapacityKind } from '../services/capacity';
import { SIDECAR_DEFAULTS, appContainerMemory } from '../services/containers';
import { describeHealthCheck } from '../services/health-check';
import type { NetworkService } from '../services/network-service';

/** What runs in each task of each service: the capacity, the containers, their ports, health checks and start order. */
export function tasksOf(services: NetworkService[]): TaskSummary[] {
  return services.map(s => {
    const options = s._containerOptions;
    const portsOf = (container: string, own: number[]) => [
      ...own.map(p => `${p}`),
      ...s.additionalPorts.filter(p => (p.containerName ?? s.serviceName) === container).map(p => `${p.containerPort} (${p.name}${p.routing ? ', routed' : ''}${p.discoverable ? ', discoverable' : ''})`),
    ];
    const deps = (d: { containerName: string; condition?: ecs.ContainerDependencyCondition }[]) =>
      d.map(x => `${x.containerName} ${x.condition ?? ecs.ContainerDependencyCondition.START}`);
    return {
      serviceName: s.serviceName,
      capacity: capacityLabel(s),
      containers: [
        {
          name: s.serviceName,
          essential: true,
          memoryLimitMiB: appContainerMemory(s.memoryLimitMiB, options.sidecars),
          ports: portsOf(s.serviceName, s.containerPort !== undefined ? [s.containerPort] : []),
          healthCheck: describeHealthCheck(s.containerHealthCheck),
          dependsOn: deps(options.dependsOn),
        },
        ...options.sidecars.map(c => ({
          name: c.name,
          essential: c.essential ?? SIDECAR_DEFAULTS.essential,
          memoryLimitMiB: c.memoryLimitMiB ?? SIDECAR_DEFAULTS.memoryLimitMiB,
          ports: portsOf(c.name, c.containerPorts ?? []).map(p => (/^\d+$/.test(p) ? `${p} (localhost only)` : p)),
          healthCheck: describeHealthCheck(c.healthCheck),
          dependsOn: deps(c.dependsOn ?? []),
        })),
      ],
    };
  });
}

/** `Fargate`, `Fargate Spot`, `Fargate on demand (base 1, weight 1) and Spot (weight 3)`, `ECS Managed Instances (Spot)`. */
export function capacityLabel(s: NetworkService): string {
  const c = s.capacity;
  switch (c.kind) {
    case CapacityKind.FARGATE_SPOT: return 'Fargate Spot';
    case CapacityKind.FARGATE_MIX: {
      const m = c._mix ?? {};
      return `Fargate on demand (base ${m.onDemandBase ?? 1}, weight ${m.onDemandWeight ?? 1}) and Spot (weight ${m.spotWeight ?? 1})`;
    }
    case CapacityKind.MANAGED_INSTANCES: return `ECS Managed Instances${c._managedInstances?.spot ? ' (Spot)' : ''}, awsvpc`;
    default: return 'Fargate';
  }
}
