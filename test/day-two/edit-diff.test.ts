import * as fs from 'fs';
import * as zlib from 'zlib';
import type { EditModel, ModelResource } from './edit-diff';
import { diffEdit, expectDeploys, expectOnlyEdited, expectUntouched, headline, stableJson, synthesizeEdit } from './edit-diff';
import { buildNetwork } from './scenarios';
import { UPDATE_RULES } from './update-rules';
import { ServiceDeployment } from '../../src';
import { stableHash } from '../../src/private/stable-hash';

// The harness itself: the model a network synthesizes, and the diff and collision rules on small
// hand-made models whose outcome CloudFormation's documented behaviour fixes.

describe('the model of an app', () => {
  // 12 host-routed services in 2 nested stacks by name, svc-1 pinned to the network's stack; the hosts
  // past the first certificate in a nested stack of SNI certificates; a declared call across stacks
  // (its own nested stack); one blue/green service
  const specs = Array.from({ length: 12 }, (_, i) => ({ name: `svc-${i}`, route: `svc-${i}`, blueGreen: i === 8 ? true : undefined }));
  const build = () => {
    const network = buildNetwork('host', specs, { props: { servicePlacement: { nestedStacks: 2 } }, nestedStack: { 'svc-1': 0 } });
    network.findService('svc-1')!.connectTo(network.findService('svc-7')!);
    return network;
  };
  const tree = synthesizeEdit(build);

  test('reading the construct tree gives what synthesis writes, references followed through nested-stack parameters and outputs', () => {
    const assembly = synthesizeEdit(build, { mode: 'assembly' });
    expect([...tree.resources.keys()].sort()).toEqual([...assembly.resources.keys()].sort());
    const differing = [...tree.resources.values()]
      .filter(r => stableJson(r) !== stableJson(assembly.resources.get(r.key)))
      .map(r => r.key);
    expect(differing).toEqual([]);
    // and the diff of the two is empty
    expectOnlyEdited(diffEdit(tree, assembly));
  });

  test('a reference across stacks names the producer: a nested rule refers to the listener of the network stack', () => {
    const rule = [...tree.resources.values()].find(r => r.owner === 'svc-7' && r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule')!;
    expect(rule.stack).toMatch(/^Stack\/NetworkServiceStack[12]NestedStack/);
    const listener = tree.resources.get((rule.properties.ListenerArn as any).Ref)!;
    expect(listener).toMatchObject({ stack: 'Stack', type: 'AWS::ElasticLoadBalancingV2::Listener' });
  });

  test('a service owns what its construct holds; the network owns the rest; shared resources serve the services they name', () => {
    const owned = [...tree.resources.values()].filter(r => r.owner === 'svc-1');
    expect(new Set(owned.map(r => r.type))).toEqual(new Set([
      'AWS::ECS::TaskDefinition', 'AWS::ECS::Service', 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::Logs::LogGroup', 'AWS::EC2::SecurityGroup',
      'AWS::EC2::SecurityGroupIngress', 'AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::ElasticLoadBalancingV2::ListenerRule',
    ]));
    expect(owned.every(r => r.path.startsWith('Stack/Network/svc-1/'))).toBe(true);
    const byType = (type: string) => [...tree.resources.values()].filter(r => r.type === type);
    expect(byType('AWS::EC2::VPC').map(r => [r.owner, r.concerns])).toEqual([[undefined, []]]);
    // a host's record belongs to the host (the network), and serves the service that routes it
    const record = byType('AWS::Route53::RecordSet').find(r => r.properties.Name === 'svc-1.example.com.')!;
    expect([record.owner, record.concerns]).toEqual([undefined, ['svc-1']]);
    // a certificate serves the services whose hosts it names, its listener certificate too
    const cert = byType('AWS::CertificateManager::Certificate').find(r => r.concerns.includes('svc-11'))!;
    expect(cert.owner).toBeUndefined();
    const listenerCert = byType('AWS::ElasticLoadBalancingV2::ListenerCertificate').find(r => (r.properties.Certificates as any)[0].CertificateArn.Ref === cert.key)!;
    expect(listenerCert.concerns).toEqual(cert.concerns);
    // a nested stack serves the services it holds
    const nested = byType('AWS::CloudFormation::Stack').find(r => r.path.includes('ServiceStack1'))!;
    expect(nested.concerns).toEqual(specs.map(x => x.name).filter(n => n !== 'svc-1' && 1 + stableHash(n) % 2 === 1).sort());
    expect(tree.hosts.get('svc-3')).toEqual(['svc-3.example.com']);
  });
});

test('the update rules agree with the registry schemas that @aws-cdk/aws-service-spec ships (createOnlyProperties)', () => {
  let dbPath: string;
  try {
    dbPath = require.resolve('@aws-cdk/aws-service-spec/db.json.gz');
  } catch {
    return; // not installed (it comes with integ-runner): nothing to compare with
  }
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(dbPath)).toString());
  const entities: any[] = Object.values(db.schema.resource.entities);
  for (const [type, rules] of Object.entries(UPDATE_RULES)) {
    const spec = entities.find(e => e.cloudFormationType === type);
    const replacing = Object.entries<any>(spec.properties).filter(([, p]) => p.causesReplacement === 'yes').map(([name]) => name).sort();
    expect({ type, replacement: [...rules.replacement].sort() }).toEqual({ type, replacement: replacing });
    expect(rules.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/TemplateReference\/aws-resource-[a-z0-9-]+\.html$/);
  }
});

