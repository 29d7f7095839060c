/**
 * The monthly cost estimate: pure functions from a description of the network (plain data) and a
 * price table to cost lines, split into network overhead and tasks, with the egress choices compared.
 */
import { Token } from 'aws-cdk-lib';
import type { CostAssumptions, CostEstimate, CostLine, EgressCostComparison } from './cost-types';
import { CostCategory } from './cost-types';
import type { PriceTable } from './prices';
import { US_EAST_1 } from './prices';
import { EgressKind } from '../network/egress';
import { FARGATE_ENDPOINTS } from '../network/fargate-endpoints';
import { invalidProp } from '../private/validation';

/** One service, as the estimate sees it. */
export interface ServiceCostInput {
  readonly name: string;
  readonly cpu: number;
  readonly memoryLimitMiB: number;
  readonly desiredCount: number;
  readonly spot: boolean;
  readonly arm: boolean;
  /** The share of the tasks on Spot, from 0 to 1 (a Fargate mix); `spot` true counts as 1. */
  readonly spotShare?: number;
  /** Whether the tasks run on ECS Managed Instances (priced as their share of an EC2 instance). */
  readonly managedInstances?: boolean;
}

/** What the estimate needs to know about a network: plain data, read from a built `EcsAdvancedNetwork`. */
export interface NetworkCostInput {
  readonly azCount: number;
  /** The egress choice; undefined for an imported VPC (whose NAT is not the network's). */
  readonly egress?: EgressKind;
  /** The NAT instance type, for `EgressKind.NAT_INSTANCES`. */
  readonly natInstanceType?: string;
  /** Short names of the interface endpoints (`ecr.api`, `logs`...). */
  readonly interfaceEndpoints: string[];
  /** The load balancers, in the order the network created them; `publicIpv4` false for `dualstack-without-public-ipv4`. */
  readonly loadBalancers: { readonly internetFacing: boolean; readonly publicIpv4?: boolean }[];
  /** The Network Load Balancers. */
  readonly networkLoadBalancers?: { readonly internetFacing: boolean; readonly endpointService: boolean }[];
  /** Whether the VPC is dual-stack (an egress-only internet gateway, free). */
  readonly ipv6?: boolean;
  /** Whether the tasks are IPv6-only (images through ECR's dual-stack endpoints, no Fargate interface endpoints). */
  readonly ipv6OnlyTasks?: boolean;
  /** The managed web ACLs (`webApplicationFirewall`), with their rules. */
  readonly webAcls?: { readonly rules: number }[];
  /** Customer managed KMS keys the network created. */
  readonly kmsKeys: number;
  /** AWS Private CAs in short-lived certificate mode the network creates (Service Connect TLS). */
  readonly shortLivedCertificateAuthorities?: number;
  readonly flowLog: boolean;
  readonly privateDnsNamespace: boolean;
  /** CloudWatch alarms the network created (its own and its services'). */
  readonly alarms: number;
  /** CloudWatch dashboards the network created. */
  readonly dashboards: number;
  readonly services: ServiceCostInput[];
  /** Egress by domain (`egressDomains`): how it is enforced, the domains of its list and the firewall endpoints. */
  readonly egressDomains?: { readonly networkFirewall: boolean; readonly domains: number; readonly firewallEndpoints: number };
}

/** The DNS queries a month the estimate assumes for DNS Firewall: a few per second from a small network. */
export const DNS_FIREWALL_MILLION_QUERIES_PER_MONTH = 10;

/** The assumptions with their defaults applied. */
export interface ResolvedAssumptions {
  readonly egressGbPerMonth: number;
  readonly loadBalancerCapacityUnits: number;
  readonly logGbPerServicePerMonth: number;
  readonly flowLogGbPerMonth: number;
  readonly webRequestsMillionsPerMonth: number;
}

type EgressChoice = Pick<EgressCostComparison, 'kind' | 'description' | 'internetAccess' | 'availability' | 'survivesAzLoss' | 'needsPatching' | 'ipv6OnlyTasks'>;

