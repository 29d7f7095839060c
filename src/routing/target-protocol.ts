import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { RoutingOptions } from './routing-options';
import { resolveHealthCheck } from './target-group-defaults';
import { invalidProp } from '../private/validation';

/** The path an ALB checks on a gRPC target by default (its own health-check method). */
export const GRPC_HEALTH_CHECK_PATH = '/AWS.ALB/healthcheck';
/** The gRPC codes an ALB takes as healthy by default (12: UNIMPLEMENTED, the answer to its own method). */
export const GRPC_HEALTHY_CODES = '12';

/** The protocol of a route's target group. */
export function targetProtocolOf(routing: RoutingOptions): elbv2.ApplicationProtocol {
  return routing.protocol ?? elbv2.ApplicationProtocol.HTTP;
}

/** Whether an Application Load Balancer target group sends HTTPS to the tasks. */
export function isHttpsTargetGroup(targetGroup: elbv2.ApplicationTargetGroup): boolean {
  return (targetGroup.node.defaultChild as elbv2.CfnTargetGroup).protocol === elbv2.ApplicationProtocol.HTTPS;
}

/** Whether a route's target group is gRPC. */
function isGrpc(routing: RoutingOptions): boolean {
  return routing.protocolVersion === elbv2.ApplicationProtocolVersion.GRPC;
}

/** The health check of a route's target group: its protocol follows the target group's, gRPC has its own path and codes. */
export function targetHealthCheck(routing: RoutingOptions): elbv2.HealthCheck {
  const given = routing.healthCheck ?? {};
  const resolved = resolveHealthCheck(isGrpc(routing) && given.path === undefined ? { ...given, path: GRPC_HEALTH_CHECK_PATH } : given);
  const { healthyHttpCodes, healthyGrpcCodes, protocol, ...rest } = resolved;
  return {
    enabled: true,
    ...rest,
    protocol: protocol ?? (targetProtocolOf(routing) === elbv2.ApplicationProtocol.HTTPS ? elbv2.Protocol.HTTPS : undefined),
    ...(isGrpc(routing) ? { healthyGrpcCodes: healthyGrpcCodes ?? GRPC_HEALTHY_CODES } : { healthyHttpCodes }),
  };
}

/** Validates the protocol options of a route (`prefix` is its prop path), before anything is created. */
export function validateTargetProtocol(prefix: string, routing: RoutingOptions): void {
  const protocol = targetProtocolOf(routing);
  const hc = routing.healthCheck ?? {};
  if (protocol === elbv2.ApplicationProtocol.HTTPS && hc.protocol === elbv2.Protocol.HTTP) {
    throw invalidProp(`${prefix}.healthCheck.protocol`, 'is HTTP, but the target group is HTTPS: the check would send plain HTTP to a port that serves TLS', 'HTTP',
      'Leave `healthCheck.protocol` out (it follows `protocol`), or set `elbv2.Protocol.HTTPS`.');
  }
  if (hc.protocol !== undefined && hc.protocol !== elbv2.Protocol.HTTP && hc.protocol !== elbv2.Protocol.HTTPS) {
    throw invalidProp(`${prefix}.healthCheck.protocol`, 'must be HTTP or HTTPS for an Application Load Balancer target group', hc.protocol,
      'Use `elbv2.Protocol.HTTPS` (or `HTTP` for an HTTP target group).');
  }
  if (isGrpc(routing) && hc.healthyHttpCodes !== undefined) {
    throw invalidProp(`${prefix}.healthCheck.healthyHttpCodes`, 'does not apply to a gRPC target group, which is healthy by gRPC status codes', hc.healthyHttpCodes,
      'Use `healthCheck.healthyGrpcCodes` (for example `\'0\'`), or remove `healthyHttpCodes`.');
  }
  if (!isGrpc(routing) && hc.healthyGrpcCodes !== undefined) {
    throw invalidProp(`${prefix}.healthCheck.healthyGrpcCodes`, 'only applies to a gRPC target group (`protocolVersion: elbv2.ApplicationProtocolVersion.GRPC`)',
      hc.healthyGrpcCodes, 'Use `healthCheck.healthyHttpCodes`, or set `protocolVersion` to GRPC.');
  }
  if (hc.healthyGrpcCodes !== undefined && !/^\d{1,2}(-\d{1,2})?(,\d{1,2}(-\d{1,2})?)*$/.test(hc.healthyGrpcCodes)) {
    throw invalidProp(`${prefix}.healthCheck.healthyGrpcCodes`, 'must be gRPC codes (0 to 99) or ranges separated by commas', hc.healthyGrpcCodes,
      'Use for example `0`, `0,12` or `0-99`.');
  }
}

/**
 * Checks the protocol version of a route against the load balancer it is placed on: HTTP/2 and gRPC
 * to the targets need an HTTPS listener.
 */
export function validateProtocolVersionOn(prop: string, routing: RoutingOptions, loadBalancerName: string, hasHttpsListener: boolean): void {
  const version = routing.protocolVersion;
  if (hasHttpsListener || version === undefined || version === elbv2.ApplicationProtocolVersion.HTTP1) return;
  throw invalidProp(`${prop}.protocolVersion`, `is ${version}, which needs an HTTPS listener, but load balancer \`${loadBalancerName}\` serves HTTP only`, version,
    'Give the load balancer a `certificate` (or a public `hostedZone`), or use `elbv2.ApplicationProtocolVersion.HTTP1`.');
}
