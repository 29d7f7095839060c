import type { NetworkEndpoints } from './endpoints';
import type { ReportRows } from '../report/report-rows';
import type { ReachabilityEntry } from '../report/report-types';
import { ReachabilityKind } from '../report/report-types';

/** The VPC endpoints in the report: the tasks' paths to them, the subnets they sit in, and what the cost estimate counts. */
export function endpointsReportRows(endpoints: NetworkEndpoints): ReportRows {
  const interfaceEndpoints = Object.keys(endpoints.endpoints);
  const paths: ReachabilityEntry[] = [];
  if (endpoints.s3Gateway) {
    paths.push({ kind: ReachabilityKind.ENDPOINT, source: 'all tasks', destination: 's3 (gateway)', port: 'TCP 443', detail: 'route table entry, free', encrypted: true });
  }
  for (const name of interfaceEndpoints) {
    paths.push({ kind: ReachabilityKind.ENDPOINT, source: 'all tasks', destination: name, port: 'TCP 443', detail: 'interface endpoint, private DNS', encrypted: true });
  }
  return {
    reachability: { endpoints: paths },
    subnetUses: { tasks: interfaceEndpoints.length > 0 ? ['interface endpoints'] : [] },
    cost: { interfaceEndpoints },
  };
}
