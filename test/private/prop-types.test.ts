import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Capacity, Discovery, EcsAdvancedNetwork, ElasticIps, Egress, NetworkAclTier, ServiceDeployment } from '../../src';
import { checkProps, optional, required, T } from '../../src/private/prop-types';
import { IMAGE, newNetwork } from '../helpers/network';

/** Values from plain JavaScript or another jsii language (cast through `any`), and tokens where the network needs a number. */

describe('the checker', () => {
  const table = { port: required(T.number), tags: optional(T.arrayOf(T.string)), timeout: optional(T.duration), nested: optional(T.struct('Nested', { on: optional(T.boolean) })) };

  test('a well-typed object passes; undefined and null optional props are skipped', () => {
    expect(() => checkProps('x', { port: 80, tags: ['a'], timeout: Duration.seconds(1), nested: { on: true } }, 'X', table)).not.toThrow();
    expect(() => checkProps('x', { port: 80, tags: undefined, timeout: null } as any, 'X', table)).not.toThrow();
  });

  test('each kind of mistake names the prop, the expected type and the value', () => {
    const check = (value: object) => () => checkProps('x', value, 'X', table);
    expect(check({})).toThrow('`x.port` is required: a number, got: undefined. Give `port`.');
    expect(check({ port: '80' })).toThrow('`x.port` must be a number, got: "80". Give a number.');
    expect(check({ port: 80, tags: 'a' })).toThrow('`x.tags` must be a list of strings, got: "a". Give a list, even of one element (`[value]`).');
    expect(check({ port: 80, tags: ['a', 3] })).toThrow('`x.tags[1]` must be a string, got: 3. Give a string.');
    expect(check({ port: 80, timeout: 30 })).toThrow('`x.timeout` must be a `Duration`, got: 30. Use for example `Duration.seconds(30)`.');
    expect(check({ port: 80, nested: { on: 'yes' } })).toThrow('`x.nested.on` must be a boolean, got: "yes". Give `true` or `false`.');
    expect(check({ port: 80, nested: { off: true } })).toThrow('`x.nested.off` is not a prop of `Nested`, got: true. Remove it; the props of `Nested` are `on`.');
  });
});

describe('the network and addService() from plain JavaScript', () => {
  const { network } = newNetwork({ monitoring: { enabled: false }, networkLoadBalancers: [{ name: 'edge' }] });
  const add = (options: any) => () => network.addService('web', options);

  test('a string where a list is expected', () => {
    expect(add({ image: IMAGE, command: 'npm start' })).toThrow('`web.command` must be a list of strings, got: "npm start". Give a list, even of one element (`[value]`).');
    expect(() => newNetwork({ networkLoadBalancers: { name: 'edge' } as any })).toThrow(
      '`networkLoadBalancers` must be a list of objects of props (`NetworkLoadBalancerOptions`), got: "an object". Give a list, even of one element (`[value]`).');
  });

  test('a number where a Duration is expected', () => {
    expect(add({ image: IMAGE, containerPort: 80, routing: { deregistrationDelay: 30 } })).toThrow(
      '`web.routing.deregistrationDelay` must be a `Duration`, got: 30. Use for example `Duration.seconds(30)`.');
  });

  test('a missing image, or no options at all', () => {
    expect(add({ containerPort: 80 })).toThrow(
      '`web.image` is required: an `ecs.ContainerImage`, got: undefined. Give `image`, for example `ecs.ContainerImage.fromRegistry(\'public.ecr.aws/nginx/nginx:stable\')`.');
    expect(add(undefined)).toThrow('`web` must be an object of props (`ServiceOptions`), got: undefined. Give at least `image`.');
    expect(() => network.addService(undefined as any, { image: IMAGE })).toThrow(/^`name` must be a string, the name of the service, got: undefined\./);
    expect(() => newNetwork({ services: [{ name: 'a' }] as any })).toThrow(/^`services\[0\]\.image` is required/);
  });

  test('an unknown key of the target health check, which used to reach CloudFormation', () => {
    expect(add({ image: IMAGE, containerPort: 80, routing: { healthCheck: { path: '/', unhealthyThreshold: 3 } } })).toThrow(
      '`web.routing.healthCheck.unhealthyThreshold` is not a prop of `HealthCheckOptions`, got: 3. Remove it; the props of `HealthCheckOptions` are `path`, `interval`, `timeout`, ' +
      '`healthyThresholdCount`, `unhealthyThresholdCount`, `healthyHttpCodes`, `protocol`, `healthyGrpcCodes`.');
  });

  test('an enum value that is not one', () => {
    expect(add({ image: IMAGE, containerPort: 80, networkListeners: [{ loadBalancer: 'edge', port: 53, protocol: 'DNS' }] })).toThrow(
      '`web.networkListeners[0].protocol` must be a value of `elbv2.Protocol`, got: "DNS". Use one of `elbv2.Protocol`\'s values, for example `elbv2.Protocol.HTTP`.');
    expect(add({ image: IMAGE, containerPort: 80, networkListeners: [{ loadBalancer: 'edge', port: 53, protocol: elbv2.Protocol.UDP, healthCheck: { port: 80 } }] })).not.toThrow();
  });

  test('the options of the factories', () => {
    expect(() => Egress.natGatewayPerAz({ eipAllocationIds: 'eipalloc-1' as any })).toThrow(/^`Egress\.natGatewayPerAz\(options\)\.eipAllocationIds` must be a list of strings, got: "eipalloc-1"\./);
    expect(() => ElasticIps.fromAllocationIds('eipalloc-1' as any)).toThrow(/^`ElasticIps\.fromAllocationIds\(allocationIds\)` must be a list of strings/);
    expect(() => Discovery.serviceConnect({ port: '8080' as any })).toThrow(/^`Discovery\.serviceConnect\(options\)\.port` must be a number, got: "8080"\./);
    expect(() => Capacity.fargateMix({ spotWeight: '2' as any })).toThrow(/^`Capacity\.fargateMix\(options\)\.spotWeight` must be a number/);
  });
});

