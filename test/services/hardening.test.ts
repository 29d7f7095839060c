import { Annotations as CoreAnnotations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { containersWithoutUser, containerUserWarning } from '../../src/services/container-user-check';
import { IMAGE, logicalId, newNetwork, propsOf } from '../helpers/network';

const DEFAULT_DROP = ['NET_RAW', 'MKNOD', 'SYS_CHROOT', 'SETFCAP', 'SETPCAP', 'AUDIT_WRITE'];
const ECS_SOURCE_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] };

// one network for every test that only reads a template: every container sets a user
const { stack, network } = newNetwork();
const plain = network.addService('plain', {
  image: IMAGE,
  user: '101',
  sidecars: [{ name: 'agent', image: IMAGE, user: '1000' }, { name: 'pinger', image: IMAGE, user: '1000', keepCapabilities: [ecs.Capability.NET_RAW] }],
});
const kept = network.addService('kept', { image: IMAGE, user: '101', keepCapabilities: [ecs.Capability.ALL] });
const template = Template.fromStack(stack);

describe('Linux capabilities', () => {
  const containers = (svc: typeof plain) => propsOf(template, svc.taskDefinition).ContainerDefinitions;

  test('every container drops the default set, and nothing is added', () => {
    const [app, agent] = containers(plain);
    expect(app.LinuxParameters).toEqual({ Capabilities: { Drop: DEFAULT_DROP } });
    expect(agent.LinuxParameters).toEqual({ Capabilities: { Drop: DEFAULT_DROP } });
  });

  test('keepCapabilities keeps what it names, and ALL keeps every capability', () => {
    expect(containers(plain)[2].LinuxParameters).toEqual({ Capabilities: { Drop: DEFAULT_DROP.filter(c => c !== 'NET_RAW') } });
    expect(containers(kept)[0].LinuxParameters).toBeUndefined();
  });
});

test('keepCapabilities adds nothing: a capability outside the default drop set is an error', () => {
  const other = newNetwork().network;
  expect(() => other.addService('a', { image: IMAGE, user: '101', keepCapabilities: [ecs.Capability.SYS_ADMIN] })).toThrow(
    '`a.keepCapabilities` keeps only capabilities the container drops by default (NET_RAW, MKNOD, SYS_CHROOT, SETFCAP, SETPCAP, AUDIT_WRITE), ' +
    'or ALL; it adds none, got: ["SYS_ADMIN"]. Remove them');
  expect(() => other.addService('b', { image: IMAGE, user: '101', sidecars: [{ name: 'c', image: IMAGE, keepCapabilities: [ecs.Capability.SYS_PTRACE] }] }))
    .toThrow('`b.sidecars[0].keepCapabilities`');
});

describe('trust policies', () => {
  test('the task role trusts ECS tasks of this account and Region only', () => {
    expect(propsOf(template, plain.taskDefinition.taskRole).AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': ECS_SOURCE_ARN } },
    }]);
  });

  test('the execution role keeps the plain trust AWS documents for it, so the agent can always assume it', () => {
    expect(propsOf(template, plain.taskDefinition.executionRole!).AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
    }]);
  });

  test('the flow log role trusts this account\'s flow logs only', () => {
    const statement = propsOf(template, network.flowLog!.iamRole!).AssumeRolePolicyDocument.Statement[0];
    expect(statement.Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
    expect(statement.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
    expect(JSON.stringify(statement.Condition.ArnLike['aws:SourceArn'])).toContain(':vpc-flow-log/*');
    expect(logicalId(network.flowLog!.iamRole!)).toMatch(/^NetworkFlowLogIAMRole/);
  });
});

describe('containers without a user', () => {
  // the check reads the services only: no monitoring, no flow log to synthesize
  const LIGHT = { monitoring: { enabled: false }, flowLogs: { enabled: false } };

  test('one warning for the network names every container without `user`', () => {
    const warned = newNetwork(LIGHT);
    warned.network.addService('a', { image: IMAGE });
    warned.network.addService('b', { image: IMAGE, user: '101', sidecars: [{ name: 'agent', image: IMAGE }] });
    warned.network.addService('c', { image: IMAGE, user: '101' });
    const warnings = Annotations.fromStack(warned.stack).findWarning('*', Match.stringLikeRegexp('containerUser'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].id).toBe('/Stack/Network/ContainerUserCheck');
    expect(warnings[0].entry.data).toBe(`${containerUserWarning(['a', 'b/agent'])} [ack: ecs-advanced-network:containerUser]`);
  });

  test('the message says how to set the user and how to silence it, and counts beyond 20', () => {
    const names = Array.from({ length: 23 }, (_, i) => `s${i}`);
    const message = containerUserWarning(names);
    expect(message).toMatch(/^23 container\(s\) set no `user` \(s0, .*, s19 and 3 more\): they run as their image's USER/);
    expect(message).toContain('`user: \'1000\'`');
    expect(message).toContain('Annotations.of(network).acknowledgeWarning(\'ecs-advanced-network:containerUser\', \'<reason>\')');
    expect(containersWithoutUser([{ serviceName: 'x', user: '0', sidecars: [] }])).toEqual([]);
  });

  test('no warning when every container sets a user, or when the network acknowledges it', () => {
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('containerUser'));
    const acknowledged = newNetwork(LIGHT);
    acknowledged.network.addService('a', { image: IMAGE });
    CoreAnnotations.of(acknowledged.network).acknowledgeWarning('ecs-advanced-network:containerUser', 'the images run as non-root users');
    Annotations.fromStack(acknowledged.stack).hasNoWarning('*', Match.stringLikeRegexp('containerUser'));
  });
});
