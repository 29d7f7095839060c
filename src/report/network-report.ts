import * as fs from 'fs';
import * as path from 'path';
import { Token } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';
import type { NetworkCostInput } from './cost';
import { estimateCost } from './cost';
import type { CostAssumptions } from './cost-types';
import { renderMarkdown } from './render';
import type { ReportRows } from './report-rows';
import type { NetworkReport, ReachabilityEntry, SubnetSummary } from './report-types';
import { ReachabilityKind } from './report-types';
import { tasksOf } from './task-summary';
import type { EcsAdvancedNetwork } from '../ecs-advanced-network';
import type { Flow } from '../flows/flow';
import { isEncrypted, portLabel } from '../flows/flow';
import { IpStackKind } from '../network/ip-stack';
import { fitName } from '../private/validation';
import { spotShare } from '../services/capacity-rules';

/**
 * Reads what a network built into a report: reachability, subnets, cost; with Markdown and JSON
 * renderings. Each capability gives its rows (`Capability.reportRows`); the report adds the network's
 * own parts (Availability Zones, egress, subnets) and the services' tasks, and puts them in order.
 */
export function buildNetworkReport(network: EcsAdvancedNetwork, assumptions: CostAssumptions = {}): NetworkReport {
  const azLabel = availabilityZoneLabels(network.vpc);
  const services = network.services;
  const rows = network._lifecycle.reportRows();
  // the reachability table and the diagram: the network's flows, as the capabilities wrote them
  const flows = network._lifecycle.flows().all;
  const reachability = flows.map(reachabilityEntryOf);
  const reached = new Set(reachability.filter(r => r.kind === ReachabilityKind.ROUTE || r.kind === ReachabilityKind.CALL).map(r => r.destination));
  const data = {
    networkPath: network.node.path,
    availabilityZones: network.vpc.availabilityZones.map(azLabel),
    egress: egressDescription(network),
    subnets: subnetsOf(network, rows, azLabel),
    loadBalancers: rows.flatMap(r => r.loadBalancers ?? []),
    reachability,
    tasks: tasksOf(services),
    deployments: rows.flatMap(r => r.deployments ?? []),
    unreachableServices: services.map(s => s.serviceName).filter(n => !reached.has(n)),
    cost: estimateCost(costInputOf(network, rows), assumptions),
  };
  return { ...data, markdown: renderMarkdown(data, flows), json: JSON.stringify(data, undefined, 2) + '\n' };
}

/** A flow as a row of the reachability table. */
function reachabilityEntryOf(f: Flow): ReachabilityEntry {
  return {
    kind: f.kind,
    source: f.source.name,
    destination: f.destination.name,
    port: portLabel(f.traffic),
    detail: f.detail,
    encrypted: isEncrypted(f),
  };
}

function egressDescription(network: EcsAdvancedNetwork): string {
  const v4 = network.egress?.description ?? (network.tasksHaveNatRoute ? 'the NAT of the imported VPC' : 'no NAT route (imported VPC)');
  return network.ipStack.ipv6 ? `${v4}; ${network.ipStack.description}, IPv6 through the egress-only internet gateway` : v4;
}

/** The file name stem of the report of `network` in the cloud assembly. */
export function reportFileStem(network: IConstruct): string {
  // file systems take names of at most 255 bytes (the stem is ASCII): a very long path is cut and hashed
  const name = fitName(network.node.path.replace(/[^A-Za-z0-9._-]+/g, '-'), '-network-report.json', MAX_FILE_NAME);
  return name.slice(0, -'.json'.length);
}

/** The longest file name most file systems accept, in bytes (the stem is ASCII). */
const MAX_FILE_NAME = 255;

/** Writes `<construct path>-network-report.md` and `.json` into `outdir`; returns the paths. */
export function writeNetworkReport(network: EcsAdvancedNetwork, outdir: string, assumptions?: CostAssumptions): string[] {
  const report = buildNetworkReport(network, assumptions);
  const stem = path.join(outdir, reportFileStem(network));
  fs.writeFileSync(`${stem}.md`, report.markdown);
  fs.writeFileSync(`${stem}.json`, report.json);
  return [`${stem}.md`, `${stem}.json`];
}