/** The egress choices, in the order they are compared, with what they offer. */
const EGRESS_CHOICES: EgressChoice[] = [
  {
    kind: EgressKind.NAT_GATEWAY_PER_AZ,
    description: 'one NAT gateway per Availability Zone',
    internetAccess: true,
    availability: 'survives the loss of an AZ; managed',
    survivesAzLoss: true,
    needsPatching: false,
    ipv6OnlyTasks: false,
  },
  {
    kind: EgressKind.SINGLE_NAT_GATEWAY,
    description: 'a single NAT gateway',
    internetAccess: true,
    availability: 'the loss of its AZ cuts the egress of every AZ',
    survivesAzLoss: false,
    needsPatching: false,
    ipv6OnlyTasks: false,
  },
  {
    kind: EgressKind.REGIONAL_NAT_GATEWAY,
    description: 'a Regional NAT gateway (billed per active AZ)',
    internetAccess: true,
    availability: 'survives the loss of an AZ; managed; no traffic crosses AZs to reach it',
    survivesAzLoss: true,
    needsPatching: false,
    ipv6OnlyTasks: false,
  },
  {
    kind: EgressKind.NAT_INSTANCES,
    description: 'NAT instances (t4g.nano), one per AZ',
    internetAccess: true,
    availability: 'an instance failure cuts its AZ until you replace it; you patch them',
    survivesAzLoss: false,
    needsPatching: true,
    ipv6OnlyTasks: false,
  },
  {
    kind: EgressKind.ENDPOINTS_ONLY,
    description: 'no NAT, VPC endpoints only',
    internetAccess: false,
    availability: 'survives the loss of an AZ; images must come from ECR',
    survivesAzLoss: true,
    needsPatching: false,
    ipv6OnlyTasks: false,
  },
  {
    kind: EgressKind.ENDPOINTS_ONLY,
    description: 'IPv6-only tasks, egress-only internet gateway, no NAT',
    internetAccess: true,
    availability: 'survives the loss of an AZ (the gateway is regional); IPv6 destinations only; images from ECR\'s dual-stack URI',
    survivesAzLoss: true,
    needsPatching: false,
    ipv6OnlyTasks: true,
  },
  {
    kind: EgressKind.REGIONAL_NAT_GATEWAY,
    description: 'IPv6-only tasks, egress-only internet gateway, NAT64 through a Regional NAT gateway',
    internetAccess: true,
    availability: 'survives the loss of an AZ; IPv4-only destinations through NAT64',
    survivesAzLoss: true,
    needsPatching: false,
    ipv6OnlyTasks: true,
  },
];

const FARGATE_ENDPOINT_NAMES = FARGATE_ENDPOINTS.map(s => s.shortName);
const DEFAULT_NAT_INSTANCE = 't4g.nano';

/** Applies the defaults and checks the assumptions. */
export function resolveAssumptions(a: CostAssumptions = {}): ResolvedAssumptions {
  const resolved: ResolvedAssumptions = {
    egressGbPerMonth: a.egressGbPerMonth ?? 100,
    loadBalancerCapacityUnits: a.loadBalancerCapacityUnits ?? 1,
    logGbPerServicePerMonth: a.logGbPerServicePerMonth ?? 1,
    flowLogGbPerMonth: a.flowLogGbPerMonth ?? 5,
    webRequestsMillionsPerMonth: a.webRequestsMillionsPerMonth ?? 10,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value < 0) {
      throw invalidProp(`costAssumptions.${name}`, 'must be a number >= 0', value, 'Give a usage figure such as 100.');
    }
  }
  return resolved;
}

/** Rounds an amount to cents (half up, immune to binary fractions such as 16.424999...). */
export function cents(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100) / 100;
}

/** Renders a price without trailing zeros: `$0.045`, `$1`. */
export function usd(value: number): string {
  return `$${Number(value.toFixed(6))}`;
}

function line(category: CostCategory, item: string, quantity: string, amount: number): CostLine {
  return { category, item, quantity, monthlyUsd: cents(amount) };
}

function sum(lines: CostLine[]): number {
  return cents(lines.reduce((total, l) => total + l.monthlyUsd, 0));
}

