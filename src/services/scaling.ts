import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { NetworkService } from './network-service';
import type { ServiceScalingOptions } from './service-options';
import { invalidProp, requireIntegerInRange } from '../private/validation';

/** Scales the task count of `service` on CPU utilization and, for routed services, on requests per task. */
export function scaleService(service: NetworkService, options: ServiceScalingOptions): ecs.ScalableTaskCount {
  const prop = `${service.serviceName}.autoScale`;
  const minCapacity = options.minCapacity ?? service.desiredCount;
  requireIntegerInRange(`${prop}.minCapacity`, minCapacity, 1, 5000);
  requireIntegerInRange(`${prop}.maxCapacity`, options.maxCapacity, minCapacity, 5000, 'Set `maxCapacity` at or above `minCapacity`.');
  requireIntegerInRange(`${prop}.targetCpuUtilizationPercent`, options.targetCpuUtilizationPercent, 10, 90);
  // every rule before anything is created, so that a failed call leaves the service unscaled
  if (options.targetRequestsPerTarget !== undefined && !service.targetGroup) {
    throw invalidProp(`${prop}.targetRequestsPerTarget`, 'needs a routed service', options.targetRequestsPerTarget,
      'Scale on CPU only, or give the service `routing`.');
  }
  requireIntegerInRange(`${prop}.targetRequestsPerTarget`, options.targetRequestsPerTarget, 1, 1000000);
  const scaling = service.service.autoScaleTaskCount({ minCapacity, maxCapacity: options.maxCapacity });
  scaling.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: options.targetCpuUtilizationPercent ?? 70 });
  if (options.targetRequestsPerTarget !== undefined && service.targetGroup) {
    scaling.scaleOnRequestCount('RequestScaling', { requestsPerTarget: options.targetRequestsPerTarget, targetGroup: service.targetGroup });
  }
  return scaling;
}
