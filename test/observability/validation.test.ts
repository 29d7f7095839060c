import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { EcsAdvancedNetworkProps, ServiceMonitoringOptions } from '../../src';
import { IMAGE, newNetwork, newStack } from '../helpers/network';
import { envStack } from '../network/fixtures';

/** An alarm action bound to a fixed ARN. */
function actionOn(arn: string): cloudwatch.IAlarmAction {
  return { bind: (_scope: Construct, _alarm: cloudwatch.IAlarm) => ({ alarmActionArn: arn }) };
}

const build = (props: EcsAdvancedNetworkProps) => () => newNetwork(props);

describe('monitoring validation', () => {
  test('a negative threshold is an error', () => {
    expect(build({ monitoring: { target5xxCount: -1 } })).toThrow(
      '`monitoring.target5xxCount` must not be negative, got: -1. Use 0 or more (10 is the default).');
    expect(build({ monitoring: { targetResponseTimeSeconds: -0.5 } })).toThrow(
      '`monitoring.targetResponseTimeSeconds` must not be negative, got: -0.5. Use 0 or more (2 is the default).');
    expect(build({ monitoring: { rejectedFlowsCount: -10 } })).toThrow(
      '`monitoring.rejectedFlowsCount` must not be negative, got: -10. Use 0 or more (1000 is the default).');
  });

  test('a percentage over 100 is an error', () => {
    expect(build({ monitoring: { cpuUtilizationPercent: 120 } })).toThrow(
      '`monitoring.cpuUtilizationPercent` is a percentage and must be from 0 to 100, got: 120. Use a value from 0 to 100 (80 is the default).');
    expect(build({ monitoring: { memoryUtilizationPercent: 101 } })).toThrow(
      '`monitoring.memoryUtilizationPercent` is a percentage and must be from 0 to 100, got: 101. Use a value from 0 to 100 (80 is the default).');
  });

  test.each([0, -1, 1.5])('evaluation periods %p is an error', periods => {
    expect(build({ monitoring: { evaluationPeriods: periods } })).toThrow(
      `\`monitoring.evaluationPeriods\` must be an integer from 1 to 1440, got: ${periods}. ` +
      'Use 1 to alarm on the first breaching data point, or more to ride out short spikes (3 is the default).');
  });

  test('a service\'s own thresholds follow the same rules, named by the service', () => {
    const web = (monitoring: ServiceMonitoringOptions) => () =>
      newNetwork().network.addService('web', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] }, monitoring });
    expect(web({ target5xxCount: -2 })).toThrow(
      '`web.monitoring.target5xxCount` must not be negative, got: -2. Use 0 or more (10 is the default).');
    expect(web({ cpuUtilizationPercent: 150 })).toThrow(
      '`web.monitoring.cpuUtilizationPercent` is a percentage and must be from 0 to 100, got: 150. Use a value from 0 to 100 (80 is the default).');
    expect(web({ evaluationPeriods: 0 })).toThrow(
      '`web.monitoring.evaluationPeriods` must be an integer from 1 to 1440, got: 0.');
  });

  test.each(['target5xxCount', 'targetResponseTimeSeconds', 'unhealthyHostCount'])(
    'a route threshold (%s) on a service without routing is an error', key => {
      const { network } = newNetwork();
      expect(() => network.addService('orders', { image: IMAGE, containerPort: 8080, monitoring: { [key]: 5 } })).toThrow(
        `\`orders.monitoring.${key}\` only applies to a routed service, got: 5. Remove it, or give the service \`routing\`.`);
    });

  test('thresholds next to `enabled: false` are an error rather than silently unused', () => {
    const { network } = newNetwork();
    expect(() => network.addService('batch', { image: IMAGE, monitoring: { enabled: false, cpuUtilizationPercent: 95, evaluationPeriods: 2 } })).toThrow(
      '`batch.monitoring` sets alarm settings, but `enabled: false` creates no alarms for the service, got: "cpuUtilizationPercent, evaluationPeriods". ' +
      'Remove those settings, or remove `enabled: false`.');
  });

  test('a service\'s thresholds are checked even when the network has no monitoring', () => {
    const { network } = newNetwork({ monitoring: { enabled: false } });
    expect(() => network.addService('worker', { image: IMAGE, monitoring: { memoryUtilizationPercent: -1 } })).toThrow(
      /`worker\.monitoring\.memoryUtilizationPercent` must not be negative/);
  });

  test('thresholds are checked even with monitoring that finds nothing to alarm on yet', () => {
    expect(build({ loadBalancer: { enabled: false }, flowLogs: { enabled: false }, monitoring: { unhealthyHostCount: -2 } })).toThrow(
      '`monitoring.unhealthyHostCount` must not be negative, got: -2.');
  });

  test('an alarm action in another region than the stack is an error', () => {
    const stack = envStack();
    const topic = sns.Topic.fromTopicArn(stack, 'Ops', 'arn:aws:sns:eu-west-1:123456789012:ops');
    expect(() => newNetwork({ monitoring: { alarmActions: [new cw_actions.SnsAction(topic)] } }, stack)).toThrow(
      '`monitoring.alarmActions[0]` must be in the stack\'s region us-east-1: CloudWatch alarms act only in their own region, '
      + 'got: "arn:aws:sns:eu-west-1:123456789012:ops". Use a target in us-east-1 (an SNS topic there can forward to other regions).');
  });

  test('a non-SNS alarm action in another account than the stack is an error', () => {
    const stack = envStack();
    const arn = 'arn:aws:ssm:us-east-1:999999999999:opsitem:3#CATEGORY=Availability';
    expect(() => newNetwork({ monitoring: { alarmActions: [actionOn('arn:aws:sns:us-east-1:123456789012:ok'), actionOn(arn)] } }, stack)).toThrow(
      '`monitoring.alarmActions[1]` must be in the stack\'s account 123456789012: CloudWatch alarms cannot run this action in another account, '
      + `got: "${arn}". Use a target in account 123456789012, or notify an SNS topic that the other account subscribes to.`);
  });

  test('an SNS topic in another account is a warning: its topic policy must admit CloudWatch', () => {
    const stack = envStack();
    const topic = sns.Topic.fromTopicArn(stack, 'Ops', 'arn:aws:sns:us-east-1:999999999999:ops');
    const { network } = newNetwork({ monitoring: { alarmActions: [new cw_actions.SnsAction(topic)] } }, stack);
    Annotations.fromStack(stack).hasWarning(`/${network.monitoring!.node.path}`, Match.stringLikeRegexp(
      '`monitoring.alarmActions\\[0\\]` is in account 999999999999, not the stack\'s 123456789012: its resource policy must let cloudwatch.amazonaws.com use it'));
  });

  test('the region and account of an environment-agnostic stack are not compared', () => {
    const stack = newStack();
    const topic = sns.Topic.fromTopicArn(stack, 'Ops', 'arn:aws:sns:eu-west-1:999999999999:ops');
    const { network } = newNetwork({ monitoring: { alarmActions: [new cw_actions.SnsAction(topic)] } }, stack);
    expect(network.monitoring!.loadBalancer5xxAlarm).toBeDefined();
  });

  test('an action in the stack\'s region and account is accepted, on every alarm', () => {
    const stack = envStack();
    const { network } = newNetwork({ monitoring: { alarmActions: [actionOn('arn:aws:sns:us-east-1:123456789012:ops')] } }, stack);
    network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    expect(network.monitoring!.alarms.length).toBeGreaterThan(6);
  });
});
