import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('ipv6', (integ, { network, urls }) => {
  // no NAT gateway in the VPC; one egress-only internet gateway attached to it
  integ.assertions.awsApiCall('EC2', 'describeNatGateways', {
    Filter: [{ Name: 'vpc-id', Values: [network.vpc.vpcId] }],
  }).expect(ExpectedResult.objectLike({ NatGateways: [] }));
  integ.assertions.awsApiCall('EC2', 'describeEgressOnlyInternetGateways', {})
    .expect(ExpectedResult.objectLike({ EgressOnlyInternetGateways: [{ Attachments: [{ State: 'attached', VpcId: network.vpc.vpcId }] }] }));
  // the load balancer is dual-stack, its target group IPv6
  integ.assertions.awsApiCall('ELBv2', 'describeLoadBalancers', { LoadBalancerArns: [network.loadBalancer!.loadBalancerArn] })
    .expect(ExpectedResult.objectLike({ LoadBalancers: [{ IpAddressType: 'dualstack' }] }));
  const web = network.services[0];
  integ.assertions.awsApiCall('ELBv2', 'describeTargetGroups', { TargetGroupArns: [web.targetGroup!.targetGroupArn] })
    .expect(ExpectedResult.objectLike({ TargetGroups: [{ IpAddressType: 'ipv6', TargetType: 'ip' }] }));
  // the tasks pulled their image over IPv6 (ECR's dual-stack endpoint, through the egress-only gateway) and serve traffic
  expectServiceRunning(integ, network, web);
  expectHttp(integ, `${urls.ipv6}/`, 200);
});
