import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { CASES, PLACEHOLDER_SETTINGS } from '../../integ/cases';
import { EcsAdvancedNetwork, EcsAdvancedNetworkProps } from '../../src';

/**
 * An allowed finding: the rule id (without the pack prefix), why, the construct paths it covers
 * (regular expressions, matched against the path below the stack) and, optionally, the cases.
 */
interface AllowEntry { readonly id: string; readonly reason: string; readonly resources: string[]; readonly cases?: string[] }
const allowList: { [pack: string]: AllowEntry[] } = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'validation', 'cdk-nag.allow.json'), 'utf8'));

/** The five packs of cdk-nag, by pack name (the prefix of their rule ids). */
const PACKS: { [pack: string]: () => NagPack } = {
  'AwsSolutions': () => new AwsSolutionsChecks(),
  'HIPAA.Security': () => new HIPAASecurityChecks(),
  'NIST.800.53.R4': () => new NIST80053R4Checks(),
  'NIST.800.53.R5': () => new NIST80053R5Checks(),
  'PCI.DSS.321': () => new PCIDSS321Checks(),
};

/**
 * Each case built once for the whole file: a pack only reads the construct tree (`validateScope`
 * walks it), so the five packs share the stack of a case, and each pack's findings on a case are
 * computed once for the per-case tests and the stale-entry checks.
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

/** One finding on one resource: the rule without the pack prefix, and the construct path below the stack. */
interface Finding { readonly rule: string; readonly resource: string }
const FINDINGS = new Map<string, Finding[]>();
function findings(packName: string, caseName: string): Finding[] {
  const key = `${packName} ${caseName}`;
  let found = FINDINGS.get(key);
  if (!found) {
    found = PACKS[packName]().validateScope(caseStack(caseName)).violations.flatMap(v => v.violatingResources.map(r => ({
      rule: v.ruleName.replace(/^[^-]+-/, ''),
      resource: (r.constructPath ?? '').replace(/^Stack\//, ''),
    })));
    FINDINGS.set(key, found);
  }
  return found;
}

function covers(e: AllowEntry, caseName: string, f: Finding): boolean {
  return e.id === f.rule.replace(/\[.*\]$/, '') && (!e.cases || e.cases.includes(caseName))
    && e.resources.some(r => new RegExp(r).test(f.resource));
}

describe.each(CASES.map(c => c.name))('integration case %s', caseName => {
  test('has no AwsSolutions finding that the construct does not acknowledge', () => {
    expect(findings('AwsSolutions', caseName)).toEqual([]);
  });

  test.each(Object.keys(PACKS).filter(p => p !== 'AwsSolutions'))('has only allow-listed %s findings, each on a resource its entry names', packName => {
    const unexpected = findings(packName, caseName).filter(f => !(allowList[packName] ?? []).some(e => covers(e, caseName, f)));
    expect(unexpected).toEqual([]);
  });
});

test.each(Object.keys(PACKS))('every %s allow-list entry still matches a finding (no stale entries)', packName => {
  // an entry for every case is stale when no case has its finding; one listing cases, when any listed case lacks it
  const matches = (e: AllowEntry, caseName: string) => findings(packName, caseName).some(f => covers(e, caseName, f));
  const stale = (allowList[packName] ?? [])
    .filter(e => (e.cases ? !e.cases.every(name => matches(e, name)) : !CASES.some(c => matches(e, c.name))))
    .map(e => `${e.id} ${e.resources.join(' ')}`);
  expect(stale).toEqual([]);
});

test('the allow-list has a section for each of the five packs, and AwsSolutions allows nothing', () => {
  expect(Object.keys(allowList).filter(k => !k.startsWith('$')).sort()).toEqual(Object.keys(PACKS).sort());
  expect(allowList.AwsSolutions).toEqual([]);
});

describe('the redirect-only HTTP listener', () => {
  const CERTIFICATE_PACKS = [NIST80053R5Checks, HIPAASecurityChecks, PCIDSS321Checks];
  const certificateFindings = (Pack: new () => NagPack, props: (stack: Stack) => EcsAdvancedNetworkProps) => {
    const stack = new Stack(new App(), 'Stack');
    new EcsAdvancedNetwork(stack, 'Network', props(stack));
    return new Pack().validateScope(stack).violations.filter(v => v.ruleName.endsWith('ELBv2ACMCertificateRequired'));
  };

  test.each(CERTIFICATE_PACKS)('is acknowledged as needing no certificate when it only redirects to HTTPS (%p)', Pack => {
    expect(certificateFindings(Pack, stack => ({
      loadBalancer: { certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', PLACEHOLDER_SETTINGS.certificateArn) },
    }))).toEqual([]);
  });

  test.each(CERTIFICATE_PACKS)('is still reported when it serves plain HTTP, no certificate (%p)', Pack => {
    expect(certificateFindings(Pack, () => ({})).length).toBe(1);
  });
});

test('every allow-list entry has a reason', () => {
  for (const entries of Object.values(allowList).filter(Array.isArray)) {
    for (const e of entries) {
      expect(e.reason.length).toBeGreaterThan(20);
      expect(e.resources.length).toBeGreaterThan(0);
    }
  }
});
