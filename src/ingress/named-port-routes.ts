import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { Ingress, RoutePlacement } from './ingress';
import type { ServiceRouteInfo } from './service-route-info';
import { attachRoute } from '../routing/service-route';
import type { NamedPortOptions } from '../services/port-options';
import type { RegisteringFargateService } from '../services/registering-service';

/** Where the route of a routed named port goes. */
export interface NamedPortPlacement {
  readonly port: NamedPortOptions;
  readonly index: number;
  readonly placements: RoutePlacement[];
}

/**
 * Routes a named port on one load balancer of its access: its own target group and rule under
 * `Port-<name>`, registering the container that has the port (the application or a sidecar).
 */
export function routeNamedPort(owner: Construct, port: NamedPortOptions, index: number, placement: RoutePlacement,
  props: { serviceName: string; vpc: ec2.IVpc; service: RegisteringFargateService; securityGroup: ec2.ISecurityGroup; ingress: Ingress },
): ServiceRouteInfo {
  const scope = owner.node.tryFindChild(`Port-${port.name}`) as Construct | undefined ?? new Construct(owner, `Port-${port.name}`);
  const loadBalancer = props.ingress.loadBalancerFor(placement);
  const route = attachRoute(scope, {
    serviceName: namedPortRouteName(props.serviceName, port.name),
    containerName: port.containerName ?? props.serviceName,
    prop: `${props.serviceName}.additionalPorts[${index}].routing`,
    routing: port.routing!,
    containerPort: port.containerPort,
    vpc: props.vpc,
    service: props.service,
    securityGroup: props.securityGroup,
    loadBalancer,
    ids: props.ingress.idsFor(loadBalancer.access),
  });
  props.ingress.publish(loadBalancer, port.routing!);
  return { loadBalancer, access: loadBalancer.access, targetGroup: route.targetGroup, listenerRule: route.rule, priority: route.priority };
}

/**
 * The name a named port's route goes by on the load balancer (its claims, its priority's hash, the
 * assignments file): `<service>/Port-<port>`. A service name is a DNS label, so no service is called
 * that: `api-admin` would be both the port `admin` of `api` and the service `api-admin`.
 */
export function namedPortRouteName(serviceName: string, portName: string): string {
  return `${serviceName}/Port-${portName}`;
}
