import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg } from './support';

defineInteg('https-host-routing', (integ, network) => {
  // an HTTPS listener with a TLS 1.3 policy, and port 80 redirecting to it
  integ.assertions.awsApiCall('ElasticLoadBalancingV2', 'describeListeners', {
    LoadBalancerArn: network.loadBalancer!.loadBalancerArn,
  }).expect(ExpectedResult.objectLike({
    Listeners: [
      { Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
      { Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] },
    ],
  }));
});
