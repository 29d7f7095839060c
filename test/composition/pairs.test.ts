import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Capacity, EcsAdvancedNetwork, EcsAdvancedNetworkProps, Egress, IngressAccess, IpStack, ServiceDeployment, ServiceOptions } from '../../src';

/**
 * The capability pair matrix (issue 27): every pair of settings of two different capabilities either
 * fails with a documented synth error (`EXPECTED_ERRORS`) or gives a template that passes the
 * project's checks. Settings of the network (IP stack, egress, ACLs) need a network each; settings of
 * a service (ingress, deployment, capacity, sidecar) are services side by side in one network, so that
 * the matrix builds 41 lean networks (no monitoring, no report, no flow logs) rather than one per pair
 * (about 9 s): IP stacks, egress choices (NAT per AZ, endpoints only, a single NAT gateway, a Regional
 * NAT gateway, NAT instances), network ACLs, a Network Load Balancer in front of the internal
 * Application Load Balancer, Service Connect TLS; ingress kinds (ALB path, host,
 * internal, HTTPS to the tasks; NLB TCP, UDP, TLS, TCP_UDP), deployment strategies, capacity kinds
 * (Fargate, Spot, Managed Instances) and sidecars.
 */

const REGION_IMAGE = ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1');
const DUAL_STACK_IMAGE = ecs.ContainerImage.fromRegistry('123456789012.dkr-ecr.us-east-1.on.aws/web:1');
const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

/** A setting of one capability, with what it adds to the network or to a service; the first of each dimension is the default. */
interface Setting {
  readonly dimension: string;
  readonly value: string;
  readonly network?: Partial<EcsAdvancedNetworkProps>;
  readonly service?: (s: ServiceContext) => Partial<ServiceOptions>;
}

interface ServiceContext {
  readonly name: string;
  /** A port of the edge Network Load Balancer of its own. */
  readonly port: number;
  readonly certificate: acm.ICertificate;
}

const NETWORK_DIMENSIONS: Setting[][] = [
  [
    { dimension: 'ip', value: 'ipv4' },
    { dimension: 'ip', value: 'dualstack', network: { ipStack: IpStack.dualStack() } },
    { dimension: 'ip', value: 'ipv6only', network: { ipStack: IpStack.ipv6OnlyTasks() } },
  ],
  [
    { dimension: 'egress', value: 'nat' },
    { dimension: 'egress', value: 'endpointsOnly', network: { egress: Egress.endpointsOnly() } },
    { dimension: 'egress', value: 'singleNat', network: { egress: Egress.singleNatGateway() } },
    { dimension: 'egress', value: 'regionalNat', network: { egress: Egress.regionalNatGateway() } },
    { dimension: 'egress', value: 'natInstances', network: { egress: Egress.natInstances() } },
  ],
  [
    { dimension: 'acls', value: 'off' },
    { dimension: 'acls', value: 'on', network: { networkAcls: { enabled: true } } },
  ],
  [
    { dimension: 'front', value: 'none' },
    {
      dimension: 'front',
      value: 'nlbToInternalAlb',
      network: {
        internalLoadBalancer: {},
        networkLoadBalancers: [{ name: 'front', deletionProtection: false, forwardToApplicationLoadBalancer: IngressAccess.INTERNAL }],
      },
    },
  ],
  [
    { dimension: 'tls', value: 'plaintext' },
    { dimension: 'tls', value: 'serviceConnectTls', network: { encryptionInTransit: { serviceConnectTls: true } } },
  ],
];

