/**
 * Benchmark: synthesis time, CPU, peak memory and resources per stack of a network of routed services,
 * built with ecs-advanced-network and with a hand-wired aws-cdk-lib baseline of the same architecture,
 * in the same run. Each measurement runs in a child process of its own, so that peak memory (maxRSS)
 * and CPU belong to one size only.
 *
 *   npx ts-node --transpile-only --project tsconfig.dev.json scripts/bench.ts [--sizes 1,10,50,100] [--repeat 3] [--variants construct,baseline]
 *   npx ts-node --transpile-only --project tsconfig.dev.json scripts/bench.ts --paired construct-lean,construct-monitored --sizes 3,40 --repeat 5
 *   npx ts-node --transpile-only --project tsconfig.dev.json scripts/bench.ts --variants construct-mixed --sizes 1000 --repeat 1
 *
 * `--paired` runs each variant against the baseline run by run (alternating which goes first, so that
 * both share the machine's state) and prints whole-process CPU (user + sys), the median of the runs,
 * and the median of the per-run ratios.
 *
 * Two variants say where the rest goes rather than measure a target: `construct-lean-one-stack` (the
 * lean network without the nested stacks that `scaleProps` adds past 25 services) and
 * `construct-monitored-no-dashboards` (the defaults without the dashboards):
 *
 *   npx ts-node --transpile-only --project tsconfig.dev.json scripts/bench.ts --paired construct-lean,construct-lean-one-stack,construct-monitored,construct-monitored-no-dashboards --sizes 3,40 --repeat 5
 *
 * The library is loaded as its users load it: compiled JavaScript (`lib/`, which the script compiles
 * with `tsc` first unless `--no-compile`), not transpiled from `src/` by ts-node at every start (that
 * alone costs about 2.6 s of CPU and no user pays it). The baseline's child does not load the library.
 *
 * BENCH_LIB=<dir> makes the children load another compiled copy of the library (an older commit's,
 * compiled with `tsc -p tsconfig.json --declaration false --outDir <dir>` inside the repository), to
 * compare two versions run by run; BENCH_KEEP=<dir> keeps a child's cloud assembly there.
 *
 * Prints a Markdown report (machine, then one table per variant, then the ratios) on stdout.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
// types only: the library is required from lib/ in the children that build with it (see lib())
import type * as Library from '../src';
import type { LimitOverflow } from '../src/limits/aws-limits';

const ROOT = path.join(__dirname, '..');
/** The compiled library, as users load it; never loaded by the baseline's child. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = (): typeof Library => require(process.env.BENCH_LIB ? path.resolve(ROOT, process.env.BENCH_LIB) : path.join(ROOT, 'lib'));

const IMAGE = 'public.ecr.aws/nginx/nginx-unprivileged:alpine';
const STACK_LIMIT = 500;
/** CloudFormation's template size limit as the network checks it (src/limits/aws-limits.ts). */
const TEMPLATE_BYTES_LIMIT = 1_000_000;
/** Target groups per Application Load Balancer (a hard limit): past it, services are internal (called, not routed). */
const ROUTED_LIMIT = 100;

/** What is measured, and how it is built. */
const VARIANTS = {
  'construct': 'ecs-advanced-network, defaults but monitoring off (the baseline has no alarms)',
  'construct-lean': 'ecs-advanced-network, defaults but monitoring and report off',
  'construct-lean-one-stack': 'ecs-advanced-network, defaults but monitoring and report off, and every service in the network\'s stack (the construct\'s default placement, no `servicePlacement`)',
  'construct-monitored-no-dashboards': 'ecs-advanced-network, defaults but `monitoring.dashboard: false` (the alarms without the dashboards)',
  'construct-monitored': 'ecs-advanced-network, defaults (6 alarms per routed service, dashboard)',
  'construct-hosts': 'ecs-advanced-network, defaults, every service routed by a host of its own in a hosted zone (records, certificate; a new load balancer per 90 new hosts)',
  'construct-mixed': 'ecs-advanced-network, defaults, a hosted zone: the first 300 services routed by a host of their own (over 4 load balancers), the others internal, each called by a routed one',
  'baseline': 'hand-wired aws-cdk-lib, one stack: VPC with a NAT per AZ and a flow log, ALB with path rules, Fargate services with Service Connect',
  'baseline-bare': 'hand-wired aws-cdk-lib, one stack, without the flow log and without Service Connect on the services (the baseline before 2026-12-03)',
} as const;
type Variant = keyof typeof VARIANTS;

