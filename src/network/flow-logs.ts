import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';

/**
 * VPC Flow Logs of the network.
 */
export interface FlowLogOptions {
  /**
   * Whether to capture VPC Flow Logs.
   *
   * @default - true for a VPC the network creates; false for an imported VPC (its owner configures them)
   */
  readonly enabled?: boolean;

  /**
   * Where the flow logs go, for example `ec2.FlowLogDestination.toS3(bucket)`.
   *
   * @default - a CloudWatch Logs log group owned by the network, kept for `retention`
   */
  readonly destination?: ec2.FlowLogDestination;

  /**
   * How long the network's own flow log group keeps records. Ignored with a custom `destination`.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly retention?: logs.RetentionDays;

  /**
   * Which traffic to capture.
   *
   * @default ec2.FlowLogTrafficType.ALL
   */
  readonly trafficType?: ec2.FlowLogTrafficType;

  /**
   * A custom record format.
   *
   * @default - the AWS default format's 14 fields, then `tcp-flags`, `pkt-srcaddr`, `pkt-dstaddr`, `flow-direction`, `traffic-path`, `pkt-src-aws-service` and `pkt-dst-aws-service` (version 5): the saved queries use them
   */
  readonly logFormat?: ec2.LogFormat[];

  /**
   * The aggregation interval of the records. One minute makes rejected-flow alarms react quickly.
   *
   * @default ec2.FlowLogMaxAggregationInterval.ONE_MINUTE
   */
  readonly maxAggregationInterval?: ec2.FlowLogMaxAggregationInterval;
}
