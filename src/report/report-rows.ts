import type { NetworkCostInput } from './cost';
import type { DeploymentSummary, LoadBalancerSummary } from './report-types';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';

/**
 * What one capability gives the network report (`Capability.reportRows`) beside its flows, once every
 * service is added: its rows of the report's tables and what the cost estimate counts of it. The
 * reachability table and the diagram come from the flows (`Capability.writeFlows`); the report reads
 * the network's own parts (subnets, egress, Availability Zones) and the services' tasks itself.
 */
export interface ReportRows {
  /** The Application Load Balancers, in the order the network created them. */
  readonly loadBalancers?: LoadBalancerSummary[];
  /** How each service deploys, with its test routes. */
  readonly deployments?: DeploymentSummary[];
  /**
   * What the capability puts in the subnets, for their `purpose`: in the public subnets (before the
   * NAT), and in the task subnets (after the tasks).
   */
  readonly subnetUses?: { readonly public?: string[]; readonly tasks?: string[] };
  /** What the cost estimate counts of the capability. */
  readonly cost?: Partial<Pick<NetworkCostInput, 'interfaceEndpoints' | 'loadBalancers' | 'networkLoadBalancers' | 'egressDomains' | 'webAcls'>>;
}

/**
 * How the report names each Application Load Balancer: `load balancer` when the network has one, as
 * it always had; else `load balancer <name>` (`load balancer public`, `load balancer internal-2`).
 */
export function loadBalancerLabels(loadBalancers: readonly IngressLoadBalancer[]): (lb: IngressLoadBalancer) => string {
  const single = loadBalancers.length === 1;
  return lb => (single ? 'load balancer' : `load balancer ${lb.name}`);
}