/** One measurement, as a child process reports it. */
interface Sample {
  readonly variant: Variant;
  readonly services: number;
  readonly synthMs: number;
  /** The whole child process as the parent sees it: Node.js start, module loading (ts-node), build, synth. */
  readonly processMs: number;
  /** CPU (user + sys, every thread) of the child from its start to the end of synthesis. */
  readonly cpuMs: number;
  /** What the templates as written exceed (empty: every stack within every limit). */
  readonly overflows: string[];
  readonly maxRssMiB: number;
  /** Resources of each stack: the top-level stack first, then the nested stacks. */
  readonly resourcesPerStack: number[];
  /** Template bytes of each stack as written, in the same order. */
  readonly bytesPerStack: number[];
  /** Security-group rules of each stack (inline in a group or standalone), in the same order. */
  readonly securityGroupRulesPerStack: number[];
}

// ---- the architecture, twice ----

/**
 * The path of service `i`. Each path has its own specificity (`/a/*`, `/aa/*`...) up to 24 characters;
 * past that they rank as equal (see src/routing/priorities.ts), and the assignments file settles clashes.
 */
const pathOf = (i: number) => `/${'a'.repeat(i + 1)}/*`;

/**
 * What a platform of this size sets: nested stacks past 25 services (about 25 each, by name), and an
 * assignments file (in a temporary directory) past 20 routes, as the README advises.
 */
