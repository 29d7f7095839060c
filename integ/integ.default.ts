import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp } from './support';

defineInteg('default', (integ, network) => {
  // flow logs are delivered, and the load balancer answers unmatched requests with 404
  integ.assertions.awsApiCall('EC2', 'describeFlowLogs', {
    Filter: [{ Name: 'resource-id', Values: [network.vpc.vpcId] }],
  }).expect(ExpectedResult.objectLike({ FlowLogs: [{ FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' }] }));
  expectHttp(integ, network, '/', 404);
});
