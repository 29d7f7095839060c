import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * The confused-deputy conditions of a role that an AWS service assumes: the service may assume it
 * only on behalf of a resource of this account (`aws:SourceAccount`) and, when the service sends one,
 * of the resources the ARN pattern matches (`aws:SourceArn`). ("The confused deputy problem", IAM User
 * Guide; each service's page documents the keys it sends, cited where the pattern is defined.)
 */
export function sourceConditions(sourceArnPattern?: string): { [operator: string]: unknown } {
  return {
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ...(sourceArnPattern === undefined ? {} : { ArnLike: { 'aws:SourceArn': sourceArnPattern } }),
  };
}

/**
 * The ARN pattern of every ECS resource of this account in this Region: the `aws:SourceArn` of the
 * trust policy of a task role in "Amazon ECS task IAM role" (ECS Developer Guide). The task execution
 * role, assumed by the same principal, does not take it: its page documents no source keys.
 */
export const ECS_SOURCE_ARN = `arn:${Aws.PARTITION}:ecs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*`;

/**
 * The ARN pattern of this account's VPC flow logs in this Region: the `aws:SourceArn` of the role that
 * publishes flow logs to CloudWatch Logs ("IAM role for publishing flow logs to CloudWatch Logs", VPC
 * User Guide).
 */
export const FLOW_LOG_SOURCE_ARN = `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc-flow-log/*`;

/**
 * Adds `sourceConditions(sourceArnPattern)` to the trust policy of `role`, a role that aws-cdk-lib
 * created with a single statement trusting one service principal (a task definition's task and
 * execution roles, a flow log's role). A role imported or brought by the user is left as it is.
 */
export function restrictTrustToSource(role: iam.IRole | undefined, sourceArnPattern?: string): void {
  const cfn = (role as IConstruct | undefined)?.node.defaultChild;
  if (!(role instanceof iam.Role) || !(cfn instanceof iam.CfnRole)) return;
  cfn.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition', sourceConditions(sourceArnPattern));
}
