import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildExampleNetwork } from '../../example/architecture';
import { Discovery, EcsAdvancedNetwork, ServiceDefinition } from '../../src';
import { IMAGE, groupIdOf, ingressRulesOf, newNetwork, newStack, serviceProps } from '../helpers/network';

describe('connectTo', () => {
  test('opens exactly the callee port from the caller, once', () => {
    const { stack, network } = newNetwork();
    const orders = network.addService('orders', { image: IMAGE, containerPort: 9090 });
    const worker = network.addService('worker', { image: IMAGE });
    worker.connectTo(orders);
    worker.connectTo(orders);
    const t = Template.fromStack(stack);
    expect(ingressRulesOf(t, orders.securityGroup)).toEqual([
      expect.objectContaining({ SourceSecurityGroupId: groupIdOf(worker.securityGroup), FromPort: 9090, ToPort: 9090, IpProtocol: 'tcp' }),
    ]);
    expect(worker.callees).toEqual([orders]);
  });

  test('makes a caller without a port a Service Connect client only', () => {
    const { stack, network } = newNetwork();
    const orders = network.addService('orders', { image: IMAGE, containerPort: 9090 });
    const worker = network.addService('worker', { image: IMAGE });
    worker.connectTo(orders);
    const sc = serviceProps(Template.fromStack(stack), worker).ServiceConnectConfiguration;
    expect(sc.Enabled).toBe(true);
    expect(sc.Services).toBeUndefined();
  });

  test('a caller that is a server keeps its own server config', () => {
    const { stack, network } = newNetwork();
    const orders = network.addService('orders', { image: IMAGE, containerPort: 9090 });
    const api = network.addService('api', { image: IMAGE, containerPort: 8080, connectsTo: ['orders'] });
    const sc = serviceProps(Template.fromStack(stack), api).ServiceConnectConfiguration;
    expect(sc.Services).toEqual([expect.objectContaining({ DiscoveryName: 'api' })]);
    expect(api.callees).toEqual([orders]);
  });

  test('calling a Cloud Map service opens the port without Service Connect', () => {
    const { stack, network } = newNetwork();
    const legacy = network.addService('legacy', { image: IMAGE, containerPort: 9090, discovery: Discovery.cloudMap() });
    const worker = network.addService('worker', { image: IMAGE, connectsTo: ['legacy'] });
    const t = Template.fromStack(stack);
    expect(ingressRulesOf(t, legacy.securityGroup)).toHaveLength(1);
    expect(serviceProps(t, worker).ServiceConnectConfiguration).toBeUndefined();
  });

  test('connectsTo naming a service declared later, in the services list', () => {
    const { stack, network } = newNetwork({
      services: [
        { name: 'api', image: IMAGE, containerPort: 8080, connectsTo: ['orders'] },
        { name: 'orders', image: IMAGE, containerPort: 9090 },
      ],
    });
    const api = network.findService('api')!;
    const orders = network.findService('orders')!;
    const t = Template.fromStack(stack);
    expect(ingressRulesOf(t, orders.securityGroup)).toEqual([
      expect.objectContaining({ SourceSecurityGroupId: groupIdOf(api.securityGroup), FromPort: 9090, ToPort: 9090 }),
    ]);
    expect(api.callees).toEqual([orders]);
  });

  test('connectsTo naming a service added later with addService()', () => {
    const { stack, network } = newNetwork();
    const worker = network.addService('worker', { image: IMAGE, connectsTo: ['orders'] });
    const orders = network.addService('orders', { image: IMAGE, containerPort: 9090 });
    const t = Template.fromStack(stack);
    expect(ingressRulesOf(t, orders.securityGroup)).toHaveLength(1);
    expect(serviceProps(t, worker).ServiceConnectConfiguration).toMatchObject({ Enabled: true });
  });

  test('the example: only api may reach orders, web may not', () => {
    const stack = newStack();
    const network = buildExampleNetwork(stack);
    const [web, api, orders] = ['web', 'api', 'orders'].map(n => network.findService(n)!);
    const t = Template.fromStack(stack);
    const sources = ingressRulesOf(t, orders.securityGroup).map(r => r.SourceSecurityGroupId);
    expect(sources).toEqual([groupIdOf(api.securityGroup)]);
    expect(JSON.stringify(sources)).not.toContain(JSON.stringify(groupIdOf(web.securityGroup)));
    expect(ingressRulesOf(t, web.securityGroup).map(r => r.SourceSecurityGroupId))
      .toEqual([groupIdOf(network.loadBalancer!.connections.securityGroups[0])]);
  });
});

describe('connectTo errors', () => {
  test('calling itself', () => {
    const { network } = newNetwork();
    const orders = network.addService('orders', { image: IMAGE, containerPort: 9090 });
    expect(() => orders.connectTo(orders)).toThrow(/`orders\.connectsTo` must not name the service itself, got: "orders"\./);
  });

  test('calling itself through connectsTo', () => {
    const { network } = newNetwork();
    expect(() => network.addService('orders', { image: IMAGE, containerPort: 9090, connectsTo: ['orders'] }))
      .toThrow(/`orders\.connectsTo` must not name the service itself, got: "orders"\./);
  });

  test('calling a service of another network', () => {
    const { stack, network } = newNetwork();
    const other = new EcsAdvancedNetwork(stack, 'Other');
    const orders = other.addService('orders', { image: IMAGE, containerPort: 9090 });
    const worker = network.addService('worker', { image: IMAGE });
    expect(() => worker.connectTo(orders)).toThrow(/`worker\.connectsTo` must name a service of the same network, got: "orders of Stack\/Other"\./);
  });

  test('calling a service without a port', () => {
    const { network } = newNetwork();
    const batch = network.addService('batch', { image: IMAGE });
    const worker = network.addService('worker', { image: IMAGE });
    expect(() => worker.connectTo(batch)).toThrow(/`worker\.connectsTo` names `batch`, which exposes no port, got: "batch"\./);
  });

  test('calling a Discovery.none() service', () => {
    const { network } = newNetwork();
    const hidden = network.addService('hidden', { image: IMAGE, containerPort: 9090, discovery: Discovery.none() });
    const worker = network.addService('worker', { image: IMAGE });
    expect(() => worker.connectTo(hidden)).toThrow(/`worker\.connectsTo` names `hidden`, which has `Discovery\.none\(\)` and cannot be found by name, got: "hidden"\./);
  });

  test('connectsTo naming a service added later without a port fails when that service is added', () => {
    const { network } = newNetwork();
    network.addService('worker', { image: IMAGE, connectsTo: ['batch'] });
    expect(() => network.addService('batch', { image: IMAGE }))
      .toThrow(/`worker\.connectsTo` names `batch`, which exposes no port, got: "batch"\./);
  });

  test('connectsTo naming an unknown service fails at synth', () => {
    const services: ServiceDefinition[] = [{ name: 'api', image: IMAGE, containerPort: 8080, connectsTo: ['payments'] }];
    const { stack } = newNetwork({ services });
    expect(() => Template.fromStack(stack))
      .toThrow(/`api\.connectsTo` names `payments`, which is not a service of this network, got: "payments"\./);
  });

  test('connectsTo naming an unknown service fails app.synth()', () => {
    const { stack, network } = newNetwork();
    network.addService('worker', { image: IMAGE, connectsTo: ['payments'] });
    expect(() => (stack.node.root as App).synth())
      .toThrow(/`worker\.connectsTo` names `payments`, which is not a service of this network/);
  });
});
