import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import { IngressAccess } from './ingress-access';
import type { RoutingOptions } from './routing-options';
import { TARGET_GROUP_DEFAULTS } from './target-group-defaults';
import { targetHealthCheck, targetProtocolOf, validateProtocolVersionOn } from './target-protocol';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import { securityGroupDescription } from '../private/aws-values/descriptions';
import type { RegisteringFargateService } from '../services/registering-service';

/** What a service puts behind the load balancer. */
export interface ServiceRouteProps {
  /** The service name: the owner of the route (and the container to register, unless `containerName`). */
  readonly serviceName: string;
  /** The container to register, when it is not named `serviceName` (a sidecar's port). */
  readonly containerName?: string;
  /** The prop path of the routing options, for error messages. */
  readonly prop: string;
  readonly routing: RoutingOptions;
  readonly containerPort: number;
  readonly vpc: ec2.IVpc;
  readonly service: RegisteringFargateService;
  /** The service's own security group, which admits the load balancer. */
  readonly securityGroup: ec2.ISecurityGroup;
  /** The load balancer the route goes on. */
  readonly loadBalancer: IngressLoadBalancer;
  /** The construct ids of the target group and the listener rule. */
  readonly ids: { readonly targetGroup: string; readonly rule: string };
  /** Register the tasks by their IPv6 addresses (IPv6-only tasks). */
  readonly ipv6Targets?: boolean;
  /** Whether a catch-all route (`/*` alone) becomes a listener rule rather than the listener's default action (ECS traffic shifting needs a rule). */
  readonly asRule?: boolean;
}

/** The parts of a route. */
export interface ServiceRoute {
  readonly loadBalancer: IngressLoadBalancer;
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
  const router = props.loadBalancer._router;
  validateProtocolVersionOn(props.prop, routing, props.loadBalancer.name, props.loadBalancer.httpsListener !== undefined);
  const targetGroup = createTargetGroup(scope, props.ids.targetGroup, props.vpc, routing, containerPort, props.ipv6Targets);
  props.service.registerTargetGroup(targetGroup, props.containerName ?? props.serviceName, containerPort);
  const placed = router.addRoute(scope, props.serviceName, props.prop, routing, targetGroup, props.ids.rule, props.asRule);
  // in: the service's own group admits the load balancer on its port; out: the load balancer sends to
  // the group all routed tasks carry, one rule per port for the whole load balancer
  const access = props.loadBalancer.access === IngressAccess.PUBLIC ? 'internet-facing' : 'internal';
  props.securityGroup.addIngressRule(router.loadBalancer.connections.securityGroups[0], ec2.Port.tcp(containerPort),
    securityGroupDescription(props.loadBalancer.index === 1 && props.ids.targetGroup === 'TargetGroup'
      ? `From the load balancer to ${props.serviceName}`
      : `From the ${access} load balancer ${props.loadBalancer.name} to ${props.serviceName}`));
  router.admitTargetsOn(containerPort);
  return { loadBalancer: props.loadBalancer, targetGroup, rule: placed.rule, priority: placed.priority };
}

/** A target group for a service's tasks, with the route's health check, draining, slow start and stickiness. */
export function createTargetGroup(scope: Construct, id: string, vpc: ec2.IVpc, routing: RoutingOptions,
  containerPort: number, ipv6Targets?: boolean): elbv2.ApplicationTargetGroup {
  return new elbv2.ApplicationTargetGroup(scope, id, {
    vpc,
    targetType: elbv2.TargetType.IP,
    protocol: targetProtocolOf(routing),
    protocolVersion: routing.protocolVersion,
    port: containerPort,
    healthCheck: targetHealthCheck(routing),
    deregistrationDelay: routing.deregistrationDelay ?? TARGET_GROUP_DEFAULTS.deregistrationDelay,
    slowStart: routing.slowStart,
    stickinessCookieDuration: routing.stickiness,
    ipAddressType: ipv6Targets ? elbv2.TargetGroupIpAddressType.IPV6 : undefined,
  });
}
