import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IMAGE, logicalId, newNetwork, newStack, propsOf } from '../helpers/network';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

function withCertificate(extra: object = {}) {
  const stack = newStack();
  const certificate = acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN);
  return newNetwork({ loadBalancer: { certificate, ...extra } }, stack);
}

function ingressPorts(t: Template, stack: Stack, sgLogicalId: string): number[] {
  const sg = t.toJSON().Resources[sgLogicalId].Properties;
  void stack;
  return (sg.SecurityGroupIngress ?? []).map((r: any) => r.FromPort).sort();
}

describe('HTTPS', () => {
  test('a certificate adds an HTTPS listener on 443 with the TLS 1.3/1.2 policy', () => {
    const { stack, network } = withCertificate();
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
    const https = propsOf(t, network.httpsListener!);
    expect(https).toMatchObject({
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      Certificates: [{ CertificateArn: CERT_ARN }],
    });
    expect(https.DefaultActions[0]).toMatchObject({ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } });
  });

  test('port 80 then redirects to HTTPS 443 permanently', () => {
    const { stack, network } = withCertificate();
    const http = propsOf(Template.fromStack(stack), network.httpListener!);
    expect(http).toMatchObject({ Port: 80, Protocol: 'HTTP' });
    expect(http.DefaultActions).toEqual([{
      Type: 'redirect',
      RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
    }]);
  });

  test('the load balancer admits 80 and 443', () => {
    const { stack, network } = withCertificate();
    const t = Template.fromStack(stack);
    expect(ingressPorts(t, stack, logicalId(network.loadBalancer!.connections.securityGroups[0]))).toEqual([443, 80]);
  });

  test('sslPolicy overrides the TLS policy', () => {
    const { stack, network } = withCertificate({ sslPolicy: elbv2.SslPolicy.TLS13_13 });
    expect(propsOf(Template.fromStack(stack), network.httpsListener!).SslPolicy).toBe('ELBSecurityPolicy-TLS13-1-3-2021-06');
  });

  test('routes go on the HTTPS listener', () => {
    const { stack, network } = withCertificate();
    network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    const api = network.addService('api', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'] } });
    const t = Template.fromStack(stack);
    expect(network.routingListener).toBe(network.httpsListener);
    expect(propsOf(t, api.listenerRule!).ListenerArn).toEqual({ Ref: logicalId(network.httpsListener!) });
    expect(propsOf(t, network.httpsListener!).DefaultActions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: expect.stringMatching(/^NetworkwebTargetGroup/) } }]);
    expect(propsOf(t, network.httpListener!).DefaultActions[0].Type).toBe('redirect');
  });
});
