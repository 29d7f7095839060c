import type { EditDiff } from './edit-diff';
import { diffEdit, expectOnlyEdited, synthesizeEdit } from './edit-diff';
import type { NetworkOptions, Routing, ServiceSpec } from './scenarios';
import { baseSpecs, buildNetwork } from './scenarios';

// Edits at one boundary each, and settings the matrix leaves at their defaults (monitoring, the
// aws-cdk-lib feature flag of the deployment controller, a host shared by two services).

function diffOf(routing: Routing, before: ServiceSpec[], after: ServiceSpec[], options: NetworkOptions = {}): EditDiff {
  return diffEdit(synthesizeEdit(() => buildNetwork(routing, before, options)), synthesizeEdit(() => buildNetwork(routing, after, options)));
}

const svc = (i: number, change: Partial<ServiceSpec> = {}): ServiceSpec => ({ name: `svc-${i}`, route: `svc-${i}`, ...change });

describe('monitoring on: every service has alarms with fixed names', () => {
  // services in 2 nested stacks by name: their alarms go with them
  const options = { monitoring: true, props: { servicePlacement: { nestedStacks: 2 } } };
  const base = baseSpecs('path', 3);
  const added = { name: 'new', route: 'new-x' };
  const model = (specs: ServiceSpec[]) => synthesizeEdit(() => buildNetwork('path', specs, options));
  const before = model(base);

  test('append a service: the dashboard changes, no alarm of another service does', () => {
    expectOnlyEdited(diffEdit(before, model([...base, added])), ['new']);
  });

  test('insert a service first: the alarm names stay with their services', () => {
    expectOnlyEdited(diffEdit(before, model([added, ...base])), ['new']);
  });
});

describe('the deployment strategy never replaces the ECS service, whatever the feature flags', () => {
  const base = [svc(0), svc(1), svc(2)];
  const blueGreen = [svc(0), svc(1, { blueGreen: true }), svc(2)];
  const flag = { '@aws-cdk/aws-ecs:disableExplicitDeploymentControllerForCircuitBreaker': true };

  test('rolling to blue/green, default flags', () => expectOnlyEdited(diffOf('path', base, blueGreen), ['svc-1']));

  test('rolling to blue/green, with @aws-cdk/aws-ecs:disableExplicitDeploymentControllerForCircuitBreaker', () => {
    expectOnlyEdited(diffOf('path', base, blueGreen, { context: flag }), ['svc-1']);
  });

  test('blue/green to rolling, with the flag', () => {
    expectOnlyEdited(diffOf('path', blueGreen, base, { context: flag }), ['svc-1']);
  });
});

describe('a host shared by two services', () => {
  const a = { name: 'a', route: 'shared', path: '/a/*' };
  const b = { name: 'b', route: 'shared', path: '/b/*' };
  const c = svc(2);

  // the record of shared.example.com belongs to the host, not to the first service that routes it
  test('remove the service that routes it first', () => expectOnlyEdited(diffOf('host', [a, b, c], [b, c]), ['a']));

  test('remove the other one', () => expectOnlyEdited(diffOf('host', [a, b, c], [a, c]), ['b']));
});

describe('certificates of several hosts', () => {
  const nine = baseSpecs('host', 9);
  const ten = [...nine, { name: 'new', route: 'new-x' }];

  test('a new host goes into the certificate of its bucket; no certificate of another bucket changes', () => expectOnlyEdited(diffOf('host', nine, ten), ['new']));

  test('removing a host re-issues its own certificate only', () => expectOnlyEdited(diffOf('host', ten, nine), ['new']));

  test('removing the service of the first host of a full certificate re-issues no other certificate', () => {
    expectOnlyEdited(diffOf('host', ten, ten.slice(1)), ['svc-0']);
  });
});