describe('tokens where the network needs a number known at synth time', () => {
  const refused = (prop: string) => `\`${prop}\` must be a number known at synth time: the network computes with it, names resources after it or compares it, ` +
    'so it cannot come from a CloudFormation parameter, an attribute of a resource or another token, got: <token>. ' +
    'Give a concrete number (read at synth time, for example from `this.node.tryGetContext()` or an environment variable).';
  const { stack, network } = newNetwork({ monitoring: { enabled: false }, networkLoadBalancers: [{ name: 'edge' }] });
  const param = new CfnParameter(stack, 'Number', { type: 'Number' }).valueAsNumber;

  test('a sidecar\'s memory, which sized the application container as 1.888e+289', () => {
    expect(() => network.addService('web', { image: IMAGE, sidecars: [{ name: 'agent', image: IMAGE, memoryLimitMiB: param }] })).toThrow(refused('web.sidecars[0].memoryLimitMiB'));
  });

  test('the task\'s cpu, which silently got 512 MiB', () => {
    expect(() => network.addService('web', { image: IMAGE, cpu: param })).toThrow(refused('web.cpu'));
  });

  test('a Network Load Balancer listener port, which crashed on a construct id', () => {
    expect(() => network.addService('web', { image: IMAGE, containerPort: 80, networkListeners: [{ loadBalancer: 'edge', port: param }] }))
      .toThrow(refused('web.networkListeners[0].port'));
  });

  test('an ACL rule number, which crashed on a construct id', () => {
    const rule = { tier: NetworkAclTier.PRIVATE, ruleNumber: param, direction: ec2.TrafficDirection.INGRESS, cidr: '10.1.0.0/16', traffic: ec2.AclTraffic.allTraffic(), action: ec2.Action.ALLOW };
    expect(() => new EcsAdvancedNetwork(stack, 'Acls', { networkAcls: { enabled: true, additionalRules: [rule] } })).toThrow(refused('networkAcls.additionalRules[0].ruleNumber'));
  });

  test('scaling bounds and deployment percents', () => {
    const svc = network.addService('worker', { image: IMAGE });
    expect(() => svc.autoScale({ maxCapacity: param })).toThrow(refused('worker.autoScale.maxCapacity'));
    expect(() => ServiceDeployment.canary({ canaryPercent: param })).toThrow(refused('ServiceDeployment.canary(options).canaryPercent'));
  });
});