/** The NAT lines of an egress choice over `azCount` Availability Zones. */
export function egressLines(kind: EgressKind, azCount: number, a: ResolvedAssumptions, p: PriceTable,
  natInstanceType = DEFAULT_NAT_INSTANCE): CostLine[] {
  const h = p.hoursPerMonth;
  const N = CostCategory.NETWORK;
  const gb = a.egressGbPerMonth;
  switch (kind) {
    case EgressKind.NAT_GATEWAY_PER_AZ:
    case EgressKind.SINGLE_NAT_GATEWAY: {
      const count = kind === EgressKind.SINGLE_NAT_GATEWAY ? 1 : azCount;
      const lines = [
        line(N, 'NAT gateway hours', `${count} x ${h} h x ${usd(p.natGatewayHour)}`, count * h * p.natGatewayHour),
        line(N, 'NAT gateway public IPv4 addresses', `${count} x ${h} h x ${usd(p.publicIpv4Hour)}`, count * h * p.publicIpv4Hour),
        line(N, 'NAT gateway data processed', `${gb} GB x ${usd(p.natGatewayGb)}`, gb * p.natGatewayGb),
      ];
      if (count < azCount) {
        // the traffic of the other AZs crosses to the NAT gateway's AZ, charged both ways
        const crossing = gb * (azCount - count) / azCount;
        lines.push(line(N, 'traffic crossing AZs to the NAT gateway', `${round(crossing)} GB x 2 x ${usd(p.interAzGbEachWay)}`,
          crossing * 2 * p.interAzGbEachWay));
      }
      return lines;
    }
    case EgressKind.REGIONAL_NAT_GATEWAY:
      // active in every AZ with tasks: one gateway hour and one public IPv4 address per AZ, no cross-AZ traffic
      return [
        line(N, 'Regional NAT gateway hours (per active AZ)', `${azCount} AZs x ${h} h x ${usd(p.natGatewayHour)}`, azCount * h * p.natGatewayHour),
        line(N, 'Regional NAT gateway public IPv4 addresses (one per AZ)', `${azCount} x ${h} h x ${usd(p.publicIpv4Hour)}`, azCount * h * p.publicIpv4Hour),
        line(N, 'NAT gateway data processed', `${gb} GB x ${usd(p.natGatewayGb)}`, gb * p.natGatewayGb),
      ];
    case EgressKind.NAT_INSTANCES: {
      const hourly = p.ec2InstanceHour[natInstanceType];
      const volume = p.natInstanceRootVolumeGb;
      return [
        hourly === undefined
          ? line(N, `NAT instance hours (${natInstanceType}: not in the price table)`, `${azCount} x ${h} h x ?`, 0)
          : line(N, `NAT instance hours (${natInstanceType})`, `${azCount} x ${h} h x ${usd(hourly)}`, azCount * h * hourly),
        line(N, 'NAT instance public IPv4 addresses', `${azCount} x ${h} h x ${usd(p.publicIpv4Hour)}`, azCount * h * p.publicIpv4Hour),
        line(N, 'NAT instance root volumes (gp3)', `${azCount} x ${volume} GB x ${usd(p.ebsGp3GbMonth)}`, azCount * volume * p.ebsGp3GbMonth),
      ];
    }
    case EgressKind.ENDPOINTS_ONLY:
      return [line(N, 'interface endpoint data processed', `${gb} GB x ${usd(p.interfaceEndpointGb)}`, gb * p.interfaceEndpointGb)];
  }
}

/** The interface endpoints a network would have with egress `kind` (and IPv6-only tasks or not). */
export function endpointsWith(kind: EgressKind | undefined, input: NetworkCostInput, ipv6OnlyTasks = input.ipv6OnlyTasks ?? false): string[] {
  if (ipv6OnlyTasks) {
    // ECR's dual-stack endpoints do not work over PrivateLink: IPv6-only tasks reach them through the egress-only internet gateway
    return input.ipv6OnlyTasks ? input.interfaceEndpoints : input.interfaceEndpoints.filter(n => !FARGATE_ENDPOINT_NAMES.includes(n));
  }
  if (kind === EgressKind.ENDPOINTS_ONLY) {
    return [...new Set([...input.interfaceEndpoints, ...FARGATE_ENDPOINT_NAMES])];
  }
  // without NAT the Fargate endpoints are required; with NAT they are off by default
  if (input.egress === EgressKind.ENDPOINTS_ONLY && kind !== undefined) {
    return input.interfaceEndpoints.filter(n => !FARGATE_ENDPOINT_NAMES.includes(n));
  }
  return input.interfaceEndpoints;
}

