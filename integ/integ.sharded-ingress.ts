import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { SHARDED_SERVICES } from './cases';
import { defineInteg, expectHttp } from './support';

defineInteg('sharded-ingress', (integ, { network, urls }) => {
  const [first, second] = network.loadBalancers;
  if (network.loadBalancers.length < 2) throw new Error('sharded-ingress must spread its routes over at least two load balancers');
  // the first host of each load balancer, and the last service, answer through their own load balancer
  expectHttp(integ, `${urls.s0}/`, 200);
  expectHttp(integ, `${urls[`s${first.routeCount}`]}/`, 200);
  expectHttp(integ, `${urls[`s${SHARDED_SERVICES - 1}`]}/`, 200);
  // each load balancer holds the target groups it was given, within the 100 AWS allows
  for (const lb of [first, second]) {
    integ.assertions.awsApiCall('ELBv2', 'describeTargetGroups', { LoadBalancerArn: lb.loadBalancer.loadBalancerArn, PageSize: 400 })
      .assertAtPath('TargetGroups.length', ExpectedResult.exact(lb.routeCount));
  }
});
