import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { NetworkService } from './network-service';
import type { ServiceScalingOptions } from './service-options';
import type { PropTable } from '../private/prop-types';
import { checkProps, optional, required, T } from '../private/prop-types';
import { invalidProp, requireIntegerInRange } from '../private/validation';

/** The types of `ServiceScalingOptions`: every count is known at synth time (the address check adds up the tasks). */
const SCALING_OPTIONS: PropTable = {
  minCapacity: optional(T.number),
  maxCapacity: required(T.number),
  targetCpuUtilizationPercent: optional(T.number),
  targetRequestsPerTarget: optional(T.number),
};

/** Scales the task count of `service` on CPU utilization and, for routed services, on requests per task. */
export function scaleService(service: NetworkService, options: ServiceScalingOptions): ecs.ScalableTaskCount {
  const prop = `${service.serviceName}.autoScale`;
  checkProps(prop, options, 'ServiceScalingOptions', SCALING_OPTIONS);
  const minCapacity = options.minCapacity ?? service.desiredCount;
  requireIntegerInRange(`${prop}.minCapacity`, minCapacity, 1, 5000);
  requireIntegerInRange(`${prop}.maxCapacity`, options.maxCapacity, minCapacity, 5000, 'Set `maxCapacity` at or above `minCapacity`.');
  requireIntegerInRange(`${prop}.targetCpuUtilizationPercent`, options.targetCpuUtilizationPercent, 10, 90);
  // every rule before anything is created, so that a failed call leaves the service unscaled
  if (options.targetRequestsPerTarget !== undefined && !service.targetGroup) {
    throw invalidProp(`${prop}.targetRequestsPerTarget`, 'needs a routed service', options.targetRequestsPerTarget,
      'Scale on CPU only, or give the service `routing`.');
  }
  if (options.targetRequestsPerTarget !== undefined && service.deployment.shiftsTraffic) {
    throw invalidProp(`${prop}.targetRequestsPerTarget`, `cannot scale a service with a ${service.deployment.strategy.toLowerCase().replace('_', '/')} deployment: ` +
      'ECS moves production traffic from one target group to the other at each deployment, and a request-count policy follows one target group',
    options.targetRequestsPerTarget, 'Scale on CPU (`targetCpuUtilizationPercent`), or deploy the service with `ServiceDeployment.rolling()`.');
  }
  requireIntegerInRange(`${prop}.targetRequestsPerTarget`, options.targetRequestsPerTarget, 1, 1000000);
  const scaling = service.service.autoScaleTaskCount({ minCapacity, maxCapacity: options.maxCapacity });
  scaling.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: options.targetCpuUtilizationPercent ?? 70 });
  if (options.targetRequestsPerTarget !== undefined && service.targetGroup) {
    scaling.scaleOnRequestCount('RequestScaling', { requestsPerTarget: options.targetRequestsPerTarget, targetGroup: service.targetGroup });
  }
  return scaling;
}
