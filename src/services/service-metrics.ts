import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { invalidProp } from '../private/validation';

/** The period of the service metrics: ECS, Container Insights and the load balancer publish every minute. */
export const METRIC_PERIOD = Duration.minutes(1);

/** Container Insights metrics of an ECS service. */
export function containerInsightsMetric(service: ecs.FargateService, metricName: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'ECS/ContainerInsights',
    metricName,
    dimensionsMap: { ClusterName: service.cluster.clusterName, ServiceName: service.serviceName },
    statistic: cloudwatch.Stats.AVERAGE,
    period: METRIC_PERIOD,
    ...props,
  });
}

/**
 * A Service Connect metric of the endpoint a service publishes (AWS/ECS namespace, by discovery name).
 * Service Connect publishes `RequestCount` for HTTP, HTTP/2 and gRPC endpoints, and connection metrics for all.
 */
export function serviceConnectMetric(service: ecs.FargateService, discoveryName: string, metricName: string,
  props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/ECS',
    metricName,
    dimensionsMap: { ClusterName: service.cluster.clusterName, ServiceName: service.serviceName, DiscoveryName: discoveryName },
    statistic: cloudwatch.Stats.SUM,
    period: METRIC_PERIOD,
    ...props,
  });
}

/** The target group of a routed service, or a clear error for a service without routing. */
export function requireTargetGroup(serviceName: string, targetGroup: elbv2.ApplicationTargetGroup | undefined,
  metric: string): elbv2.ApplicationTargetGroup {
  if (!targetGroup) {
    throw invalidProp(`${serviceName}.routing`, `is not set, so the service has no target group and no \`${metric}\``, undefined,
      'Use the metric on a routed service only.');
  }
  return targetGroup;
}

/** The Service Connect discovery name of a service, or a clear error for a service that publishes none. */
export function requireServiceConnect(serviceName: string, discoveryName: string | undefined, metric: string): string {
  if (discoveryName === undefined) {
    throw invalidProp(`${serviceName}.discovery`, `is not Service Connect, so the service publishes no endpoint and no \`${metric}\``, undefined,
      'Use the metric on a Service Connect server only.');
  }
  return discoveryName;
}
