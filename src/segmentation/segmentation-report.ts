import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { TaskEgress } from './task-egress';
import { TaskEgressMode } from './task-egress';
import type { NetworkLayout } from '../network/vpc';
import type { ReportRows } from '../report/report-rows';
import type { ReachabilityEntry } from '../report/report-types';
import { ReachabilityKind } from '../report/report-types';
import type { NetworkService } from '../services/network-service';

/** What the tasks may send beyond declared calls and endpoints, with HTTPS (TCP 443) counted as encrypted. */
export function segmentationReportRows(services: NetworkService[], layout: NetworkLayout, taskEgress: TaskEgress): ReportRows {
  return { reachability: { egress: unmarkedEgressOf(services, layout, taskEgress).map(e => ({ ...e, encrypted: e.port === 'TCP 443' })) } };
}

/** What the tasks may send beyond declared calls and endpoints: bounded per service with least-privilege egress. */
function unmarkedEgressOf(services: NetworkService[], layout: NetworkLayout, taskEgress: TaskEgress): Omit<ReachabilityEntry, 'encrypted'>[] {
  const { tasksHaveNatRoute, ipStack } = layout;
  const via = tasksHaveNatRoute ? `through ${layout.egress?.description ?? 'the NAT of the imported VPC'}` : 'no NAT route: AWS services only';
  if (taskEgress.mode === TaskEgressMode.ALLOW_ALL) {
    return [
      ...(tasksHaveNatRoute ? [{ kind: ReachabilityKind.EGRESS, source: 'all tasks', destination: 'internet', port: 'all', detail: via }] : []),
      ...(ipStack.ipv6 ? [{
        kind: ReachabilityKind.EGRESS, source: 'all tasks', destination: 'internet (IPv6)', port: 'all', detail: 'IPv6 through the egress-only internet gateway',
      }] : []),
    ];
  }
  const v6Only = ipStack._ipv6OnlyTasks;
  const eigw = 'IPv6 through the egress-only internet gateway';
  return services.flatMap(s => [
    ...(s.httpsEgress && !(v6Only && !ipStack.nat64) ? [{
      kind: ReachabilityKind.EGRESS,
      source: s.serviceName,
      destination: tasksHaveNatRoute ? 'internet' : 'AWS services',
      port: 'TCP 443',
      detail: v6Only ? `${via}, reached by NAT64` : via,
    }] : []),
    ...(s.httpsEgress && ipStack.ipv6 ? [{ kind: ReachabilityKind.EGRESS, source: s.serviceName, destination: 'internet (IPv6)', port: 'TCP 443', detail: eigw }] : []),
    ...s.egressTo.map(d => ({
      kind: ReachabilityKind.EGRESS,
      source: s.serviceName,
      destination: d.cidr ?? d.prefixListId!,
      port: `${d.protocol === ec2.Protocol.UDP ? 'UDP' : 'TCP'} ${d.toPort !== undefined && d.toPort !== d.port ? `${d.port}-${d.toPort}` : d.port}`,
      detail: d.description ?? 'declared destination',
    })),
  ]);
}