/** The network overhead of `input` with egress `kind` (undefined: the imported VPC's, not counted). */
export function networkLines(input: NetworkCostInput, kind: EgressKind | undefined, a: ResolvedAssumptions, p: PriceTable,
  ipv6OnlyTasks = input.ipv6OnlyTasks ?? false): CostLine[] {
  const h = p.hoursPerMonth;
  const N = CostCategory.NETWORK;
  const lines: CostLine[] = [];
  // IPv6-only tasks without NAT64 need no NAT at all: the egress-only internet gateway carries their egress
  if (kind !== undefined && !(ipv6OnlyTasks && kind === EgressKind.ENDPOINTS_ONLY)) {
    const natType = kind === input.egress ? input.natInstanceType : undefined;
    lines.push(...egressLines(kind, input.azCount, a, p, natType ?? DEFAULT_NAT_INSTANCE));
  }
  if (input.ipv6 || ipv6OnlyTasks) {
    lines.push(line(N, 'egress-only internet gateway (IPv6; no hourly or processing charge)', '1 x $0', 0));
  }
  const endpoints = endpointsWith(kind, input, ipv6OnlyTasks);
  if (endpoints.length > 0) {
    lines.push(line(N, `interface endpoints (${endpoints.join(', ')})`,
      `${endpoints.length} x ${input.azCount} AZs x ${h} h x ${usd(p.interfaceEndpointHourPerAz)}`,
      endpoints.length * input.azCount * h * p.interfaceEndpointHourPerAz));
  }
  const lbs = input.loadBalancers.length;
  if (lbs > 0) {
    const lcu = a.loadBalancerCapacityUnits;
    const each = lbs === 1 ? '' : `${lbs} x `;
    const publicOnes = input.loadBalancers.filter(lb => lb.internetFacing && lb.publicIpv4 !== false).length;
    lines.push(line(N, lbs === 1 ? 'load balancer hours' : `load balancer hours (${lbs} load balancers)`, `${each}${h} h x ${usd(p.albHour)}`, lbs * h * p.albHour));
    lines.push(line(N, lbs === 1 ? 'load balancer capacity units' : `load balancer capacity units (${lcu} LCU each)`,
      `${each}${lcu} LCU x ${h} h x ${usd(p.albLcuHour)}`, lbs * lcu * h * p.albLcuHour));
    if (publicOnes > 0) {
      const label = publicOnes === 1 ? 'load balancer public IPv4 addresses (one per AZ at least)'
        : `load balancer public IPv4 addresses (${publicOnes} internet-facing load balancers, one per AZ at least)`;
      lines.push(line(N, label, `${publicOnes === 1 ? '' : `${publicOnes} x `}${input.azCount} x ${h} h x ${usd(p.publicIpv4Hour)}`,
        publicOnes * input.azCount * h * p.publicIpv4Hour));
    }
  }
  const nlbs = input.networkLoadBalancers ?? [];
  if (nlbs.length > 0) {
    const lcu = a.loadBalancerCapacityUnits;
    const each = nlbs.length === 1 ? '' : `${nlbs.length} x `;
    lines.push(line(N, 'Network Load Balancer hours', `${each}${h} h x ${usd(p.nlbHour)}`, nlbs.length * h * p.nlbHour));
    lines.push(line(N, 'Network Load Balancer capacity units (NLCU)', `${each}${lcu} NLCU x ${h} h x ${usd(p.nlbLcuHour)}`, nlbs.length * lcu * h * p.nlbLcuHour));
    const publicOnes = nlbs.filter(n => n.internetFacing).length;
    if (publicOnes > 0) {
      lines.push(line(N, 'Network Load Balancer public IPv4 addresses (Elastic IPs or AWS-assigned, one per AZ)',
        `${publicOnes === 1 ? '' : `${publicOnes} x `}${input.azCount} x ${h} h x ${usd(p.publicIpv4Hour)}`, publicOnes * input.azCount * h * p.publicIpv4Hour));
    }
    const published = nlbs.filter(n => n.endpointService).length;
    if (published > 0) {
      lines.push(line(N, 'VPC endpoint services (PrivateLink): no charge to the provider; each consumer pays its interface endpoint',
        `${published} x $0`, 0));
    }
  }
  lines.push(...webAclLines(input.webAcls ?? [], a, p));
  if (input.kmsKeys > 0) {
    lines.push(line(N, 'customer managed KMS keys (log groups, alarm topic)', `${input.kmsKeys} x ${usd(p.kmsKeyMonth)}`, input.kmsKeys * p.kmsKeyMonth));
  }
  if ((input.shortLivedCertificateAuthorities ?? 0) > 0) {
    const n = input.shortLivedCertificateAuthorities!;
    lines.push(line(N, 'AWS Private CA (short-lived certificate mode, Service Connect TLS)', `${n} x ${usd(p.privateCaShortLivedMonth)}`,
      n * p.privateCaShortLivedMonth));
  }
  if (input.flowLog) {
    const gb = a.flowLogGbPerMonth;
    lines.push(line(N, 'flow log ingestion (vended logs)', `${gb} GB x ${usd(p.vendedLogsIngestionGb)}`, gb * p.vendedLogsIngestionGb));
  }
  lines.push(...egressDomainLines(input, a, p));
  if (input.privateDnsNamespace) {
    lines.push(line(N, 'private DNS namespace (Route 53 hosted zone)', `1 x ${usd(p.route53HostedZoneMonth)}`, p.route53HostedZoneMonth));
  }
  if (input.alarms > 0) {
    lines.push(line(N, 'CloudWatch alarms', `${input.alarms} x ${usd(p.cloudwatchAlarmMonth)}`, input.alarms * p.cloudwatchAlarmMonth));
  }
  if (input.dashboards > 0) {
    lines.push(line(N, 'CloudWatch dashboards', `${input.dashboards} x ${usd(p.cloudwatchDashboardMonth)}`, input.dashboards * p.cloudwatchDashboardMonth));
  }
  return lines;
}

