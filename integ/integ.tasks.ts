import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { Duration } from 'aws-cdk-lib';
import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('tasks', (integ, { network, urls }) => {
  const shop = network.findService('shop')!;
  const catalog = network.findService('catalog')!;
  // both run, without a public IP: shop on Fargate with its sidecars, catalog on Managed Instances
  expectServiceRunning(integ, network, shop);
  expectServiceRunning(integ, network, catalog);
  expectHttp(integ, `${urls.tasks}/`, 200);
  // the start order and the health checks ECS registered
  integ.assertions.awsApiCall('ECS', 'describeTaskDefinition', { taskDefinition: shop.taskDefinition.taskDefinitionArn })
    .expect(ExpectedResult.objectLike({
      taskDefinition: Match.objectLike({
        networkMode: 'awsvpc',
        containerDefinitions: Match.arrayWith([
          Match.objectLike({
            name: 'shop',
            dependsOn: [{ containerName: 'log-router', condition: 'START' }, { containerName: 'metrics', condition: 'HEALTHY' }],
            healthCheck: Match.objectLike({ command: ['CMD-SHELL', 'curl -fs http://localhost:8080/ || exit 1'] }),
          }),
          Match.objectLike({ name: 'metrics', readonlyRootFilesystem: true, privileged: false, healthCheck: Match.objectLike({ command: ['CMD', '/healthcheck'] }) }),
        ]),
      }),
    }));
  // the sidecar port routed separately: its target group has healthy targets on 13133
  integ.assertions.awsApiCall('ELBv2', 'describeTargetHealth', { TargetGroupArn: shop.portTargetGroups.collector.targetGroupArn })
    .expect(ExpectedResult.objectLike({
      TargetHealthDescriptions: Match.arrayWith([Match.objectLike({ Target: Match.objectLike({ Port: 13133 }), TargetHealth: { State: 'healthy' } })]),
    }))
    .waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) });
  // catalog runs on its Managed Instances capacity provider, which is active
  integ.assertions.awsApiCall('ECS', 'describeCapacityProviders', { capacityProviders: [catalog.capacityProvider!.capacityProviderName] })
    .expect(ExpectedResult.objectLike({ capacityProviders: [Match.objectLike({ status: 'ACTIVE' })] }));
  integ.assertions.awsApiCall('ECS', 'describeServices', { cluster: network.cluster.clusterArn, services: [catalog.service.serviceArn] })
    .expect(ExpectedResult.objectLike({
      services: [Match.objectLike({
        capacityProviderStrategy: [Match.objectLike({ capacityProvider: catalog.capacityProvider!.capacityProviderName })],
      })],
    }));
});
