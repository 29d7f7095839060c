import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { integCase } from './cases';
import { EcsAdvancedNetwork, NetworkService } from '../src';

/**
 * Defines the integration test of a case: the stack, an `IntegTest`, and the assertions that run
 * against a real deployment (`assert(integ, network)`).
 */
export function defineInteg(name: string, assert: (integ: IntegTest, network: EcsAdvancedNetwork) => void): void {
  const app = new App();
  const c = integCase(name);
  const stack = new Stack(app, `EcsAdvancedNetwork-${name}`, { description: `ecs-advanced-network integration test: ${c.description}` });
  const network = c.build(stack);
  const integ = new IntegTest(app, `${name}-test`, {
    testCases: [stack],
    diffAssets: false,
    cdkCommandOptions: { destroy: { args: { force: true } } },
  });
  assert(integ, network);
}

/** Waits until `service` runs its desired count of tasks, none with a public IP. */
export function expectServiceRunning(integ: IntegTest, network: EcsAdvancedNetwork, service: NetworkService): void {
  integ.assertions.awsApiCall('ECS', 'describeServices', {
    cluster: network.cluster.clusterArn,
    services: [service.service.serviceArn],
  }).expect(ExpectedResult.objectLike({
    services: [{
      runningCount: service.desiredCount,
      networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'DISABLED' } },
    }],
  })).waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) });
}

/** Expects the load balancer to answer `path` with HTTP `status`. */
export function expectHttp(integ: IntegTest, network: EcsAdvancedNetwork, path: string, status: number): void {
  integ.assertions.httpApiCall(`http://${network.loadBalancer!.loadBalancerDnsName}${path}`)
    .expect(ExpectedResult.objectLike({ status }))
    .waitForAssertions({ totalTimeout: Duration.minutes(5), interval: Duration.seconds(20) });
}
