import * as fs from 'fs';
import * as path from 'path';
import { awsSdkToIamAction } from 'aws-cdk-lib/custom-resources/lib/helpers-internal';

/**
 * The integration assertions only run against a real account, so a wrong SDK service name or IAM
 * action would only show there. This reads the committed snapshots and checks each SDK call the way
 * integ-tests-alpha's handler resolves it: the name must map to an AWS SDK v3 client (it loads
 * `@aws-sdk/client-<name>`), and the function that makes the call must be granted its IAM action.
 */
const INTEG = path.join(__dirname, '..', '..', 'integ');
const SDK_INFO = path.join(path.dirname(require.resolve('aws-cdk-lib')), 'custom-resources', 'lib', 'helpers-internal');
const V2_TO_V3: { [v2: string]: string } = JSON.parse(fs.readFileSync(path.join(SDK_INFO, 'sdk-v2-to-v3.json'), 'utf8'));
const V3_CLIENTS: { [v3: string]: unknown } = JSON.parse(fs.readFileSync(path.join(SDK_INFO, 'sdk-v3-metadata.json'), 'utf8'));

/** The v3 client name the assertion handler derives from a service name (`ELBv2` -> `elastic-load-balancing-v2`). */
function v3Client(service: string): string {
  const name = service.toLowerCase().replace(/^@aws-sdk\/client-/, '');
  return V2_TO_V3[name] ?? name;
}

const assertionTemplates = fs.readdirSync(INTEG)
  .filter(d => d.endsWith('.snapshot'))
  .flatMap(d => fs.readdirSync(path.join(INTEG, d))
    .filter(f => f.includes('DeployAssert') && f.endsWith('.template.json'))
    .map(f => path.join(d, f)));

test('every integration case has an assertion stack', () => {
  expect(assertionTemplates.length).toBe(fs.readdirSync(INTEG).filter(f => /^integ\..*\.ts$/.test(f)).length);
});

test('an SDK name the handler cannot load is caught', () => {
  expect(V3_CLIENTS[v3Client('ElasticLoadBalancingV2')]).toBeUndefined();
  expect(V3_CLIENTS[v3Client('ELBv2')]).toBeDefined();
});

test.each(assertionTemplates)('%s: every SDK call names a real client and its function may make the call', file => {
  const resources: { [id: string]: { Type: string; Properties?: any } } =
    JSON.parse(fs.readFileSync(path.join(INTEG, file), 'utf8')).Resources;
  /** The actions the role of the function behind a custom resource's service token allows. */
  const granted = (serviceToken: any): string[] => {
    const fn = resources[serviceToken['Fn::GetAtt'][0]];
    const role = resources[fn.Properties.Role['Fn::GetAtt'][0]];
    return (role.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement)
      .filter((s: any) => s.Effect === 'Allow')
      .flatMap((s: any) => [s.Action].flat());
  };
  const calls = Object.values(resources).filter(x => x.Type.startsWith('Custom::DeployAssert@SdkCall'));
  expect(calls.length).toBeGreaterThan(0);
  const problems = calls.flatMap(c => {
    const { service, api, ServiceToken } = c.Properties;
    if (!V3_CLIENTS[v3Client(service)]) return [`${service}.${api}: no AWS SDK v3 client named ${v3Client(service)}`];
    const action = awsSdkToIamAction(service, api);
    return granted(ServiceToken).includes(action) ? [] : [`${service}.${api}: ${action} not granted`];
  });
  expect(problems).toEqual([]);
});
