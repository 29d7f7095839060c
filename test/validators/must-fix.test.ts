import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { EcsAdvancedNetwork, EcsAdvancedNetworkProps } from '../../src';

const ROOT = path.join(__dirname, '..', '..');

/** Runs the cfn-guard part of the validator harness on one template with the given allow-list entries. */
function guard(templateJson: object, allowEntries: object[]): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'must-fix-'));
  const file = path.join(dir, 'Stack.template.json');
  fs.writeFileSync(file, JSON.stringify(templateJson));
  fs.writeFileSync(path.join(dir, 'cfn-guard.allow.json'), JSON.stringify(allowEntries));
  const r = spawnSync(process.execPath, [
    '-r', 'ts-node/register/transpile-only', path.join(ROOT, 'scripts', 'validators', 'run.ts'),
    '--only', 'cfn-guard', '--allow-dir', dir, file,
  ], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json') } });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** The template of a network built with `props(stack)`. */
function template(props: (stack: Stack) => EcsAdvancedNetworkProps): object {
  const stack = new Stack(new App(), 'Stack');
  new EcsAdvancedNetwork(stack, 'Network', props(stack));
  return Template.fromStack(stack).toJSON();
}

describe('Control Tower ELB rules the construct must meet', () => {
  test('an HTTP-only network without deletion protection fails PR.1 and PR.5, and an allow-list cannot excuse them', () => {
    const r = guard(template(() => ({ loadBalancer: { deletionProtection: false } })), [
      { id: 'CT.ELASTICLOADBALANCING.PR.1', reason: 'trying to excuse the HTTP listener' },
      { id: 'CT.ELASTICLOADBALANCING.PR.5', reason: 'trying to excuse deletion protection' },
    ]);
    expect(r.output).toMatch(/FAIL cfn-guard CT\.ELASTICLOADBALANCING\.PR\.1 \[must-fix\] NetworkLoadBalancerHttpListener/);
    expect(r.output).toMatch(/FAIL cfn-guard CT\.ELASTICLOADBALANCING\.PR\.5 \[must-fix\] NetworkLoadBalancer/);
    expect(r.output).toMatch(/allow-list entries that cannot apply/);
    expect(r.status).toBe(1);
  }, 60_000);

  test('the defaults with a certificate pass every ELB rule', () => {
    const r = guard(template(stack => ({
      loadBalancer: { certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', 'arn:aws:acm:us-east-1:123456789012:certificate/abc') },
    })), []);
    expect(r.output).toMatch(/template .*Stack\.template\.json: cfn-guard/);
    expect(r.output).not.toMatch(/CT\.ELASTICLOADBALANCING/);
  }, 60_000);
});
