import { Annotations, Aws, Stack, Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct, IConstruct } from 'constructs';
import { denyGrantsExceptForAwsServices } from '../network/logs-key';
import { sourceConditions } from '../private/trust-conditions';
import { invalidProp } from '../private/validation';

/**
 * Services whose alarm actions can live in another account when the target's resource policy allows
 * CloudWatch (an SNS topic policy, a Lambda permission). Any other action must be in the alarm's account.
 */
const CROSS_ACCOUNT_SERVICES = ['sns', 'lambda'];

/** Every CloudWatch alarm of this account in this Region. */
const ALARM_SOURCE_ARN = `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`;

/**
 * The network's own alarm topic: encrypted with a customer managed key that CloudWatch may use,
 * published to by this account's CloudWatch alarms only, over TLS only.
 */
export function createAlarmTopic(scope: Construct): sns.Topic {
  const key = new kms.Key(scope, 'AlarmTopicKey', {
    description: 'Encrypts the alarm topic of an ecs-advanced-network network',
    enableKeyRotation: true,
  });
  // CloudWatch encrypts what it publishes to an encrypted topic with the topic's key; only for this
  // account's alarms in this Region (the `aws:SourceArn` of "Key management", SNS Developer Guide: an
  // AWS service as event source of an encrypted topic), so another account's alarm cannot use the key.
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: sourceConditions(ALARM_SOURCE_ARN),
  }));
  denyGrantsExceptForAwsServices(key);
  const topic = new sns.Topic(scope, 'AlarmTopic', {
    displayName: 'ecs-advanced-network alarms',
    masterKey: key,
    enforceSSL: true,
  });
  // A topic policy replaces the default one, which let the account's CloudWatch publish.
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsOfThisAccount',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: { ArnLike: { 'aws:SourceArn': ALARM_SOURCE_ARN } },
  }));
  return topic;
}

/** The actions of every alarm: the ones given, or an SNS action on the network's topic. */
export function alarmActionsFor(owner: IConstruct, given: cloudwatch.IAlarmAction[] | undefined,
  topic: sns.ITopic | undefined): cloudwatch.IAlarmAction[] {
  if (given) return given.map((action, i) => new CheckedAlarmAction(action, `monitoring.alarmActions[${i}]`, owner));
  return topic ? [new cw_actions.SnsAction(topic)] : [];
}

/**
 * Binds like the action it wraps and, the first time (with the first alarm, so still in the
 * constructor), checks the ARN it bound to: an alarm acts only in its own region, and on most
 * targets only in its own account.
 */
class CheckedAlarmAction implements cloudwatch.IAlarmAction {
  private checked = false;

  constructor(private readonly inner: cloudwatch.IAlarmAction, private readonly prop: string, private readonly owner: IConstruct) {}

  public bind(scope: Construct, alarm: cloudwatch.IAlarm): cloudwatch.AlarmActionConfig {
    const config = this.inner.bind(scope, alarm);
    if (!this.checked) {
      validateActionArn(this.owner, this.prop, config.alarmActionArn);
      this.checked = true;
    }
    return config;
  }
}

/** Throws when a concrete action ARN names a region, or (for most services) an account, other than the stack's. */
export function validateActionArn(scope: IConstruct, prop: string, arn: string): void {
  if (Token.isUnresolved(arn)) return;
  const [, , service, region, account] = arn.split(':');
  const stack = Stack.of(scope);
  if (region && !Token.isUnresolved(stack.region) && region !== stack.region) {
    throw invalidProp(prop, `must be in the stack's region ${stack.region}: CloudWatch alarms act only in their own region`, arn,
      `Use a target in ${stack.region} (an SNS topic there can forward to other regions).`);
  }
  if (!/^\d{12}$/.test(account ?? '') || Token.isUnresolved(stack.account) || account === stack.account) return;
  if (CROSS_ACCOUNT_SERVICES.includes(service)) {
    Annotations.of(scope).addWarningV2('ecs-advanced-network:crossAccountAlarmAction',
      `\`${prop}\` is in account ${account}, not the stack's ${stack.account}: its resource policy must let cloudwatch.amazonaws.com use it, or the alarm cannot notify.`);
    return;
  }
  throw invalidProp(prop, `must be in the stack's account ${stack.account}: CloudWatch alarms cannot run this action in another account`, arn,
    `Use a target in account ${stack.account}, or notify an SNS topic that the other account subscribes to.`);
}
