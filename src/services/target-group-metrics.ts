import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { METRIC_PERIOD } from './service-metrics';

/** How a metric of two target groups combines them: a sum of counts, or the larger of the two. */
export enum Combine {
  SUM = 'FILL(blue, 0) + FILL(green, 0)',
  MAX = 'MAX([FILL(blue, 0), FILL(green, 0)])',
}

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
  const both = (expression: Combine, key: keyof TargetGroupMetrics, label: string) => new cloudwatch.MathExpression({
    expression,
    usingMetrics: { blue: blue[key], green: green[key] },
    period: METRIC_PERIOD,
    label,
  });
  return {
    target5xx: both(Combine.SUM, 'target5xx', 'target 5xx (both target groups)'),
    unhealthyHosts: both(Combine.MAX, 'unhealthyHosts', 'unhealthy targets (either target group)'),
    targetResponseTime: both(Combine.MAX, 'targetResponseTime', 'p95 response time (slower target group)'),
  };
}

/**
 * A metric of a service's target group that reads both target groups of a blue/green, canary or
 * linear deployment, as the service's alarms do (`targetGroupMetrics`), so that a dashboard and the
 * alarms agree: ECS alternates production between the two. It is an `cloudwatch.Metric` of the
 * primary target group (what `metricXxx()` returns) that renders as the math expression over both.
 */
export class TargetGroupsMetric extends cloudwatch.Metric {
  constructor(private readonly blue: cloudwatch.Metric, private readonly green: cloudwatch.Metric, private readonly combine: Combine,
    private readonly defaultLabel: string) {
    super({
      namespace: blue.namespace,
      metricName: blue.metricName,
      dimensionsMap: blue.dimensions,
      statistic: blue.statistic,
      period: blue.period,
      unit: blue.unit,
      label: blue.label,
      color: blue.color,
      account: blue.account,
      region: blue.region,
    });
  }

  public with(props: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new TargetGroupsMetric(this.blue.with(props), this.green.with(props), this.combine, this.defaultLabel);
  }

  public toMetricConfig(): cloudwatch.MetricConfig {
    // a target group without targets has no data points: FILL keeps the sum and the maximum defined
    return new cloudwatch.MathExpression({
      expression: this.combine,
      usingMetrics: { blue: this.blue, green: this.green },
      period: this.period,
      label: this.label ?? this.defaultLabel,
      color: this.color,
    }).toMetricConfig();
  }
}

/** One metric of a target group, with the options the caller gave. */
export type MetricOfTargetGroup = (tg: elbv2.ApplicationTargetGroup) => cloudwatch.Metric;

/** The metric `metricOf` of `primary`; of both target groups when there is an alternate one. */
export function serviceTargetGroupMetric(primary: elbv2.ApplicationTargetGroup, alternate: elbv2.ApplicationTargetGroup | undefined,
  metricOf: MetricOfTargetGroup, combine: Combine, label: string): cloudwatch.Metric {
  const blue = metricOf(primary);
  const both = `${label} (${combine === Combine.SUM ? 'both target groups' : 'the larger of the two target groups'})`;
  return alternate ? new TargetGroupsMetric(blue, metricOf(alternate), combine, both) : blue;
}
