import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { METRIC_PERIOD } from '../services/service-metrics';

/**
 * The metrics a service's alarms watch, over both of its target groups when it has an alternate one:
 * ECS alternates the two between deployments, so production traffic is on either, and the green
 * revision of a deployment is on the one production is not on.
 */
export interface TargetGroupMetrics {
  readonly target5xx: cloudwatch.IMetric;
  readonly unhealthyHosts: cloudwatch.IMetric;
  readonly targetResponseTime: cloudwatch.IMetric;
}

/** The alarm metrics of `primary`, combined with `alternate` when there is one. */
export function targetGroupMetrics(primary: elbv2.IApplicationTargetGroup, alternate?: elbv2.IApplicationTargetGroup): TargetGroupMetrics {
  const of = (tg: elbv2.IApplicationTargetGroup) => ({
    target5xx: tg.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: METRIC_PERIOD }),
    unhealthyHosts: tg.metrics.unhealthyHostCount({ period: METRIC_PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
    targetResponseTime: tg.metrics.targetResponseTime({ period: METRIC_PERIOD, statistic: cloudwatch.Stats.p(95) }),
  });
  const blue = of(primary);
  if (!alternate) return blue;
  const green = of(alternate);
  // a target group without targets has no data points: FILL keeps the sum and the maximum defined
  const both = (expression: string, key: keyof TargetGroupMetrics, label: string) => new cloudwatch.MathExpression({
    expression,
    usingMetrics: { blue: blue[key], green: green[key] },
    period: METRIC_PERIOD,
    label,
  });
  return {
    target5xx: both('FILL(blue, 0) + FILL(green, 0)', 'target5xx', 'target 5xx (both target groups)'),
    unhealthyHosts: both('MAX([FILL(blue, 0), FILL(green, 0)])', 'unhealthyHosts', 'unhealthy targets (either target group)'),
    targetResponseTime: both('MAX([FILL(blue, 0), FILL(green, 0)])', 'targetResponseTime', 'p95 response time (slower target group)'),
  };
}
