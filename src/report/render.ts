import type { CostEstimate } from './cost-types';
import type { NetworkReport } from './report-types';
import { ReachabilityKind } from './report-types';
import type { Flow, FlowEnd } from '../flows/flow';
import { FlowEndKind, isEncrypted, portLabel } from '../flows/flow';

/** The data of a report, before rendering. */
export type ReportData = Omit<NetworkReport, 'markdown' | 'json'>;

/** Renders a report as Markdown: summary, Mermaid diagram, reachability, subnets, cost. */
export function renderMarkdown(r: ReportData, flows: readonly Flow[]): string {
  const routed = new Set(r.reachability.filter(e => e.kind === ReachabilityKind.ROUTE).map(e => e.destination)).size;
  const services = new Set([...flows.filter(f => f.kind === ReachabilityKind.ROUTE || f.kind === ReachabilityKind.CALL)
    .flatMap(f => [f.source, f.destination]).filter(end => end.kind === FlowEndKind.SERVICE).map(end => end.name), ...r.unreachableServices]).size;
  const lines = [
    `# Network report: ${r.networkPath}`,
    '',
    `${r.availabilityZones.length} Availability Zones (${r.availabilityZones.join(', ')}); egress: ${r.egress}; ` +
      `${services} service(s), ${routed} behind ${r.loadBalancers.length <= 1 ? 'the load balancer' : `${r.loadBalancers.length} load balancers`}. ` +
      `About **$${money(r.cost.totalMonthlyUsd)} a month**: $${money(r.cost.networkMonthlyUsd)} network overhead, $${money(r.cost.tasksMonthlyUsd)} tasks.`,
    '',
    '## Diagram',
    '',
    '```mermaid',
    renderMermaid(r, flows),
    '```',
    '',
    ...loadBalancerSection(r),
    '## Reachability',
    '',
    'Every path the security groups and routes allow; nothing else can open a connection. `encrypted`: TLS or HTTPS on that hop ' +
      `(${r.reachability.filter(e => e.encrypted).length} of ${r.reachability.length} paths; in the diagram, thick arrows marked TLS).`,
    '',
    table(['kind', 'source', 'destination', 'port', 'encrypted', 'detail'],
      r.reachability.map(e => [e.kind, e.source, e.destination, e.port, e.encrypted ? 'yes' : 'no', e.detail])),
  ];
  if (r.deployments.some(d => d.testRoutes.length > 0)) {
    lines.push('', '## Deployments', '', 'How ECS deploys each service; a request with the test header reaches the green revision during a deployment.', '',
      table(['service', 'strategy', 'test route'], r.deployments.map(d => [d.serviceName, d.strategy, d.testRoutes.join('; ') || '-'])));
  }
  if (r.unreachableServices.length > 0) {
    lines.push('', `Not reachable from the load balancer or any other service: ${r.unreachableServices.join(', ')}.`);
  }
  if (r.tasks.some(t => t.containers.length > 1 || t.capacity !== 'Fargate' || t.containers.some(c => c.healthCheck !== 'none'))) {
    lines.push('', renderTasks(r));
  }
  lines.push(
    '',
    '## Subnets',
    '',
    table(['type', 'Availability Zone', 'CIDR', 'used for'], r.subnets.map(s => [s.subnetType, s.availabilityZone, s.cidrBlock, s.purpose])),
    '',
    renderCost(r.cost),
  );
  return lines.join('\n');
}

/** The load balancers, when the network has more than one: what each serves and where its address comes from. */
function loadBalancerSection(r: ReportData): string[] {
  if (r.loadBalancers.length <= 1) return [];
  return [
    '## Load balancers',
    '',
    table(['name', 'access', 'listener', 'routes', 'hosts', 'certificates', 'address'], r.loadBalancers.map(lb => [
      lb.name, lb.access, lb.listener, `${lb.routes} of 100`, lb.hosts.join(', ') || '-', String(lb.certificates), lb.address,
    ])),
    '',
  ];
}

/** The tasks section: capacity and containers of each service, with ports, health checks and start order. */
export function renderTasks(r: ReportData): string {
  const rows = r.tasks.flatMap(t => t.containers.map((c, i) => [
    i === 0 ? t.serviceName : '',
    i === 0 ? t.capacity : '',
    c.name,
    c.essential ? 'yes' : 'no',
    `${c.memoryLimitMiB}`,
    c.ports.join(', ') || '-',
    c.healthCheck,
    c.dependsOn.join(', ') || '-',
  ]));
  return [
    '## Tasks',
    '',
    'All containers of a task share its network interface (awsvpc): they reach each other on localhost; only routed, called or discoverable ports are open to others.',
    '',
    table(['service', 'capacity', 'container', 'essential', 'memory MiB', 'ports', 'health check', 'starts after'], rows, [4]),
  ].join('\n');
}

