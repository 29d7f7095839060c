import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { SidecarOptions } from './container-options';
import type { NamedPortOptions } from './port-options';
import { DNS_LABEL, duplicates, invalidProp, isConcrete, requireIntegerInRange } from '../private/validation';

/** What the named ports of a service are checked against. */
export interface PortContext {
  readonly serviceName: string;
  readonly containerPort?: number;
  readonly sidecars: SidecarOptions[];
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

/** Adds the port mappings of the named ports to their containers. */
export function addNamedPortMappings(ports: NamedPortOptions[], containers: Map<string, ecs.ContainerDefinition>, serviceName: string): void {
  for (const port of ports) {
    containers.get(port.containerName ?? serviceName)!
      .addPortMappings({ containerPort: port.containerPort, name: port.name, appProtocol: port.appProtocol });
  }
}

/** Splits a declared call `orders` or `orders:admin` into the service and the named port (undefined: the main port). */
export function parseCall(call: string): { service: string; port?: string } {
  const i = typeof call === 'string' ? call.indexOf(':') : -1;
  return i < 0 ? { service: call } : { service: call.slice(0, i), port: call.slice(i + 1) };
}
