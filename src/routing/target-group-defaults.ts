import { Duration } from 'aws-cdk-lib';
import type { HealthCheckOptions } from './routing-options';
import { withDefaults } from '../private/validation';

/** The target group defaults, in one place: the `@default` of `HealthCheckOptions` and `RoutingOptions` say the same. */
export const TARGET_GROUP_DEFAULTS = {
  healthCheck: {
    path: '/',
    interval: Duration.seconds(15),
    timeout: Duration.seconds(5),
    healthyThresholdCount: 2,
    unhealthyThresholdCount: 3,
    healthyHttpCodes: '200-399',
  },
  deregistrationDelay: Duration.seconds(30),
} as const;

/** A health check with every default applied (its protocol and gRPC codes depend on the target group). */
export type ResolvedHealthCheck = HealthCheckOptions & Required<Omit<HealthCheckOptions, 'protocol' | 'healthyGrpcCodes'>>;

/** Applies the defaults of `TARGET_GROUP_DEFAULTS.healthCheck`. */
export function resolveHealthCheck(hc: HealthCheckOptions = {}): ResolvedHealthCheck {
  return withDefaults(hc, TARGET_GROUP_DEFAULTS.healthCheck);
}
