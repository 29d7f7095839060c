import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { EgressDestination } from './task-egress';
import type { Flow, FlowEnd, FlowTraffic } from '../flows/flow';
import { AddressFamily, FlowCarrier, FlowEncryption, FlowEndKind, FlowProtocol, portLabel, tcp } from '../flows/flow';
import type { NetworkFlows } from '../flows/network-flows';
import type { OpenedFlow } from '../flows/opened-flows';
import { cidrWithin, parseCidr, PRIVATE_IPV4_RANGES } from '../network/subnet-math';
import type { NetworkLayout } from '../network/vpc';
import { ReachabilityKind } from '../report/report-types';

const INTERNET: FlowEnd = { kind: FlowEndKind.INTERNET, name: 'internet' };
const INTERNET_V6: FlowEnd = { kind: FlowEndKind.INTERNET, name: 'internet (IPv6)' };
const EIGW = 'IPv6 through the egress-only internet gateway';

/**
 * What the tasks may send beyond declared calls and endpoints, with `TaskEgress.allowAll()`: everything,
 * from every task (their groups allow all outbound). With least privilege each service opens its own
 * egress flows (`serviceEgressFlows`), which the report lists as opened.
 */
export function writeAllowAllEgressFlows(flows: NetworkFlows, layout: NetworkLayout): void {
  const { tasksHaveNatRoute, ipStack } = layout;
  const all = { kind: FlowEndKind.ALL_TASKS, name: 'all tasks' };
  const any = { protocol: FlowProtocol.ALL };
  flows.add('egress',
    ...(tasksHaveNatRoute ? [out(all, INTERNET, AddressFamily.IPV4, FlowCarrier.NAT, viaOf(layout), any)] : []),
    ...(ipStack.ipv6 ? [out(all, INTERNET_V6, AddressFamily.IPV6, FlowCarrier.EGRESS_ONLY_INTERNET_GATEWAY, EIGW, any)] : []));
}

/** What a service's least-privilege egress is opened from. */
export interface ServiceEgressFlowsProps {
  readonly serviceName: string;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly httpsEgress: boolean;
  readonly destinations: EgressDestination[];
  readonly layout: NetworkLayout;
}

/**
 * The egress flows of one service with least-privilege egress, each with the egress rule of the
 * service's group it needs (`sentBy`, `to`): HTTPS to any IPv4 address (the internet through NAT, or
 * AWS services through the endpoints without it; IPv6-only tasks reach IPv4 only through NAT64, so
 * without it the rule is written but the report lists no such flow), HTTPS over IPv6 through the
 * egress-only internet gateway, and each declared destination (`egressTo`).
 */
export function serviceEgressFlows(p: ServiceEgressFlowsProps): OpenedFlow[] {
  const { layout } = p;
  const { tasksHaveNatRoute, ipStack } = layout;
  const via = viaOf(layout);
  const v6Only = ipStack._ipv6OnlyTasks;
  const source = { kind: FlowEndKind.SERVICE, name: p.serviceName };
  const opened = (flow: Flow, to: ec2.IPeer, ruleDescription: string, reported = true): OpenedFlow => ({
    flow,
    clients: p.securityGroup,
    sentBy: p.securityGroup,
    to,
    ruleDescription,
    reported,
    openedBy: { construct: p.securityGroup, prop: `${p.serviceName}.egressTo` },
  });
  const https = p.httpsEgress ? [
    opened(out(source,
      tasksHaveNatRoute ? INTERNET : { kind: FlowEndKind.AWS_SERVICES, name: 'AWS services' },
      v6Only ? AddressFamily.IPV6 : AddressFamily.IPV4,
      tasksHaveNatRoute ? FlowCarrier.NAT : FlowCarrier.VPC_ENDPOINT,
      v6Only ? `${via}, reached by NAT64` : via), ec2.Peer.anyIpv4(),
    tasksHaveNatRoute ? 'HTTPS to AWS APIs, ECR and S3 (through NAT or the S3 gateway) and internet services'
      : 'HTTPS to AWS services (no NAT route: the S3 gateway and VPC endpoints only)',
    !(v6Only && !ipStack.nat64)),
    ...(ipStack.ipv6 ? [opened(out(source, INTERNET_V6, AddressFamily.IPV6, FlowCarrier.EGRESS_ONLY_INTERNET_GATEWAY, EIGW), ec2.Peer.anyIpv6(),
      'HTTPS over IPv6 through the egress-only internet gateway (ECR and AWS dual-stack endpoints, internet services)')] : []),
  ] : [];
  const declared = p.destinations.map(d => {
    const parsed = d.cidr === undefined ? undefined : parseCidr(d.cidr);
    const internet = parsed !== undefined && !PRIVATE_IPV4_RANGES.some(range => cidrWithin(parsed, parseCidr(range)!));
    return opened(out(source,
      d.cidr !== undefined ? { kind: FlowEndKind.ADDRESS, name: d.cidr } : { kind: FlowEndKind.PREFIX_LIST, name: d.prefixListId! },
      AddressFamily.IPV4,
      internet ? FlowCarrier.NAT : FlowCarrier.VPC_ROUTE,
      d.description ?? 'declared destination',
      { protocol: d.protocol === ec2.Protocol.UDP ? FlowProtocol.UDP : FlowProtocol.TCP, fromPort: d.port, toPort: d.toPort }),
    d.cidr !== undefined ? ec2.Peer.ipv4(d.cidr) : ec2.Peer.prefixList(d.prefixListId!), d.description ?? 'declared destination');
  });
  return [...https, ...declared];
}

/** Derives the egress rules of opened flows: the group that sends each lets it out to its destination, on its ports. */
export function addEgressRules(flows: readonly OpenedFlow[]): void {
  for (const f of flows) {
    if (!f.sentBy || !f.to) continue;
    for (const t of f.flow.traffic) f.sentBy.addEgressRule(f.to, portOf(t), f.ruleDescription ?? 'declared destination');
  }
}

function portOf(t: FlowTraffic): ec2.Port {
  const udp = t.protocol === FlowProtocol.UDP;
  const to = t.toPort ?? t.fromPort!;
  if (to === t.fromPort) return udp ? ec2.Port.udp(t.fromPort) : ec2.Port.tcp(t.fromPort!);
  return udp ? ec2.Port.udpRange(t.fromPort!, to) : ec2.Port.tcpRange(t.fromPort!, to);
}

function viaOf(layout: NetworkLayout): string {
  return layout.tasksHaveNatRoute ? `through ${layout.egress?.description ?? 'the NAT of the imported VPC'}` : 'no NAT route: AWS services only';
}

function out(source: FlowEnd, destination: FlowEnd, family: AddressFamily, carrier: FlowCarrier, detail: string, traffic = tcp(443)): Flow {
  return {
    kind: ReachabilityKind.EGRESS,
    source,
    destination,
    traffic: [traffic],
    family,
    // HTTPS on 443 counts as encrypted; what else the tasks send, the network cannot see
    encryption: portLabel([traffic]) === 'TCP 443' ? FlowEncryption.TLS : FlowEncryption.OPAQUE,
    carrier,
    detail,
  };
}
