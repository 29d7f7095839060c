import { Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Capacity, Egress } from '../../src';
import { IMAGE, allProps, logicalId, newNetwork, propsOf, serviceProps } from '../helpers/network';

describe('capacity', () => {
  test('Fargate on demand by default: the FARGATE launch type and the latest platform', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', { image: IMAGE });
    const p = serviceProps(Template.fromStack(stack), svc);
    expect(p.LaunchType).toBe('FARGATE');
    expect(p.CapacityProviderStrategy).toBeUndefined();
    expect(p.PlatformVersion).toBe('LATEST');
    expect(svc.capacity.kind).toBe('fargate');
  });

  test('Capacity.fargateSpot() runs every task on Fargate Spot, like spot: true', () => {
    const { stack, network } = newNetwork();
    const a = network.addService('a', { image: IMAGE, capacity: Capacity.fargateSpot() });
    const b = network.addService('b', { image: IMAGE, spot: true });
    const t = Template.fromStack(stack);
    expect(serviceProps(t, a).CapacityProviderStrategy).toEqual([{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }]);
    expect(serviceProps(t, b).CapacityProviderStrategy).toEqual(serviceProps(t, a).CapacityProviderStrategy);
    expect(a.spot).toBe(true);
  });

  test('Capacity.fargateMix() keeps one task on demand and splits the rest evenly by default', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', { image: IMAGE, capacity: Capacity.fargateMix() });
    expect(serviceProps(Template.fromStack(stack), svc).CapacityProviderStrategy).toEqual([
      { CapacityProvider: 'FARGATE', Base: 1, Weight: 1 },
      { CapacityProvider: 'FARGATE_SPOT', Weight: 1 },
    ]);
  });

  test('Capacity.fargateMix() takes a base and weights, and the estimate prices the Spot share', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', { image: IMAGE, desiredCount: 4, capacity: Capacity.fargateMix({ onDemandBase: 2, onDemandWeight: 1, spotWeight: 3 }) });
    expect(serviceProps(Template.fromStack(stack), svc).CapacityProviderStrategy).toEqual([
      { CapacityProvider: 'FARGATE', Base: 2, Weight: 1 },
      { CapacityProvider: 'FARGATE_SPOT', Weight: 3 },
    ]);
    const line = network.report().cost.lines.find(l => l.item.startsWith('service api'))!;
    // 2 base tasks on demand, then 2 x 3/4 on Spot: 37.5 % of the tasks
    expect(line.item).toBe('service api (0.25 vCPU, 0.5 GB, x86, 38% of tasks on Spot)');
  });

  test('weights that are both 0 are an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, capacity: Capacity.fargateMix({ onDemandWeight: 0, spotWeight: 0 }) }))
      .toThrow('`api.capacity` needs a weight above 0 (ECS places no task above the base otherwise), got: "onDemandWeight 0, spotWeight 0".');
    expect(() => network.addService('web', { image: IMAGE, capacity: Capacity.fargateMix({ onDemandBase: -1 }) }))
      .toThrow('`web.capacity.onDemandBase` must be an integer from 0 to 100000, got: -1.');
  });

  test('spot together with capacity is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, spot: true, capacity: Capacity.fargateMix() }))
      .toThrow('`api.spot` must not be given with `capacity`, got: true. Remove `spot`, and choose `Capacity.fargateSpot()` or `Capacity.fargateMix()`.');
  });

  test('a capacity that is not made by a factory is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, capacity: 'FARGATE' as any }))
      .toThrow('`api.capacity` must be made by a factory of `Capacity`, got: "FARGATE". Use for example `Capacity.fargateSpot()`.');
  });
});

