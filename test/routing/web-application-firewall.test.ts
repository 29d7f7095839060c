import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NIST80053R5Checks } from 'cdk-nag';
import { EcsAdvancedNetwork, IngressAccess, WafMode } from '../../src';
import { IMAGE, logicalId, newNetwork } from '../helpers/network';

const REGIONAL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/0a1b2c3d-0000-1111-2222-333344445555';
const quiet = { monitoring: { enabled: false }, report: { writeToAssembly: false } };

describe('loadBalancer.webApplicationFirewall, counting', () => {
  let stack: Stack;
  let network: EcsAdvancedNetwork;
  let template: Template;
  beforeAll(() => {
    ({ stack, network } = newNetwork({ ...quiet, loadBalancer: { webApplicationFirewall: { mode: WafMode.COUNT } } }));
    template = Template.fromStack(stack);
  });

  test('creates a regional web ACL with the three managed rule groups and a rate limit, all counting', () => {
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    const acl = template.toJSON().Resources[logicalId(network.webApplicationFirewall!.webAcl)].Properties;
    expect(acl).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    expect(acl.Rules.map((r: any) => [r.Name, r.Priority, r.OverrideAction ?? r.Action])).toEqual([
      ['AWSManagedRulesAmazonIpReputationList', 0, { Count: {} }],
      ['AWSManagedRulesKnownBadInputsRuleSet', 1, { Count: {} }],
      ['AWSManagedRulesCommonRuleSet', 2, { Count: {} }],
      ['RateLimitPerClientIp', 3, { Count: {} }],
    ]);
    expect(acl.Rules[0].Statement).toEqual({ ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' } });
    expect(acl.Rules[3].Statement).toEqual({ RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } });
  });

  test('associates it with the load balancer', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: logicalId(network.loadBalancer!) },
      WebACLArn: { 'Fn::GetAtt': [logicalId(network.webApplicationFirewall!.webAcl), 'Arn'] },
    });
    expect(network.webAclAssociation).toBeDefined();
  });

  test('logs to an `aws-waf-logs-` log group encrypted with the network\'s key, kept a year', () => {
    const group = template.toJSON().Resources[logicalId(network.webApplicationFirewall!.logGroup)];
    expect(group.Properties.LogGroupName).toMatch(/^aws-waf-logs-/);
    expect(group.Properties).toMatchObject({ RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [logicalId(network.logsEncryptionKey as any), 'Arn'] } });
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [logicalId(network.webApplicationFirewall!.webAcl), 'Arn'] },
      LogDestinationConfigs: [{ 'Fn::Join': ['', Match.arrayWith([`:log-group:${group.Properties.LogGroupName}`])] }],
    });
  });

  test('satisfies the WAF rule of cdk-nag', () => {
    const waf = new NIST80053R5Checks().validateScope(stack).violations.filter(v => v.ruleName.endsWith('ALBWAFEnabled'));
    expect(waf).toEqual([]);
  });

  test('is priced in the report: a web ACL, 4 rules and the requests', () => {
    const lines = network.report().cost.lines.filter(l => l.item.startsWith('AWS WAF'));
    expect(lines.map(l => [l.item, l.monthlyUsd])).toEqual([
      ['AWS WAF web ACLs', 5],
      ['AWS WAF rules (3 managed rule groups and a rate-based rule per web ACL)', 4],
      ['AWS WAF requests', 6],
      ['AWS WAF log ingestion (vended logs)', 5],
    ]);
  });
});

describe('loadBalancer.webApplicationFirewall on every load balancer of its kind', () => {
  let dir: string;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('blocking, on a load balancer created later for a new host, and on the internal kind with its own web ACL', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waf-'));
    const file = path.join(dir, 'assignments.json');
    // the file places the host on a second internet-facing load balancer
    fs.writeFileSync(file, JSON.stringify({ 'Stack/Network': { 'loadBalancers/public': { 'b.example.com': 2 } } }));
    const stack = new Stack(new App(), 'Stack');
    const network = new EcsAdvancedNetwork(stack, 'Network', {
      ...quiet,
      assignmentsFile: file,
      loadBalancer: { webApplicationFirewall: { mode: WafMode.BLOCK, rateLimit: 500, logRetention: logs.RetentionDays.THREE_MONTHS } },
      internalLoadBalancer: { webApplicationFirewall: { mode: WafMode.COUNT } },
    });
    network.addService('b', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['b.example.com'], access: IngressAccess.PUBLIC_AND_INTERNAL } });
    const t = Template.fromStack(stack);
    const acls = network.webApplicationFirewall!;
    const ingress = (network as any).ingress;
    const shards = ingress.loadBalancersOf(IngressAccess.PUBLIC);
    expect(shards.map((lb: any) => lb.index)).toEqual([1, 2]);
    for (const lb of shards) {
      t.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
        ResourceArn: { Ref: logicalId(lb.loadBalancer) },
        WebACLArn: { 'Fn::GetAtt': [logicalId(acls.webAcl), 'Arn'] },
      });
    }
    const internal = ingress.firewallOf(IngressAccess.INTERNAL);
    expect(internal.node.id).toBe('WebApplicationFirewallInternal');
    t.resourceCountIs('AWS::WAFv2::WebACL', 2);
    t.resourceCountIs('AWS::WAFv2::WebACLAssociation', 3);
    const blocking = t.toJSON().Resources[logicalId(acls.webAcl)].Properties.Rules;
    expect(blocking.map((r: any) => r.OverrideAction ?? r.Action)).toEqual([{ None: {} }, { None: {} }, { None: {} }, { Block: {} }]);
    expect(blocking[3].Statement.RateBasedStatement.Limit).toBe(500);
    expect(t.toJSON().Resources[logicalId(acls.logGroup)].Properties.RetentionInDays).toBe(90);
  });
});

describe('loadBalancer.webApplicationFirewall validation', () => {
  test('is exclusive with webAclArn', () => {
    expect(() => newNetwork({ loadBalancer: { webAclArn: REGIONAL, webApplicationFirewall: { mode: WafMode.COUNT } } })).toThrow(
      /^`loadBalancer\.webApplicationFirewall` cannot be combined with `loadBalancer\.webAclArn`: a load balancer takes one web ACL, got: "both"\. Keep `webApplicationFirewall`/);
  });

  test('rejects a rate limit outside the AWS WAF range', () => {
    expect(() => newNetwork({ loadBalancer: { webApplicationFirewall: { mode: WafMode.BLOCK, rateLimit: 5 } } })).toThrow(
      /^`loadBalancer\.webApplicationFirewall\.rateLimit` must be a whole number of requests per 5 minutes from 10 to 2,000,000,000 \(the AWS WAF range\), got: 5\./);
  });

  test('rejects an unknown mode and a retention CloudWatch Logs refuses', () => {
    expect(() => newNetwork({ internalLoadBalancer: { webApplicationFirewall: { mode: 'DENY' as WafMode } } })).toThrow(
      /^`internalLoadBalancer\.webApplicationFirewall\.mode` must be a value of `WafMode`, got: "DENY"\./);
    expect(() => newNetwork({ loadBalancer: { webApplicationFirewall: { mode: WafMode.COUNT, logRetention: 45 as logs.RetentionDays } } })).toThrow(
      /^`loadBalancer\.webApplicationFirewall\.logRetention` must be a retention period that CloudWatch Logs accepts, got: 45\./);
  });
});
