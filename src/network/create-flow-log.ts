import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FlowLogOptions } from './flow-logs';

/** The flow log and, when the network owns it, its log group. */
export interface NetworkFlowLog {
  readonly flowLog: ec2.FlowLog;
  readonly logGroup?: logs.LogGroup;
}

/** Creates the VPC flow log described by `options`. */
export function createFlowLog(scope: Construct, vpc: ec2.IVpc, options: FlowLogOptions, encryptionKey: kms.IKey): NetworkFlowLog {
  let logGroup: logs.LogGroup | undefined;
  let destination = options.destination;
  if (!destination) {
    logGroup = new logs.LogGroup(scope, 'FlowLogGroup', {
      retention: options.retention ?? logs.RetentionDays.ONE_YEAR,
      encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    destination = ec2.FlowLogDestination.toCloudWatchLogs(logGroup);
  }
  const flowLog = new ec2.FlowLog(scope, 'FlowLog', {
    resourceType: ec2.FlowLogResourceType.fromVpc(vpc),
    destination,
    trafficType: options.trafficType ?? ec2.FlowLogTrafficType.ALL,
    logFormat: options.logFormat,
    maxAggregationInterval: options.maxAggregationInterval ?? ec2.FlowLogMaxAggregationInterval.ONE_MINUTE,
  });
  return { flowLog, logGroup };
}