/** The monthly Fargate cost of one service at its desired count. */
export function serviceLine(s: ServiceCostInput, p: PriceTable): CostLine {
  // a size or count given as a token is known at deploy time only: never priced (or printed) as a number
  if ([s.cpu, s.memoryLimitMiB, s.desiredCount].some(v => Token.isUnresolved(v))) {
    return line(CostCategory.TASKS, `service ${s.name}`, 'task size or desired count resolved at deploy time: not estimated', 0);
  }
  const vcpu = s.cpu / 1024;
  const gb = s.memoryLimitMiB / 1024;
  if (s.managedInstances) return managedInstancesLine(s, p, vcpu, gb);
  const rates = s.arm ? p.fargateArm : p.fargateX86;
  const share = s.spotShare ?? (s.spot ? 1 : 0);
  const factor = 1 - share * p.fargateSpotDiscount;
  const perTaskHour = (vcpu * rates.vcpuHour + gb * rates.gbHour) * factor;
  const spotLabel = share >= 1 ? ', Spot' : share > 0 ? `, ${Math.round(share * 100)}% of tasks on Spot` : '';
  const what = `${round(vcpu)} vCPU, ${round(gb)} GB, ${s.arm ? 'ARM' : 'x86'}${spotLabel}`;
  return line(CostCategory.TASKS, `service ${s.name} (${what})`,
    `${s.desiredCount} tasks x ${p.hoursPerMonth} h x ${usd(round(perTaskHour, 6))}`, s.desiredCount * p.hoursPerMonth * perTaskHour);
}

/** A Managed Instances service: each task's share of a general-purpose instance (by vCPU or memory, whichever is larger). */
function managedInstancesLine(s: ServiceCostInput, p: PriceTable, vcpu: number, gb: number): CostLine {
  const instance = s.arm ? p.managedInstancesArm : p.managedInstancesX86;
  const share = Math.max(vcpu / instance.vcpu, gb / instance.memoryGiB);
  const perTaskHour = share * instance.hour;
  const what = `${round(vcpu)} vCPU, ${round(gb)} GB, ${s.arm ? 'ARM' : 'x86'}, Managed Instances${s.spot ? ' on Spot, priced at on demand' : ''}, ` +
    `${round(share)} of an ${instance.instanceType}; management fee not included`;
  return line(CostCategory.TASKS, `service ${s.name} (${what})`,
    `${s.desiredCount} tasks x ${p.hoursPerMonth} h x ${usd(round(perTaskHour, 6))}`, s.desiredCount * p.hoursPerMonth * perTaskHour);
}