/** The cost section: lines, totals, egress comparison, assumptions and sources. */
export function renderCost(c: CostEstimate): string {
  const rows = c.lines.map(l => [l.category, l.item, l.quantity, money(l.monthlyUsd)]);
  rows.push(
    ['', '**network overhead**', '', `**${money(c.networkMonthlyUsd)}**`],
    ['', '**tasks**', '', `**${money(c.tasksMonthlyUsd)}**`],
    ['', '**total**', '', `**${money(c.totalMonthlyUsd)}**`],
  );
  const choices = c.egressChoices.map(e => [
    e.current ? `**${e.description} (this network)**` : e.description,
    e.internetAccess ? 'yes' : 'no, AWS services only',
    e.availability,
    money(e.networkMonthlyUsd),
    money(e.totalMonthlyUsd),
  ]);
  return [
    `## Monthly cost estimate (${c.region}, list prices as of ${c.pricesAsOf}, USD)`,
    '',
    table(['category', 'item', 'quantity', 'USD/month'], rows, [3]),
    '',
    '### Egress choices side by side',
    '',
    table(['egress', 'internet', 'availability', 'network USD/month', 'total USD/month'], choices, [3, 4]),
    '',
    `Cheapest choice with internet egress that survives the loss of an AZ and needs no patching: **${c.cheapestResilientChoice.description}**, ` +
      `$${money(c.cheapestResilientChoice.networkMonthlyUsd)} a month of network overhead.`,
    '',
    '### Assumptions',
    '',
    ...c.assumptions.map(a => `- ${a}`),
    '',
    'Prices: ' + c.priceSources.join('; ') + '.',
    '',
  ].join('\n');
}

/**
 * A Mermaid flowchart of the network's flows, the same the reachability table lists: clients, load
 * balancers, services, endpoints and egress (each destination with the ports the flows to it carry).
 */