// ---------------------------------------------------------------------------------------------------
// Hand-made models
// ---------------------------------------------------------------------------------------------------

interface Res {
  readonly id: string;
  readonly type: string;
  readonly props?: Record<string, unknown>;
  readonly owner?: string;
  readonly stack?: string;
  readonly concerns?: string[];
}

function model(resources: Res[]): EditModel {
  const map = new Map<string, ModelResource>();
  for (const r of resources) {
    const stack = r.stack ?? 'Stack';
    const key = `${stack}|${r.id}`;
    map.set(key, {
      key,
      stack,
      logicalId: r.id,
      type: r.type,
      properties: r.props ?? {},
      path: `Stack/Network/${r.owner ? `${r.owner}/` : ''}${r.id}`,
      owner: r.owner,
      concerns: r.concerns ?? (r.owner ? [r.owner] : []),
    });
  }
  const services = [...new Set(resources.map(r => r.owner).filter((o): o is string => o !== undefined))];
  return { resources: map, services, hosts: new Map(), servicePaths: new Map(services.map(s => [s, `Stack/Network/${s}`])) };
}

const ref = (id: string, stack = 'Stack') => ({ Ref: `${stack}|${id}` });
const LISTENER = { id: 'Listener', type: 'AWS::ElasticLoadBalancingV2::Listener', props: { LoadBalancerArn: ref('Lb') } };
const LISTENER_2 = { id: 'Listener2', type: 'AWS::ElasticLoadBalancingV2::Listener', props: { LoadBalancerArn: ref('Lb2') } };
const rule = (owner: string, priority: number, listener = 'Listener', tg = `${owner}Tg`): Res => ({
  id: `${owner}Rule`,
  type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
  owner,
  props: { ListenerArn: ref(listener), Priority: priority, Actions: [{ Type: 'forward', TargetGroupArn: ref(tg) }] },
});
const tg = (owner: string, port = 80): Res => ({ id: `${owner}Tg`, type: 'AWS::ElasticLoadBalancingV2::TargetGroup', owner, props: { Port: port } });