/** The tasks' lines: Fargate per service and the services' log ingestion. */
export function taskLines(services: ServiceCostInput[], a: ResolvedAssumptions, p: PriceTable): CostLine[] {
  const lines = services.map(s => serviceLine(s, p));
  if (services.length > 0) {
    const gb = services.length * a.logGbPerServicePerMonth;
    lines.push(line(CostCategory.TASKS, 'service log ingestion', `${services.length} x ${a.logGbPerServicePerMonth} GB x ${usd(p.logsIngestionGb)}`,
      gb * p.logsIngestionGb));
  }
  return lines;
}

/** The network overhead of each egress choice next to the network's own. */
export function compareEgress(input: NetworkCostInput, a: ResolvedAssumptions, p: PriceTable, tasksMonthlyUsd: number): EgressCostComparison[] {
  return EGRESS_CHOICES.map(choice => {
    const lines = networkLines(input, choice.kind, a, p, choice.ipv6OnlyTasks);
    const network = sum(lines);
    const natType = choice.kind === input.egress ? input.natInstanceType : undefined;
    const description = natType ? choice.description.replace(DEFAULT_NAT_INSTANCE, natType) : choice.description;
    const current = choice.kind === input.egress && choice.ipv6OnlyTasks === (input.ipv6OnlyTasks ?? false);
    return { ...choice, description, networkMonthlyUsd: network, totalMonthlyUsd: cents(network + tasksMonthlyUsd), current, lines };
  });
}

/** The monthly cost estimate of a network at the prices of `p`. */
export function estimateCost(input: NetworkCostInput, assumptions: CostAssumptions = {}, p: PriceTable = US_EAST_1): CostEstimate {
  const a = resolveAssumptions(assumptions);
  const network = networkLines(input, input.egress, a, p);
  const tasks = taskLines(input.services, a, p);
  const networkMonthlyUsd = sum(network);
  const tasksMonthlyUsd = sum(tasks);
  const egressChoices = compareEgress(input, a, p, tasksMonthlyUsd);
  return {
    region: p.region,
    pricesAsOf: p.asOf,
    priceSources: p.sources,
    lines: [...network, ...tasks],
    networkMonthlyUsd,
    tasksMonthlyUsd,
    totalMonthlyUsd: cents(networkMonthlyUsd + tasksMonthlyUsd),
    assumptions: assumptionsOf(input, a, p),
    egressChoices,
    cheapestResilientChoice: cheapestResilient(egressChoices),
  };
}

/** A managed web ACL's log record of one request, in GB (about 1 KB: headers, rule matches, labels). */
const WAF_LOG_GB_PER_REQUEST = 1e-6;

/** The managed web ACLs: each ACL and rule a month, the requests they inspect and their logs. */
function webAclLines(acls: { readonly rules: number }[], a: ResolvedAssumptions, p: PriceTable): CostLine[] {
  if (acls.length === 0) return [];
  const N = CostCategory.NETWORK;
  const rules = acls.reduce((total, acl) => total + acl.rules, 0);
  const millions = a.webRequestsMillionsPerMonth;
  const logGb = round(millions * 1e6 * WAF_LOG_GB_PER_REQUEST);
  return [
    line(N, 'AWS WAF web ACLs', `${acls.length} x ${usd(p.wafWebAclMonth)}`, acls.length * p.wafWebAclMonth),
    line(N, 'AWS WAF rules (3 managed rule groups and a rate-based rule per web ACL)', `${rules} x ${usd(p.wafRuleMonth)}`, rules * p.wafRuleMonth),
    line(N, 'AWS WAF requests', `${millions} million x ${usd(p.wafMillionRequests)}`, millions * p.wafMillionRequests),
    line(N, 'AWS WAF log ingestion (vended logs)', `${logGb} GB x ${usd(p.vendedLogsIngestionGb)}`, logGb * p.vendedLogsIngestionGb),
  ];
}

/** The cheapest choice that keeps internet egress, survives the loss of an AZ and needs no patching. */
export function cheapestResilient(choices: EgressCostComparison[]): EgressCostComparison {
  const resilient = choices.filter(c => c.internetAccess && c.survivesAzLoss && !c.needsPatching);
  return resilient.reduce((best, c) => (c.networkMonthlyUsd < best.networkMonthlyUsd ? c : best));
}

