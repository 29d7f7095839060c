import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { Duration } from 'aws-cdk-lib';
import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('deployments', (integ, { network, urls }) => {
  // each service runs with its strategy, and its production route answers
  const strategies: { [name: string]: string } = { bluegreen: 'BLUE_GREEN', canary: 'CANARY', linear: 'LINEAR' };
  for (const [name, strategy] of Object.entries(strategies)) {
    const service = network.findService(name)!;
    expectServiceRunning(integ, network, service);
    integ.assertions.awsApiCall('ECS', 'describeServices', {
      cluster: network.cluster.clusterArn,
      services: [service.service.serviceArn],
    }).expect(ExpectedResult.objectLike({ services: [{ deploymentConfiguration: { strategy } }] }))
      .waitForAssertions({ totalTimeout: Duration.minutes(2), interval: Duration.seconds(20) });
    expectHttp(integ, `${urls[name]}/`, 200);
  }
});