export function renderMermaid(r: ReportData, flows: readonly Flow[]): string {
  const out = ['flowchart LR'];
  const id = (name: string) => `svc_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
  // encrypted edges are thick and say TLS; plaintext ones keep the plain arrow
  const edge = (from: string, label: string, to: string, encrypted = false) =>
    out.push(encrypted ? `  ${from} ==>|"TLS ${quote(label)}"| ${to}` : `  ${from} -->|"${quote(label)}"| ${to}`);
  // one node per load balancer: `alb` for a network's only one, as it always was
  const lbId = (end: FlowEnd) => {
    if (end.kind === FlowEndKind.NETWORK_LOAD_BALANCER) return `nlb_${end.name.replace(/^network load balancer /, '').replace(/[^A-Za-z0-9]/g, '_')}`;
    return r.loadBalancers.length <= 1 ? 'alb' : `alb_${end.name.replace(/^(application )?load balancer /, '').replace(/[^A-Za-z0-9]/g, '_')}`;
  };
  const of = (kind: ReachabilityKind) => flows.filter(f => f.kind === kind);
  const ingress = of(ReachabilityKind.INGRESS);
  const sources = [...new Set(ingress.map(f => f.source.name))];
  sources.forEach((s, i) => {
    out.push(`  client${i}(("${quote(s)}"))`);
    const destinations = ingress.filter(f => f.source.name === s).map(f => f.destination);
    for (const lb of destinations.filter((d, j) => destinations.findIndex(x => x.name === d.name) === j)) {
      for (const encrypted of [false, true]) {
        const ports = ingress.filter(f => f.source.name === s && f.destination.name === lb.name && isEncrypted(f) === encrypted)
          .map(f => portLabel(f.traffic));
        if (ports.length > 0) edge(`client${i}`, ports.join(', '), lbId(lb), encrypted);
      }
    }
  });
  for (const lb of r.loadBalancers) {
    out.push(`  ${lbId({ kind: FlowEndKind.LOAD_BALANCER, name: lb.label })}["${quote(r.loadBalancers.length <= 1 ? 'load balancer' : `${lb.access} load balancer ${lb.name}`)}"]`);
  }
  const nlbs = ingress.map(f => f.destination).filter(d => d.kind === FlowEndKind.NETWORK_LOAD_BALANCER);
  for (const nlb of nlbs.filter((d, j) => nlbs.findIndex(x => x.name === d.name) === j)) out.push(`  ${lbId(nlb)}[["${quote(nlb.name)}"]]`);
  const services = new Set<string>(r.unreachableServices);
  for (const f of of(ReachabilityKind.ROUTE)) {
    if (f.destination.kind === FlowEndKind.LOAD_BALANCER) {
      edge(lbId(f.source), portLabel(f.traffic), lbId(f.destination), isEncrypted(f));
      continue;
    }
    services.add(f.destination.name);
    edge(lbId(f.source), `${conditionOf(f.detail)} :${portLabel(f.traffic).replace('TCP ', '')}`, id(f.destination.name), isEncrypted(f));
  }
  for (const f of of(ReachabilityKind.CALL)) {
    services.add(f.source.name);
    // a declared call to an internal load balancer (`callsInternalLoadBalancer`) ends at its node
    const toLoadBalancer = f.destination.kind === FlowEndKind.LOAD_BALANCER;
    if (!toLoadBalancer) services.add(f.destination.name);
    edge(id(f.source.name), portLabel(f.traffic).replace('TCP ', ''), toLoadBalancer ? lbId(f.destination) : id(f.destination.name), isEncrypted(f));
  }
  out.push(`  subgraph tasks["tasks: ${quote(taskSubnetsLabel(r))}"]`);
  for (const s of services) out.push(`    ${id(s)}["${quote(s)}"]`);
  out.push('  end');
  const endpoints = of(ReachabilityKind.ENDPOINT);
  if (endpoints.length > 0) {
    out.push(`  endpoints["VPC endpoints: ${quote(endpoints.map(f => f.destination.name).join(', '))}"]`);
    edge('tasks', [...new Set(endpoints.map(f => portLabel(f.traffic).replace('TCP ', '')))].join(', '), 'endpoints', endpoints.every(isEncrypted));
  }
  renderEgress(of(ReachabilityKind.EGRESS), services, edge, out);
  return out.join('\n');
}

/**
 * One node per egress destination, with an edge per port and encryption: from the tasks when every
 * service has it, else from each service that has it.
 */
function renderEgress(egress: Flow[], services: Set<string>, edge: (from: string, label: string, to: string, encrypted?: boolean) => void,
  out: string[]): void {
  const destinations = [...new Set(egress.map(f => f.destination.name))];
  destinations.forEach((destination, i) => {
    const node = destination === 'internet' ? 'internet' : `egress${i}`;
    const toIt = egress.filter(f => f.destination.name === destination);
    out.push(`  ${node}[("${quote(`${destination}: ${toIt[0].detail}`)}")]`);
    for (const port of [...new Set(toIt.map(f => portLabel(f.traffic)))]) {
      const carrying = toIt.filter(f => portLabel(f.traffic) === port);
      const sources = new Set(carrying.map(f => f.source.name));
      const everyTask = carrying.some(f => f.source.kind === FlowEndKind.ALL_TASKS) || [...services].every(s => sources.has(s));
      for (const from of everyTask ? ['tasks'] : [...sources].map(s => `svc_${s.replace(/[^A-Za-z0-9]/g, '_')}`)) {
        edge(from, port, node, carrying.every(isEncrypted));
      }
    }
  });
}

function taskSubnetsLabel(r: ReportData): string {
  const tasks = r.subnets.filter(s => s.purpose.includes('tasks'));
  const types = [...new Set(tasks.map(s => s.subnetType))].join(' and ');
  return `${types || 'task'} subnets in ${new Set(tasks.map(s => s.availabilityZone)).size} AZs`;
}

/** The conditions of a route detail, without the listener and the priority. */
function conditionOf(detail: string): string {
  return detail.replace(/^HTTPS? /, '').replace(/, HTTPS to the tasks$/, '').replace(/ \((rule priority \d+|default action)\)$/, '').replace(/\bpaths /, '');
}

function quote(text: string): string {
  return text.replace(/"/g, '#quot;');
}

function money(value: number): string {
  return value.toFixed(2);
}

function table(header: string[], rows: string[][], rightAligned: number[] = []): string {
  const cell = (v: string) => v.replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (rightAligned.includes(i) ? '---:' : '---')).join('|')}|`,
    ...rows.map(r => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

