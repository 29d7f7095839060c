import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import type { SidecarOptions } from './container-options';
import type { NamedPortOptions } from './port-options';
import type { Discovery } from '../discovery/discovery';
import { DiscoveryMode } from '../discovery/discovery';
import type { Ingress, RoutePlacement } from '../ingress/ingress';
import type { ServiceRouteInfo } from '../ingress/service-route-info';
import { DNS_LABEL, duplicates, invalidProp, isConcrete, requireIntegerInRange } from '../private/validation';
import { isCatchAll } from '../routing/router';
import { attachRoute } from '../routing/service-route';
import { validateRouting } from '../routing/validate-routing';

/** What the named ports of a service are checked against. */
export interface PortContext {
  readonly serviceName: string;
  readonly containerPort?: number;
  readonly sidecars: SidecarOptions[];
  readonly discovery: Discovery;
  readonly discoveryName?: string;
  /** Whether the network has a load balancer. */
  readonly hasLoadBalancer: boolean;
}

/** The Service Connect name of a discoverable named port. */
export function portDiscoveryName(discoveryName: string, port: NamedPortOptions): string {
  return `${discoveryName}-${port.name}`;
}

/** Validates the named ports of a service and the ports of the task; `prop` is the service's prop path. */
export function validatePorts(prop: string, ports: NamedPortOptions[], c: PortContext): void {
  const containers = [c.serviceName, ...c.sidecars.map(s => s.name)];
  ports.forEach((port, i) => {
    const p = `${prop}.additionalPorts[${i}]`;
    if (typeof port.name !== 'string' || !DNS_LABEL.test(port.name) || port.name === c.serviceName) {
      throw invalidProp(`${p}.name`, 'must be a DNS label (lower-case letters, digits and hyphens) other than the service name (the main port\'s name)', port.name,
        'Use a name such as `admin` or `metrics`.');
    }
    requireIntegerInRange(`${p}.containerPort`, port.containerPort, 1, 65535, 'Use the TCP port the container listens on.');
    if (port.containerName !== undefined && !containers.includes(port.containerName)) {
      throw invalidProp(`${p}.containerName`, 'must name a container of the task: the service name or a sidecar\'s name', port.containerName,
        `Use one of ${containers.map(n => `\`${n}\``).join(', ')}.`);
    }
    if (port.routing) {
      if (!c.hasLoadBalancer) {
        throw invalidProp(`${p}.routing`, 'needs a load balancer, but the network has none (`loadBalancer.enabled` is false)', port.routing.pathPatterns,
          'Remove `routing` from the port, or enable the load balancer.');
      }
      validateRouting(`${p}.routing`, port.routing);
      if (isCatchAll(port.routing)) {
        throw invalidProp(`${p}.routing`, 'must not take the listener\'s default action (`/*` alone with no other condition): that is the main port\'s', port.routing.pathPatterns,
          'Give the port a path such as `/admin/*` or a host header, or route the main `containerPort` at `/*`.');
      }
    }
    if (port.discoverable) validateDiscoverable(p, port, c);
  });
  const names = duplicates(ports.map(p => p.name));
  if (names.length > 0) {
    throw invalidProp(`${prop}.additionalPorts`, 'must give every port its own name', names, 'Rename the ports.');
  }
  const all = [
    ...(c.containerPort !== undefined ? [c.containerPort] : []),
    ...c.sidecars.flatMap(s => s.containerPorts ?? []),
    ...ports.map(p => p.containerPort),
  ].filter(isConcrete);
  const taken = duplicates(all);
  if (taken.length > 0) {
    throw invalidProp(`${prop}.additionalPorts`, 'must not repeat a port of the task: its containers share one network interface, so two cannot listen on one port', taken,
      'Give every container port of the task (`containerPort`, the sidecars\' `containerPorts`, `additionalPorts`) its own number; list a sidecar port in `additionalPorts` only, not also in its `containerPorts`.');
  }
}

function validateDiscoverable(p: string, port: NamedPortOptions, c: PortContext): void {
  if (c.discovery.mode !== DiscoveryMode.SERVICE_CONNECT) {
    throw invalidProp(`${p}.discoverable`, `needs the service's \`discovery\` to be \`Discovery.serviceConnect()\` (a Cloud Map service registers one port), got ${c.discovery.mode}`, true,
      'Give the service `Discovery.serviceConnect()`, or keep the port inside the task (remove `discoverable`).');
  }
  const name = portDiscoveryName(c.discoveryName ?? c.serviceName, port);
  if (!DNS_LABEL.test(name)) {
    throw invalidProp(`${p}.name`, 'makes a Service Connect name `<discoveryName>-<name>` longer than a DNS label (63 characters)', name,
      'Shorten the port name or the discovery name.');
  }
}

/** Adds the port mappings of the named ports to their containers. */
export function addNamedPortMappings(ports: NamedPortOptions[], containers: Map<string, ecs.ContainerDefinition>, serviceName: string): void {
  for (const port of ports) {
    containers.get(port.containerName ?? serviceName)!
      .addPortMappings({ containerPort: port.containerPort, name: port.name, appProtocol: port.appProtocol });
  }
}

/**
 * Routes a named port on one load balancer of its access: its own target group and rule under
 * `Port-<name>`, registering the container that has the port (the application or a sidecar).
 */
export function routeNamedPort(owner: Construct, port: NamedPortOptions, index: number, placement: RoutePlacement,
  props: { serviceName: string; vpc: ec2.IVpc; service: ecs.FargateService; securityGroup: ec2.ISecurityGroup; ingress: Ingress }): ServiceRouteInfo {
  const scope = owner.node.tryFindChild(`Port-${port.name}`) as Construct | undefined ?? new Construct(owner, `Port-${port.name}`);
  const loadBalancer = props.ingress.loadBalancerFor(placement);
  const route = attachRoute(scope, {
    serviceName: `${props.serviceName}-${port.name}`,
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
  props.ingress.publish(scope, loadBalancer, port.routing!);
  return { loadBalancer, access: loadBalancer.access, targetGroup: route.targetGroup, listenerRule: route.rule, priority: route.priority };
}

/** Splits a declared call `orders` or `orders:admin` into the service and the named port (undefined: the main port). */
export function parseCall(call: string): { service: string; port?: string } {
  const i = typeof call === 'string' ? call.indexOf(':') : -1;
  return i < 0 ? { service: call } : { service: call.slice(0, i), port: call.slice(i + 1) };
}

/** Where the route of a routed named port goes. */
export interface NamedPortPlacement {
  readonly port: NamedPortOptions;
  readonly index: number;
  readonly placements: RoutePlacement[];
}
