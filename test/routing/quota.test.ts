import { App, Stack } from 'aws-cdk-lib';
import { Annotations } from 'aws-cdk-lib/assertions';
import { EcsAdvancedNetwork } from '../../src';
import { ANY_WARNING_BUT_CONTAINER_USER, IMAGE, newNetwork, tempAssignmentsFile } from '../helpers/network';

/** `count` routed services, each with a rule of its own specificity. */
function networkWithRules(count: number) {
  // services in nested stacks (test/scale); routes of one specificity past 24 characters: the file resolves their clashes
  const app = new App();
  const { stack, network } = newNetwork({
    loadBalancer: { accessLogs: false },
    monitoring: { enabled: false },
    servicePlacement: { nestedStacks: 5 },
    assignmentsFile: tempAssignmentsFile(),
  }, new Stack(app, 'Stack'));
  for (let i = 0; i < count; i++) {
    network.addService(`s${i}`, { image: IMAGE, containerPort: 80, routing: { pathPatterns: [`/${'x'.repeat(i + 1)}/*`] } });
  }
  return stack;
}

describe('target groups per load balancer', () => {
  // one network of 100 routed services for both tests: the first only reads it, the second adds to it
  const stack = networkWithRules(100);

  test('100 routed services: no warning and no error', () => {
    Annotations.fromStack(stack).hasNoWarning('*', ANY_WARNING_BUT_CONTAINER_USER);
  });

  test('a 101st route without a host is an error: such routes share one load balancer, of 100 target groups that AWS cannot raise', () => {
    const network = stack.node.findChild('Network') as EcsAdvancedNetwork;
    expect(() => network.addService('s100', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/one-more/*'] } })).toThrow(
      '`s100.routing` would add target group 101 to load balancer `public`, over the 100 target groups per Application Load Balancer, ' +
      'a limit AWS cannot raise; routes with no host header stay on that load balancer, because their DNS name points at it, ' +
      'got: "100 routes on `public`". Give the service a host header (a new host goes to a load balancer with room), or merge path routes into fewer services.');
    expect(network.loadBalancers).toHaveLength(1);
    // an unrouted service still joins
    network.addService('worker', { image: IMAGE });
    expect(network.services).toHaveLength(101);
  });
});
