import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp, expectHttpsOnly, expectServiceRunning } from './support';

defineInteg('encrypted', (integ, { network, urls }) => {
  const web = network.findService('web')!;
  const orders = network.findService('orders')!;
  // HTTPS at the edge, port 80 redirecting to it
  expectHttpsOnly(integ, network);
  // HTTPS from the load balancer to the tasks, health checked over HTTPS, and the tasks healthy
  integ.assertions.awsApiCall('ELBv2', 'describeTargetGroups', { TargetGroupArns: [web.targetGroup!.targetGroupArn] })
    .expect(ExpectedResult.objectLike({ TargetGroups: [{ Protocol: 'HTTPS', Port: 8443, HealthCheckProtocol: 'HTTPS' }] }));
  integ.assertions.awsApiCall('ELBv2', 'describeTargetHealth', { TargetGroupArn: web.targetGroup!.targetGroupArn })
    .expect(ExpectedResult.objectLike({ TargetHealthDescriptions: Match.arrayWith([Match.objectLike({ TargetHealth: { State: 'healthy' } })]) }))
    .waitForAssertions();
  expectHttp(integ, `${urls.encrypted}/`, 200);
  // the Private CA the network created is active and in short-lived certificate mode
  const tls = network.serviceConnectTlsConfiguration!;
  integ.assertions.awsApiCall('ACMPCA', 'describeCertificateAuthority', { CertificateAuthorityArn: tls.awsPcaAuthorityArn })
    .expect(ExpectedResult.objectLike({ CertificateAuthority: { Status: 'ACTIVE', UsageMode: 'SHORT_LIVED_CERTIFICATE', Type: 'ROOT' } }));
  // orders publishes its Service Connect endpoint with TLS from that CA, and both services run
  expectServiceRunning(integ, network, orders);
  expectServiceRunning(integ, network, web);
  integ.assertions.awsApiCall('ECS', 'describeServices', { cluster: network.cluster.clusterArn, services: [orders.service.serviceArn] })
    .expect(ExpectedResult.objectLike({
      services: [{
        deployments: Match.arrayWith([Match.objectLike({
          serviceConnectConfiguration: Match.objectLike({
            services: [Match.objectLike({ tls: Match.objectLike({ issuerCertificateAuthority: { awsPcaAuthorityArn: tls.awsPcaAuthorityArn } }) })],
          }),
        })]),
      }],
    }));
});
