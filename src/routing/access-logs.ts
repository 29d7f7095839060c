import { Annotations, Aws, CfnCondition, CfnMapping, Fn, Stack, Token } from 'aws-cdk-lib';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Construct } from 'constructs';

const LOG_DELIVERY = 'logdelivery.elasticloadbalancing.amazonaws.com';

/**
 * Turns on access logs of `alb` into `bucket`.
 *
 * With a concrete region this is `logAccessLogs()`. In an environment-agnostic stack (where
 * `logAccessLogs()` throws), the bucket policy admits both the regional Elastic Load Balancing
 * account, looked up in a mapping for the regions that have one, and the log delivery service
 * principal used by the regions opened since August 2022, so one template deploys in any region.
 */
export function enableAccessLogs(scope: Construct, alb: elbv2.ApplicationLoadBalancer, bucket: s3.IBucket, prefix?: string): void {
  const stack = Stack.of(scope);
  if (!Token.isUnresolved(stack.region)) {
    alb.logAccessLogs(bucket, prefix);
  } else {
    allowLogDeliveryAnyRegion(scope, alb, bucket, prefix);
  }
  if (!bucket.policy) {
    // an imported bucket: `addToResourcePolicy` is silently a no-op, and the load balancer would fail to create
    Annotations.of(scope).addWarningV2('ecs-advanced-network:accessLogsBucketPolicy',
      'The access logs bucket is imported, so its bucket policy cannot be changed here: allow Elastic Load Balancing to ' +
      'put objects under `AWSLogs/<account>/` yourself, or the load balancer will fail to create.');
  }
}

function allowLogDeliveryAnyRegion(scope: Construct, alb: elbv2.ApplicationLoadBalancer, bucket: s3.IBucket, prefix?: string): void {
  const { regionalAccount } = regionalElbAccount(scope);
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: `AllowLoadBalancerAccessLogs${prefix ? prefix.replace(/[^A-Za-z0-9]/g, '') : ''}`,
    actions: ['s3:PutObject'],
    principals: [new iam.CompositePrincipal(new iam.ArnPrincipal(regionalAccount), new iam.ServicePrincipal(LOG_DELIVERY))],
    resources: [bucket.arnForObjects(`${prefix ? `${prefix}/` : ''}AWSLogs/${Aws.ACCOUNT_ID}/*`)],
  }));
  alb.setAttribute('access_logs.s3.enabled', 'true');
  alb.setAttribute('access_logs.s3.bucket', bucket.bucketName);
  alb.setAttribute('access_logs.s3.prefix', prefix ?? '');
  const policy = bucket.policy?.node.defaultChild;
  if (policy) alb.node.addDependency(policy);
}

/**
 * The Elastic Load Balancing account of the deploy region as an IAM principal, from a mapping created
 * once per stack (in the scope of its first load balancer); no value in the regions opened since
 * August 2022, which use the service principal.
 */
function regionalElbAccount(scope: Construct): { regionalAccount: string } {
  const stack = Stack.of(scope);
  let account = ELB_ACCOUNTS.get(stack);
  if (!account) {
    account = createElbAccountMapping(scope);
    ELB_ACCOUNTS.set(stack, account);
  }
  const regionalAccount = Fn.conditionIf(account.condition.logicalId,
    Fn.join('', ['arn:', Aws.PARTITION, ':iam::', account.mapping.findInMap(Aws.REGION, 'account'), ':root']),
    Aws.NO_VALUE).toString();
  return { regionalAccount };
}

const ELB_ACCOUNTS = new WeakMap<Stack, { mapping: CfnMapping; condition: CfnCondition }>();

function createElbAccountMapping(scope: Construct): { mapping: CfnMapping; condition: CfnCondition } {
  // Every known region gets a key: CloudFormation resolves Fn::FindInMap even in the branch of an
  // Fn::If it does not take, so a region without a key would fail. Regions without a legacy account
  // get a placeholder that the condition never uses.
  const accounts: { [region: string]: { [key: string]: string } } = {};
  const legacy: string[] = [];
  for (const region of RegionInfo.regions) {
    const account = region.elbv2Account;
    accounts[region.name] = { account: account ?? 'none' };
    if (account) legacy.push(region.name);
  }
  const mapping = new CfnMapping(scope, 'ElbAccountMap', { mapping: accounts });
  const condition = new CfnCondition(scope, 'RegionHasElbAccount', { expression: anyRegion(legacy) });
  return { mapping, condition };
}

/** `Fn::Or` over `AWS::Region` equal to any of `regions` (at most 10 operands per `Fn::Or`). */
function anyRegion(regions: string[]): ReturnType<typeof Fn.conditionOr> {
  const equals = regions.map(r => Fn.conditionEquals(Aws.REGION, r));
  let level: any[] = equals;
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += 10) {
      const chunk = level.slice(i, i + 10);
      next.push(chunk.length === 1 ? chunk[0] : Fn.conditionOr(...chunk));
    }
    level = next;
  }
  return level[0];
}
