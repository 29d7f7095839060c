import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { EcsAdvancedNetwork, EcsAdvancedNetworkProps, HostCertificates, NetworkService } from '../../src';
import { AWS_LIMITS } from '../../src/limits/aws-limits';
import { securityGroupRuleCounts, templateOverflows } from '../../src/limits/check-limits';
import { stableHash } from '../../src/private/stable-hash';
import { IMAGE, tempAssignmentsFile } from '../helpers/network';

/**
 * A network of `count` routed services, each with a rule of its own; service `catchAll` (if any) takes
 * `/*`. Paths past 24 characters rank as equal, and their names clash now and then: an assignments file
 * resolves that.
 */
function routedNetwork(count: number, props: EcsAdvancedNetworkProps = {}, catchAll?: number) {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const network = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: { accessLogs: false }, assignmentsFile: tempAssignmentsFile(), ...props });
  for (let i = 0; i < count; i++) {
    const pathPatterns = i === catchAll ? ['/*'] : [`/${'x'.repeat(i + 1)}/*`];
    network.addService(`s${i}`, { image: IMAGE, containerPort: 80, routing: { pathPatterns } });
  }
  return { app, stack, network };
}

/** Synthesizes once; the templates of the network stack and of each nested stack, by stack. */
function synthesize(app: App, stack: Stack, network: EcsAdvancedNetwork) {
  const assembly = app.synth();
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(assembly.directory, file), 'utf8'));
  return {
    assembly,
    parent: read(`${stack.artifactId}.template.json`),
    nested: network.serviceStacks.map(s => read(s.templateFile)),
    /** Every nested stack of the network: services, calls across stacks, SNI certificates. */
    allNested: network.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack).map(s => read(s.templateFile)),
  };
}

const resourceCount = (template: any) => Object.keys(template.Resources).length;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The logical ids a resource refers to (Ref, Fn::GetAtt, DependsOn). */
function referencesOf(resource: any): string[] {
  const found = new Set<string>([resource.DependsOn ?? []].flat());
  const walk = (v: any) => {
    if (Array.isArray(v)) {v.forEach(walk);} else if (v && typeof v === 'object') {
      if (typeof v.Ref === 'string') found.add(v.Ref);
      if (Array.isArray(v['Fn::GetAtt'])) found.add(v['Fn::GetAtt'][0]);
      Object.values(v).forEach(walk);
    }
  };
  walk(resource.Properties);
  return [...found];
}

/** Throws when the resources of a template depend on each other in a circle. */
function expectAcyclic(template: any): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done' || !template.Resources[id]) return;
    if (state.get(id) === 'visiting') throw new Error(`cycle: ${[...trail, id].join(' -> ')}`);
    state.set(id, 'visiting');
    referencesOf(template.Resources[id]).forEach(r => visit(r, [...trail, id]));
    state.set(id, 'done');
  };
  Object.keys(template.Resources).forEach(id => visit(id, []));
}

const stackOf = (s: NetworkService) => Stack.of(s);

