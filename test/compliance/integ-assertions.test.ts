import * as fs from 'fs';
import * as path from 'path';

/**
 * The integration assertions only run against a real account, so a wrong IAM action would only show
 * there (integ-tests-alpha derives `elasticloadbalancingv2:...` from the SDK name, which IAM does not
 * know). This reads the committed snapshots and checks every SDK call has the real action granted.
 */
const INTEG = path.join(__dirname, '..', '..', 'integ');
const IAM_PREFIX: { [sdkService: string]: string } = {
  EC2: 'ec2',
  ECS: 'ecs',
  ElasticLoadBalancingV2: 'elasticloadbalancing',
};

const assertionTemplates = fs.readdirSync(INTEG)
  .filter(d => d.endsWith('.snapshot'))
  .flatMap(d => fs.readdirSync(path.join(INTEG, d))
    .filter(f => f.includes('DeployAssert') && f.endsWith('.template.json'))
    .map(f => path.join(d, f)));

test('every integration case has an assertion stack', () => {
  expect(assertionTemplates.length).toBe(fs.readdirSync(INTEG).filter(f => /^integ\..*\.ts$/.test(f)).length);
});

test.each(assertionTemplates)('%s grants the IAM action of every SDK call it makes', file => {
  const resources: { [id: string]: { Type: string; Properties?: any } } =
    JSON.parse(fs.readFileSync(path.join(INTEG, file), 'utf8')).Resources;
  const granted = new Set<string>();
  for (const r of Object.values(resources).filter(x => x.Type === 'AWS::IAM::Role')) {
    for (const policy of r.Properties?.Policies ?? []) {
      for (const statement of policy.PolicyDocument.Statement) {
        if (statement.Effect === 'Allow') for (const action of [statement.Action].flat()) granted.add(action);
      }
    }
  }
  const calls = Object.values(resources).filter(x => x.Type.startsWith('Custom::DeployAssert@SdkCall'));
  expect(calls.length).toBeGreaterThan(0);
  const missing = calls
    .map(c => {
      const prefix = IAM_PREFIX[c.Properties.service];
      const api: string = c.Properties.api;
      return prefix ? `${prefix}:${api.charAt(0).toUpperCase()}${api.slice(1)}` : `unknown SDK service ${c.Properties.service}`;
    })
    .filter(action => !granted.has(action));
  expect(missing).toEqual([]);
});