function scaleProps(services: number) {
  return {
    ...(services > 25 ? { servicePlacement: { nestedStacks: Math.ceil(services / 25) } } : {}),
    ...(services > 20 ? { assignmentsFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-assignments-')), 'assignments.json') } : {}),
  };
}

/** What a variant of the network turns on; `nested: false` leaves every service in the network's stack. */
interface ConstructOptions {
  readonly monitoring: boolean;
  readonly dashboards: boolean;
  readonly report: boolean;
  readonly nested: boolean;
}

function constructOptions(variant: Variant): ConstructOptions {
  return {
    monitoring: variant === 'construct-monitored' || variant === 'construct-monitored-no-dashboards',
    dashboards: variant !== 'construct-monitored-no-dashboards',
    report: variant !== 'construct-lean' && variant !== 'construct-lean-one-stack',
    nested: variant !== 'construct-lean-one-stack',
  };
}

function buildConstruct(stack: Stack, services: number, options: ConstructOptions): void {
  const { servicePlacement, ...scale } = scaleProps(services);
  const network = new (lib().EcsAdvancedNetwork)(stack, 'Network', {
    monitoring: { enabled: options.monitoring, ...(options.dashboards ? {} : { dashboard: false }) },
    ...(options.report ? {} : { report: { writeToAssembly: false } }),
    ...scale,
    ...(options.nested && servicePlacement ? { servicePlacement } : {}),
  });
  const image = ecs.ContainerImage.fromRegistry(IMAGE);
  for (let i = 0; i < services; i++) {
    const routed = i < ROUTED_LIMIT;
    network.addService(`s${i}`, { image, containerPort: 8080, routing: routed ? { pathPatterns: [pathOf(i)] } : undefined });
    // an internal service is called by a routed one, so that every call crosses the stacks like in a real platform
    if (!routed) network.findService(`s${i % ROUTED_LIMIT}`)!.connectTo(network.findService(`s${i}`)!);
  }
}

/** Every service routed, each by a host of its own in a public zone: past 90 hosts the network adds load balancers. */
function buildHostRouted(stack: Stack, services: number): void {
  const hostedZone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
  const network = new (lib().EcsAdvancedNetwork)(stack, 'Network', { loadBalancer: { hostedZone }, ...scaleProps(services) });
  const image = ecs.ContainerImage.fromRegistry(IMAGE);
  for (let i = 0; i < services; i++) {
    network.addService(`s${i}`, { image, containerPort: 8080, routing: { hostHeaders: [`s${i}.example.com`] } });
  }
}

/** Host-routed services past one load balancer. */
const HOST_ROUTED = 300;

/**
 * A large platform: the first 300 services routed by a host of their own in a public zone (90 per load
 * balancer: 4 load balancers), the others internal, each called by a routed one; the defaults otherwise,
 * but every service in one of `services / 25` nested stacks (about 25 services each), chosen by
 * its name.
 */
function buildMixed(stack: Stack, services: number): void {
  const hostedZone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
  const network = new (lib().EcsAdvancedNetwork)(stack, 'Network', { loadBalancer: { hostedZone }, ...scaleProps(services) });
  const image = ecs.ContainerImage.fromRegistry(IMAGE);
  const routed = Math.min(services, HOST_ROUTED);
  for (let i = 0; i < services; i++) {
    const service = network.addService(`s${i}`, { image, containerPort: 8080, routing: i < routed ? { hostHeaders: [`s${i}.example.com`] } : undefined });
    if (i >= routed) network.findService(`s${i % routed}`)!.connectTo(service);
  }
}

/**
 * The same architecture wired by hand with aws-cdk-lib only: a VPC over 2 AZs with a NAT gateway per
 * AZ and a flow log to CloudWatch Logs, a cluster with Container Insights and a Service Connect
 * namespace, an internet-facing load balancer whose security group opens only the service ports, an
 * HTTP listener answering 404, and per service a task definition with its log group, a security
 * group, a Fargate service that serves its port through Service Connect (logging into the same
 * group), a target group and a listener rule with a hand-picked priority. `bare` leaves out the flow
 * log and Service Connect on the services (the baseline of the figures before 2026-12-03).
 */
function buildBaseline(stack: Stack, services: number, bare = false): void {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 2 });
  if (!bare) vpc.addFlowLog('FlowLog');
  const cluster = new ecs.Cluster(stack, 'Cluster', {
    vpc,
    containerInsightsV2: ecs.ContainerInsights.ENABLED,
    defaultCloudMapNamespace: { name: 'baseline.internal', type: cloudmap.NamespaceType.DNS_PRIVATE, vpc, useForServiceConnect: true },
  });
  const lbSecurityGroup = new ec2.SecurityGroup(stack, 'LoadBalancerSecurityGroup', { vpc, allowAllOutbound: false });
  lbSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80));
  const lb = new elbv2.ApplicationLoadBalancer(stack, 'LoadBalancer', { vpc, internetFacing: true, securityGroup: lbSecurityGroup });
  const listener = lb.addListener('HttpListener', {
    port: 80,
    open: false,
    defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not found' }),
  });
  for (let i = 0; i < services; i++) {
    const taskDefinition = new ecs.FargateTaskDefinition(stack, `Task${i}`, { cpu: 256, memoryLimitMiB: 512 });
    const logGroup = bare ? undefined : new logs.LogGroup(stack, `Logs${i}`);
    taskDefinition.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry(IMAGE),
      portMappings: [{ containerPort: 8080, name: 'http' }],
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: `s${i}` }),
    });
    const service = new ecs.FargateService(stack, `Service${i}`, {
      cluster,
      taskDefinition,
      desiredCount: 2,
      circuitBreaker: { enable: true, rollback: true },
      serviceConnectConfiguration: bare ? undefined : {
        services: [{ portMappingName: 'http', dnsName: `s${i}`, port: 8080 }],
        logDriver: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'service-connect' }),
      },
    });
    listener.addTargets(`Target${i}`, {
      priority: i + 1,
      conditions: [elbv2.ListenerCondition.pathPatterns([pathOf(i)])],
      port: 8080,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service],
      healthCheck: { path: '/', interval: Duration.seconds(15) },
    });
  }
}

// ---- one measurement, in a child process ----

