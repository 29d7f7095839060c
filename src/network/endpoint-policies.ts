import { Stack, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { invalidProp } from '../private/validation';

/** `o-` and 10 to 32 lower-case letters or digits (AWS Organizations, `Organization.Id`). */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/**
 * Who may call AWS through the network's endpoints: principals of the stack's account, or of the
 * organization when one is given. Stolen credentials of another account (an attacker's, to copy data
 * out to a bucket or log group of theirs) are refused at the endpoint.
 */
export function principalCondition(scope: Construct, organizationId: string | undefined): { [operator: string]: { [key: string]: string } } {
  return organizationId !== undefined
    ? { StringEquals: { 'aws:PrincipalOrgID': organizationId } }
    : { StringEquals: { 'aws:PrincipalAccount': Stack.of(scope).account } };
}

/** The policy of an interface endpoint: any action, on any resource, by principals of the account (or organization) only. */
export function restrictInterfaceEndpoint(endpoint: ec2.InterfaceVpcEndpoint, organizationId: string | undefined): void {
  endpoint.addToPolicy(new iam.PolicyStatement({
    sid: organizationId !== undefined ? 'PrincipalsOfTheOrganizationOnly' : 'PrincipalsOfTheAccountOnly',
    principals: [new iam.AnyPrincipal()],
    actions: ['*'],
    resources: ['*'],
    conditions: principalCondition(endpoint, organizationId),
  }));
}

/**
 * The bucket of Amazon ECR's image layers in the stack's region. "Minimum Amazon S3 bucket permissions
 * for Amazon ECR" (Amazon ECR User Guide, "Amazon ECR interface VPC endpoints (AWS PrivateLink)",
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms):
 * the S3 gateway endpoint's policy must allow `s3:GetObject` on
 * `arn:aws:s3:::prod-<region>-starport-layer-bucket/*`, with any principal: the layer is fetched
 * through a URL that ECR signed with its own credentials, so no principal condition can apply.
 *
 * No other bucket is listed for what the network runs: Fargate pulls through ECR, and the Service
 * Connect proxy is an image ECS pulls from ECR (its layers come from the same kind of bucket). The
 * Amazon Linux repository buckets (`amazonlinux.<region>.amazonaws.com`) that the ECS documentation
 * lists are for EC2 container instances that install packages with yum; ECS Managed Instances run an
 * AWS-managed image that ECS replaces rather than updates. A task that needs another bucket (its own
 * data, an environment file, FireLens configuration, ECS Exec session logs) is given it in `s3Buckets`.
 */
export function ecrLayerBucketObjects(scope: Construct): string {
  const stack = Stack.of(scope);
  return `arn:${stack.partition}:s3:::prod-${stack.region}-starport-layer-bucket/*`;
}

/**
 * The policy of the S3 gateway endpoint: ECR's image layers (read only, see `ecrLayerBucketObjects`),
 * and the user's buckets (any action, by principals of the account or organization). Every other
 * bucket is out of reach through the gateway, and so from the tasks (the gateway's route is more
 * specific than the NAT route).
 */
export function restrictS3Gateway(endpoint: ec2.GatewayVpcEndpoint, buckets: s3.IBucket[], organizationId: string | undefined): void {
  endpoint.addToPolicy(new iam.PolicyStatement({
    sid: 'EcrImageLayers',
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:GetObject'],
    resources: [ecrLayerBucketObjects(endpoint)],
  }));
  if (buckets.length === 0) return;
  endpoint.addToPolicy(new iam.PolicyStatement({
    sid: 'NetworkBuckets',
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:*'],
    resources: buckets.flatMap(b => [b.bucketArn, b.arnForObjects('*')]),
    conditions: principalCondition(endpoint, organizationId),
  }));
}

/** `endpoints.organizationId` is an AWS Organizations id; `s3Buckets` and `organizationId` need the policies. */
export function validateEndpointPolicyOptions(policies: boolean, organizationId: string | undefined, buckets: s3.IBucket[]): void {
  if (organizationId !== undefined && !Token.isUnresolved(organizationId) && !ORGANIZATION_ID.test(organizationId)) {
    throw invalidProp('endpoints.organizationId', 'must be the id of an AWS organization (`o-` and 10 to 32 lower-case letters or digits)',
      organizationId, 'Use the id `aws organizations describe-organization` shows, for example `o-a1b2c3d4e5`.');
  }
  if (policies) return;
  if (organizationId !== undefined) {
    throw invalidProp('endpoints.organizationId', 'only applies to the endpoint policies, and `endpoints.policies` is false', organizationId,
      'Remove `organizationId`, or leave `endpoints.policies` on.');
  }
  if (buckets.length > 0) {
    throw invalidProp('endpoints.s3Buckets', 'only applies to the endpoint policies, and `endpoints.policies` is false: every bucket is reachable',
      `${buckets.length} bucket(s)`, 'Remove `s3Buckets`, or leave `endpoints.policies` on.');
  }
}
