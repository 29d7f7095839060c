import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('public-internal', (integ, { network, urls }) => {
  const [publicLb, internalLb] = network.loadBalancers;
  // the hosts routed to the internet answer through the internet-facing load balancer, over HTTPS
  // with the certificate the network requested and validated in the zone
  expectHttp(integ, `${urls.shop}/`, 200);
  expectHttp(integ, `${urls.api}/`, 200);
  integ.assertions.awsApiCall('ACM', 'describeCertificate', { CertificateArn: publicLb.certificates[0].certificateArn })
    .expect(ExpectedResult.objectLike({ Certificate: { Status: 'ISSUED' } }));
  // the internal load balancer is internal, serves HTTPS too, and the internal-only service runs behind it
  integ.assertions.awsApiCall('ELBv2', 'describeLoadBalancers', { LoadBalancerArns: [internalLb.loadBalancer.loadBalancerArn] })
    .expect(ExpectedResult.objectLike({ LoadBalancers: [{ Scheme: 'internal' }] }));
  integ.assertions.awsApiCall('ELBv2', 'describeListeners', { ListenerArns: [internalLb.httpsListener!.listenerArn] })
    .expect(ExpectedResult.objectLike({ Listeners: [{ Port: 443, Protocol: 'HTTPS' }] }));
  const admin = network.findService('admin')!;
  expectServiceRunning(integ, network, admin);
  // both target groups of the service routed both ways have healthy targets
  for (const route of network.findService('api')!.routes) {
    integ.assertions.awsApiCall('ELBv2', 'describeTargetHealth', { TargetGroupArn: route.targetGroup.targetGroupArn })
      .expect(ExpectedResult.objectLike({ TargetHealthDescriptions: [{ TargetHealth: { State: 'healthy' } }] }));
  }
});
