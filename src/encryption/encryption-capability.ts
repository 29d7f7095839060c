import { plaintextErrors } from './plaintext-edges';
import { validateServiceConnectTls } from './validate-encryption';
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
    plan.serviceConnectTls = options.discovery.mode === DiscoveryMode.SERVICE_CONNECT
      && this.network.serviceConnectTls.appliesTo(given.serviceConnectTls);
  }

  /** With encryption in transit required, every plaintext flow, once every service is added. */
  public validateNetwork(flows: NetworkFlows): string[] {
    return this.network.serviceConnectTls.required ? plaintextErrors(flows, this.network.construct.services) : [];
  }
}
