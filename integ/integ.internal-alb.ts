import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectServiceRunning } from './support';

defineInteg('internal-alb', (integ, network) => {
  integ.assertions.awsApiCall('ElasticLoadBalancingV2', 'describeLoadBalancers', {
    LoadBalancerArns: [network.loadBalancer!.loadBalancerArn],
  }).expect(ExpectedResult.objectLike({ LoadBalancers: [{ Scheme: 'internal' }] }));
  expectServiceRunning(integ, network, network.findService('api')!);
});