describe('a network of 100 routed services', () => {
  // built and synthesized once: the `/*` service is declared 51st, and calls and scaling cross the stacks
  const { app, stack, network } = routedNetwork(100, { servicePlacement: { nestedStacks: 4 } }, 50);
  const svc = (i: number) => network.findService(`s${i}`)!;
  const stackNumber = (i: number) => 1 + stableHash(`s${i}`) % 4;
  // calls between services of different nested stacks, both ways, and into the network stack
  const [a, b] = [0, 1, 2, 3, 4, 5].filter(i => stackNumber(i) !== stackNumber(0)).map(i => [0, i])[0];
  svc(a).connectTo(svc(b));
  svc(b).connectTo(svc(a));
  svc(30).connectTo(svc(50)); // into the network stack, where the `/*` service is
  svc(70).autoScale({ maxCapacity: 4, targetRequestsPerTarget: 100 });
  const { assembly, parent, nested } = synthesize(app, stack, network);
  const ecsServices = (t: any) => Object.values(t.Resources).filter((r: any) => r.Type === 'AWS::ECS::Service').length;

  test('synthesizes into the network stack, 4 service stacks and 3 stacks of cross-stack calls, none over 500 resources (monitoring on)', () => {
    expect(network.serviceStacks.map(s => s.node.id)).toEqual(['ServiceStack1', 'ServiceStack2', 'ServiceStack3', 'ServiceStack4']);
    const counts = [parent, ...nested].map(resourceCount);
    expect(Math.max(...counts)).toBeLessThanOrEqual(500);
    expect(Object.keys(parent.Resources).filter(id => parent.Resources[id].Type === 'AWS::CloudFormation::Stack')).toHaveLength(7);
    expect(ecsServices(parent)).toBe(1);
    expect(nested.map(ecsServices)).toEqual([1, 2, 3, 4].map(n => [...Array(100).keys()].filter(i => i !== 50 && stackNumber(i) === n).length));
  });

  test('each service is in the nested stack its name hashes to, the `/*` service in the network stack', () => {
    expect(stackOf(svc(50))).toBe(stack);
    for (const i of [0, 19, 20, 99]) expect(stackOf(svc(i))).toBe(network.serviceStacks[stackNumber(i) - 1]);
    expect(svc(20).node.path).toBe(`Stack/Network/ServiceStack${stackNumber(20)}/s20`);
  });

  test('a nested service gets its listener rule, target group and security group rules in its own stack', () => {
    const t = Template.fromJSON(nested[0]);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', ecsServices(nested[0]));
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', ecsServices(nested[0]));
    // the listener and the load balancer's security group come in as parameters
    const rule = Object.values(t.findResources('AWS::ElasticLoadBalancingV2::ListenerRule'))[0].Properties;
    expect(nested[0].Parameters[rule.ListenerArn.Ref]).toBeDefined();
    const first = [...Array(100).keys()].find(i => i !== 50 && stackNumber(i) === 1)!;
    const fromLb = t.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { Description: `From the load balancer to s${first}` } });
    const ingress = Object.values(fromLb)[0].Properties;
    expect(nested[0].Parameters[ingress.SourceSecurityGroupId.Ref]).toBeDefined();
    // the load balancer's egress goes to the group all routed tasks carry: no egress rule per service
    t.resourceCountIs('AWS::EC2::SecurityGroupEgress', 0);
    const ecsService = Object.values(t.findResources('AWS::ECS::Service'))[0].Properties;
    expect(ecsService.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups).toHaveLength(3);
  });

  test('the load balancer has one egress rule for the one port of all 100 services', () => {
    const albGroup = { 'Fn::GetAtt': [stack.getLogicalId(network.loadBalancer!.connections.securityGroups[0].node.defaultChild as any), 'GroupId'] };
    const egress = Object.values(Template.fromJSON(parent).findResources('AWS::EC2::SecurityGroupEgress', { Properties: { GroupId: albGroup } }))
      .map((r: any) => r.Properties);
    expect(egress).toEqual([expect.objectContaining({
      FromPort: 80,
      ToPort: 80,
      DestinationSecurityGroupId: { 'Fn::GetAtt': [stack.getLogicalId(network.loadBalancerTargets!.node.defaultChild as any), 'GroupId'] },
    })]);
  });

  test('declared calls work across stacks, in every direction', () => {
    const ingressIn = (template: any, description: string) => Object.values(Template.fromJSON(template)
      .findResources('AWS::EC2::SecurityGroupIngress', { Properties: { Description: description } })).map((r: any) => r.Properties);
    // Across stacks every call rule lives in a nested stack of its own, one per callee stack, that reads
    // the groups of both sides as parameters: two service stacks whose services call each other never
    // depend on each other (no cycle), the network stack does not grow with the calls, and a call's
    // rules never move to another template.
    const callsTemplate = (id: string) => JSON.parse(fs.readFileSync(path.join(assembly.directory,
      (network.node.findChild(id) as NestedStack).templateFile), 'utf8'));
    for (const [id, description] of [
      [`CallsToServiceStack${stackNumber(b)}`, `From s${a} to s${b}: declared call`],
      [`CallsToServiceStack${stackNumber(a)}`, `From s${b} to s${a}: declared call`],
      ['CallsToNetworkStack', 'From s30 to s50: declared call'],
    ]) {
      const template = callsTemplate(id);
      const [rule] = ingressIn(template, description);
      expect(rule).toMatchObject({ FromPort: 80, ToPort: 80, IpProtocol: 'tcp' });
      expect(template.Parameters[rule.GroupId.Ref]).toBeDefined();
      expect(template.Parameters[rule.SourceSecurityGroupId.Ref]).toBeDefined();
      expectAcyclic(template);
    }
    // and none of them in the network stack or a service stack
    [parent, ...nested].forEach(n => expect(ingressIn(n, `From s${a} to s${b}: declared call`)).toEqual([]));
  });

  test('the listener default action forwards to the `/*` service in the network stack', () => {
    const listener = Object.values(Template.fromJSON(parent).findResources('AWS::ElasticLoadBalancingV2::Listener'))[0].Properties;
    expect(listener.DefaultActions[0].TargetGroupArn).toEqual({ Ref: stack.getLogicalId(svc(50).targetGroup!.node.defaultChild as any) });
  });

  test('every template is within every CloudFormation limit, every security group within the default rule quota', () => {
    // every stack the network writes: services, calls across stacks
    const files = [stack.templateFile, ...network.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack).map(s => s.templateFile)];
    expect(files).toHaveLength(8);
    for (const file of files) {
      const text = fs.readFileSync(path.join(assembly.directory, file), 'utf-8');
      expect({ file, overflows: templateOverflows(file, JSON.parse(text), Buffer.byteLength(text)) }).toEqual({ file, overflows: [] });
    }
    for (const counts of securityGroupRuleCounts([network])) {
      expect(Math.max(counts.ingress, counts.egress)).toBeLessThanOrEqual(AWS_LIMITS.securityGroupRulesPerDirection.value);
    }
    expect(network.services.filter(s => s.targetGroup)).toHaveLength(100);
  });

  test('no circular dependency in any template; no quota warning or error at 100 routed services', () => {
    [parent, ...nested].forEach(expectAcyclic);
    const messages = assembly.getStackByName(stack.stackName).messages.filter(m => m.level !== 'info')
      // the one reminder to set `user` (test/services/hardening.test.ts): the services use an image that runs as root
      .filter(m => !String(m.entry.data).includes('ecs-advanced-network:containerUser'));
    expect(messages.map(m => m.entry.data)).toEqual([]);
  });
});

