import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('regional-nat', (integ, { network, urls }) => {
  // one gateway for the VPC, in regional mode, available
  integ.assertions.awsApiCall('EC2', 'describeNatGateways', {
    Filter: [{ Name: 'vpc-id', Values: [network.vpc.vpcId] }, { Name: 'state', Values: ['available'] }],
  }).expect(ExpectedResult.objectLike({ NatGateways: [{ State: 'available', AvailabilityMode: 'regional', ConnectivityType: 'public' }] }));
  // the tasks pulled their image from the internet through it and serve traffic
  for (const service of network.services) expectServiceRunning(integ, network, service);
  expectHttp(integ, `${urls['regional-nat']}/`, 200);
});
