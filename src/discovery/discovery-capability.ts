import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { IConstruct } from 'constructs';
import type { CallParty } from './declared-calls';
import { openedCallFlow, validateCall } from './declared-calls';
import type { Discovery } from './discovery';
import { DiscoveryMode } from './discovery';
import { callFlow, writeDiscoveryFlows } from './discovery-flows';
import { cloudMapOptionsOf, enableServiceConnect, portDiscoveryName, validateDiscovery } from './service-discovery';
import { taskFamily } from '../flows/flow';
import type { NetworkFlows } from '../flows/network-flows';
import type { OpenedFlow } from '../flows/opened-flows';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import type { ServiceRegistry } from '../lifecycle/service-registry';
import { DNS_LABEL, invalidProp } from '../private/validation';
import type { NetworkContext } from '../services/network-context';
import type { NetworkService } from '../services/network-service';
import type { NamedPortOptions } from '../services/port-options';

/** How services find each other (Service Connect or Cloud Map), and the calls they declare. */
export class DiscoveryCapability implements Capability {
  /** `open` opens flows through the lifecycle (`ServiceLifecycle.open`): segmentation derives the calls' rules from them. */
  constructor(private readonly network: NetworkContext & { readonly construct: IConstruct }, private readonly registry: ServiceRegistry,
    private readonly open: (flows: readonly OpenedFlow[]) => void) {}

  /** Checks the discovery and every call declared to the service (earlier) and from it. */
  public planService(plan: ServicePlan): void {
    const { name, options } = plan;
    options.additionalPorts.forEach((port, i) => {
      if (port.discoverable) validateDiscoverable(`${name}.additionalPorts[${i}]`, port, { serviceName: name, ...options });
    });
    validateDiscovery(name, options.discovery, options.discoveryName, options.containerPort);
    const joining: CallParty = {
      serviceName: name,
      network: this.network.construct,
      containerPort: options.containerPort,
      discovery: options.discovery,
    };
    this.registry.pendingCalls.filter(c => c.callee === name).forEach(c => validateCall(c.caller, joining));
    for (const callee of plan.calls.callees) {
      const party = callee === name ? joining : this.registry.find(callee);
      if (party) validateCall(joining, party);
    }
  }

  public modifyServiceProps(props: ecs.FargateServiceProps, _service: NetworkService, plan: ServicePlan): ecs.FargateServiceProps {
    const o = plan.options;
    return { ...props, cloudMapOptions: cloudMapOptionsOf(o.discovery, this.network.cloudMapNamespace, o.discoveryName, o.containerPort) };
  }

  /** A Service Connect server publishes its port (and its discoverable named ports). */
  public useService(service: NetworkService): void {
    if (service.discovery.mode === DiscoveryMode.SERVICE_CONNECT) this.enableServiceConnect(service, true);
  }

  /**
   * Opens exactly the callee's ports that the call names (the named ports `connectsTo` declared for
   * it, else its main port), and makes the caller a Service Connect client of a Service Connect callee.
   */
  public connectToService(caller: NetworkService, callee: NetworkService, portName: string | undefined): void {
    validateCall(caller, callee);
    // a call by name (`connectsTo`) opens every port declared for the callee; `connectTo()` the one given
    const ports = portName !== undefined ? [portName] : [...(caller._plan.calls.ports.get(callee.serviceName) ?? new Set(['']))];
    const opened = caller._parts.calledPorts.get(callee) ?? new Set<string>();
    for (const p of ports) {
      if (opened.has(p)) continue;
      const named = p === '' ? undefined : namedPortOf(caller, callee, p);
      opened.add(p);
      const flow = callFlow(caller, callee, named?.name, this.network.cloudMapNamespace, taskFamily(this.network.layout.ipStack._ipv6OnlyTasks));
      this.open([openedCallFlow(caller, callee, flow, named)]);
    }
    caller._parts.calledPorts.set(callee, opened);
    if (callee.discovery.mode === DiscoveryMode.SERVICE_CONNECT) this.enableServiceConnect(caller, false);
  }

  /** Turns Service Connect on once: as a server (publishing the port) or as a client only. */
  private enableServiceConnect(service: NetworkService, server: boolean): void {
    if (service._parts.serviceConnectEnabled) return;
    service._parts.serviceConnectEnabled = true;
    enableServiceConnect(service.service, {
      namespace: this.network.cloudMapNamespace,
      logGroup: service.logGroup,
      server: server
        ? { portMappingName: service.serviceName, discoveryName: service.discoveryName!, port: service.containerPort!, discovery: service.discovery }
        : undefined,
      namedPorts: server ? service.additionalPorts.filter(p => p.discoverable).map(p => ({
        portMappingName: p.name, discoveryName: portDiscoveryName(service.discoveryName!, p), port: p.containerPort,
      })) : undefined,
      tls: server && service.serviceConnectTls ? this.network.serviceConnectTls.configurationFor(service.service) : undefined,
    });
  }

  public writeFlows(flows: NetworkFlows, services: NetworkService[]): void {
    writeDiscoveryFlows(flows, services, this.network.cloudMapNamespace, taskFamily(this.network.layout.ipStack._ipv6OnlyTasks));
  }
}

/** The discoverable named port `portName` of `callee`, or an error naming the call. */
function namedPortOf(caller: NetworkService, callee: NetworkService, portName: string): NamedPortOptions {
  const port = callee.additionalPorts.find(p => p.name === portName);
  if (!port || !port.discoverable) {
    const callable = callee.additionalPorts.filter(p => p.discoverable).map(p => p.name);
    throw invalidProp(`${caller.serviceName}.connectsTo`, `names port \`${portName}\` of \`${callee.serviceName}\`, which ${port ? 'is not `discoverable`' : 'has no such named port'}`,
      `${callee.serviceName}:${portName}`, callable.length > 0 ? `Call one of ${callable.map(n => `\`${callee.serviceName}:${n}\``).join(', ')}, or its main port (\`${callee.serviceName}\`).`
        : `Set \`discoverable: true\` on the port in \`${callee.serviceName}.additionalPorts\`, or call its main port (\`${callee.serviceName}\`).`);
  }
  return port;
}

/** A discoverable named port needs Service Connect, and its Service Connect name must be a DNS label. */
function validateDiscoverable(p: string, port: NamedPortOptions, c: { serviceName: string; discovery: Discovery; discoveryName?: string }): void {
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
