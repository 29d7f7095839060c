import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { NIST80053R5Checks } from 'cdk-nag';
import { EcsAdvancedNetwork } from '../../src';
import { logicalId, newNetwork } from '../helpers/network';
import { envStack } from '../network/fixtures';

const REGIONAL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/0a1b2c3d-0000-1111-2222-333344445555';

describe('loadBalancer.webAclArn', () => {
  test('associates the web ACL with the load balancer', () => {
    const { stack, network } = newNetwork({ loadBalancer: { webAclArn: REGIONAL } });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    t.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: logicalId(network.loadBalancer!) },
      WebACLArn: REGIONAL,
    });
    expect(network.webAclAssociation).toBeDefined();
  });

  test('takes a web ACL defined in the same app, and satisfies the WAF rule of cdk-nag', () => {
    const stack = new Stack();
    const acl = new wafv2.CfnWebACL(stack, 'Acl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
    });
    const network = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: { webAclArn: acl.attrArn } });
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [logicalId(acl), 'Arn'] },
    });
    expect(network.webAclAssociation).toBeDefined();
    const waf = new NIST80053R5Checks().validateScope(stack).violations.filter(v => v.ruleName.endsWith('ALBWAFEnabled'));
    expect(waf).toEqual([]);
  });

  test('without one, nothing is associated', () => {
    const { stack, network } = newNetwork();
    Template.fromStack(stack).resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    expect(network.webAclAssociation).toBeUndefined();
  });

  test('an ARN that is not a wafv2 web ACL is an error', () => {
    expect(() => newNetwork({ loadBalancer: { webAclArn: 'arn:aws:waf::123456789012:webacl/abc' } })).toThrow(
      '`loadBalancer.webAclArn` must be the ARN of an AWS WAF (wafv2) web ACL, got: "arn:aws:waf::123456789012:webacl/abc". ' +
      'Use `webAcl.attrArn` of a `wafv2.CfnWebACL` with scope REGIONAL, or an ARN like `arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>`.');
  });

  test('a CloudFront (global) web ACL is an error', () => {
    const global = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/0a1b2c3d-0000-1111-2222-333344445555';
    expect(() => newNetwork({ loadBalancer: { webAclArn: global } })).toThrow(
      `\`loadBalancer.webAclArn\` is a CloudFront (global) web ACL, which cannot protect a load balancer, got: "${global}". ` +
      'Create the web ACL with scope REGIONAL in the stack\'s region.');
  });

  test('a web ACL of another region is an error when the stack has a region', () => {
    const other = REGIONAL.replace('us-east-1', 'eu-west-1');
    expect(() => new EcsAdvancedNetwork(envStack(), 'Network', { loadBalancer: { webAclArn: other } })).toThrow(
      `\`loadBalancer.webAclArn\` is in eu-west-1, but the load balancer is in us-east-1, got: "${other}". Use a regional web ACL of the stack's region.`);
    expect(() => new EcsAdvancedNetwork(envStack(), 'Network', { loadBalancer: { webAclArn: REGIONAL } })).not.toThrow();
  });

  test('a web ACL of another region cannot be caught in an environment-agnostic stack (no region to compare)', () => {
    expect(() => newNetwork({ loadBalancer: { webAclArn: REGIONAL.replace('us-east-1', 'eu-west-1') } })).not.toThrow();
  });

  test('other partitions are accepted, an ARN without a region is not', () => {
    expect(() => newNetwork({ loadBalancer: { webAclArn: 'arn:aws-cn:wafv2:cn-north-1:123456789012:regional/webacl/my_acl-1/abc' } })).not.toThrow();
    expect(() => newNetwork({ loadBalancer: { webAclArn: 'arn:aws:wafv2::123456789012:regional/webacl/x/y' } }))
      .toThrow(/`loadBalancer\.webAclArn` must be the ARN of an AWS WAF \(wafv2\) web ACL/);
  });

  test('is refused without a load balancer', () => {
    expect(() => newNetwork({ loadBalancer: { enabled: false, webAclArn: REGIONAL } })).toThrow(/`loadBalancer` has options while `loadBalancer.enabled` is false/);
  });
});
