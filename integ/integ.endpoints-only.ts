import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('endpoints-only', (integ, { network, urls }) => {
  // no NAT gateway at all, and yet the tasks pulled their image, run and answer
  integ.assertions.awsApiCall('EC2', 'describeNatGateways', {
    Filter: [{ Name: 'vpc-id', Values: [network.vpc.vpcId] }],
  }).expect(ExpectedResult.exact({ NatGateways: [] }));
  expectServiceRunning(integ, network, network.findService('web')!);
  expectHttp(integ, `${urls['endpoints-only']}/`, 200);
});
