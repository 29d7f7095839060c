import { Annotations as CoreAnnotations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { containersWithoutUser, containerUserWarning } from '../../src/services/container-user-check';
import { IMAGE, logicalId, newNetwork, propsOf } from '../helpers/network';

const DEFAULT_DROP = ['NET_RAW', 'MKNOD', 'SYS_CHROOT', 'SETFCAP', 'SETPCAP', 'AUDIT_WRITE'];
const ECS_SOURCE_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] };

describe('Linux capabilities', () => {
  const { stack, network } = newNetwork();
  const plain = network.addService('plain', {
    image: IMAGE,
    user: '101',
    sidecars: [{ name: 'agent', image: IMAGE, user: '1000' }, { name: 'pinger', image: IMAGE, user: '1000', keepCapabilities: [ecs.Capability.NET_RAW] }],
  });
  const kept = network.addService('kept', { image: IMAGE, user: '101', keepCapabilities: [ecs.Capability.ALL] });
  const template = Template.fromStack(stack);
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

describe('trust policies', () => {
  const { stack, network } = newNetwork();
  const svc = network.addService('worker', { image: IMAGE, user: '101' });
  const template = Template.fromStack(stack);

  test('the task and execution roles trust ECS tasks of this account and Region only', () => {
    for (const role of [svc.taskDefinition.taskRole, svc.taskDefinition.executionRole!]) {
      expect(propsOf(template, role).AssumeRolePolicyDocument.Statement).toEqual([{
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': ECS_SOURCE_ARN } },
      }]);
    }
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
  test('one warning for the network names every container without `user`', () => {
    const { stack, network } = newNetwork();
    network.addService('a', { image: IMAGE });
    network.addService('b', { image: IMAGE, user: '101', sidecars: [{ name: 'agent', image: IMAGE }] });
    network.addService('c', { image: IMAGE, user: '101' });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('containerUser'));
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
    const set = newNetwork();
    set.network.addService('a', { image: IMAGE, user: '101' });
    Annotations.fromStack(set.stack).hasNoWarning('*', Match.stringLikeRegexp('containerUser'));
    const acknowledged = newNetwork();
    acknowledged.network.addService('a', { image: IMAGE });
    CoreAnnotations.of(acknowledged.network).acknowledgeWarning('ecs-advanced-network:containerUser', 'the images run as non-root users');
    Annotations.fromStack(acknowledged.stack).hasNoWarning('*', Match.stringLikeRegexp('containerUser'));
  });
});