function measure(variant: Variant, services: number): Omit<Sample, 'processMs'> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  try {
    const start = process.hrtime.bigint();
    // the baseline is measured past the 500-resource limit too: lift it so that synthesis completes
    const baseline = variant === 'baseline' || variant === 'baseline-bare';
    const app = new App({ outdir, context: baseline ? { '@aws-cdk/core:stackResourceLimit': 0 } : {} });
    const stack = new Stack(app, 'Bench');
    if (baseline) buildBaseline(stack, services, variant === 'baseline-bare');
    else if (variant === 'construct-hosts') buildHostRouted(stack, services);
    else if (variant === 'construct-mixed') buildMixed(stack, services);
    else buildConstruct(stack, services, constructOptions(variant));
    const assembly = app.synth();
    const synthMs = Number(process.hrtime.bigint() - start) / 1e6;
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    const count = (file: string) => Object.keys(JSON.parse(fs.readFileSync(path.join(assembly.directory, file), 'utf8')).Resources ?? {}).length;
    const bytes = (file: string) => fs.statSync(path.join(assembly.directory, file)).size;
    const rules = (file: string) => Object.values<any>(JSON.parse(fs.readFileSync(path.join(assembly.directory, file), 'utf8')).Resources ?? {})
      .reduce((n, r) => n + (r.Type === 'AWS::EC2::SecurityGroup'
        ? (r.Properties.SecurityGroupIngress ?? []).length + (r.Properties.SecurityGroupEgress ?? []).filter((e: any) => e.Description !== 'Disallow all traffic').length
        : ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'].includes(r.Type) ? 1 : 0), 0);
    const nested = fs.readdirSync(assembly.directory).filter(f => f.endsWith('.nested.template.json')).sort();
    return {
      variant,
      services,
      synthMs,
      cpuMs,
      overflows: ['Bench.template.json', ...nested].flatMap(file => overflowsOf(path.join(assembly.directory, file))),
      // the peak up to the end of synthesis, not the script's own reading of the templates below
      maxRssMiB: usage.maxRSS / 1024,
      resourcesPerStack: [count('Bench.template.json'), ...nested.map(count)],
      bytesPerStack: [bytes('Bench.template.json'), ...nested.map(bytes)],
      securityGroupRulesPerStack: [rules('Bench.template.json'), ...nested.map(rules)],
    };
  } finally {
    // BENCH_KEEP=<dir>: keep the cloud assembly there (to compare templates)
    if (process.env.BENCH_KEEP) fs.cpSync(outdir, process.env.BENCH_KEEP, { recursive: true });
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** AWS's limit on security-group rules per group and direction (a default quota). */
const RULES_PER_GROUP = 60;

/**
 * What a template as written exceeds: the CloudFormation limits the network checks (bytes, resources,
 * parameters, outputs, mappings, dashboard widgets; src/limits/aws-limits.ts), and rules per security
 * group and direction, counted here from the template (inline and standalone rules).
 */
function overflowsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const template = JSON.parse(text);
  // after synthesis: loading the limits table costs nothing that is measured (the baseline loads it here too)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { templateOverflows } = require(path.join(ROOT, 'lib', 'limits', 'check-limits')) as { templateOverflows: (w: string, t: any, b: number) => LimitOverflow[] };
  const found = templateOverflows(path.basename(file), template, Buffer.byteLength(text)).map(o => `${o.where}: ${o.actual} ${o.limit.what} > ${o.limit.value}`);
  const resources = Object.entries<any>(template.Resources ?? {});
  const rules = new Map<string, { ingress: number; egress: number }>();
  for (const [id, r] of resources) {
    if (r.Type !== 'AWS::EC2::SecurityGroup') continue;
    rules.set(id, {
      ingress: (r.Properties?.SecurityGroupIngress ?? []).length,
      egress: (r.Properties?.SecurityGroupEgress ?? []).filter((e: any) => e.Description !== 'Disallow all traffic').length,
    });
  }
  for (const [, r] of resources) {
    const direction = r.Type === 'AWS::EC2::SecurityGroupIngress' ? 'ingress' : r.Type === 'AWS::EC2::SecurityGroupEgress' ? 'egress' : undefined;
    const group = r.Properties?.GroupId?.['Fn::GetAtt']?.[0];
    if (direction && group && rules.has(group)) rules.get(group)![direction] += 1;
  }
  for (const [id, counts] of rules) {
    for (const direction of ['ingress', 'egress'] as const) {
      if (counts[direction] > RULES_PER_GROUP) found.push(`${path.basename(file)}: security group ${id} has ${counts[direction]} ${direction} rules > ${RULES_PER_GROUP}`);
    }
  }
  return found;
}

function runChild(variant: Variant, services: number): Sample {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--child', variant, String(services)], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) {
    throw new Error(`${variant} with ${services} services failed:\n${child.stderr}`);
  }
  const processMs = Number(process.hrtime.bigint() - start) / 1e6;
  return { ...JSON.parse(child.stdout.trim().split('\n').pop()!), processMs };
}

// ---- the report ----

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The median sample of each size (time and memory medians; resources are deterministic). */
function summarize(samples: Sample[]): Sample {
  return {
    ...samples[0],
    synthMs: median(samples.map(s => s.synthMs)),
    processMs: median(samples.map(s => s.processMs)),
    cpuMs: median(samples.map(s => s.cpuMs)),
    maxRssMiB: median(samples.map(s => s.maxRssMiB)),
  };
}

function perAddedService(rows: Sample[], row: Sample): string {
  const first = rows[0];
  if (row.services === first.services) return '-';
  return ((sum(row.resourcesPerStack) - sum(first.resourcesPerStack)) / (row.services - first.services)).toFixed(2);
}

function variantTable(rows: Sample[]): string {
  const lines = [
    '| services | build + synth (ms) | whole process (ms) | whole-process CPU (ms) | peak RSS (MiB) | within every limit | stacks | resources per stack | template KB per stack | security-group rules per stack | total resources | resources per added service |',
    '|---:|---:|---:|---:|---:|---|---:|---|---|---|---:|---:|',
  ];
  for (const r of rows) {
    const perStack = r.resourcesPerStack.map(n => (n > STACK_LIMIT ? `**${n} (over ${STACK_LIMIT})**` : String(n))).join(', ');
    const kbPerStack = r.bytesPerStack.map(b => (b > TEMPLATE_BYTES_LIMIT ? `**${Math.round(b / 1000)} (over 1 MB)**` : String(Math.round(b / 1000)))).join(', ');
    const within = r.overflows.length === 0 ? 'yes' : `**no: ${r.overflows.length} overflows**`;
    lines.push(`| ${r.services} | ${Math.round(r.synthMs)} | ${Math.round(r.processMs)} | ${Math.round(r.cpuMs)} | ${Math.round(r.maxRssMiB)} | ${within} | ${r.resourcesPerStack.length} | ${perStack} | ` +
      `${kbPerStack} | ${r.securityGroupRulesPerStack.join(', ')} | ${sum(r.resourcesPerStack)} | ${perAddedService(rows, r)} |`);
  }
  return lines.join('\n');
}

function ratioTable(construct: Sample[], baseline: Sample[]): string {
  const lines = [
    '| services | build + synth | whole process | whole-process CPU | peak RSS | total resources | resources per added service | largest stack (construct / baseline) |',
    '|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  construct.forEach((c, i) => {
    const b = baseline[i];
    const added = perAddedService(construct, c) === '-' ? '-'
      : (Number(perAddedService(construct, c)) / Number(perAddedService(baseline, b))).toFixed(3);
    lines.push(`| ${c.services} | ${(c.synthMs / b.synthMs).toFixed(2)} | ${(c.processMs / b.processMs).toFixed(2)} | ${(c.cpuMs / b.cpuMs).toFixed(2)} | ` +
      `${(c.maxRssMiB / b.maxRssMiB).toFixed(2)} | ` +
      `${(sum(c.resourcesPerStack) / sum(b.resourcesPerStack)).toFixed(3)} | ${added} | ` +
      `${Math.max(...c.resourcesPerStack)} / ${Math.max(...b.resourcesPerStack)} |`);
  });
  return lines.join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
    `${os.type()} ${os.release()} ${os.arch()}, Node.js ${process.version}, ` +
    `aws-cdk-lib ${JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version}`;
}

