import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { allProps, logicalId, newNetwork, newStack } from '../helpers/network';

function attributes(t: Template): { [key: string]: unknown } {
  const [lb] = allProps(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  return Object.fromEntries(lb.LoadBalancerAttributes.map((a: any) => [a.Key, a.Value]));
}

function statements(t: Template): any[] {
  const policies = allProps(t, 'AWS::S3::BucketPolicy');
  expect(policies).toHaveLength(1);
  return policies[0].PolicyDocument.Statement;
}

describe('access logs', () => {
  test('on by default, into an SSE-S3, public-access-blocked bucket', () => {
    const { stack, network } = newNetwork();
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::S3::Bucket', 1);
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    expect(attributes(t)).toMatchObject({
      'access_logs.s3.enabled': 'true',
      'access_logs.s3.bucket': { Ref: logicalId(network.accessLogsBucket!) },
    });
  });

  test('the bucket denies requests without TLS', () => {
    const { stack } = newNetwork();
    expect(statements(Template.fromStack(stack))).toContainEqual(expect.objectContaining({
      Effect: 'Deny',
      Action: 's3:*',
      Principal: { AWS: '*' },
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
  });

  test('environment-agnostic: admits the log delivery service and the mapped regional ELB account under a condition', () => {
    const { stack } = newNetwork();
    const t = Template.fromStack(stack);
    const allow = statements(t).find(s => s.Effect === 'Allow' && s.Action === 's3:PutObject');
    expect(allow.Principal.Service).toBe('logdelivery.elasticloadbalancing.amazonaws.com');
    const account = JSON.stringify(allow.Principal.AWS);
    expect(allow.Principal.AWS['Fn::If'][0]).toMatch(/RegionHasElbAccount/);
    expect(account).toContain('Fn::FindInMap');
    const json = t.toJSON();
    const [mapping] = Object.values(json.Mappings) as any[];
    expect(mapping['us-east-1']).toEqual({ account: '127311923021' });
    expect(mapping['eu-west-1']).toEqual({ account: '156460612806' });
    expect(Object.keys(json.Conditions).some(c => /RegionHasElbAccount/.test(c))).toBe(true);
  });

  test('with a concrete region: the bucket policy names that region ELB account', () => {
    const { stack } = newNetwork({}, newStack({ account: '123456789012', region: 'us-east-1' }));
    const t = Template.fromStack(stack);
    expect(JSON.stringify(statements(t))).toContain(':iam::127311923021:root');
    expect(t.toJSON().Mappings).toBeUndefined();
    expect(attributes(t)['access_logs.s3.enabled']).toBe('true');
  });

  test('with a concrete region that has no ELB account: the log delivery service principal', () => {
    const { stack } = newNetwork({}, newStack({ account: '123456789012', region: 'ap-southeast-4' }));
    const allow = statements(Template.fromStack(stack)).filter(s => s.Effect === 'Allow' && s.Action === 's3:PutObject');
    expect(allow).toContainEqual(expect.objectContaining({ Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' } }));
    expect(JSON.stringify(allow)).not.toContain(':iam::');
  });

  test('accessLogs false: no bucket and no access log attributes', () => {
    const { stack, network } = newNetwork({ loadBalancer: { accessLogs: false } });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::S3::Bucket', 0);
    expect(attributes(t)['access_logs.s3.enabled']).toBeUndefined();
    expect(network.accessLogsBucket).toBeUndefined();
  });

  test('accessLogsBucket uses the given bucket instead of creating one', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.S3_MANAGED });
    const { network } = newNetwork({ loadBalancer: { accessLogsBucket: bucket } }, stack);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::S3::Bucket', 1);
    expect(network.accessLogsBucket).toBe(bucket);
    expect(attributes(t)['access_logs.s3.bucket']).toEqual({ Ref: logicalId(bucket) });
  });

  test('an owned accessLogsBucket gets the policy and no warning', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Logs');
    newNetwork({ loadBalancer: { accessLogsBucket: bucket } }, stack);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('accessLogsBucketPolicy'));
    expect(statements(Template.fromStack(stack))).toContainEqual(expect.objectContaining({ Sid: 'AllowLoadBalancerAccessLogs' }));
  });

  test.each([undefined, 'us-east-1'])('an imported accessLogsBucket (region %p) gives a warning: its policy cannot be changed', region => {
    const stack = newStack(region ? { account: '123456789012', region } : undefined);
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'my-logs');
    newNetwork({ loadBalancer: { accessLogsBucket: bucket } }, stack);
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('access logs bucket is imported.*ack: ecs-advanced-network:accessLogsBucketPolicy'));
  });

  test('accessLogsBucket with accessLogs false is an error', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Logs');
    expect(() => newNetwork({ loadBalancer: { accessLogs: false, accessLogsBucket: bucket } }, stack))
      .toThrow(/`loadBalancer\.accessLogsBucket` only applies when `loadBalancer\.accessLogs` is true, got: "a bucket"/);
  });
});
