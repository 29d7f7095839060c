import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IMAGE, containerOf, logicalId, newNetwork, propsOf } from '../helpers/network';

describe('container hardening', () => {
  test('root filesystem read-only, not privileged, memory set by default', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    const c = containerOf(Template.fromStack(stack), svc);
    expect(c.ReadonlyRootFilesystem).toBe(true);
    expect(c.Privileged).toBe(false);
    expect(c.Memory).toBe(512);
    expect(c.Name).toBe('worker');
    expect(c.Image).toBe('public.ecr.aws/nginx/nginx:stable');
  });

  test('readonlyRootFilesystem false makes the root writable', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, readonlyRootFilesystem: false });
    expect(containerOf(Template.fromStack(stack), svc).ReadonlyRootFilesystem).toBe(false);
  });

  test('command, user and environment are passed to the container', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, command: ['run'], user: '1000', environment: { MODE: 'prod' } });
    const c = containerOf(Template.fromStack(stack), svc);
    expect(c.Command).toEqual(['run']);
    expect(c.User).toBe('1000');
    expect(c.Environment).toEqual([{ Name: 'MODE', Value: 'prod' }]);
  });
});

describe('logging', () => {
  test('awslogs into the service own log group, kept one year by default', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    const t = Template.fromStack(stack);
    const c = containerOf(t, svc);
    expect(c.LogConfiguration.LogDriver).toBe('awslogs');
    expect(c.LogConfiguration.Options['awslogs-group']).toEqual({ Ref: logicalId(svc.logGroup) });
    expect(c.LogConfiguration.Options['awslogs-stream-prefix']).toBe('worker');
    expect(propsOf(t, svc.logGroup).RetentionInDays).toBe(365);
  });

  test('each service has its own log group', () => {
    const { stack, network } = newNetwork();
    const a = network.addService('a', { image: IMAGE });
    const b = network.addService('b', { image: IMAGE });
    const t = Template.fromStack(stack);
    expect(containerOf(t, a).LogConfiguration.Options['awslogs-group']).not.toEqual(containerOf(t, b).LogConfiguration.Options['awslogs-group']);
  });

  test('the service logRetention overrides the default', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, logRetention: logs.RetentionDays.ONE_MONTH });
    expect(propsOf(Template.fromStack(stack), svc.logGroup).RetentionInDays).toBe(30);
  });

  test('the network logRetention is the default of every service', () => {
    const { stack, network } = newNetwork({ logRetention: logs.RetentionDays.TWO_YEARS });
    const svc = network.addService('worker', { image: IMAGE });
    expect(propsOf(Template.fromStack(stack), svc.logGroup).RetentionInDays).toBe(731);
  });
});

describe('writableDirectories', () => {
  test('none by default: no volumes, no mount points', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    const t = Template.fromStack(stack);
    expect(propsOf(t, svc.taskDefinition).Volumes ?? []).toEqual([]);
    expect(containerOf(t, svc).MountPoints ?? []).toEqual([]);
  });

  test('each directory becomes a task volume mounted writable', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, writableDirectories: ['/tmp', '/var/run'] });
    const t = Template.fromStack(stack);
    expect(propsOf(t, svc.taskDefinition).Volumes).toEqual([{ Name: 'writable-0' }, { Name: 'writable-1' }]);
    expect(containerOf(t, svc).MountPoints).toEqual([
      { ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'writable-0' },
      { ContainerPath: '/var/run', ReadOnly: false, SourceVolume: 'writable-1' },
    ]);
    expect(containerOf(t, svc).ReadonlyRootFilesystem).toBe(true);
  });

  test('a relative path is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, writableDirectories: ['tmp'] }))
      .toThrow(/`worker\.writableDirectories` must hold absolute paths below `\/`, got: "tmp"/);
  });

  test('a path listed twice is an error, trailing slashes aside', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, writableDirectories: ['/tmp', '/tmp'] }))
      .toThrow(/`worker\.writableDirectories` must not list a directory twice \(trailing slashes aside\), got: \["\/tmp"\]/);
    expect(() => network.addService('cache', { image: IMAGE, writableDirectories: ['/tmp/', '/var/cache', '/tmp'] })).toThrow(
      '`cache.writableDirectories` must not list a directory twice (trailing slashes aside), got: ["/tmp"]. Remove the duplicates.');
    expect(() => network.addService('root', { image: IMAGE, writableDirectories: ['//'] })).toThrow(
      '`root.writableDirectories` must hold absolute paths below `/`, got: "//". Use paths such as `/tmp`.');
  });
});

describe('roles', () => {
  test('the execution role and the task role are separate roles', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    const td = propsOf(Template.fromStack(stack), svc.taskDefinition);
    expect(td.ExecutionRoleArn).toEqual({ 'Fn::GetAtt': [logicalId(svc.taskDefinition.executionRole!), 'Arn'] });
    expect(td.TaskRoleArn).toEqual({ 'Fn::GetAtt': [logicalId(svc.taskDefinition.taskRole), 'Arn'] });
    expect(td.ExecutionRoleArn).not.toEqual(td.TaskRoleArn);
  });
});
