import type { NetworkLoadBalancer } from './network-load-balancer';
import type { ReportRows } from '../report/report-rows';

/** What the cost estimate counts of the Network Load Balancers (their flows are in `network-load-balancer-flows.ts`). */
export function networkLoadBalancerReportRows(nlbs: NetworkLoadBalancer[]): ReportRows {
  return {
    cost: { networkLoadBalancers: nlbs.map(n => ({ internetFacing: n.internetFacing, endpointService: n.endpointService !== undefined })) },
  };
}