describe('a network of 300 routed services, one host each, with a hosted zone (monitoring on)', () => {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
  const network = new EcsAdvancedNetwork(stack, 'Network', {
    // shared certificates: 90 new hosts per load balancer (a certificate per host fills one at 25)
    loadBalancer: { hostedZone: zone, hostCertificates: HostCertificates.SHARED },
    assignmentsFile: tempAssignmentsFile(),
    servicePlacement: { nestedStacks: 12 },
  });
  for (let i = 0; i < 300; i++) {
    network.addService(`s${i}`, { image: IMAGE, containerPort: 80, routing: { hostHeaders: [`s${i}.example.com`] } });
  }
  const { assembly, parent, allNested } = synthesize(app, stack, network);
  const templates = [parent, ...allNested];

  test('spreads the routes over 4 internet-facing load balancers, 90 new hosts each at most', () => {
    expect(network.loadBalancers.map(lb => [lb.name, lb.routeCount])).toEqual([['public', 90], ['public-2', 90], ['public-3', 90], ['public-4', 30]]);
    // one record per host, to the load balancer that serves it: the first load balancer's beside it, the others' in a stack each
    expect(sum(templates.map(t => Object.values(t.Resources).filter((r: any) => r.Type === 'AWS::Route53::RecordSet').length))).toBe(300);
    expect(Object.values(parent.Resources).filter((r: any) => r.Type === 'AWS::Route53::RecordSet')).toHaveLength(90);
    // per load balancer, at most 20 certificates of at most 10 names, each host's chosen by its name
    expect(network.loadBalancers.every(lb => lb.certificates.length <= 20)).toBe(true);
    const certificates = templates.flatMap(t => Object.values(t.Resources).filter((r: any) => r.Type === 'AWS::CertificateManager::Certificate')) as any[];
    expect(Math.max(...certificates.map(c => 1 + (c.Properties.SubjectAlternativeNames?.length ?? 0)))).toBeLessThanOrEqual(10);
    // the listeners' default certificates with the load balancers, the others in a nested stack per load balancer
    expect(Object.values(parent.Resources).filter((r: any) => r.Type === 'AWS::CertificateManager::Certificate')).toHaveLength(4);
    // so that the network's stack keeps room for more load balancers: each takes about 10 resources there
    expect(resourceCount(parent)).toBeLessThanOrEqual(450);
    expect(certificates.every(c => [c.Properties.DomainName, ...(c.Properties.SubjectAlternativeNames ?? [])].every((n: string) => !n.includes('*')))).toBe(true);
  });

  test('every template is within every CloudFormation limit, and synthesis warns of nothing', () => {
    for (const t of templates) {
      expect(resourceCount(t)).toBeLessThanOrEqual(500);
      expect(Object.keys(t.Parameters ?? {}).length).toBeLessThanOrEqual(200);
      expect(Object.keys(t.Outputs ?? {}).length).toBeLessThanOrEqual(200);
      expect(JSON.stringify(t).length).toBeLessThan(1_000_000);
      expectAcyclic(t);
    }
    const messages = assembly.getStackByName(stack.stackName).messages.filter(m => m.level !== 'info')
      // the one reminder to set `user` (test/services/hardening.test.ts): the services use an image that runs as root
      .filter(m => !String(m.entry.data).includes('ecs-advanced-network:containerUser'));
    expect(messages.map(m => m.entry.data)).toEqual([]);
  });

  test('each load balancer has its own 5xx alarm, and the report lists them with their hosts', () => {
    expect(Object.keys(network.monitoring!.loadBalancer5xxAlarms)).toEqual(['public-2', 'public-3', 'public-4']);
    const report = network.report();
    expect(report.loadBalancers.map(lb => lb.hosts.length)).toEqual([90, 90, 90, 30]);
    expect(report.cost.lines.find(l => l.item.startsWith('load balancer hours'))!.quantity).toBe('4 x 730 h x $0.0225');
  });
});

