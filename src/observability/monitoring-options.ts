import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * Alarms, a dashboard and flow-log queries for the whole network path: load balancer, routes,
 * services, NAT gateways and flow logs. Every alarm compares one-minute data points (five-minute
 * ones for rejected flows) and fires when `evaluationPeriods` consecutive points exceed its threshold.
 */
export interface MonitoringOptions {
  /**
   * Whether to create the alarms, the dashboard and the flow-log queries.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * What the alarms do when they fire, for example `new cw_actions.SnsAction(topic)`. The actions
   * must be in the stack's region. An empty list creates alarms without actions.
   *
   * @default - a notification topic owned by the network (`monitoring.alarmTopic`), encrypted with
   * its own KMS key: subscribe to it
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];

  /**
   * How many consecutive data points must exceed a threshold before an alarm fires.
   *
   * @default 3
   */
  readonly evaluationPeriods?: number;

  /**
   * The load balancer alarm fires above this many 5xx responses that the load balancer itself
   * generated (502, 503, 504: no healthy target, target closed the connection, timeout) in a minute.
   *
   * @default 10
   */
  readonly loadBalancer5xxCount?: number;

  /**
   * A Network Load Balancer's alarm fires above this many TCP resets that the load balancer itself
   * sent in a minute (`TCP_ELB_Reset_Count`: idle timeouts, flows to a target that went away).
   *
   * @default 100
   */
  readonly networkLoadBalancerResetCount?: number;

  /**
   * A Network Load Balancer's alarm fires above this many failed TLS handshakes of clients in a
   * minute (load balancers with a TLS listener).
   *
   * @default 10
   */
  readonly tlsNegotiationErrorCount?: number;

  /**
   * A route's alarm fires above this many 5xx responses returned by its targets in a minute.
   *
   * @default 10
   */
  readonly target5xxCount?: number;

  /**
   * A route's alarm fires when the 95th percentile of its target response time exceeds this many seconds.
   *
   * @default 2
   */
  readonly targetResponseTimeSeconds?: number;

  /**
   * A route's alarm fires when more than this many of its targets fail their health checks.
   *
   * @default 0
   */
  readonly unhealthyHostCount?: number;

  /**
   * A service's alarm fires when its average CPU utilization exceeds this percentage.
   *
   * @default 80
   */
  readonly cpuUtilizationPercent?: number;

  /**
   * A service's alarm fires when its average memory utilization exceeds this percentage.
   *
   * @default 80
   */
  readonly memoryUtilizationPercent?: number;

  /**
   * A NAT gateway's alarm fires above this many failed source-port allocations in a minute
   * (too many concurrent connections to one destination).
   *
   * @default 0
   */
  readonly natGatewayErrorPortAllocationCount?: number;

  /**
   * A NAT gateway's alarm fires above this many dropped packets in a minute.
   *
   * @default 100
   */
  readonly natGatewayPacketsDropCount?: number;

  /**
   * The flow-log alarm fires above this many REJECT records in five minutes. Internet scanners cause
   * a background of rejected flows at the load balancer: tune this to your baseline.
   *
   * @default 1000
   */
  readonly rejectedFlowsCount?: number;

  /**
   * Whether to create a CloudWatch dashboard of the network path.
   *
   * @default true
   */
  readonly dashboard?: boolean;

  /**
   * Whether a routed service rolls back a deployment when its target 5xx or unhealthy-host alarm fires
   * during the deployment (ECS deployment alarms, next to the circuit breaker).
   *
   * @default true
   */
  readonly deploymentAlarms?: boolean;
}

/**
 * The alarms of one service, where they should differ from the network's `monitoring` settings: a
 * batch worker that runs hot, or a slow report endpoint. Each threshold not set here is the network's.
 */
export interface ServiceMonitoringOptions {
  /**
   * Whether the service has alarms (and, when routed, deployment alarms). Its graphs stay on the
   * network dashboard either way. With the network's `monitoring.enabled` false no service has alarms.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * How many consecutive data points must exceed a threshold before one of this service's alarms fires.
   *
   * @default - the network's `monitoring.evaluationPeriods`
   */
  readonly evaluationPeriods?: number;

  /**
   * The CPU alarm fires when the service's average CPU utilization exceeds this percentage.
   *
   * @default - the network's `monitoring.cpuUtilizationPercent`
   */
  readonly cpuUtilizationPercent?: number;

  /**
   * The memory alarm fires when the service's average memory utilization exceeds this percentage.
   *
   * @default - the network's `monitoring.memoryUtilizationPercent`
   */
  readonly memoryUtilizationPercent?: number;

  /**
   * The target 5xx alarm fires above this many 5xx responses from the service's targets in a minute
   * (routed services only).
   *
   * @default - the network's `monitoring.target5xxCount`
   */
  readonly target5xxCount?: number;

  /**
   * The response-time alarm fires when the 95th percentile of the service's target response time
   * exceeds this many seconds (routed services only).
   *
   * @default - the network's `monitoring.targetResponseTimeSeconds`
   */
  readonly targetResponseTimeSeconds?: number;

  /**
   * The health alarm fires when more than this many of the service's targets fail their health
   * checks (routed services only).
   *
   * @default - the network's `monitoring.unhealthyHostCount`
   */
  readonly unhealthyHostCount?: number;
}
