import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AllowEntry, Finding, applyAllowList, countFor, entryMatches, formatCounts, globToRegExp, parseAllowList,
} from '../../scripts/validators/allow-list';
import { parseCfnLintOutput, parseCheckovOutput, parseGuardOutput, parseGuardRuleHeader } from '../../scripts/validators/parsers';
import { findSnapshotTemplates } from '../../scripts/validators/run';

const REASON = 'CDK custom-resource provider, not configurable here.';

function finding(props: Partial<Finding> = {}): Finding {
  return {
    validator: 'checkov',
    template: 'integ/integ.basic.js.snapshot/BasicStack.template.json',
    id: 'CKV_AWS_117',
    resource: 'CustomVpcRestrictDefaultSGCustomResourceProviderHandlerDC833E5E',
    severity: 'error',
    message: 'Ensure that AWS Lambda function is configured inside a VPC',
    ...props,
  };
}

function entry(props: Partial<AllowEntry> = {}): AllowEntry {
  return { id: 'CKV_AWS_117', reason: REASON, source: 'test#0', ...props };
}

describe('parseAllowList', () => {
  test('accepts an array or an object with entries', () => {
    const one = JSON.stringify([{ id: 'CKV_AWS_117', resource: 'Custom*', reason: REASON }]);
    expect(parseAllowList(one, 'a.json')).toEqual([{ id: 'CKV_AWS_117', resource: 'Custom*', template: undefined, reason: REASON, source: 'a.json#0' }]);
    const two = JSON.stringify({ $comment: 'x', entries: [{ id: 'W3005', reason: REASON }] });
    expect(parseAllowList(two, 'b.json').map(e => e.id)).toEqual(['W3005']);
  });

  test('rejects an entry without a reason', () => {
    expect(() => parseAllowList(JSON.stringify([{ id: 'CKV_AWS_2' }]), 'c.json')).toThrow(/c\.json#0 \(CKV_AWS_2\): "reason" is required/);
    expect(() => parseAllowList(JSON.stringify([{ id: 'CKV_AWS_2', reason: '   ' }]), 'c.json')).toThrow(/"reason" is required/);
    expect(() => parseAllowList(JSON.stringify([{ id: 'CKV_AWS_2', reason: 'ok' }]), 'c.json')).toThrow(/too short/);
  });

  test('rejects unknown keys, a missing id and bad JSON, listing every problem', () => {
    const text = JSON.stringify([{ id: 'A1', resouce: 'X*', reason: REASON }, { reason: REASON }]);
    expect(() => parseAllowList(text, 'd.json')).toThrow(/unknown key "resouce"[\s\S]*d\.json#1: "id" is required/);
    expect(() => parseAllowList('{"id": ', 'e.json')).toThrow(/e\.json: not valid JSON/);
    expect(() => parseAllowList('{"id": "x"}', 'f.json')).toThrow(/expected an array/);
  });
});

describe('matching', () => {
  test('globs match whole strings, with * and ?', () => {
    expect(globToRegExp('Custom*Handler*').test('CustomVpcRestrictDefaultSGCustomResourceProviderHandlerDC833E5E')).toBe(true);
    expect(globToRegExp('Alb?').test('Alb1')).toBe(true);
    expect(globToRegExp('Alb').test('Alb16C2F182')).toBe(false);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });

  test('by id (case-insensitive, aliases too) and resource glob', () => {
    const f = finding();
    expect(entryMatches(entry(), f)).toBe(true);
    expect(entryMatches(entry({ id: 'ckv_aws_117' }), f)).toBe(true);
    expect(entryMatches(entry({ id: 'CKV_AWS_116' }), f)).toBe(false);
    expect(entryMatches(entry({ resource: 'CustomVpcRestrictDefaultSG*' }), f)).toBe(true);
    expect(entryMatches(entry({ resource: 'Service*' }), f)).toBe(false);
    const guard = finding({ validator: 'cfn-guard', id: 'CT.LAMBDA.PR.3', aliases: ['lambda_inside_vpc_check'] });
    expect(entryMatches(entry({ id: 'lambda_inside_vpc_check' }), guard)).toBe(true);
    expect(entryMatches(entry({ id: 'CT.LAMBDA.PR.3' }), guard)).toBe(true);
  });

  test('by template glob on the end of the path', () => {
    const f = finding();
    expect(entryMatches(entry({ template: 'integ.basic.js.snapshot/*' }), f)).toBe(true);
    expect(entryMatches(entry({ template: '*/BasicStack.template.json' }), f)).toBe(true);
    expect(entryMatches(entry({ template: 'integ.other.js.snapshot/*' }), f)).toBe(false);
  });

  test('applyAllowList splits findings and reports stale entries', () => {
    const a = finding();
    const b = finding({ id: 'CKV_AWS_91', resource: 'Alb16C2F182' });
    const stale = entry({ id: 'CKV_AWS_65' });
    const result = applyAllowList([a, b], [entry({ resource: 'Custom*' }), stale]);
    expect(result.allowed.map(x => x.finding)).toEqual([a]);
    expect(result.remaining).toEqual([b]);
    expect(result.stale).toEqual([stale]);
    expect(formatCounts('checkov', countFor(result, 'checkov', a.template))).toBe('checkov 1 failed (1 allow-listed)');
    expect(formatCounts('cfn-lint', countFor(result, 'cfn-lint', a.template))).toBe('cfn-lint 0 errors (0 warnings)');
  });

  test('applyAllowList never allows a must-fix finding and names the entry that tried', () => {
    const elb = finding({ validator: 'cfn-guard', id: 'CT.ELASTICLOADBALANCING.PR.5', resource: 'NetworkLoadBalancer1234', mustFix: true });
    const tried = entry({ id: 'CT.ELASTICLOADBALANCING.PR.5' });
    const result = applyAllowList([elb], [tried]);
    expect(result.allowed).toEqual([]);
    expect(result.remaining).toEqual([elb]);
    expect(result.refused).toEqual([{ finding: elb, entry: tried }]);
    expect(result.stale).toEqual([]);
    expect(formatCounts('cfn-guard', countFor(result, 'cfn-guard', elb.template))).toBe('cfn-guard 1 failed');
  });
});

describe('parsers', () => {
  const templateOf = (name: string) => (name.endsWith('Stack.template.json') ? 'Stack.template.json' : undefined);

  test('cfn-guard: one finding per rule and resource, with the Control Tower id and must-fix folder', () => {
    const message = '\n [CT.EC2.PR.11]: Require that an Amazon EC2 subnet does not automatically assign public IP addresses\n [FIX]: Omit MapPublicIpOnLaunch.\n';
    const clause = (p: string) => ({ Clause: { Unary: { check: { Resolved: { value: { path: p, value: true } } }, messages: { custom_message: '' } } } });
    const output = [{
      name: '/x/Stack.template.json',
      not_compliant: [{
        Rule: {
          name: 'subnet_auto_assign_public_ip_disabled_check',
          messages: { custom_message: null },
          checks: [{
            Rule: {
              name: 'check',
              messages: { custom_message: message },
              checks: [
                clause('/Resources/PublicSubnet1/Properties/MapPublicIpOnLaunch'),
                clause('/Resources/PublicSubnet1/Properties/MapPublicIpOnLaunch'),
                clause('/Resources/PublicSubnet2/Properties/MapPublicIpOnLaunch'),
              ],
            },
          }],
        },
      }],
    }];
    const rules = new Map([['subnet_auto_assign_public_ip_disabled_check', { ctId: 'CT.EC2.PR.11', folder: 'ec2', file: 'ct-ec2-pr-11.guard' }]]);
    const findings = parseGuardOutput(output, templateOf, rules, ['ec2']);
    expect(findings.map(f => [f.id, f.resource, f.mustFix])).toEqual([
      ['CT.EC2.PR.11', 'PublicSubnet1', true],
      ['CT.EC2.PR.11', 'PublicSubnet2', true],
    ]);
    expect(findings[0].fix).toBe('Omit MapPublicIpOnLaunch.');
    expect(findings[0].message).toMatch(/^Require that an Amazon EC2 subnet/);
    expect(parseGuardOutput(output, templateOf, rules, ['ecs'])[0].mustFix).toBe(false);
  });

  test('cfn-guard rule header', () => {
    const text = '# Rule Identifier:\n#   ecs_no_root_check\n#\n rule x { << [CT.ECS.PR.3]: msg >> }';
    expect(parseGuardRuleHeader(text)).toEqual({ ruleName: 'ecs_no_root_check', ctId: 'CT.ECS.PR.3' });
  });

  test('cfn-lint: errors and warnings with the resource logical id', () => {
    const output = [
      { Filename: 'a/Stack.template.json', Level: 'Error', Message: 'bad', Rule: { Id: 'E3002' }, Location: { Path: ['Resources', 'Cluster', 'Properties'], Start: { LineNumber: 3 } } },
      { Filename: 'a/Stack.template.json', Level: 'Warning', Message: 'meh', Rule: { Id: 'W3005' }, Location: { Path: ['Outputs', 'X'] } },
      { Filename: 'other.json', Level: 'Error', Message: 'not ours', Rule: { Id: 'E0000' }, Location: { Path: [] } },
    ];
    expect(parseCfnLintOutput(output, templateOf).map(f => [f.id, f.resource, f.severity])).toEqual([
      ['E3002', 'Cluster', 'error'],
      ['W3005', '', 'warning'],
    ]);
  });

  test('checkov: failed checks with the type stripped from the resource', () => {
    const output = {
      check_type: 'cloudformation',
      results: { failed_checks: [{ check_id: 'CKV_AWS_91', check_name: 'ELB access logs', resource: 'AWS::ElasticLoadBalancingV2::LoadBalancer.Alb16C2F182', file_abs_path: '/t/Stack.template.json' }] },
      summary: { failed: 1, parsing_errors: 0 },
    };
    const { findings, parsingErrors } = parseCheckovOutput(output, templateOf);
    expect(findings.map(f => [f.id, f.resource])).toEqual([['CKV_AWS_91', 'Alb16C2F182']]);
    expect(parsingErrors).toEqual([]);
  });
});

describe('template discovery', () => {
  test('finds only *.template.json directly inside *.snapshot folders', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validators-'));
    try {
      const snap = path.join(dir, 'sub', 'integ.basic.js.snapshot');
      fs.mkdirSync(path.join(snap, 'asset.abc'), { recursive: true });
      for (const f of ['Basic.template.json', 'manifest.json', 'tree.json', 'cdk.out', 'integ.json', 'Basic.assets.json']) {
        fs.writeFileSync(path.join(snap, f), '{}');
      }
      fs.writeFileSync(path.join(snap, 'asset.abc', 'x.template.json'), '{}');
      fs.writeFileSync(path.join(dir, 'Loose.template.json'), '{}');
      expect(findSnapshotTemplates(dir)).toEqual([path.join(snap, 'Basic.template.json')]);
      expect(findSnapshotTemplates(path.join(dir, 'missing'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