const SERVICE_DIMENSIONS: Setting[][] = [
  [
    { dimension: 'ingress', value: 'albPath', service: s => ({ routing: { pathPatterns: [`/${s.name}/*`] } }) },
    { dimension: 'ingress', value: 'albHost', service: s => ({ routing: { hostHeaders: [`${s.name}.example.com`] } }) },
    { dimension: 'ingress', value: 'internalAlb', service: s => ({ routing: { access: IngressAccess.INTERNAL, pathPatterns: [`/${s.name}/*`] } }) },
    { dimension: 'ingress', value: 'nlbTcp', service: s => ({ networkListeners: [{ loadBalancer: 'edge', port: s.port }] }) },
    {
      dimension: 'ingress',
      value: 'nlbUdp',
      service: s => ({ networkListeners: [{ loadBalancer: 'edge', port: s.port, protocol: elbv2.Protocol.UDP, healthCheck: { port: 8081 } }] }),
    },
    {
      dimension: 'ingress',
      value: 'nlbTls',
      service: s => ({ networkListeners: [{ loadBalancer: 'edge', port: s.port, protocol: elbv2.Protocol.TLS, certificate: s.certificate }] }),
    },
    {
      dimension: 'ingress',
      value: 'nlbTcpUdp',
      service: s => ({ networkListeners: [{ loadBalancer: 'edge', port: s.port, protocol: elbv2.Protocol.TCP_UDP }] }),
    },
    {
      dimension: 'ingress',
      value: 'albHttpsTarget',
      service: s => ({ routing: { pathPatterns: [`/${s.name}/*`], protocol: elbv2.ApplicationProtocol.HTTPS } }),
    },
  ],
  [
    { dimension: 'deployment', value: 'rolling' },
    { dimension: 'deployment', value: 'blueGreen', service: () => ({ deployment: ServiceDeployment.blueGreen() }) },
    { dimension: 'deployment', value: 'canary', service: () => ({ deployment: ServiceDeployment.canary() }) },
    { dimension: 'deployment', value: 'linear', service: () => ({ deployment: ServiceDeployment.linear() }) },
  ],
  [
    { dimension: 'capacity', value: 'fargate' },
    { dimension: 'capacity', value: 'spot', service: () => ({ spot: true }) },
    { dimension: 'capacity', value: 'managedInstances', service: () => ({ capacity: Capacity.managedInstances() }) },
  ],
  [
    { dimension: 'sidecar', value: 'none' },
    { dimension: 'sidecar', value: 'one', service: () => ({ sidecars: [{ name: 'agent', image: REGION_IMAGE, containerPorts: [9100] }] }) },
  ],
];

/**
 * The pairs that cannot work on AWS, with the start of the error that says so; a pair is named
 * `<dimension>=<value>+<dimension>=<value>` in the order of the dimensions above (network first).
 */
const EXPECTED_ERRORS: { [pair: string]: RegExp } = {
  // ECS wants an alternate target group for every load balancer of a service that shifts traffic
  ...Object.fromEntries(['nlbTcp', 'nlbUdp', 'nlbTls', 'nlbTcpUdp'].flatMap(ingress => [['blueGreen', 'blue\\/green'], ['canary', 'canary'], ['linear', 'linear']]
    .map(([deployment, named]) => [`ingress=${ingress}+deployment=${deployment}`,
      new RegExp(`^\`[a-z0-9-]+\\.deployment\` is ${named}, but service \`[a-z0-9-]+\` is behind a Network Load Balancer`)]))),
  // UDP to IPv6 targets needs IPv6 source NAT prefixes
  'ip=ipv6only+ingress=nlbUdp': /^`[a-z0-9-]+\.networkListeners\[0\]\.protocol` cannot be UDP for IPv6-only tasks/,
  'ip=ipv6only+ingress=nlbTcpUdp': /^`[a-z0-9-]+\.networkListeners\[0\]\.protocol` cannot be TCP_UDP for IPv6-only tasks/,
};

/** One service of the matrix: the pair (or single setting) it stands for. */
interface Case {
  readonly pair: string;
  readonly settings: Setting[];
}

const key = (settings: Setting[]) => settings.map(s => `${s.dimension}=${s.value}`).join('+');
const nonDefault = (dimensions: Setting[][]) => dimensions.map(d => d.slice(1));

/** Every pair of non-default settings of two different dimensions (a default is what the other cases already build). */
function pairsOf(dimensions: Setting[][]): Setting[][] {
  const rest = nonDefault(dimensions);
  return rest.flatMap((a, i) => rest.slice(i + 1).flatMap(b => a.flatMap(x => b.map(y => [x, y]))));
}

/** The networks of the matrix: the default one, each non-default network setting, and each pair of them. */
function networkCases(): Setting[][] {
  return [[], ...nonDefault(NETWORK_DIMENSIONS).flat().map(s => [s]), ...pairsOf(NETWORK_DIMENSIONS)];
}

/** The services of a network: with network settings, one per service setting; in the default network, every pair of service settings too. */
function serviceCases(network: Setting[]): Case[] {
  const singles: Setting[][] = [[], ...nonDefault(SERVICE_DIMENSIONS).flat().map(s => [s])];
  if (network.length === 2) return [{ pair: key(network), settings: [] }];
  const services = network.length === 0 ? [...singles, ...pairsOf(SERVICE_DIMENSIONS)] : singles;
  return services.map(settings => ({ pair: key([...network, ...settings]) || 'defaults', settings }));
}