function main(argv: string[]): void {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i === -1 ? fallback : argv[i + 1];
  };
  const sizes = arg('--sizes', '1,10,50,100').split(',').map(Number);
  const repeat = Number(arg('--repeat', '3'));
  if (!argv.includes('--no-compile')) compileLibrary();
  if (argv.includes('--paired')) {
    process.stdout.write(paired(arg('--paired', 'construct-lean,construct-monitored').split(',') as Variant[], sizes, repeat, arg('--against', 'baseline') as Variant));
    return;
  }
  const variants = (arg('--variants', 'construct,construct-lean,construct-monitored,construct-hosts,baseline').split(',')) as Variant[];
  const results = new Map<Variant, Sample[]>();
  for (const variant of variants) {
    const rows: Sample[] = [];
    for (const n of sizes) {
      const samples = Array.from({ length: repeat }, () => runChild(variant, n));
      rows.push(summarize(samples));
      const row = rows[rows.length - 1];
      process.stderr.write(`${variant} ${n}: ${Math.round(row.synthMs)} ms build + synth, ${Math.round(row.processMs)} ms whole process, ` +
        `${Math.round(row.cpuMs)} ms CPU, ${Math.round(row.maxRssMiB)} MiB, ${row.overflows.length === 0 ? 'within every limit' : row.overflows.join('; ')}\n`);
    }
    results.set(variant, rows);
  }

  const out = [
    `Machine: ${machine()}.`,
    `Each figure is the median of ${repeat} runs, each in a fresh child process. "build + synth" covers building the constructs and ` +
      '`app.synth()`; "whole process" adds Node.js start-up and loading the modules (the script through ts-node, the library ' +
      'compiled: what `cdk synth` of a TypeScript app pays); whole-process CPU is user + sys of the child up to the end of ' +
      'synthesis; peak RSS is the child\'s `process.resourceUsage().maxRSS`.',
    '',
  ];
  for (const variant of variants) {
    out.push(`### ${VARIANTS[variant]}`, '', variantTable(results.get(variant)!), '');
  }
  if (results.has('construct') && results.has('baseline')) {
    out.push('### Ratio: ecs-advanced-network (monitoring off) / hand-wired baseline', '',
      ratioTable(results.get('construct')!, results.get('baseline')!), '');
  }
  process.stdout.write(out.join('\n'));
}

