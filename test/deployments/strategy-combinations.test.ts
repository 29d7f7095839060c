import { Duration } from 'aws-cdk-lib';
import { ServiceDeployment } from '../../src';
import { IMAGE, newNetwork } from '../helpers/network';

/** Blue/green, canary and linear deployments beside features that assume one target group per route. */

describe('blue/green with other features', () => {
  const { network } = newNetwork({ monitoring: { enabled: false } });

  test('request-count scaling: the policy would stay on one target group while deployments alternate', () => {
    const svc = network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/web/*'] }, deployment: ServiceDeployment.blueGreen() });
    expect(() => svc.autoScale({ maxCapacity: 4, targetRequestsPerTarget: 500 })).toThrow(
      '`web.autoScale.targetRequestsPerTarget` cannot scale a service with a blue/green deployment: ECS moves production traffic from one target group to the other ' +
      'at each deployment, and a request-count policy follows one target group, got: 500. Scale on CPU (`targetCpuUtilizationPercent`), or deploy the service with `ServiceDeployment.rolling()`.');
    expect(() => svc.autoScale({ maxCapacity: 4, targetCpuUtilizationPercent: 60 })).not.toThrow();
  });

  test('a second routed port: ECS needs an alternate target group for it too', () => {
    expect(() => network.addService('admin', {
      image: IMAGE,
      containerPort: 80,
      routing: { pathPatterns: ['/admin/*'] },
      deployment: ServiceDeployment.canary(),
      additionalPorts: [{ name: 'metrics', containerPort: 9090, routing: { pathPatterns: ['/metrics/*'] } }],
    })).toThrow('`admin.additionalPorts[0].routing` cannot route a named port of a service with a canary deployment: ECS moves every target group of the service ' +
      'to an alternate one, and the network builds the alternate target group and test route of the main port only, got: "metrics". ' +
      'Route the port through a service of its own, publish it through Service Connect only (`discoverable: true`), or deploy `admin` with `ServiceDeployment.rolling()`.');
  });

  test('options of another strategy, which Java\'s builders let through and the deployment dropped', () => {
    expect(() => ServiceDeployment.blueGreen({ canaryPercent: 10 } as any)).toThrow(
      '`ServiceDeployment.blueGreen(options).canaryPercent` is an option of `ServiceDeployment.canary()`, which a blue/green deployment does not take, got: 10. ' +
      'Use `ServiceDeployment.canary()` for a canary deployment, or remove `canaryPercent`.');
    expect(() => ServiceDeployment.canary({ stepInterval: Duration.minutes(1) } as any)).toThrow(/^`ServiceDeployment\.canary\(options\)\.stepInterval` is an option of `ServiceDeployment\.linear\(\)`/);
    expect(() => ServiceDeployment.linear({ bakeTme: Duration.minutes(1) } as any)).toThrow(/^`ServiceDeployment\.linear\(options\)\.bakeTme` is not a prop of `LinearDeploymentOptions`/);
  });
});
