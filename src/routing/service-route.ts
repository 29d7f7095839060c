import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { Router } from './router';
import { HealthCheckOptions, RoutingOptions } from './routing-options';
import { withDefaults } from '../private/validation';

/** The target group defaults, in one place: the `@default` of `HealthCheckOptions` and `RoutingOptions` say the same. */
export const TARGET_GROUP_DEFAULTS = {
  healthCheck: {
    path: '/',
    interval: Duration.seconds(15),
    timeout: Duration.seconds(5),
    healthyThresholdCount: 2,
    unhealthyThresholdCount: 3,
    healthyHttpCodes: '200-399',
  },
  deregistrationDelay: Duration.seconds(30),
} as const;

/** A health check with every default applied. */
export type ResolvedHealthCheck = Required<HealthCheckOptions>;

/** Applies the defaults of `TARGET_GROUP_DEFAULTS.healthCheck`. */
export function resolveHealthCheck(hc: HealthCheckOptions = {}): ResolvedHealthCheck {
  return withDefaults(hc, TARGET_GROUP_DEFAULTS.healthCheck);
}

/** What a service puts behind the load balancer. */
export interface ServiceRouteProps {
  /** The service name: the container to register, and the owner of the route. */
  readonly serviceName: string;
  /** The prop path of the routing options, for error messages. */
  readonly prop: string;
  readonly routing: RoutingOptions;
  readonly containerPort: number;
  readonly vpc: ec2.IVpc;
  readonly service: ecs.FargateService;
  /** The service's own security group, which admits the load balancer. */
  readonly securityGroup: ec2.ISecurityGroup;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly router: Router;
  /** Register the tasks by their IPv6 addresses (IPv6-only tasks). */
  readonly ipv6Targets?: boolean;
}

/** The parts of a route. */
export interface ServiceRoute {
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** The listener rule, unless the route is the listener's default action. */
  readonly rule?: elbv2.ApplicationListenerRule;
  readonly priority?: number;
}

/**
 * Puts a service behind the load balancer: its target group, the registration of its tasks, its
 * listener rule with a computed priority, and the one security-group rule from the load balancer.
 */
export function attachRoute(scope: Construct, props: ServiceRouteProps): ServiceRoute {
  const { routing, containerPort } = props;
  const targetGroup = new elbv2.ApplicationTargetGroup(scope, 'TargetGroup', {
    vpc: props.vpc,
    targetType: elbv2.TargetType.IP,
    protocol: elbv2.ApplicationProtocol.HTTP,
    port: containerPort,
    healthCheck: { enabled: true, ...resolveHealthCheck(routing.healthCheck) },
    deregistrationDelay: routing.deregistrationDelay ?? TARGET_GROUP_DEFAULTS.deregistrationDelay,
    slowStart: routing.slowStart,
    stickinessCookieDuration: routing.stickiness,
    ipAddressType: props.ipv6Targets ? elbv2.TargetGroupIpAddressType.IPV6 : undefined,
  });
  // Register the tasks on the L1 rather than through `service.loadBalancerTarget()`: that helper opens
  // the load balancer to every security group of the service, including the endpoint-clients group
  // that all tasks carry, which would let the load balancer reach every task of the network.
  const cfnService = props.service.node.defaultChild as ecs.CfnService;
  cfnService.loadBalancers = [{ targetGroupArn: targetGroup.targetGroupArn, containerName: props.serviceName, containerPort }];
  cfnService.node.addDependency(targetGroup.loadBalancerAttached);
  const placed = props.router.addRoute(scope, props.serviceName, props.prop, routing, targetGroup);
  // in: the service's own group admits the load balancer on its port; out: the load balancer sends to
  // the group all routed tasks carry, one rule per port for the whole load balancer
  props.securityGroup.addIngressRule(props.loadBalancer.connections.securityGroups[0], ec2.Port.tcp(containerPort),
    `From the load balancer to ${props.serviceName}`);
  props.router.admitTargetsOn(containerPort);
  return { targetGroup, rule: placed.rule, priority: placed.priority };
}