describe('ECS Managed Instances', () => {
  test('a capacity provider of the service, a Managed Instances task definition in awsvpc mode, no Fargate platform', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('gpu', { image: IMAGE, containerPort: 8080, cpu: 1024, memoryLimitMiB: 3072, capacity: Capacity.managedInstances() });
    const t = Template.fromStack(stack);
    const td = propsOf(t, svc.taskDefinition);
    expect(td.RequiresCompatibilities).toEqual(['MANAGED_INSTANCES']);
    expect(td.NetworkMode).toBe('awsvpc');
    expect(td).toMatchObject({ Cpu: '1024', Memory: '3072' });
    const p = serviceProps(t, svc);
    expect(p.PlatformVersion).toBeUndefined();
    expect(p.CapacityProviderStrategy).toEqual([{ CapacityProvider: { Ref: logicalId(svc.capacityProvider!) }, Weight: 1 }]);
    // the tasks keep their own interface and groups, as on Fargate
    expect(p.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
    const cp = propsOf(t, svc.capacityProvider!).ManagedInstancesProvider;
    expect(cp.InstanceLaunchTemplate.CapacityOptionType).toBe('ON_DEMAND');
    // a Managed Instances provider belongs to its cluster from creation (no association resource)
    expect(propsOf(t, svc.capacityProvider!).ClusterName).toEqual({ Ref: logicalId(network.cluster) });
  });

  test('a Managed Instances service in a nested stack keeps its provider there, bound to the network\'s cluster', () => {
    const { stack, network } = newNetwork({ servicePlacement: { nestedStacks: 1 } });
    const svc = network.addService('gpu', { image: IMAGE, capacity: Capacity.managedInstances() });
    expect(Stack.of(svc.capacityProvider!)).toBe(network.serviceStacks[0]);
    const nested = Template.fromStack(network.serviceStacks[0]);
    nested.resourceCountIs('AWS::ECS::CapacityProvider', 1);
    Template.fromStack(stack).resourceCountIs('AWS::ECS::CapacityProvider', 0);
  });

  test('the instances admit nothing, send HTTPS only, and carry the endpoint clients group', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('gpu', { image: IMAGE, capacity: Capacity.managedInstances() });
    const t = Template.fromStack(stack);
    const groups = propsOf(t, svc.capacityProvider!).ManagedInstancesProvider.InstanceLaunchTemplate.NetworkConfiguration.SecurityGroups;
    expect(JSON.stringify(groups)).toContain(logicalId(network.endpoints.clients));
    const sg = allProps(t, 'AWS::EC2::SecurityGroup').find(g => g.GroupDescription.startsWith('Managed Instances of gpu'))!;
    expect(sg.SecurityGroupIngress).toBeUndefined();
    expect(sg.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' })]);
  });

  test('without NAT the ECS agent endpoints are created, as the Fargate endpoints are', () => {
    const { network } = newNetwork({ egress: Egress.endpointsOnly() });
    network.addService('gpu', { image: ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1'), capacity: Capacity.managedInstances() });
    expect(Object.keys(network.endpoints.endpoints)).toEqual(expect.arrayContaining(['ecs', 'ecs-agent', 'ecs-telemetry']));
  });

  test('options override the defaults: Spot, instance requirements, task storage', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('gpu', {
      image: IMAGE,
      cpuArchitecture: ecs.CpuArchitecture.ARM64,
      capacity: Capacity.managedInstances({
        spot: true,
        taskVolumeStorage: Size.gibibytes(120),
        instanceRequirements: { vCpuCountMin: 2, memoryMin: Size.gibibytes(4), cpuManufacturers: [ec2.CpuManufacturer.AWS] },
      }),
    });
    const lt = propsOf(Template.fromStack(stack), svc.capacityProvider!).ManagedInstancesProvider.InstanceLaunchTemplate;
    expect(lt.CapacityOptionType).toBe('SPOT');
    expect(lt.StorageConfiguration.StorageSizeGiB).toBe(120);
    expect(lt.InstanceRequirements).toMatchObject({ VCpuCount: { Min: 2 }, MemoryMiB: { Min: 4096 }, CpuManufacturers: ['amazon-web-services'] });
  });

  test('a task size that Fargate refuses is accepted on Managed Instances', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('big', { image: IMAGE, cpu: 1536, memoryLimitMiB: 5000, capacity: Capacity.managedInstances() });
    expect(propsOf(Template.fromStack(stack), svc.taskDefinition)).toMatchObject({ Cpu: '1536', Memory: '5000' });
    expect(() => network.addService('tiny', { image: IMAGE, cpu: 64, capacity: Capacity.managedInstances() }))
      .toThrow('`tiny.cpu` must be an integer from 128 to 196608, got: 64. On Managed Instances a task takes 128 CPU units (0.125 vCPU) or more.');
  });

  test('spot (a Fargate option) on Managed Instances is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('gpu', { image: IMAGE, spot: true, capacity: Capacity.managedInstances() }))
      .toThrow('`gpu.spot` applies to Fargate only, but `capacity` is `Capacity.managedInstances()`, got: true. Remove `spot`; for EC2 Spot instances use `Capacity.managedInstances({ spot: true })`.');
  });

  test('instance requirements without a CPU of the tasks\' architecture are an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('gpu', {
      image: IMAGE,
      capacity: Capacity.managedInstances({
        instanceRequirements: { vCpuCountMin: 1, memoryMin: Size.gibibytes(1), cpuManufacturers: [ec2.CpuManufacturer.AWS] },
      }),
    })).toThrow('`gpu.capacity.instanceRequirements.cpuManufacturers` offers no CPU of the tasks\' architecture (X86_64), got: ["amazon-web-services"]. Include Intel or AMD, or set `cpuArchitecture` to ARM64 for Graviton.');
  });

  test('the estimate prices a Managed Instances task as its share of an instance', () => {
    const { network } = newNetwork();
    network.addService('gpu', { image: IMAGE, cpu: 1024, memoryLimitMiB: 2048, capacity: Capacity.managedInstances() });
    const cost = network.report().cost;
    const line = cost.lines.find(l => l.item.startsWith('service gpu'))!;
    expect(line.item).toBe('service gpu (1 vCPU, 2 GB, x86, Managed Instances, 0.5 of an m6i.large; management fee not included)');
    expect(line.monthlyUsd).toBe(70.08); // 2 tasks x 730 h x 0.5 x $0.096
    expect(cost.assumptions.some(a => a.startsWith('A Managed Instances task is priced'))).toBe(true);
    expect(network.report().markdown).toContain('| gpu | ECS Managed Instances, awsvpc | gpu |');
  });
});

// Amazon ECS Developer Guide, "Amazon ECS service quotas": 20 capacity providers per cluster, not adjustable
describe('capacity providers per cluster', () => {
  test('FARGATE, FARGATE_SPOT and 18 Managed Instances services fit; the 19th is an error that changes nothing', () => {
    const { network } = newNetwork({ monitoring: { enabled: false }, loadBalancer: { enabled: false } });
    for (let i = 1; i <= 18; i++) network.addService(`mi${i}`, { image: IMAGE, capacity: Capacity.managedInstances() });
    expect(() => network.addService('mi19', { image: IMAGE, capacity: Capacity.managedInstances() })).toThrow(
      '`mi19.capacity` would give the cluster 21 capacity providers (2 of Fargate, 19 of Managed Instances services), over the 20 capacity providers per ECS cluster, ' +
      'a quota AWS cannot raise (Amazon ECS Developer Guide, "Amazon ECS service quotas" (service-quotas)), got: "Capacity.managedInstances()". ' +
      'Run at most 18 services on Managed Instances per network: put this one on Fargate (`Capacity.fargate()`), or in another network.');
    expect(network.services).toHaveLength(18);
    expect(() => network.addService('fargate', { image: IMAGE })).not.toThrow();
  });
});

