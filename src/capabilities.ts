import { CapacityCapability } from './capacity/capacity-capability';
import { DeploymentsCapability } from './deployments/deployments-capability';
import { DiscoveryCapability } from './discovery/discovery-capability';
import type { EcsAdvancedNetwork } from './ecs-advanced-network';
import { EgressDomainsCapability } from './egress-domains/egress-domains-capability';
import { EncryptionCapability } from './encryption/encryption-capability';
import { IngressCapability } from './ingress/ingress-capability';
import type { Capability } from './lifecycle/capability';
import type { ServiceRegistry } from './lifecycle/service-registry';
import { EndpointsCapability } from './network/endpoints-capability';
import { NetworkLoadBalancersCapability } from './network-load-balancers/network-load-balancers-capability';
import type { EcsAdvancedNetworkProps } from './network-props';
import type { NetworkMonitoring } from './observability/network-monitoring';
import { ObservabilityCapability } from './observability/observability-capability';
import { SegmentationCapability } from './segmentation/segmentation-capability';
import type { NetworkContext } from './services/network-context';

/** What the capabilities are built from: the network, its props, what it built, and the registry of its services. */
export interface CapabilitySources {
  readonly network: EcsAdvancedNetwork;
  readonly props: EcsAdvancedNetworkProps;
  readonly context: NetworkContext;
  readonly registry: ServiceRegistry;
  readonly monitoring?: NetworkMonitoring;
}

/**
 * The capabilities of a network, once each, in the order the lifecycle calls their hooks (see
 * `Capability`). A new capability goes here, built from the network's props and what the network
 * built; observability stays last, since it watches what the others built.
 */
export function networkCapabilities({ network, props, context, registry, monitoring }: CapabilitySources): Capability[] {
  return [
    new CapacityCapability({ ...context, services: () => registry.services }),
    new EndpointsCapability(context),
    new SegmentationCapability({ ...context, construct: network }, flows => network._lifecycle.open(flows)),
    // after segmentation: it narrows the tasks' internet egress to the allowed domains
    new EgressDomainsCapability({ ...context, construct: network }, props.egressDomains),
    new DiscoveryCapability({ ...context, construct: network }, registry, flows => network._lifecycle.open(flows)),
    new DeploymentsCapability(context),
    new EncryptionCapability({ ...context, construct: network }),
    new IngressCapability(context, flows => network._lifecycle.open(flows)),
    new NetworkLoadBalancersCapability(context, flows => network._lifecycle.open(flows)),
    new ObservabilityCapability(monitoring),
  ];
}