describe('growth', () => {
  test('resources per added service: 10, plus per nested stack the stack and its logs key (monitoring off, like the baseline)', () => {
    const build = (count: number, nestedStacks = 0) => {
      const { app, stack, network } = routedNetwork(count, { monitoring: { enabled: false }, servicePlacement: { nestedStacks } });
      return [synthesize(app, stack, network)].map(t => [t.parent, ...t.nested].map(resourceCount))[0];
    };
    const [none, one, hundred] = [build(0), build(1), build(100, 4)];
    // 10 of the service, and the load balancer's one egress rule for the services' port
    expect(one).toEqual([none[0] + 10 + 1]);
    // 4 nested stack resources and the egress rule in the network stack; the services and the key of their log groups in each nested stack
    expect(hundred[0]).toBe(none[0] + 1 + 4);
    expect(sum(hundred.slice(1))).toBe(100 * 10 + 4);
    const perAddedService = (sum(hundred) - sum(one)) / 99;
    // the hand-wired aws-cdk-lib baseline (scripts/bench.ts) takes 11 per service, in one stack that fails at ~42 services
    expect(perAddedService).toBeCloseTo((99 * 10 + 4 * 2) / 99, 6);
  });

  test('adding services never moves existing ones', () => {
    const placeOf = (n: NetworkService) => `${n.node.path} ${Stack.of(n).getLogicalId(n.service.node.defaultChild as any)}`;
    const before = routedNetwork(45, { monitoring: { enabled: false }, servicePlacement: { nestedStacks: 3 } }).network.services.map(placeOf);
    const after = routedNetwork(70, { monitoring: { enabled: false }, servicePlacement: { nestedStacks: 3 } }).network.services.map(placeOf);
    expect(after.slice(0, 45)).toEqual(before);
  });
});

