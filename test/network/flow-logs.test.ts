import { Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { agnosticStack, synth } from './fixtures';

describe('flow logs', () => {
  test('capture all traffic of the VPC at one-minute aggregation into a log group kept one year', () => {
    const { stack, network, template } = synth();
    template.resourceCountIs('AWS::EC2::FlowLog', 1);
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      ResourceId: stack.resolve(network.vpc.vpcId),
      TrafficType: 'ALL',
      MaxAggregationInterval: 60,
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: stack.resolve((network.flowLogGroup as logs.LogGroup).logGroupName),
      // the default fields, then tcp-flags, the packet-level addresses and the version 5 fields
      LogFormat: '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} '
        + '${tcp-flags} ${pkt-srcaddr} ${pkt-dstaddr} ${flow-direction} ${traffic-path} ${pkt-src-aws-service} ${pkt-dst-aws-service}',
    });
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
    expect(network.flowLog).toBeDefined();
  });

  test('keep records for the given retention', () => {
    const { template } = synth({ flowLogs: { retention: logs.RetentionDays.ONE_MONTH } });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('capture the given traffic type', () => {
    const { template } = synth({ flowLogs: { trafficType: ec2.FlowLogTrafficType.REJECT } });
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'REJECT' });
  });

  test('use the given aggregation interval', () => {
    const { template } = synth({ flowLogs: { maxAggregationInterval: ec2.FlowLogMaxAggregationInterval.TEN_MINUTES } });
    template.hasResourceProperties('AWS::EC2::FlowLog', { MaxAggregationInterval: 600 });
  });

  test('pass a custom log format through', () => {
    const { template } = synth({
      flowLogs: { logFormat: [ec2.LogFormat.SRC_ADDR, ec2.LogFormat.DST_ADDR, ec2.LogFormat.custom('${tcp-flags}')] },
    });
    template.hasResourceProperties('AWS::EC2::FlowLog', { LogFormat: '${srcaddr} ${dstaddr} ${tcp-flags}' });
  });

  test('go to a custom destination without creating a log group', () => {
    const stack = agnosticStack();
    const bucket = new s3.Bucket(stack, 'FlowLogs');
    const { network, template } = synth({ flowLogs: { destination: ec2.FlowLogDestination.toS3(bucket) } }, stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      LogDestinationType: 's3',
      LogDestination: stack.resolve(bucket.bucketArn),
      LogGroupName: Match.absent(),
    });
    expect(network.flowLogGroup).toBeUndefined();
  });

  test('are not created with `enabled: false`', () => {
    const { network, template } = synth({ flowLogs: { enabled: false } });
    template.resourceCountIs('AWS::EC2::FlowLog', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    expect(network.flowLog).toBeUndefined();
    expect(network.flowLogGroup).toBeUndefined();
  });
});