function assumptionsOf(input: NetworkCostInput, a: ResolvedAssumptions, p: PriceTable): string[] {
  const notes = [
    `${p.region} on-demand list prices as of ${p.asOf}, ${p.hoursPerMonth} hours a month; no free tier, Savings Plans or taxes.`,
    `${a.egressGbPerMonth} GB a month through the egress path: all of it processed by NAT gateways when there are any, ` +
      'by interface endpoints when there is no NAT (NAT instances charge no processing).',
    'Data transfer out to the internet ($0.09/GB after the first 100 GB) is left out: it is the same with every egress choice.',
    `${a.loadBalancerCapacityUnits} load balancer capacity unit(s) on average per load balancer; the public IPv4 addresses of internet-facing load balancers counted at one per AZ.`,
    `Tasks run at their desired count around the clock (auto scaling above it costs more); Fargate Spot at ${p.fargateSpotDiscount * 100}% ` +
      'below on-demand, the discount AWS advertises as its maximum.',
    `${a.logGbPerServicePerMonth} GB of logs per service and ${a.flowLogGbPerMonth} GB of flow logs a month; log storage ` +
      '($0.03/GB-month), Container Insights metrics, KMS requests and the access log bucket are left out.',
    'Alarms counted as standard-resolution alarms on one metric each; no free tier (10 alarms and 3 dashboards).',
    'A Regional NAT gateway counted as active in every AZ of the VPC (it follows the tasks), with one public IPv4 address per AZ.',
    'The S3 gateway endpoint is free.',
  ];
  if (input.services.some(s => s.managedInstances)) {
    notes.push(`A Managed Instances task is priced as its share of an on-demand ${p.managedInstancesX86.instanceType} (${p.managedInstancesArm.instanceType} for ARM), ` +
      'by vCPU or memory, whichever is larger: ECS picks the instances at run time and packs several tasks on one; the Managed Instances ' +
      'management fee and Spot savings are left out.');
  }
  if ((input.shortLivedCertificateAuthorities ?? 0) > 0) {
    notes.push(`The Service Connect TLS CA is in short-lived certificate mode (${usd(p.privateCaShortLivedMonth)} a month; a general-purpose CA costs ` +
      `${usd(p.privateCaGeneralPurposeMonth)}); its certificates, ${usd(p.privateCaShortLivedCertificate)} each, one per task every few days as ECS rotates them, are left out.`);
  }
  if ((input.webAcls ?? []).length > 0) {
    notes.push(`${a.webRequestsMillionsPerMonth} million requests a month through the web application firewalls, each logged at about 1 KB; ` +
      'the managed rule groups stay within the 1,500 WCU the web ACL price includes (927 WCU).');
  }
  if (input.egress === undefined) {
    notes.push('The VPC is imported: its NAT gateways and endpoints other than the network\'s are not counted.');
  }
  return notes;
}

/** What egress by domain adds: DNS Firewall per domain and per million queries, or Network Firewall per endpoint hour and per GB. */
function egressDomainLines(input: NetworkCostInput, a: ResolvedAssumptions, p: PriceTable): CostLine[] {
  const d = input.egressDomains;
  if (!d) return [];
  const N = CostCategory.NETWORK;
  if (d.networkFirewall) {
    const h = p.hoursPerMonth;
    const gb = a.egressGbPerMonth;
    return [
      line(N, 'Network Firewall endpoint hours (one per AZ)', `${d.firewallEndpoints} x ${h} h x ${usd(p.networkFirewallEndpointHour)}`,
        d.firewallEndpoints * h * p.networkFirewallEndpointHour),
      line(N, 'Network Firewall data processed (the egress, and the load balancers\' traffic through the public subnets)', `${gb} GB x ${usd(p.networkFirewallGb)}`,
        gb * p.networkFirewallGb),
    ];
  }
  const q = DNS_FIREWALL_MILLION_QUERIES_PER_MONTH;
  return [
    line(N, 'DNS Firewall domain names (the allow-list and `*`)', `${d.domains} x ${usd(p.dnsFirewallDomainMonth)}`, d.domains * p.dnsFirewallDomainMonth),
    line(N, 'DNS Firewall queries (assumed)', `${q} million x ${usd(p.dnsFirewallMillionQueries)}`, q * p.dnsFirewallMillionQueries),
  ];
}

function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}
