import { DomainEnforcement } from './egress-domains-options';
import type { Flow } from '../flows/flow';
import { AddressFamily, FlowCarrier, FlowEndKind } from '../flows/flow';
import type { NetworkFlows } from '../flows/network-flows';

/**
 * The tasks' internet egress through NAT, narrowed to the allowed domains: with Network Firewall the
 * firewall carries it (it drops TLS and HTTP to any other name); with DNS Firewall NAT still carries
 * it, to the names the resolver answers.
 */
export function writeEgressDomainFlows(flows: NetworkFlows, enforcement: DomainEnforcement, domainCount: number): void {
  const firewall = enforcement === DomainEnforcement.NETWORK_FIREWALL;
  flows.narrow('egress', (flow: Flow): Flow => {
    if (flow.destination.kind !== FlowEndKind.INTERNET || flow.carrier !== FlowCarrier.NAT || flow.family !== AddressFamily.IPV4) return flow;
    return {
      ...flow,
      destination: { kind: FlowEndKind.INTERNET, name: `allowed domains (${domainCount})` },
      carrier: firewall ? FlowCarrier.NETWORK_FIREWALL : FlowCarrier.NAT,
      detail: firewall
        ? `${flow.detail}, then Network Firewall: TLS server names and HTTP hosts outside the list dropped`
        : `${flow.detail}; DNS Firewall resolves only the listed names`,
    };
  });
}
