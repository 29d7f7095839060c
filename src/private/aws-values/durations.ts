import type { Duration } from 'aws-cdk-lib';
import { invalidProp } from '../validation';

/**
 * CloudFormation refuses a canary or linear ECS deployment whose configured time exceeds 33 hours
 * (its operations time out after 36): canary `BakeTimeInMinutes + CanaryBakeTimeInMinutes`, linear
 * `BakeTimeInMinutes + StepBakeTimeInMinutes x steps`, where the steps are `100 / StepPercent - 1`
 * when the percent divides 100, else `floor(100 / StepPercent)` (no step bake after the last shift).
 * AWS CloudFormation Template Reference, AWS::ECS::Service CanaryConfiguration and LinearConfiguration:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-canaryconfiguration.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-linearconfiguration.html
 */
export const MAX_TRAFFIC_SHIFT_MINUTES = 33 * 60;

/** The waits of a linear deployment that moves `stepPercent` at a time: CloudFormation's count of steps. */
export function linearSteps(stepPercent: number): number {
  const exact = 100 / stepPercent;
  return Number.isInteger(exact) ? exact - 1 : Math.floor(exact);
}

/** One term of a sum of durations: its prop, its value and how many times it counts. */
export interface DurationTerm {
  readonly prop: string;
  readonly duration: Duration;
  readonly times?: number;
}

/** Throws when the terms, all concrete, add up to more than `maxMinutes`; `what` names the sum and its source. */
export function requireDurationSum(prop: string, terms: DurationTerm[], maxMinutes: number, what: string, fix: string): void {
  if (terms.some(t => t.duration.isUnresolved())) return;
  const minutes = terms.reduce((sum, t) => sum + t.duration.toMinutes({ integral: false }) * (t.times ?? 1), 0);
  if (minutes <= maxMinutes) return;
  const formula = terms.map(t => (t.times === undefined ? `\`${t.prop}\`` : `${t.times} x \`${t.prop}\``)).join(' + ');
  throw invalidProp(prop, `takes ${formula} = ${minutes} minutes, over the ${maxMinutes} minutes (${maxMinutes / 60} hours) ${what}`,
    terms.map(t => t.duration.toHumanString()), fix);
}
