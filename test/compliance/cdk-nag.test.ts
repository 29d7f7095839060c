import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { CASES, PLACEHOLDER_SETTINGS } from '../../integ/cases';
import { EcsAdvancedNetwork, EcsAdvancedNetworkProps } from '../../src';

interface AllowEntry { readonly id: string; readonly reason: string; readonly cases?: string[] }
const allowList: { [pack: string]: AllowEntry[] } = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'validation', 'cdk-nag.allow.json'), 'utf8'));

/**
 * Each case built once for the whole file: a pack only reads the construct tree (`validateScope`
 * walks it), so the packs and the stale-entry checks share the stack of a case.
 */
const CASE_STACKS = new Map<string, Stack>();
function caseStack(caseName: string): Stack {
  let stack = CASE_STACKS.get(caseName);
  if (!stack) {
    stack = new Stack(new App(), 'Stack');
    CASES.find(c => c.name === caseName)!.build(stack, PLACEHOLDER_SETTINGS);
    CASE_STACKS.set(caseName, stack);
  }
  return stack;
}

/** The findings of `pack` on a case, as `RuleId(logical ids)` strings, without the pack prefix. */
function findings(pack: NagPack, caseName: string): { rule: string; resources: string[] }[] {
  return pack.validateScope(caseStack(caseName)).violations.map(v => ({
    rule: v.ruleName.replace(/^[^-]+-/, ''),
    resources: v.violatingResources.map(r => String(r.resourceLogicalId)),
  }));
}

function allowed(pack: string, caseName: string, rule: string): boolean {
  return (allowList[pack] ?? []).some(e => e.id === rule.replace(/\[.*\]$/, '') && (!e.cases || e.cases.includes(caseName)));
}

describe.each(CASES.map(c => c.name))('integration case %s', caseName => {
  test('has no AwsSolutions finding that the construct does not acknowledge', () => {
    expect(findings(new AwsSolutionsChecks(), caseName)).toEqual([]);
  });

  test.each(['NIST.800.53.R5', 'HIPAA.Security'])('has only allow-listed %s findings', packName => {
    const pack = packName === 'HIPAA.Security' ? new HIPAASecurityChecks() : new NIST80053R5Checks();
    const unexpected = findings(pack, caseName).filter(f => !allowed(packName, caseName, f.rule));
    expect(unexpected).toEqual([]);
  });
});

test.each(['NIST.800.53.R5', 'HIPAA.Security'])('every %s allow-list entry still matches a finding (no stale entries)', packName => {
  const pack = () => (packName === 'HIPAA.Security' ? new HIPAASecurityChecks() : new NIST80053R5Checks());
  const seen = new Set<string>();
  for (const c of CASES) {
    for (const f of findings(pack(), c.name)) seen.add(`${c.name} ${f.rule.replace(/\[.*\]$/, '')}`);
  }
  // an entry for every case is stale when no case has the finding; one listing cases, when any listed case lacks it
  const stale = (allowList[packName] ?? [])
    .filter(e => (e.cases
      ? !e.cases.every(name => seen.has(`${name} ${e.id}`))
      : !CASES.some(c => seen.has(`${c.name} ${e.id}`))))
    .map(e => e.id);
  expect(stale).toEqual([]);
});

describe('the redirect-only HTTP listener', () => {
  const PACKS = [NIST80053R5Checks, HIPAASecurityChecks, PCIDSS321Checks];
  const certificateFindings = (Pack: new () => NagPack, props: (stack: Stack) => EcsAdvancedNetworkProps) => {
    const stack = new Stack(new App(), 'Stack');
    new EcsAdvancedNetwork(stack, 'Network', props(stack));
    return new Pack().validateScope(stack).violations.filter(v => v.ruleName.endsWith('ELBv2ACMCertificateRequired'));
  };

  test.each(PACKS)('is acknowledged as needing no certificate when it only redirects to HTTPS (%p)', Pack => {
    expect(certificateFindings(Pack, stack => ({
      loadBalancer: { certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', PLACEHOLDER_SETTINGS.certificateArn) },
    }))).toEqual([]);
  });

  test.each(PACKS)('is still reported when it serves plain HTTP, no certificate (%p)', Pack => {
    expect(certificateFindings(Pack, () => ({})).length).toBe(1);
  });
});

test('every allow-list entry has a reason', () => {
  for (const entries of Object.values(allowList).filter(Array.isArray)) {
    for (const e of entries) expect(e.reason.length).toBeGreaterThan(20);
  }
});
