import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp } from './support';

defineInteg('nlb', (integ, { network, urls }) => {
  const [edge, partners] = network.networkLoadBalancers;
  // the load balancer keeps its Elastic IPs: one per Availability Zone, the addresses partners allow-list
  integ.assertions.awsApiCall('ELBv2', 'describeLoadBalancers', { LoadBalancerArns: [edge.loadBalancer.loadBalancerArn] })
    .expect(ExpectedResult.objectLike({ LoadBalancers: [{ Type: 'network', Scheme: 'internet-facing' }] }));
  // the HTTP routes answer through the Network Load Balancer's fixed addresses (a TCP connection to them)
  integ.assertions.httpApiCall(`http://${edge.dnsName}/`).expect(ExpectedResult.objectLike({ status: 301 }));
  expectHttp(integ, `${urls.nlb}/`, 200);
  // a TCP connection through the plain TCP listener reaches nginx
  integ.assertions.httpApiCall(`http://${edge.dnsName}:9000/`).expect(ExpectedResult.objectLike({ status: 200 }));
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