describe('the deploy-time collision check', () => {
  test('a removed rule keeps its priority until cleanup: the rule that shifts onto it fails ("Priority ... is currently in use")', () => {
    const before = model([LISTENER, rule('a', 1000), rule('b', 1001), tg('a'), tg('b')]);
    const after = model([LISTENER, rule('b', 1000), tg('b')]);
    const diff = diffEdit(before, after);
    expect(diff.collisions.map(c => [c.kind, c.claimedBy.owner, c.claim, c.heldBy.owner, c.release])).toEqual([
      ['listener rule priority', 'b', 'updated', 'a', 'cleanup'],
    ]);
    expect(() => expectDeploys(diff, ['a'])).toThrow(/collision on listener rule priority Listener priority 1000: b's ListenerRule Stack\|bRule \(updated\) claims it while a's ListenerRule Stack\|aRule holds it until cleanup/);
    expect(headline(diff, ['a'])).toBe('listener rule priority collision x1; 1 priorities shift (e.g. b 1001 -> 1000)');
  });

  test('two rules that swap priorities wait on each other', () => {
    const diff = diffEdit(model([LISTENER, rule('a', 1000), rule('b', 1001)]), model([LISTENER, rule('a', 1001), rule('b', 1000)]));
    expect(diff.collisions.map(c => c.release)).toEqual(['its own update (order not guaranteed)', 'its own update (order not guaranteed)']);
  });

  test('a rule on another listener, a rule that keeps its priority, and a new priority collide with nothing', () => {
    const before = model([LISTENER, LISTENER_2, rule('a', 1000), rule('b', 1001)]);
    const after = model([LISTENER, LISTENER_2, rule('b', 1001), rule('c', 1000, 'Listener2'), rule('d', 1002)]);
    expect(diffEdit(before, after).collisions).toEqual([]);
  });

  test('a replaced resource claims its unique keys before its old copy gives them up: an ECS service with Service Connect', () => {
    const service = (controller?: string): Res => ({
      id: 'aService',
      type: 'AWS::ECS::Service',
      owner: 'a',
      props: {
        Cluster: ref('Cluster'),
        DeploymentController: controller ? { Type: controller } : undefined,
        ServiceConnectConfiguration: { Enabled: true, Namespace: 'ns', Services: [{ PortName: 'a', DiscoveryName: 'a', ClientAliases: [{ Port: 80, DnsName: 'a' }] }] },
      },
    });
    const diff = diffEdit(model([service('ECS')]), model([service()]));
    expect(diff.changes.get('Stack|aService')!.kind).toBe('replaced');
    expect(diff.collisions.map(c => [c.kind, c.key, c.claim, c.release])).toEqual([
      ['Service Connect discovery name', 'ns a', 'replaced', 'cleanup'],
      ['Service Connect client alias', 'ns a:80', 'replaced', 'cleanup'],
    ]);
  });

  test('a resource moved to another stack is a new resource: its record, alarm name and discovery name collide with the old one', () => {
    const resources = (stack: string): Res[] => [
      { id: 'aRecord', stack, owner: 'a', type: 'AWS::Route53::RecordSet', props: { HostedZoneId: ref('Zone'), Name: 'a.example.com.', Type: 'A' } },
      { id: 'aAlarm', stack, owner: 'a', type: 'AWS::CloudWatch::Alarm', props: { AlarmName: 'Stack-Network-a-Target5xx' } },
    ];
    const diff = diffEdit(model(resources('Stack')), model(resources('Stack/Nested')));
    expect(diff.collisions.map(c => [c.kind, c.claim, c.release])).toEqual([
      ['record', 'added', 'cleanup'],
      ['alarm name', 'added', 'cleanup'],
    ]);
    expect(() => expectUntouched(diff, ['a'])).toThrow('a: moved from stack Stack to Stack/Nested: 2 resource(s) deleted and created again (RecordSet, Alarm)');
  });

  test('a security group rule moved to another stack duplicates the old one while it exists; a listener port too', () => {
    const resources = (stack: string): Res[] => [
      { id: 'Call', stack, type: 'AWS::EC2::SecurityGroupIngress', props: { GroupId: { 'Fn::GetAtt': ['Stack|bGroup', 'GroupId'] }, IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupId: { 'Fn::GetAtt': ['Stack|aGroup', 'GroupId'] } } },
      { id: 'Tcp', stack, type: 'AWS::ElasticLoadBalancingV2::Listener', props: { LoadBalancerArn: ref('Nlb'), Port: 1883, Protocol: 'TCP' } },
    ];
    expect(diffEdit(model(resources('Stack/Calls1')), model(resources('Stack/Calls2'))).collisions.map(c => [c.kind, c.key])).toEqual([
      ['security group rule', 'Stack|bGroup.GroupId from Stack|aGroup.GroupId tcp 80-80'],
      ['listener port', 'Stack|Nlb port 1883'],
    ]);
  });

  test('a target group sits behind one load balancer: a rule on another one fails while the old rule exists', () => {
    const before = model([LISTENER, LISTENER_2, rule('a', 1000, 'Listener'), tg('a')]);
    const after = model([LISTENER, LISTENER_2, rule('a', 1000, 'Listener2'), tg('a')]);
    const diff = diffEdit(before, after);
    // ListenerArn requires replacement: the new rule forwards to the target group before the old one is deleted
    expect(diff.changes.get('Stack|aRule')!.kind).toBe('replaced');
    expect(diff.collisions.map(c => [c.kind, c.claim, c.release])).toEqual([['target group on one load balancer', 'replaced', 'cleanup']]);
  });

  test('a property that refers to a replaced resource changes with it, and replaces its resource when the rule says so', () => {
    const before = model([LISTENER, rule('a', 1000), tg('a', 80),
      { id: 'aIngress', type: 'AWS::EC2::SecurityGroupIngress', owner: 'a', props: { GroupId: ref('aTg'), FromPort: 80 } }]);
    const after = model([LISTENER, rule('a', 1000), tg('a', 8080),
      { id: 'aIngress', type: 'AWS::EC2::SecurityGroupIngress', owner: 'a', props: { GroupId: ref('aTg'), FromPort: 80 } }]);
    const diff = diffEdit(before, after);
    expect(diff.changes.get('Stack|aTg')!.kind).toBe('replaced');
    expect(diff.changes.get('Stack|aRule')!).toMatchObject({ kind: 'updated', changes: [{ property: 'Actions', requires: 'No interruption', becauseReplaced: 'Stack|aTg' }] });
    expect(diff.changes.get('Stack|aIngress')!).toMatchObject({ kind: 'replaced', changes: [{ property: 'GroupId', requires: 'Replacement' }] });
    // the rule is on the new target group's listener as before: no collision for a priority it keeps
    expect(diff.collisions).toEqual([]);
  });

  test('a certificate re-issued because an edit added or dropped a host touches the untouched services whose hosts it names', () => {
    const cert = (names: string[], concerns: string[]): Res => ({
      id: 'Cert', type: 'AWS::CertificateManager::Certificate', concerns, props: { DomainName: 'example.com', SubjectAlternativeNames: names },
    });
    const dashboard = (body: string): Res => ({ id: 'Dashboard', type: 'AWS::CloudWatch::Dashboard', concerns: ['a', 'b'], props: { DashboardBody: body } });
    const before = model([tg('a'), tg('b'), cert(['a.example.com', 'b.example.com'], ['a', 'b']), dashboard('a b')]);
    const added = diffEdit(before, model([tg('a'), tg('b'), tg('c'), cert(['a.example.com', 'b.example.com', 'c.example.com'], ['a', 'b', 'c']), dashboard('a b c')]));
    expect(() => expectDeploys(added, ['c'])).toThrow(/a: CertificateManager::Certificate Stack\|Cert replaced: SubjectAlternativeNames/);
    expect(headline(added, ['c'])).toBe('certificates of 2 untouched hosts re-issued');
    // a certificate of its own per host: adding one touches no other
    const own = (h: string): Res => ({ id: `Cert${h}`, type: 'AWS::CertificateManager::Certificate', concerns: [h], props: { DomainName: `${h}.example.com` } });
    expectDeploys(diffEdit(model([tg('a'), tg('b'), own('a'), own('b')]), model([tg('a'), tg('b'), tg('c'), own('a'), own('b'), own('c')])), ['c']);
    const dropped = diffEdit(before, model([tg('a'), tg('b'), cert(['b.example.com'], ['b']), dashboard('a b')]));
    expect(() => expectDeploys(dropped)).toThrow(/a: CertificateManager::Certificate Stack\|Cert replaced: SubjectAlternativeNames/);
  });

  test('unknown types and properties are reported as such, never as in place', () => {
    const diff = diffEdit(model([{ id: 'X', type: 'AWS::Foo::Bar', owner: 'a', props: { A: 1 } }]), model([{ id: 'X', type: 'AWS::Foo::Bar', owner: 'a', props: { A: 2 } }]));
    expect(diff.changes.get('Stack|X')!.changes).toEqual([{ property: 'A', before: 1, after: 2, requires: 'unknown' }]);
  });
});

test('a blue/green service in a real network: the strategy of the deployments capability is in the model', () => {
  // guards the scenarios: a spec's `blueGreen` reaches the ECS service
  const m = synthesizeEdit(() => buildNetwork('path', [{ name: 'a', route: 'a', blueGreen: true }]));
  const service = [...m.resources.values()].find(r => r.type === 'AWS::ECS::Service')!;
  expect((service.properties.DeploymentConfiguration as any).Strategy).toBe('BLUE_GREEN');
  expect(ServiceDeployment.blueGreen().strategy).toBe('BLUE_GREEN');
});