/** What a built network of the matrix holds, for the checks. */
interface Built {
  readonly stack: Stack;
  readonly network: EcsAdvancedNetwork;
  readonly results: { readonly c: Case; readonly name: string; readonly error?: string }[];
}

/** Builds one network and its services (each service that fails planning leaves nothing behind). */
function build(networkSettings: Setting[], cases: Case[]): Built {
  const stack = new Stack(new App({ treeMetadata: false }), 'Stack');
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', CERT_ARN);
  const ipv6Only = networkSettings.some(s => s.value === 'ipv6only');
  const props = Object.assign({}, ...networkSettings.map(s => s.network)) as EcsAdvancedNetworkProps;
  const network = new EcsAdvancedNetwork(stack, 'Network', {
    monitoring: { enabled: false },
    report: { writeToAssembly: false },
    flowLogs: { enabled: false },
    ...props,
    networkLoadBalancers: [
      ...props.networkLoadBalancers ?? [],
      ...cases.some(c => c.settings.some(x => x.value.startsWith('nlb'))) ? [{ name: 'edge', deletionProtection: false }] : [],
    ],
  });
  const results = cases.map((c, i) => {
    // names whose route priorities do not collide (two names that hash alike are an error with its fix: test/routing)
    const name = `svc${i}`;
    const ctx: ServiceContext = { name, port: 10000 + i, certificate };
    const options = Object.assign({ image: ipv6Only ? DUAL_STACK_IMAGE : REGION_IMAGE, containerPort: 8080 },
      ...c.settings.map(s => s.service?.(ctx) ?? {}), c.settings.some(s => s.dimension === 'ingress') ? {} : SERVICE_DIMENSIONS[0][0].service!(ctx));
    try {
      network.addService(name, options);
      return { c, name };
    } catch (e) {
      return { c, name, error: (e as Error).message };
    }
  });
  return { stack, network, results };
}

/**
 * The services of the default network in networks of at most 25 services: with every service in the
 * network's stack (the default placement), more would pass CloudFormation's 500 resources per
 * template, which is an error of its own (test/limits).
 */
const SERVICES_PER_NETWORK = 25;
const NETWORKS = networkCases().flatMap(settings => {
  const cases = serviceCases(settings);
  const parts = Math.ceil(cases.length / SERVICES_PER_NETWORK);
  return Array.from({ length: parts }, (_, i) => ({
    settings,
    cases: cases.slice(i * SERVICES_PER_NETWORK, (i + 1) * SERVICES_PER_NETWORK),
    part: parts > 1 ? ` (part ${i + 1} of ${parts})` : '',
  }));
});

describe('capability pairs', () => {
  const built = NETWORKS.map(n => ({ ...n, ...build(n.settings, n.cases) }));

  test('the matrix covers every pair of settings of two dimensions', () => {
    const covered = new Set(built.flatMap(b => b.results.map(r => r.c.pair)));
    const all = pairsOf([...NETWORK_DIMENSIONS, ...SERVICE_DIMENSIONS]).map(key);
    expect(all.filter(p => !covered.has(p))).toEqual([]);
    expect(Object.keys(EXPECTED_ERRORS).filter(p => !all.includes(p))).toEqual([]);
  });

  test.each(built.map(b => [`${key(b.settings) || 'default network'}${b.part}`, b] as const))('%s', (_name, b) => {
    // the errors are the expected ones, each for its pair
    const errors = Object.fromEntries(b.results.filter(r => r.error).map(r => [r.c.pair, r.error]));
    for (const [pair, message] of Object.entries(errors)) {
      const expected = expectedFor(pair);
      if (!expected) throw new Error(`pair ${pair} failed unexpectedly: ${message}`);
      expect(message).toMatch(expected);
    }
    for (const r of b.results.filter(x => !x.error)) {
      if (expectedFor(r.c.pair)) throw new Error(`pair ${r.c.pair} built, but an error was expected`);
    }
    // the template synthesizes with no error annotation
    const template = Template.fromStack(b.stack);
    expect(Annotations.fromStack(b.stack).findError('*', Match.anyValue()).map(e => e.entry.data)).toEqual([]);
    checkTemplate(template, b);
  });
});

/** The expected error of a case: of its pair, or of a pair that its settings contain. */
function expectedFor(pair: string): RegExp | undefined {
  const parts = pair.split('+');
  return Object.entries(EXPECTED_ERRORS).find(([p]) => p.split('+').every(x => parts.includes(x)))?.[1];
}

