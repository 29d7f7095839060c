import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { RoutingOptions } from '../../src';
import { IMAGE, newNetwork, newStack, propsOf } from '../helpers/network';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

function routed(routing: Partial<RoutingOptions>, certificate = true) {
  const stack = newStack();
  const cert = certificate ? acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN) : undefined;
  const { network } = newNetwork({ loadBalancer: { certificate: cert } }, stack);
  const service = network.addService('api', { image: IMAGE, containerPort: 8443, routing: { pathPatterns: ['/*'], ...routing } });
  return { stack, network, service };
}

describe('TLS from the load balancer to the tasks', () => {
  test('by default the target group and its health check are HTTP/1.1', () => {
    const { stack, service } = routed({});
    const tg = propsOf(Template.fromStack(stack), service.targetGroup!);
    expect(tg.ProtocolVersion).toBeUndefined();
    expect(tg).toMatchObject({ Protocol: 'HTTP', Matcher: { HttpCode: '200-399' }, HealthCheckPath: '/' });
    expect(tg.HealthCheckProtocol).toBeUndefined();
  });

  test('protocol HTTPS makes the target group and its health check HTTPS', () => {
    const { stack, service } = routed({ protocol: elbv2.ApplicationProtocol.HTTPS });
    expect(propsOf(Template.fromStack(stack), service.targetGroup!)).toMatchObject({
      Protocol: 'HTTPS', HealthCheckProtocol: 'HTTPS', Port: 8443, HealthCheckPath: '/',
    });
  });

  test('HTTP/2 to the targets', () => {
    const { stack, service } = routed({ protocol: elbv2.ApplicationProtocol.HTTPS, protocolVersion: elbv2.ApplicationProtocolVersion.HTTP2 });
    expect(propsOf(Template.fromStack(stack), service.targetGroup!)).toMatchObject({ Protocol: 'HTTPS', ProtocolVersion: 'HTTP2' });
  });

  test('gRPC checks the ALB health-check method with gRPC code 12 by default', () => {
    const { stack, service } = routed({ protocol: elbv2.ApplicationProtocol.HTTPS, protocolVersion: elbv2.ApplicationProtocolVersion.GRPC });
    expect(propsOf(Template.fromStack(stack), service.targetGroup!)).toMatchObject({
      ProtocolVersion: 'GRPC', HealthCheckPath: '/AWS.ALB/healthcheck', Matcher: { GrpcCode: '12' },
    });
  });

  test('gRPC with a path and codes of its own', () => {
    const { stack, service } = routed({
      protocol: elbv2.ApplicationProtocol.HTTPS,
      protocolVersion: elbv2.ApplicationProtocolVersion.GRPC,
      healthCheck: { path: '/grpc.health.v1.Health/Check', healthyGrpcCodes: '0' },
    });
    expect(propsOf(Template.fromStack(stack), service.targetGroup!)).toMatchObject({
      HealthCheckPath: '/grpc.health.v1.Health/Check', Matcher: { GrpcCode: '0' },
    });
  });

  test('an HTTPS target group with an HTTP health check is an error', () => {
    expect(() => routed({ protocol: elbv2.ApplicationProtocol.HTTPS, healthCheck: { protocol: elbv2.Protocol.HTTP } })).toThrow(
      '`api.routing.healthCheck.protocol` is HTTP, but the target group is HTTPS: the check would send plain HTTP to a port that serves TLS, got: "HTTP". ' +
      'Leave `healthCheck.protocol` out (it follows `protocol`), or set `elbv2.Protocol.HTTPS`.');
  });

  test('a TCP health check is an error', () => {
    expect(() => routed({ healthCheck: { protocol: elbv2.Protocol.TCP } })).toThrow(
      '`api.routing.healthCheck.protocol` must be HTTP or HTTPS for an Application Load Balancer target group');
  });

  test('gRPC with HTTP codes is an error', () => {
    expect(() => routed({ protocolVersion: elbv2.ApplicationProtocolVersion.GRPC, healthCheck: { healthyHttpCodes: '200' } })).toThrow(
      '`api.routing.healthCheck.healthyHttpCodes` does not apply to a gRPC target group');
  });

  test('gRPC codes without gRPC are an error', () => {
    expect(() => routed({ healthCheck: { healthyGrpcCodes: '0' } })).toThrow(
      '`api.routing.healthCheck.healthyGrpcCodes` only applies to a gRPC target group');
  });

  test('malformed gRPC codes are an error', () => {
    expect(() => routed({ protocolVersion: elbv2.ApplicationProtocolVersion.GRPC, healthCheck: { healthyGrpcCodes: '200' } })).toThrow(
      '`api.routing.healthCheck.healthyGrpcCodes` must be gRPC codes (0 to 99) or ranges separated by commas');
  });

  test('HTTP/2 on a load balancer without HTTPS is an error', () => {
    expect(() => routed({ protocolVersion: elbv2.ApplicationProtocolVersion.HTTP2 }, false)).toThrow(
      '`api.routing.protocolVersion` is HTTP2, which needs an HTTPS listener, but load balancer `public` serves HTTP only, got: "HTTP2". ' +
      'Give the load balancer a `certificate` (or a public `hostedZone`), or use `elbv2.ApplicationProtocolVersion.HTTP1`.');
  });
});
