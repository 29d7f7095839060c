import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ServiceDeployment } from '../../src';
import { ECS_SERVICE_REPLACED_ON_CHANGE, changedProperties, ecsServicesOf, stackAndLogicalId } from '../helpers/ecs-service-replacement';
import { IMAGE, newNetwork } from '../helpers/network';

// Day two: changing a service's deployment strategy updates its ECS service in place, whatever the
// app's feature flags. aws-cdk-lib renders `DeploymentController` beside the circuit breaker (rolling)
// unless this flag is set, so switching strategies would add or remove a property CloudFormation can
// only change by replacing the service; every strategy gets what rolling gets in the app.
const FLAG = '@aws-cdk/aws-ecs:disableExplicitDeploymentControllerForCircuitBreaker';
const FLAG_VALUES = [true, false, undefined];

const STRATEGIES: Record<string, () => ServiceDeployment> = {
  'rolling': () => ServiceDeployment.rolling(),
  'blue/green': () => ServiceDeployment.blueGreen(),
  'canary': () => ServiceDeployment.canary(),
  'linear': () => ServiceDeployment.linear(),
};

/** Every kind of service whose strategy can change, one of them in a nested stack. */
interface Build {
  /** The ECS services by `<stack path> <logical id>`. */
  readonly services: Map<string, any>;
  /** The key of each service by its name. */
  readonly keys: Record<string, string>;
}

const builds = new Map<string, Build>();

/** The network with every service on `strategy`, in an app with the flag `flag` (built once). */
function build(strategy: string, flag: boolean | undefined): Build {
  const key = `${strategy} ${flag}`;
  const cached = builds.get(key);
  if (cached) return cached;
  const app = new App({ context: flag === undefined ? {} : { [FLAG]: flag } });
  const { network } = newNetwork({
    monitoring: { enabled: false },
    report: { writeToAssembly: false },
    flowLogs: { enabled: false },
    loadBalancer: { accessLogs: false },
    // the catch-all service stays in the network's stack; the next ones go to a nested stack
    servicePlacement: { nestedStacks: 1 },
  }, new Stack(app, 'Stack'));
  const deployment = STRATEGIES[strategy]();
  const services = [
    network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] }, deployment }),
    network.addService('api', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'] }, deployment }),
    // a Service Connect server: a replacement of it fails to deploy
    network.addService('orders', { image: IMAGE, containerPort: 8080, deployment }),
  ];
  const result: Build = {
    services: ecsServicesOf(app),
    keys: Object.fromEntries(services.map(s => [s.serviceName, stackAndLogicalId(s.service)])),
  };
  builds.set(key, result);
  return result;
}

const names = Object.keys(STRATEGIES);
const pairs = names.flatMap((before, i) => names.slice(i + 1).map(after => [before, after]));

describe.each(FLAG_VALUES)(`with ${FLAG} %p`, flag => {
  test.each(names)('%s: every service has the deployment controller rolling has in this app (ECS without the flag, none with it)', strategy => {
    const { services, keys } = build(strategy, flag);
    expect(services.size).toBe(3);
    // the services are where the test means them to be: one in the network's stack, two in a nested one
    expect(Object.values(keys).map(k => k.split(' ')[0])).toEqual(['Stack', 'Stack/Network/ServiceStack1', 'Stack/Network/ServiceStack1']);
    for (const props of services.values()) expect(props.DeploymentController).toEqual(flag === true ? undefined : { Type: 'ECS' });
  });

  test.each(pairs)('%s <-> %s: each ECS service keeps its stack and logical id and is updated in place', (before, after) => {
    const a = build(before, flag);
    const b = build(after, flag);
    expect(b.keys).toEqual(a.keys);
    expect([...b.services.keys()].sort()).toEqual([...a.services.keys()].sort());
    for (const [key, props] of a.services) {
      const changed = changedProperties(props, b.services.get(key));
      // the strategy did change something (else this test would prove nothing)
      expect(changed).toContain('DeploymentConfiguration');
      expect(changed.filter(name => name in ECS_SERVICE_REPLACED_ON_CHANGE)).toEqual([]);
    }
  });
});

test('a rolling service keeps what aws-cdk-lib alone gave it, so upgrading the library leaves it as deployed', () => {
  for (const flag of FLAG_VALUES) {
    const app = new App({ context: flag === undefined ? {} : { [FLAG]: flag } });
    const stack = new Stack(app, 'Plain');
    const plain = new ecs.FargateService(stack, 'Service', {
      cluster: new ecs.Cluster(stack, 'Cluster'),
      taskDefinition: new ecs.FargateTaskDefinition(stack, 'Task'),
      circuitBreaker: { rollback: true },
    });
    plain.taskDefinition.addContainer('c', { image: IMAGE });
    const resources = Template.fromStack(stack).toJSON().Resources;
    const expected = resources[stack.getLogicalId(plain.node.defaultChild as CfnElement)].Properties.DeploymentController;
    for (const props of build('rolling', flag).services.values()) expect(props.DeploymentController).toEqual(expected);
  }
});
