import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { validMemoryFor } from '../../src/services/fargate-sizes';
import { IMAGE, containerOf, newNetwork, propsOf } from '../helpers/network';

describe('task size', () => {
  test('defaults to 256 CPU units and 512 MiB, the container limited to the same memory', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    const t = Template.fromStack(stack);
    const td = propsOf(t, svc.taskDefinition);
    expect(td.Cpu).toBe('256');
    expect(td.Memory).toBe('512');
    expect(containerOf(t, svc).Memory).toBe(512);
  });

  test('cpu and memoryLimitMiB override the defaults', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, cpu: 1024, memoryLimitMiB: 4096 });
    const t = Template.fromStack(stack);
    const td = propsOf(t, svc.taskDefinition);
    expect(td.Cpu).toBe('1024');
    expect(td.Memory).toBe('4096');
    expect(containerOf(t, svc).Memory).toBe(4096);
  });

  test('a memory size that does not go with the CPU is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, cpu: 256, memoryLimitMiB: 4096 }))
      .toThrow(/`worker\.memoryLimitMiB` is not a Fargate memory size for 256 CPU units, got: 4096\. With `cpu` 256, use 512, 1024, 2048 MiB/);
  });

  test('without memoryLimitMiB, the memory is the smallest size Fargate allows with the CPU', () => {
    const { stack, network } = newNetwork();
    network.addService('worker', { image: IMAGE, cpu: 2048 });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: '2048', Memory: '4096' });
  });

  test('a memory size that does not fit the CPU is an error that names the valid range', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, cpu: 2048, memoryLimitMiB: 512 }))
      .toThrow(/`worker\.memoryLimitMiB` is not a Fargate memory size for 2048 CPU units, got: 512\. With `cpu` 2048, use 4096 to 16384 in steps of 1024 MiB/);
  });

  test('a CPU value Fargate does not offer is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, cpu: 300 }))
      .toThrow(/`worker\.cpu` must be a Fargate CPU value, got: 300\./);
  });

  test('the Fargate size table matches the documented pairs', () => {
    expect(validMemoryFor(256)).toEqual([512, 1024, 2048]);
    expect(validMemoryFor(512)).toEqual([1024, 2048, 3072, 4096]);
    expect(validMemoryFor(4096)![0]).toBe(8192);
    expect(validMemoryFor(4096)!.at(-1)).toBe(30720);
    expect(validMemoryFor(8192)!.slice(0, 2)).toEqual([16384, 20480]);
    expect(validMemoryFor(16384)!.at(-1)).toBe(122880);
    expect(validMemoryFor(300)).toBeUndefined();
  });

  test('runs on X86_64 Linux by default', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    expect(propsOf(Template.fromStack(stack), svc.taskDefinition).RuntimePlatform)
      .toEqual({ CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' });
  });

  test('cpuArchitecture ARM64 sets the runtime platform', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, cpuArchitecture: ecs.CpuArchitecture.ARM64 });
    expect(propsOf(Template.fromStack(stack), svc.taskDefinition).RuntimePlatform)
      .toEqual({ CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' });
  });
});