describe('placement options', () => {
  const numberOf = (network: EcsAdvancedNetwork, s: NetworkService) => network.serviceStacks.indexOf(Stack.of(s) as NestedStack) + 1;

  test('`nestedStacks` spreads the services by their names: the same stack in any order and next to any other services', () => {
    const forward = routedNetwork(12, { servicePlacement: { nestedStacks: 3 } }).network;
    const places = Object.fromEntries(forward.services.map(s => [s.serviceName, Stack.of(s).node.id]));
    expect(new Set(Object.values(places))).toEqual(new Set(['ServiceStack1', 'ServiceStack2', 'ServiceStack3']));
    const app = new App();
    const other = new EcsAdvancedNetwork(new Stack(app, 'Stack'), 'Network', { loadBalancer: { accessLogs: false }, servicePlacement: { nestedStacks: 3 } });
    for (const i of [11, 3, 7]) other.addService(`s${i}`, { image: IMAGE, containerPort: 80, routing: { pathPatterns: [`/${'x'.repeat(i + 1)}/*`] } });
    expect(other.services.map(s => Stack.of(s).node.id)).toEqual([places.s11, places.s3, places.s7]);
    expect(numberOf(forward, forward.findService('s5')!)).toBe(1 + stableHash('s5') % 3);
  });

  test('without `nestedStacks` every service is in the network\'s stack', () => {
    const { network, stack } = routedNetwork(3);
    expect(network.services.map(s => Stack.of(s) === stack)).toEqual([true, true, true]);
    expect(network.serviceStacks).toEqual([]);
  });

  test('the `/*` service stays in the network\'s stack, beside the listener whose default action names it', () => {
    const { network, stack } = routedNetwork(3, { servicePlacement: { nestedStacks: 2 } }, 1);
    expect(network.services.map(s => Stack.of(s) === stack)).toEqual([false, true, false]);
  });

  test('a service\'s `nestedStack` names its stack, also above `nestedStacks` (for when they are full), or 0 for the network\'s stack', () => {
    const { network, stack } = routedNetwork(0, { servicePlacement: { nestedStacks: 2 } });
    const pinned = network.addService('pinned', { image: IMAGE, nestedStack: 5 });
    const home = network.addService('home', { image: IMAGE, nestedStack: 0 });
    expect(Stack.of(pinned).node.id).toBe('ServiceStack5');
    expect(Stack.of(home)).toBe(stack);
    expect(() => network.addService('bad', { image: IMAGE, nestedStack: 201 })).toThrow('`bad.nestedStack` must be an integer from 0 to 200, got: 201.');
  });

  test('a service that fails validation leaves no empty nested stack behind', () => {
    const { network } = routedNetwork(0, { servicePlacement: { nestedStacks: 1 } });
    expect(() => network.addService('bad', { image: IMAGE, cpu: 3 })).toThrow(/cpu/);
    expect(network.serviceStacks).toEqual([]);
    expect(network.node.tryFindChild('ServiceStack1')).toBeUndefined();
    expect(network.node.tryFindChild('ServiceStack1.NestedStack')).toBeUndefined();
    network.addService('good', { image: IMAGE });
    expect(network.serviceStacks.map(s => s.node.id)).toEqual(['ServiceStack1']);
  });

  test.each([
    [{ nestedStacks: -1 }, '`servicePlacement.nestedStacks` must be an integer from 0 to 200, got: -1.'],
    [{ nestedStacks: 2.5 }, '`servicePlacement.nestedStacks` must be an integer from 0 to 200, got: 2.5.'],
  ])('%j is rejected', (servicePlacement, message) => {
    expect(() => new EcsAdvancedNetwork(new Stack(), 'Network', { servicePlacement })).toThrow(message);
  });
});