/** What the cost estimate needs, read from a built network and the rows of its capabilities. */
function costInputOf(network: EcsAdvancedNetwork, rows: ReportRows[]): NetworkCostInput {
  // one walk of the network's tree for every count below (it holds every resource of every service)
  const counts = { kmsKeys: 0, shortLivedCertificateAuthorities: 0, alarms: 0, dashboards: 0 };
  for (const c of network.node.findAll()) {
    if (c instanceof kms.Key) counts.kmsKeys++;
    else if (c instanceof acmpca.CfnCertificateAuthority && c.usageMode === 'SHORT_LIVED_CERTIFICATE') counts.shortLivedCertificateAuthorities++;
    else if (c instanceof cloudwatch.Alarm) counts.alarms++;
    else if (c instanceof cloudwatch.Dashboard) counts.dashboards++;
  }
  return {
    azCount: network.vpc.availabilityZones.length,
    egress: network.egress?.kind,
    natInstanceType: network.egress?._natInstanceType(),
    interfaceEndpoints: rows.flatMap(r => r.cost?.interfaceEndpoints ?? []),
    loadBalancers: rows.flatMap(r => r.cost?.loadBalancers ?? []),
    networkLoadBalancers: rows.flatMap(r => r.cost?.networkLoadBalancers ?? []),
    egressDomains: rows.find(r => r.cost?.egressDomains)?.cost?.egressDomains,
    webAcls: rows.flatMap(r => r.cost?.webAcls ?? []),
    ipv6: network.ipStack.ipv6,
    ipv6OnlyTasks: network.ipStack.kind === IpStackKind.IPV6_ONLY_TASKS,
    kmsKeys: counts.kmsKeys,
    shortLivedCertificateAuthorities: counts.shortLivedCertificateAuthorities,
    flowLog: network.flowLogGroup !== undefined,
    privateDnsNamespace: true,
    alarms: counts.alarms,
    dashboards: counts.dashboards,
    services: network.services.map(s => ({
      name: s.serviceName,
      cpu: s.cpu,
      memoryLimitMiB: s.memoryLimitMiB,
      desiredCount: s.desiredCount,
      spot: s.spot || (s.capacity._managedInstances?.spot ?? false),
      arm: s.cpuArchitecture._cpuArchitecture === 'ARM64',
      spotShare: spotShare(s.capacity, s.desiredCount),
      managedInstances: !s.capacity.isFargate,
    })),
  };
}

/** Labels the AZs: their names when known, `AZ 1`, `AZ 2`... when the stack is environment-agnostic. */
function availabilityZoneLabels(vpc: ec2.IVpc): (az: string) => string {
  const index = new Map(vpc.availabilityZones.map((az, i) => [az, i]));
  return az => (Token.isUnresolved(az) ? `AZ ${(index.get(az) ?? 0) + 1}` : az);
}

/** The subnets, each with what the network and the capabilities put there (in the order of the capability list). */
function subnetsOf(network: EcsAdvancedNetwork, rows: ReportRows[], azLabel: (az: string) => string): SubnetSummary[] {
  const vpc = network.vpc;
  const taskIds = new Set(vpc.selectSubnets(network.taskSubnets).subnetIds);
  const publicUses = rows.flatMap(r => r.subnetUses?.public ?? []);
  const taskUses = rows.flatMap(r => r.subnetUses?.tasks ?? []);
  // a Regional NAT gateway has no subnet of its own
  const nat = (network.egress?.providesInternetAccess ?? false) && !network.egress?._regional;
  const known = new Set([...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets].map(s => s.subnetId));
  const summarize = (subnetType: string) => (s: ec2.ISubnet): SubnetSummary => {
    const uses: string[] = [];
    if (subnetType === 'public') {
      uses.push(...publicUses);
      if (nat) uses.push('NAT');
    }
    if (taskIds.has(s.subnetId)) uses.push('tasks', ...taskUses);
    return { subnetType, availabilityZone: azLabel(s.availabilityZone), cidrBlock: cidrOf(s), purpose: uses.join(', ') || 'not used by the network' };
  };
  return [
    ...vpc.publicSubnets.map(summarize('public')),
    ...vpc.privateSubnets.map(summarize('private')),
    ...vpc.isolatedSubnets.map(summarize('isolated')),
    // the IPv6-only task subnets the network adds beside ec2.Vpc's
    ...vpc.selectSubnets(network.taskSubnets).subnets.filter(s => !known.has(s.subnetId)).map(summarize('IPv6-only')),
  ];
}

function cidrOf(subnet: ec2.ISubnet): string {
  try {
    const cidr = subnet.ipv4CidrBlock;
    return Token.isUnresolved(cidr) ? '-' : cidr;
  } catch {
    // an imported subnet without its CIDR block throws when asked for it
    return '-';
  }
}