/** Compiles src/ into lib/ (JavaScript only: what the package ships), as `projen compile` would. */
function compileLibrary(): void {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--declaration', 'false'], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
}

/**
 * Each variant against the baseline, run by run: run i of the variant and run i of the baseline follow
 * each other (the baseline first in even runs, the variant first in odd ones), so that both see the
 * same load. Whole-process CPU, the median of the runs, and the median of the per-run ratios.
 */
function paired(variants: Variant[], sizes: number[], repeat: number, against: Variant): string {
  const lines = [
    `Machine: ${machine()}.`,
    'Whole-process CPU (user + sys of the child from its start to the end of synthesis: Node.js, ts-node for the script, ' +
      `aws-cdk-lib and the compiled library, build, synth), median of ${repeat} runs, paired run by run with \`${against}\` (${VARIANTS[against]}).`,
    '',
    '| variant | services | CPU, variant (ms) | CPU, baseline (ms) | ratio of medians | median of per-run ratios | per-run ratios | wall, variant / baseline (ms) |',
    '|---|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const variant of variants) {
    for (const n of sizes) {
      const ours: Sample[] = [];
      const theirs: Sample[] = [];
      for (let i = 0; i < repeat; i++) {
        if (i % 2 === 0) {
          theirs.push(runChild(against, n));
          ours.push(runChild(variant, n));
        } else {
          ours.push(runChild(variant, n));
          theirs.push(runChild(against, n));
        }
      }
      const ratios = ours.map((o, i) => o.cpuMs / theirs[i].cpuMs);
      const a = median(ours.map(s => s.cpuMs));
      const b = median(theirs.map(s => s.cpuMs));
      const row = `| ${variant} | ${n} | ${Math.round(a)} | ${Math.round(b)} | ${(a / b).toFixed(2)} | ${median(ratios).toFixed(2)} | ` +
        `${ratios.map(r => r.toFixed(2)).join(', ')} | ${Math.round(median(ours.map(s => s.processMs)))} / ${Math.round(median(theirs.map(s => s.processMs)))} |`;
      lines.push(row);
      process.stderr.write(row + '\n');
    }
  }
  return lines.join('\n') + '\n';
}

if (process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(measure(process.argv[3] as Variant, Number(process.argv[4]))) + '\n');
} else {
  main(process.argv.slice(2));
}
