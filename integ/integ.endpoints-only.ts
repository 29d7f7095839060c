import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectServiceRunning } from './support';

defineInteg('endpoints-only', (integ, network) => {
  // no NAT gateway at all, and yet the tasks pulled their image and run
  integ.assertions.awsApiCall('EC2', 'describeNatGateways', {
    Filter: [{ Name: 'vpc-id', Values: [network.vpc.vpcId] }],
  }).expect(ExpectedResult.exact({ NatGateways: [] }));
  expectServiceRunning(integ, network, network.findService('web')!);
});
