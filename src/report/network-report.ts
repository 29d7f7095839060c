import * as fs from 'fs';
import * as path from 'path';
import { Stack, Token } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';
import type { NetworkCostInput } from './cost';
import { estimateCost } from './cost';
import type { CostAssumptions } from './cost-types';
import { renderMarkdown } from './render';
import type { DeploymentSummary, LoadBalancerSummary, NetworkReport, ReachabilityEntry, SubnetSummary } from './report-types';
import { ReachabilityKind } from './report-types';
import { tasksOf } from './task-summary';
import { DiscoveryMode } from '../discovery/discovery';
import type { EcsAdvancedNetwork } from '../ecs-advanced-network';
import { forwardsToHttpsOf, isEncryptedListener, isEncryptedToTarget, isHttpsTargetGroup } from '../encryption/plaintext-edges';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import { IpStackKind } from '../network/ip-stack';
import { fitName } from '../private/validation';
import { IngressAccess } from '../routing/ingress-access';
import { TaskEgressMode } from '../segmentation/task-egress';
import { spotShare } from '../services/capacity-rules';
import type { NetworkService } from '../services/network-service';

/** Reads what a network built into a report: reachability, subnets, cost; with Markdown and JSON renderings. */
export function buildNetworkReport(network: EcsAdvancedNetwork, assumptions: CostAssumptions = {}): NetworkReport {
  const azLabel = availabilityZoneLabels(network.vpc);
  const services = network.services;
  const label = loadBalancerLabels(network);
  const reachability = [
    ...ingressOf(network, label),
    ...routesOf(services, label),
    ...layer4Of(network),
    ...callsOf(network, services),
    ...endpointsOf(network),
    ...egressOf(network),
  ];
  const reached = new Set(reachability.filter(r => r.kind === ReachabilityKind.ROUTE || r.kind === ReachabilityKind.CALL).map(r => r.destination));
  const data = {
    networkPath: network.node.path,
    availabilityZones: network.vpc.availabilityZones.map(azLabel),
    egress: egressDescription(network),
    subnets: subnetsOf(network, azLabel),
    loadBalancers: network.loadBalancers.map(lb => summaryOf(lb, label(lb))),
    reachability,
    tasks: tasksOf(services),
    deployments: deploymentsOf(services, label),
    unreachableServices: services.map(s => s.serviceName).filter(n => !reached.has(n)),
    cost: estimateCost(costInputOf(network), assumptions),
  };
  return { ...data, markdown: renderMarkdown(data), json: JSON.stringify(data, undefined, 2) + '\n' };
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

/** What the cost estimate needs, read from a built network. */
export function costInputOf(network: EcsAdvancedNetwork): NetworkCostInput {
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
    interfaceEndpoints: Object.keys(network.endpoints.endpoints),
    loadBalancers: network.loadBalancers.map(lb => ({
      internetFacing: lb.access === IngressAccess.PUBLIC,
      publicIpv4: cfnOf(lb.loadBalancer).ipAddressType !== elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4,
    })),
    networkLoadBalancers: network.networkLoadBalancers
      .map(n => ({ internetFacing: n.internetFacing, endpointService: n.endpointService !== undefined })),
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

/**
 * How the report names each load balancer: `load balancer` when the network has one, as it always
 * had; else `load balancer <name>` (`load balancer public`, `load balancer internal-2`).
 */
function loadBalancerLabels(network: EcsAdvancedNetwork): (lb: IngressLoadBalancer) => string {
  const single = network.loadBalancers.length === 1;
  return lb => (single ? 'load balancer' : `load balancer ${lb.name}`);
}

function summaryOf(lb: IngressLoadBalancer, label: string): LoadBalancerSummary {
  const cfn = lb.loadBalancer.node.defaultChild as elbv2.CfnLoadBalancer;
  return {
    name: lb.name,
    label,
    access: lb.access === IngressAccess.PUBLIC ? 'internet-facing' : 'internal',
    address: `DNSName of ${Stack.of(cfn).getLogicalId(cfn)} in stack ${Stack.of(cfn).node.path}`,
    listener: lb.httpsListener ? 'HTTPS (port 80 redirects)' : 'HTTP',
    routes: lb.routeCount,
    hosts: lb.hosts,
    certificates: lb.certificates.length,
  };
}

function cfnOf(lb: elbv2.ApplicationLoadBalancer): elbv2.CfnLoadBalancer {
  return lb.node.defaultChild as elbv2.CfnLoadBalancer;
}

/** Labels the AZs: their names when known, `AZ 1`, `AZ 2`... when the stack is environment-agnostic. */
function availabilityZoneLabels(vpc: ec2.IVpc): (az: string) => string {
  const index = new Map(vpc.availabilityZones.map((az, i) => [az, i]));
  return az => (Token.isUnresolved(az) ? `AZ ${(index.get(az) ?? 0) + 1}` : az);
}

function ingressOf(network: EcsAdvancedNetwork, label: (lb: IngressLoadBalancer) => string): ReachabilityEntry[] {
  return network.loadBalancers.flatMap(lb => listenerIngressOf(lb, label(lb)));
}

function listenerIngressOf(ingress: IngressLoadBalancer, destination: string): ReachabilityEntry[] {
  const sg = ingress.loadBalancer.connections.securityGroups[0];
  const stack = Stack.of(sg);
  const inline: any[] = stack.resolve((sg.node.defaultChild as ec2.CfnSecurityGroup).securityGroupIngress) ?? [];
  const standalone = sg.node.children.filter((c): c is ec2.CfnSecurityGroupIngress => c instanceof ec2.CfnSecurityGroupIngress)
    .map(c => stack.resolve({
      cidrIp: c.cidrIp, sourcePrefixListId: c.sourcePrefixListId, sourceSecurityGroupId: c.sourceSecurityGroupId, fromPort: c.fromPort,
    }));
  const listenerOf = (port: number) => {
    if (port === 443) return 'HTTPS listener';
    return ingress.httpsListener ? 'HTTP listener, redirects to HTTPS' : 'HTTP listener';
  };
  return [...inline, ...standalone].map(rule => ({
    kind: ReachabilityKind.INGRESS,
    source: peerLabel(rule),
    destination,
    port: `TCP ${rule.fromPort}`,
    detail: listenerOf(rule.fromPort),
    encrypted: rule.fromPort === 443 && ingress.httpsListener !== undefined,
  }));
}

function peerLabel(rule: any): string {
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

function routesOf(services: NetworkService[], label: (lb: IngressLoadBalancer) => string): ReachabilityEntry[] {
  const main = services.flatMap(s => s.routes.map(route => ({
    s, r: s.routing!, route, port: s.containerPort, portName: undefined as string | undefined,
  })));
  const named = services.flatMap(s => s.additionalPorts.filter(p => p.routing).flatMap(p => (s._parts.portRoutes[p.name] ?? [])
    .map(route => ({ s, r: p.routing!, route, port: p.containerPort as number | undefined, portName: p.name as string | undefined }))));
  return [...main, ...named].map(({ s, r, route, port, portName }) => {
    const listener = route.loadBalancer.httpsListener ? 'HTTPS' : 'HTTP';
    const conditions = [
      r.hostHeaders?.length ? `hosts ${r.hostHeaders.join(' ')}` : undefined,
      r.pathPatterns?.length ? `paths ${r.pathPatterns.join(' ')}` : undefined,
      ...Object.entries(r.httpHeaders ?? {}).map(([h, v]) => `header ${h}: ${v.join(' ')}`),
      r.httpMethods?.length ? `methods ${r.httpMethods.join(' ')}` : undefined,
    ].filter(Boolean).join('; ');
    const how = route.priority === undefined ? 'default action' : `rule priority ${route.priority}`;
    return {
      kind: ReachabilityKind.ROUTE,
      source: label(route.loadBalancer),
      destination: s.serviceName,
      port: `TCP ${port}`,
      detail: `${listener} ${conditions} (${portName ? `port ${portName}, ` : ''}${how})${isHttpsTargetGroup(route.targetGroup) ? ', HTTPS to the tasks' : ''}`,
      encrypted: isHttpsTargetGroup(route.targetGroup),
    };
  });
}

/** Who reaches each Network Load Balancer listener, and where it forwards (the ALB behind it, or a service). */
function layer4Of(network: EcsAdvancedNetwork): ReachabilityEntry[] {
  const toHttps = forwardsToHttpsOf(network);
  return network.networkLoadBalancers.flatMap(nlb => {
    const name = `network load balancer ${nlb.name}`;
    const clients = nlb._peers.map(p => peerLabel(peerRule(nlb.securityGroup, p)));
    const addresses = nlb.allocationIds.length > 0 ? `, Elastic IPs ${nlb.allocationIds.length}` : '';
    return [
      ...nlb.listeners.flatMap(l => clients.map(source => ({
        kind: ReachabilityKind.INGRESS,
        source,
        destination: name,
        port: `${l.protocol} ${l.port}`,
        detail: `${l.protocol} listener${addresses}`,
        encrypted: isEncryptedListener(l, toHttps(l)),
      }))),
      ...(nlb.endpointService ? [{
        kind: ReachabilityKind.INGRESS,
        source: 'PrivateLink consumers (allowed principals)',
        destination: name,
        port: nlb.listeners.map(l => `${l.protocol} ${l.port}`).join(', ') || '-',
        detail: `VPC endpoint service, acceptance ${nlb.endpointService.acceptanceRequired ? 'required' : 'not required'}`,
        encrypted: nlb.listeners.length > 0 && nlb.listeners.every(l => isEncryptedListener(l, toHttps(l))),
      }] : []),
      ...nlb.listeners.map(l => ({
        kind: ReachabilityKind.ROUTE,
        source: name,
        destination: l.target,
        port: `${l.protocol === elbv2.Protocol.UDP || l.protocol === elbv2.Protocol.TCP_UDP ? l.protocol.replace('TCP_UDP', 'TCP+UDP') : 'TCP'} ${l.targetPort}`,
        detail: `${l.protocol} ${l.port}${l.protocol === elbv2.Protocol.TLS ? (l.tlsToTarget ? ' (TLS again to the task)' : ' (TLS ends at the load balancer)') : ''}` +
          `${l.preservesClientIp ? ', client address preserved' : ''}`,
        encrypted: isEncryptedToTarget(l, toHttps(l)),
      })),
    ];
  });
}

/** The rendered rule of a peer, for its label. */
function peerRule(sg: ec2.ISecurityGroup, peer: ec2.IPeer): any {
  const rule = Stack.of(sg).resolve(peer.toIngressRuleConfig());
  return rule;
}

function deploymentsOf(services: NetworkService[], label: (lb: IngressLoadBalancer) => string): DeploymentSummary[] {
  return services.map(s => ({
    serviceName: s.serviceName,
    strategy: s.deployment.description,
    testRoutes: s.deployment.shiftsTraffic ? [
      ...s.routes.filter(r => r.testHeader).map(r => `${label(r.loadBalancer)}: header ${r.testHeader} (rule priority ${r.testPriority})`),
      ...(s.discovery.mode === DiscoveryMode.SERVICE_CONNECT
        ? [`Service Connect ${s.discoveryName}: header ${s.deployment._options.testHeaderName}: ${s.deployment._options.testHeaderValue}`] : []),
    ] : [],
  }));
}

function callsOf(network: EcsAdvancedNetwork, services: NetworkService[]): ReachabilityEntry[] {
  const namespace = network.cloudMapNamespace.namespaceName;
  return services.flatMap(caller => caller.callees.flatMap(callee => caller._calledPorts(callee).map(portName => {
    const named = callee.additionalPorts.find(p => p.name === portName);
    if (named) {
      const name = `${callee.discoveryName}-${named.name}`;
      return {
        kind: ReachabilityKind.CALL,
        source: caller.serviceName,
        destination: callee.serviceName,
        port: `TCP ${named.containerPort}`,
        detail: `Service Connect ${name}:${named.containerPort}${callee.serviceConnectTls ? ' (TLS)' : ''}`,
        encrypted: callee.serviceConnectTls,
      };
    }
    const detail = callee.discovery.mode === DiscoveryMode.SERVICE_CONNECT
      ? `Service Connect ${callee.discoveryName}:${callee.discovery._serviceConnect?.port ?? callee.containerPort}${callee.serviceConnectTls ? ' (TLS)' : ''}`
      : `Cloud Map DNS ${callee.discoveryName}.${Token.isUnresolved(namespace) ? '<namespace>' : namespace}`;
    return { kind: ReachabilityKind.CALL, source: caller.serviceName, destination: callee.serviceName, port: `TCP ${callee.containerPort}`, detail, encrypted: callee.serviceConnectTls };
  })));
}

function endpointsOf(network: EcsAdvancedNetwork): ReachabilityEntry[] {
  const entries: ReachabilityEntry[] = [];
  if (network.endpoints.s3Gateway) {
    entries.push({ kind: ReachabilityKind.ENDPOINT, source: 'all tasks', destination: 's3 (gateway)', port: 'TCP 443', detail: 'route table entry, free', encrypted: true });
  }
  for (const name of Object.keys(network.endpoints.endpoints)) {
    entries.push({ kind: ReachabilityKind.ENDPOINT, source: 'all tasks', destination: name, port: 'TCP 443', detail: 'interface endpoint, private DNS', encrypted: true });
  }
  return entries;
}

/** What the tasks may send beyond declared calls and endpoints, with HTTPS (TCP 443) counted as encrypted. */
function egressOf(network: EcsAdvancedNetwork): ReachabilityEntry[] {
  return unmarkedEgressOf(network).map(e => ({ ...e, encrypted: e.port === 'TCP 443' }));
}

/** What the tasks may send beyond declared calls and endpoints: bounded per service with least-privilege egress. */
function unmarkedEgressOf(network: EcsAdvancedNetwork): Omit<ReachabilityEntry, 'encrypted'>[] {
  const via = network.tasksHaveNatRoute ? `through ${network.egress?.description ?? 'the NAT of the imported VPC'}` : 'no NAT route: AWS services only';
  if (network.taskEgress.mode === TaskEgressMode.ALLOW_ALL) {
    return [
      ...(network.tasksHaveNatRoute ? [{ kind: ReachabilityKind.EGRESS, source: 'all tasks', destination: 'internet', port: 'all', detail: via }] : []),
      ...(network.ipStack.ipv6 ? [{
        kind: ReachabilityKind.EGRESS, source: 'all tasks', destination: 'internet (IPv6)', port: 'all', detail: 'IPv6 through the egress-only internet gateway',
      }] : []),
    ];
  }
  const v6Only = network.ipStack.kind === IpStackKind.IPV6_ONLY_TASKS;
  const eigw = 'IPv6 through the egress-only internet gateway';
  return network.services.flatMap(s => [
    ...(s.httpsEgress && !(v6Only && !network.ipStack.nat64) ? [{
      kind: ReachabilityKind.EGRESS,
      source: s.serviceName,
      destination: network.tasksHaveNatRoute ? 'internet' : 'AWS services',
      port: 'TCP 443',
      detail: v6Only ? `${via}, reached by NAT64` : via,
    }] : []),
    ...(s.httpsEgress && network.ipStack.ipv6 ? [{ kind: ReachabilityKind.EGRESS, source: s.serviceName, destination: 'internet (IPv6)', port: 'TCP 443', detail: eigw }] : []),
    ...s.egressTo.map(d => ({
      kind: ReachabilityKind.EGRESS,
      source: s.serviceName,
      destination: d.cidr ?? d.prefixListId!,
      port: `${d.protocol === ec2.Protocol.UDP ? 'UDP' : 'TCP'} ${d.toPort !== undefined && d.toPort !== d.port ? `${d.port}-${d.toPort}` : d.port}`,
      detail: d.description ?? 'declared destination',
    })),
  ]);
}

function subnetsOf(network: EcsAdvancedNetwork, azLabel: (az: string) => string): SubnetSummary[] {
  const vpc = network.vpc;
  const taskIds = new Set(vpc.selectSubnets(network.taskSubnets).subnetIds);
  const internetFacing = network.loadBalancers.some(lb => lb.access === IngressAccess.PUBLIC);
  const internal = network.loadBalancers.some(lb => lb.access === IngressAccess.INTERNAL);
  const hasEndpoints = Object.keys(network.endpoints.endpoints).length > 0;
  // a Regional NAT gateway has no subnet of its own
  const nat = (network.egress?.providesInternetAccess ?? false) && !network.egress?._regional;
  const known = new Set([...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets].map(s => s.subnetId));
  const summarize = (subnetType: string) => (s: ec2.ISubnet): SubnetSummary => {
    const uses: string[] = [];
    if (subnetType === 'public') {
      if (internetFacing) uses.push('load balancer');
      if (nat) uses.push('NAT');
    }
    if (taskIds.has(s.subnetId)) {
      uses.push('tasks');
      if (hasEndpoints) uses.push('interface endpoints');
      if (internal) uses.push('load balancer');
    }
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
