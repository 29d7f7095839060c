import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp } from './support';

defineInteg('nlb', (integ, { network, urls }) => {
  const [web, edge, partners] = network.networkLoadBalancers;
  // both keep their Elastic IPs: one per Availability Zone, the addresses partners allow-list
  for (const nlb of [web, edge]) {
    integ.assertions.awsApiCall('ELBv2', 'describeLoadBalancers', { LoadBalancerArns: [nlb.loadBalancer.loadBalancerArn] })
      .expect(ExpectedResult.objectLike({ LoadBalancers: [{ Type: 'network', Scheme: 'internet-facing' }] }));
  }
  // the HTTPS routes answer through the fixed addresses of `web` (a TCP connection to 443, TLS ending at the ALB)
  expectHttp(integ, `${urls.nlb}/`, 200);
  // the UDP target group's tasks are healthy, and so are the TCP and TLS ones
  for (const service of ['tcp', 'udp']) {
    for (const listener of network.findService(service)!.networkListeners) {
      integ.assertions.awsApiCall('ELBv2', 'describeTargetHealth', { TargetGroupArn: listener.targetGroup.targetGroupArn })
        .expect(ExpectedResult.objectLike({ TargetHealthDescriptions: [{ TargetHealth: { State: 'healthy' } }] }));
    }
  }
  // the internal one is published over PrivateLink, each connection waiting for acceptance
  integ.assertions.awsApiCall('EC2', 'describeVpcEndpointServiceConfigurations', { ServiceIds: [partners.endpointService!.vpcEndpointServiceId] })
    .expect(ExpectedResult.objectLike({ ServiceConfigurations: [{ AcceptanceRequired: true }] }));
});
