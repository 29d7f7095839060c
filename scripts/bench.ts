/**
 * Benchmark: synthesis time, peak memory and resources per stack of a network of 1, 10, 50 and 100
 * routed services, built with ecs-advanced-network and with a hand-wired aws-cdk-lib baseline of the
 * same architecture, in the same run. Each measurement runs in a child process of its own, so that
 * peak memory (maxRSS) belongs to one size only.
 *
 *   npx ts-node --transpile-only --project tsconfig.dev.json scripts/bench.ts [--sizes 1,10,50,100] [--repeat 3] [--variants construct,baseline]
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
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import { EcsAdvancedNetwork } from '../src';

const IMAGE = 'public.ecr.aws/nginx/nginx-unprivileged:alpine';
const STACK_LIMIT = 500;
/** CloudFormation's template size limit as the network checks it (src/limits/aws-limits.ts). */
const TEMPLATE_BYTES_LIMIT = 1_000_000;
/** Target groups per Application Load Balancer (a hard limit): past it, services are internal (called, not routed). */
const ROUTED_LIMIT = 100;

/** What is measured, and how it is built. */
const VARIANTS = {
  'construct': 'ecs-advanced-network, defaults but monitoring off (the baseline has no alarms)',
  'construct-monitored': 'ecs-advanced-network, defaults (6 alarms per routed service, dashboard)',
  'construct-hosts': 'ecs-advanced-network, defaults, every service routed by a host of its own in a hosted zone (records, certificate; a new load balancer per 90 new hosts)',
  'baseline': 'hand-wired aws-cdk-lib, one stack',
} as const;
type Variant = keyof typeof VARIANTS;

/** One measurement, as a child process reports it. */
interface Sample {
  readonly variant: Variant;
  readonly services: number;
  readonly synthMs: number;
  /** The whole child process as the parent sees it: Node.js start, module loading (ts-node), build, synth. */
  readonly processMs: number;
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
 * The path of service `i`. Each path has its own specificity (`/a/*`, `/aa/*`...): the priority
 * allocator places at most 46 routes of equal specificity (see src/routing/priorities.ts).
 */
const pathOf = (i: number) => `/${'a'.repeat(i + 1)}/*`;

function buildConstruct(stack: Stack, services: number, monitoring: boolean): void {
  const network = new EcsAdvancedNetwork(stack, 'Network', { monitoring: { enabled: monitoring } });
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
  const network = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: { hostedZone } });
  const image = ecs.ContainerImage.fromRegistry(IMAGE);
  for (let i = 0; i < services; i++) {
    network.addService(`s${i}`, { image, containerPort: 8080, routing: { hostHeaders: [`s${i}.example.com`] } });
  }
}

/**
 * The same architecture wired by hand with aws-cdk-lib only: a VPC over 2 AZs with a NAT gateway per
 * AZ, a cluster with Container Insights and a Service Connect namespace, an internet-facing load
 * balancer whose security group opens only the service ports, an HTTP listener answering 404, and per
 * service a task definition with its log group, a security group, a Fargate service, a target group
 * and a listener rule with a hand-picked priority.
 */
function buildBaseline(stack: Stack, services: number): void {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 2 });
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
    taskDefinition.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry(IMAGE),
      portMappings: [{ containerPort: 8080 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: `s${i}` }),
    });
    const service = new ecs.FargateService(stack, `Service${i}`, {
      cluster,
      taskDefinition,
      desiredCount: 2,
      circuitBreaker: { enable: true, rollback: true },
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
    const app = new App({ outdir, context: variant === 'baseline' ? { '@aws-cdk/core:stackResourceLimit': 0 } : {} });
    const stack = new Stack(app, 'Bench');
    if (variant === 'baseline') buildBaseline(stack, services);
    else if (variant === 'construct-hosts') buildHostRouted(stack, services);
    else buildConstruct(stack, services, variant === 'construct-monitored');
    const assembly = app.synth();
    const synthMs = Number(process.hrtime.bigint() - start) / 1e6;
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
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      resourcesPerStack: [count('Bench.template.json'), ...nested.map(count)],
      bytesPerStack: [bytes('Bench.template.json'), ...nested.map(bytes)],
      securityGroupRulesPerStack: [rules('Bench.template.json'), ...nested.map(rules)],
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function runChild(variant: Variant, services: number): Sample {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--child', variant, String(services)], {
    cwd: path.join(__dirname, '..'),
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
    '| services | build + synth (ms) | whole process (ms) | peak RSS (MiB) | stacks | resources per stack | template KB per stack | security-group rules per stack | total resources | resources per added service |',
    '|---:|---:|---:|---:|---:|---|---|---|---:|---:|',
  ];
  for (const r of rows) {
    const perStack = r.resourcesPerStack.map(n => (n > STACK_LIMIT ? `**${n} (over ${STACK_LIMIT})**` : String(n))).join(', ');
    const kbPerStack = r.bytesPerStack.map(b => (b > TEMPLATE_BYTES_LIMIT ? `**${Math.round(b / 1000)} (over 1 MB)**` : String(Math.round(b / 1000)))).join(', ');
    lines.push(`| ${r.services} | ${Math.round(r.synthMs)} | ${Math.round(r.processMs)} | ${Math.round(r.maxRssMiB)} | ${r.resourcesPerStack.length} | ${perStack} | ` +
      `${kbPerStack} | ${r.securityGroupRulesPerStack.join(', ')} | ${sum(r.resourcesPerStack)} | ${perAddedService(rows, r)} |`);
  }
  return lines.join('\n');
}

function ratioTable(construct: Sample[], baseline: Sample[]): string {
  const lines = [
    '| services | build + synth | whole process | peak RSS | total resources | resources per added service | largest stack (construct / baseline) |',
    '|---:|---:|---:|---:|---:|---:|---|',
  ];
  construct.forEach((c, i) => {
    const b = baseline[i];
    const added = perAddedService(construct, c) === '-' ? '-'
      : (Number(perAddedService(construct, c)) / Number(perAddedService(baseline, b))).toFixed(3);
    lines.push(`| ${c.services} | ${(c.synthMs / b.synthMs).toFixed(2)} | ${(c.processMs / b.processMs).toFixed(2)} | ` +
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
  const variants = (arg('--variants', Object.keys(VARIANTS).join(',')).split(',')) as Variant[];
  const results = new Map<Variant, Sample[]>();
  for (const variant of variants) {
    const rows: Sample[] = [];
    for (const n of sizes) {
      const samples = Array.from({ length: repeat }, () => runChild(variant, n));
      rows.push(summarize(samples));
      process.stderr.write(`${variant} ${n}: ${Math.round(rows[rows.length - 1].synthMs)} ms\n`);
    }
    results.set(variant, rows);
  }

  const out = [
    `Machine: ${machine()}.`,
    `Each figure is the median of ${repeat} runs, each in a fresh child process. "build + synth" covers building the constructs and ` +
      '`app.synth()`; "whole process" adds Node.js start-up and loading the modules through ts-node (what `cdk synth` of a ' +
      'TypeScript app pays); peak RSS is the child\'s `process.resourceUsage().maxRSS`.',
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

if (process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(measure(process.argv[3] as Variant, Number(process.argv[4]))) + '\n');
} else {
  main(process.argv.slice(2));
}
