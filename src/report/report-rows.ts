import type { NetworkCostInput } from './cost';
import type { DeploymentSummary, LoadBalancerSummary, ReachabilityEntry } from './report-types';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';

/**
 * The paths one capability gives the reachability matrix, by part of the matrix. The report lists
 * the parts in this order (the matrix reads from the clients inwards, then out of the network), and
 * within a part the capabilities in the order of the capability list.
 */
export interface ReachabilityRows {
  /** Clients to the listeners of the Application Load Balancers, then their routes to the services. */
  readonly applicationLoadBalancers?: ReachabilityEntry[];
  /** Clients (and PrivateLink consumers) to the Network Load Balancers' listeners, and the listeners to their targets. */
  readonly networkLoadBalancers?: ReachabilityEntry[];
  /** The calls services declared to each other. */
  readonly calls?: ReachabilityEntry[];
  /** The tasks to the VPC endpoints. */
  readonly endpoints?: ReachabilityEntry[];
  /** What the tasks may send out of the network. */
  readonly egress?: ReachabilityEntry[];
}

/** The parts of the reachability matrix, in the order the report lists them. */
export const REACHABILITY_PARTS: (keyof ReachabilityRows)[] = ['applicationLoadBalancers', 'networkLoadBalancers', 'calls', 'endpoints', 'egress'];

/**
 * What one capability gives the network report (`Capability.reportRows`), once every service is
 * added: its rows of the report's tables and what the cost estimate counts of it. The report reads the
 * network's own parts (subnets, egress, Availability Zones) and the services' tasks itself.
 */
export interface ReportRows {
  readonly reachability?: ReachabilityRows;
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
  readonly cost?: Partial<Pick<NetworkCostInput, 'interfaceEndpoints' | 'loadBalancers' | 'networkLoadBalancers'>>;
}

/**
 * How the report names each Application Load Balancer: `load balancer` when the network has one, as
 * it always had; else `load balancer <name>` (`load balancer public`, `load balancer internal-2`).
 */
export function loadBalancerLabels(loadBalancers: readonly IngressLoadBalancer[]): (lb: IngressLoadBalancer) => string {
  const single = loadBalancers.length === 1;
  return lb => (single ? 'load balancer' : `load balancer ${lb.name}`);
}

/** Who a resolved security-group ingress rule admits: `internet`, a CIDR block, a prefix list or a security group. */
export function peerLabel(rule: any): string {
  if (rule.cidrIp === '0.0.0.0/0') return 'internet';
  if (rule.cidrIp !== undefined) return typeof rule.cidrIp === 'string' ? rule.cidrIp : 'the VPC CIDR';
  if (rule.cidrIpv6 !== undefined) return rule.cidrIpv6 === '::/0' ? 'internet (IPv6)' : String(rule.cidrIpv6);
  if (rule.sourcePrefixListId !== undefined) return `prefix list ${tokenLabel(rule.sourcePrefixListId)}`;
  return `security group ${tokenLabel(rule.sourceSecurityGroupId)}`;
}

function tokenLabel(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as any;
  return v?.['Fn::GetAtt']?.[0] ?? v?.Ref ?? JSON.stringify(value);
}
