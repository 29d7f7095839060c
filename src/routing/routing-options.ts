import type { Duration } from 'aws-cdk-lib';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { IngressAccess } from './ingress-access';

/**
 * The health check of a service's target group.
 */
export interface HealthCheckOptions {
  /**
   * The HTTP path the load balancer requests.
   *
   * @default '/'
   */
  readonly path?: string;

  /**
   * The time between two checks (5 to 300 seconds).
   *
   * @default Duration.seconds(15)
   */
  readonly interval?: Duration;

  /**
   * How long a target may take to answer (2 to 120 seconds, less than `interval`).
   *
   * @default Duration.seconds(5)
   */
  readonly timeout?: Duration;

  /**
   * Consecutive successes before an unhealthy target is healthy again (2 to 10).
   *
   * @default 2
   */
  readonly healthyThresholdCount?: number;

  /**
   * Consecutive failures before a target is unhealthy (2 to 10).
   *
   * @default 3
   */
  readonly unhealthyThresholdCount?: number;

  /**
   * The HTTP codes that mean healthy, for example `'200'`, `'200,204'` or `'200-299'`.
   *
   * @default '200-399'
   */
  readonly healthyHttpCodes?: string;

  /**
   * The protocol of the health check: HTTPS checks a task that serves HTTPS (`routing.protocol`);
   * an HTTPS target group cannot be checked over HTTP.
   *
   * @default - the protocol of the target group (`routing.protocol`)
   */
  readonly protocol?: elbv2.Protocol;

  /**
   * The gRPC status codes that mean healthy, for a gRPC target group (`routing.protocolVersion`
   * `GRPC`), for example `'0'` or `'0-99'`. `healthyHttpCodes` does not apply to gRPC.
   *
   * @default '12' (what the ALB expects of a gRPC health check by default)
   */
  readonly healthyGrpcCodes?: string;
}

/**
 * How the load balancer routes requests to a service, and how it treats the service's targets.
 * A route needs at least one path pattern or host header.
 */
export interface RoutingOptions {
  /**
   * Who reaches the service through this route: the internet, the VPC, or both (then the service has
   * a target group on an internet-facing and on an internal load balancer, with the same conditions).
   *
   * @default - the kind of `loadBalancer`: `IngressAccess.PUBLIC`, or `IngressAccess.INTERNAL` when
   * `loadBalancer.internetFacing` is false or `loadBalancer.enabled` is false
   */
  readonly access?: IngressAccess;

  /**
   * Path patterns, for example `['/api/*']`. `['/*']` alone makes the service the listener's default.
   * Each starts with `/`, is at most 128 characters and may use `*` and `?`.
   *
   * @default - any path
   */
  readonly pathPatterns?: string[];

  /**
   * Host headers, for example `['api.example.com']` or `['*.example.com']`.
   *
   * @default - any host
   */
  readonly hostHeaders?: string[];

  /**
   * HTTP header conditions: header name to the values that match.
   *
   * @default - no header condition
   */
  readonly httpHeaders?: { [name: string]: string[] };

  /**
   * HTTP request methods that match, for example `['GET', 'HEAD']`.
   *
   * @default - any method
   */
  readonly httpMethods?: string[];

  /**
   * An explicit rule priority (1 to 50000; lower is evaluated first). Priorities from 1000 up are
   * computed from specificity, so explicit ones below 1000 never collide with them.
   *
   * @default - computed at synth time from the specificity of the patterns and the declaration order
   */
  readonly priority?: number;

  /**
   * The target group health check.
   *
   * @default - `/`, every 15 s, timeout 5 s, 2 healthy / 3 unhealthy, codes 200-399
   */
  readonly healthCheck?: HealthCheckOptions;

  /**
   * Load balancer cookie stickiness for this long (1 second to 7 days).
   *
   * @default - no stickiness
   */
  readonly stickiness?: Duration;

  /**
   * How long the load balancer drains a deregistering target (0 to 3600 seconds).
   *
   * @default Duration.seconds(30)
   */
  readonly deregistrationDelay?: Duration;

  /**
   * How long a new target ramps up its share of requests (30 to 900 seconds).
   *
   * @default - no slow start
   */
  readonly slowStart?: Duration;

  /**
   * The protocol from the load balancer to the tasks: `HTTPS` encrypts the hop inside the VPC (the
   * task serves TLS on `containerPort`, with any certificate: the load balancer does not verify it),
   * and the health check goes over HTTPS too.
   *
   * @default elbv2.ApplicationProtocol.HTTP
   */
  readonly protocol?: elbv2.ApplicationProtocol;

  /**
   * The protocol version to the tasks: HTTP/1.1, HTTP/2 or gRPC. HTTP/2 and gRPC need a load balancer
   * with an HTTPS listener (a certificate or a hosted zone).
   *
   * @default elbv2.ApplicationProtocolVersion.HTTP1
   */
  readonly protocolVersion?: elbv2.ApplicationProtocolVersion;
}
