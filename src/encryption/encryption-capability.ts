import { plaintextErrors } from './plaintext-edges';
import { cloudMapCallErrors, validateServiceConnectTls, validateServiceConnectToTls } from './validate-encryption';
import { DiscoveryMode } from '../discovery/discovery';
import type { EcsAdvancedNetwork } from '../ecs-advanced-network';
import type { NetworkFlows } from '../flows/network-flows';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import type { NetworkContext } from '../services/network-context';

/**
 * Encryption in transit: whether a service's Service Connect endpoints use TLS, and (with
 * `encryptionInTransit.required`) every plaintext edge of the network as an error. TLS to the
 * targets and mutual TLS are options of the routes and load balancers (src/routing).
 */
export class EncryptionCapability implements Capability {
  constructor(private readonly network: NetworkContext & { readonly construct: EcsAdvancedNetwork }) {}

  public planService(plan: ServicePlan): void {
    const { name, given, options } = plan;
    validateServiceConnectTls(name, given.serviceConnectTls, options.discovery, options.containerPort);
    validateServiceConnectToTls({
      prop: name,
      containerPort: options.containerPort,
      routing: given.routing,
      discovery: options.discovery,
      additionalPorts: options.additionalPorts,
      // planned after this capability (the list order): read from the options
      tlsTargetPorts: (given.networkListeners ?? []).filter(l => l.tlsToTargets).map(l => l.containerPort ?? options.containerPort ?? 0),
    });
    plan.serviceConnectTls = options.discovery.mode === DiscoveryMode.SERVICE_CONNECT
      && this.network.serviceConnectTls.appliesTo(given.serviceConnectTls);
  }

  /** With encryption in transit required, every plaintext flow and every Cloud Map call, once every service is added. */
  public validateNetwork(flows: NetworkFlows): string[] {
    if (!this.network.serviceConnectTls.required) return [];
    return [...plaintextErrors(flows, this.network.construct.services), ...cloudMapCallErrors(this.network.construct.services)];
  }
}
