import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectServiceRunning } from './support';

defineInteg('internal-alb', (integ, { network }) => {
  // the assertions run outside the VPC, so they check the scheme and the tasks rather than calling the load balancer
  integ.assertions.awsApiCall('ELBv2', 'describeLoadBalancers', {
    LoadBalancerArns: [network.loadBalancer!.loadBalancerArn],
  }).expect(ExpectedResult.objectLike({ LoadBalancers: [{ Scheme: 'internal' }] }));
  expectServiceRunning(integ, network, network.findService('api')!);
});
