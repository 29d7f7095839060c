import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { TaskEgress } from './task-egress';
import { TaskEgressMode } from './task-egress';
import type { Flow, FlowEnd } from '../flows/flow';
import { AddressFamily, FlowCarrier, FlowEncryption, FlowEndKind, FlowProtocol, portLabel, tcp } from '../flows/flow';
import type { NetworkFlows } from '../flows/network-flows';
import { cidrWithin, parseCidr, PRIVATE_IPV4_RANGES } from '../network/subnet-math';
import type { NetworkLayout } from '../network/vpc';
import { ReachabilityKind } from '../report/report-types';
import type { NetworkService } from '../services/network-service';

const INTERNET: FlowEnd = { kind: FlowEndKind.INTERNET, name: 'internet' };
const INTERNET_V6: FlowEnd = { kind: FlowEndKind.INTERNET, name: 'internet (IPv6)' };
const EIGW = 'IPv6 through the egress-only internet gateway';

/**
 * What the tasks may send beyond declared calls and endpoints: everything with `TaskEgress.allowAll()`;
 * else per service HTTPS (TCP 443, encrypted) and the declared destinations (`egressTo`).
 */
export function writeEgressFlows(flows: NetworkFlows, services: NetworkService[], layout: NetworkLayout, taskEgress: TaskEgress): void {
  const { tasksHaveNatRoute, ipStack } = layout;
  const via = tasksHaveNatRoute ? `through ${layout.egress?.description ?? 'the NAT of the imported VPC'}` : 'no NAT route: AWS services only';
  const out = (source: FlowEnd, destination: FlowEnd, family: AddressFamily, carrier: FlowCarrier, detail: string, traffic = tcp(443)): Flow => ({
    kind: ReachabilityKind.EGRESS,
    source,
    destination,
    traffic: [traffic],
    family,
    // HTTPS on 443 counts as encrypted; what else the tasks send, the network cannot see
    encryption: portLabel([traffic]) === 'TCP 443' ? FlowEncryption.TLS : FlowEncryption.OPAQUE,
    carrier,
    detail,
  });
  if (taskEgress.mode === TaskEgressMode.ALLOW_ALL) {
    const all = { kind: FlowEndKind.ALL_TASKS, name: 'all tasks' };
    const any = { protocol: FlowProtocol.ALL };
    flows.add('egress',
      ...(tasksHaveNatRoute ? [out(all, INTERNET, AddressFamily.IPV4, FlowCarrier.NAT, via, any)] : []),
      ...(ipStack.ipv6 ? [out(all, INTERNET_V6, AddressFamily.IPV6, FlowCarrier.EGRESS_ONLY_INTERNET_GATEWAY, EIGW, any)] : []));
    return;
  }
  const v6Only = ipStack._ipv6OnlyTasks;
  flows.add('egress', ...services.flatMap(s => {
    const source = { kind: FlowEndKind.SERVICE, name: s.serviceName };
    return [
      ...(s.httpsEgress && !(v6Only && !ipStack.nat64) ? [out(source,
        tasksHaveNatRoute ? INTERNET : { kind: FlowEndKind.AWS_SERVICES, name: 'AWS services' },
        v6Only ? AddressFamily.IPV6 : AddressFamily.IPV4,
        tasksHaveNatRoute ? FlowCarrier.NAT : FlowCarrier.VPC_ENDPOINT,
        v6Only ? `${via}, reached by NAT64` : via)] : []),
      ...(s.httpsEgress && ipStack.ipv6 ? [out(source, INTERNET_V6, AddressFamily.IPV6, FlowCarrier.EGRESS_ONLY_INTERNET_GATEWAY, EIGW)] : []),
      ...s.egressTo.map(d => {
        const parsed = d.cidr === undefined ? undefined : parseCidr(d.cidr);
        const internet = parsed !== undefined && !PRIVATE_IPV4_RANGES.some(range => cidrWithin(parsed, parseCidr(range)!));
        return out(source,
          d.cidr !== undefined ? { kind: FlowEndKind.ADDRESS, name: d.cidr } : { kind: FlowEndKind.PREFIX_LIST, name: d.prefixListId! },
          AddressFamily.IPV4,
          internet ? FlowCarrier.NAT : FlowCarrier.VPC_ROUTE,
          d.description ?? 'declared destination',
          { protocol: d.protocol === ec2.Protocol.UDP ? FlowProtocol.UDP : FlowProtocol.TCP, fromPort: d.port, toPort: d.toPort });
      }),
    ];
  }));
}