/**
 * The project's own checks on what a network of the matrix built: each ingress rule of a task's
 * security group admits a load balancer on a port it forwards to (or health-checks); a service that
 * shifts traffic has an alternate target group for every load balancer; IPv6-only tasks register in
 * IPv6 target groups; with ACLs on, the public tier admits each internet-facing listener.
 */
function checkTemplate(template: Template, b: Built): void {
  const resources = template.toJSON().Resources as { [id: string]: { Type: string; Properties: any } };
  const ref = (construct: any) => b.stack.getLogicalId(construct.node.defaultChild ?? construct);
  const lbGroups = new Set([
    ...b.network.loadBalancers.flatMap(lb => lb.loadBalancer.connections.securityGroups.map(ref)),
    ...b.network.networkLoadBalancers.map(nlb => ref(nlb.securityGroup)),
  ]);
  const targetGroups = Object.fromEntries(Object.entries(resources).filter(([, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::TargetGroup'));
  for (const service of b.network.services) {
    const props = resources[ref(service.service)].Properties;
    const entries: any[] = props.LoadBalancers ?? [];
    const ports = new Set<number>(entries.map(e => e.ContainerPort));
    for (const e of entries) {
      const hc = targetGroups[e.TargetGroupArn.Ref]?.Properties.HealthCheckPort;
      if (hc !== undefined && hc !== 'traffic-port') ports.add(Number(hc));
    }
    const sg = ref(service.securityGroup);
    const ingress = Object.values(resources).filter(r => r.Type === 'AWS::EC2::SecurityGroupIngress' && r.Properties.GroupId['Fn::GetAtt']?.[0] === sg);
    // every service of the matrix is behind a load balancer: its group admits it, through standalone rules
    expect(ingress.length).toBeGreaterThan(0);
    expect(resources[sg].Properties.SecurityGroupIngress ?? []).toEqual([]);
    for (const rule of ingress.map(r => r.Properties)) {
      expect({ service: service.serviceName, source: lbGroups.has(rule.SourceSecurityGroupId?.['Fn::GetAtt']?.[0]), port: ports.has(rule.FromPort) })
        .toEqual({ service: service.serviceName, source: true, port: true });
    }
    if (props.DeploymentConfiguration?.Strategy && props.DeploymentConfiguration.Strategy !== 'ROLLING') {
      expect(entries.every(e => e.AdvancedConfiguration?.AlternateTargetGroupArn !== undefined)).toBe(true);
    }
    if (b.network.ipStack.kind === IpStack.ipv6OnlyTasks().kind) {
      for (const e of entries) expect(targetGroups[e.TargetGroupArn.Ref].Properties.IpAddressType).toBe('ipv6');
    }
  }
  if (b.network.networkAcls.length > 0) {
    // every listener's clients pass the ACL of the load balancer's tier, and of the target's tier when the target sees their addresses
    const admittedBy = (acl: ec2.NetworkAcl) => Object.values(resources)
      .filter(r => r.Type === 'AWS::EC2::NetworkAclEntry' && r.Properties.NetworkAclId.Ref === ref(acl) && !r.Properties.Egress)
      .map(r => `${r.Properties.Protocol}/${r.Properties.PortRange?.From}`);
    const [publicTier, privateTier] = b.network.networkAcls.map(admittedBy);
    for (const nlb of b.network.networkLoadBalancers) {
      for (const l of nlb.listeners) {
        const protocols = l.protocol === elbv2.Protocol.UDP ? [17] : l.protocol === elbv2.Protocol.TCP_UDP ? [6, 17] : [6];
        const alb = b.network.loadBalancers.find(x => l.target === `application load balancer ${x.name}`);
        const targetTier = alb?.access === IngressAccess.PUBLIC ? publicTier : privateTier;
        for (const p of protocols) {
          expect({ listener: `${nlb.name}:${l.port}`, admitted: (nlb.internetFacing ? publicTier : privateTier).includes(`${p}/${l.port}`) })
            .toEqual({ listener: `${nlb.name}:${l.port}`, admitted: true });
          if (l.preservesClientIp) {
            expect({ target: `${l.target}:${l.targetPort}`, admitted: targetTier.includes(`${p}/${l.targetPort}`) })
              .toEqual({ target: `${l.target}:${l.targetPort}`, admitted: true });
          }
        }
      }
    }
  }
}
