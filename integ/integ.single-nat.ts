import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp } from './support';

defineInteg('single-nat', (integ, { network, urls }) => {
  integ.assertions.awsApiCall('EC2', 'describeNatGateways', {
    Filter: [{ Name: 'vpc-id', Values: [network.vpc.vpcId] }, { Name: 'state', Values: ['available'] }],
  }).expect(ExpectedResult.objectLike({ NatGateways: [{ State: 'available' }] }));
  expectHttp(integ, `${urls['single-nat']}/`, 200);
});
