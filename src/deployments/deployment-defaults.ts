import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { DeploymentLifecycleHook } from './service-deployment';

/** The defaults of the deployment options, in one place: the `@default` of each prop says the same. */
export const DEPLOYMENT_DEFAULTS = {
  bakeTime: Duration.minutes(5),
  testHeaderName: 'x-deployment-test',
  testHeaderValue: 'green',
  canaryPercent: 5,
  canaryInterval: Duration.minutes(10),
  stepPercent: 10,
  stepInterval: Duration.minutes(6),
} as const;

/** The options of a deployment with every default applied (internal: not part of the public API). */
export interface ResolvedDeploymentOptions {
  readonly bakeTime: Duration;
  readonly testHeaderName: string;
  readonly testHeaderValue: string;
  readonly testPriority?: number;
  readonly lifecycleHooks: DeploymentLifecycleHook[];
  readonly rollbackAlarms: cloudwatch.IAlarm[];
  /** Canary: the percent and interval; linear: the step and interval. */
  readonly percent?: number;
  readonly interval?: Duration;
}

