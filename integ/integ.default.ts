import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp, expectHttpsOnly } from './support';

defineInteg('default', (integ, { network, urls }) => {
  // flow logs are delivered, port 80 only redirects to HTTPS, and unmatched requests get the fixed 404
  integ.assertions.awsApiCall('EC2', 'describeFlowLogs', {
    Filter: [{ Name: 'resource-id', Values: [network.vpc.vpcId] }],
  }).expect(ExpectedResult.objectLike({ FlowLogs: [{ FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' }] }));
  expectHttpsOnly(integ, network);
  expectHttp(integ, `${urls.default}/`, 404);
});
