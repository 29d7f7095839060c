import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Discovery, EcsAdvancedNetwork, ServiceDefinition } from '../../src';
import { IMAGE, newNetwork } from '../helpers/network';

describe('service names', () => {
  test('the service name names the container and is exposed', () => {
    const { network } = newNetwork();
    const svc = network.addService('orders-api', { image: IMAGE });
    expect(svc.serviceName).toBe('orders-api');
    expect(svc.container.containerName).toBe('orders-api');
    expect(network.findService('orders-api')).toBe(svc);
    expect(network.services).toEqual([svc]);
  });

  test('a duplicate service name is an error', () => {
    const { network } = newNetwork();
    network.addService('web', { image: IMAGE });
    expect(() => network.addService('web', { image: IMAGE }))
      .toThrow(/`name` names a service that the network has already, got: "web"\. Give every service a unique name\./);
  });

  test('a service that fails to be added leaves nothing behind, so the name can be added again', () => {
    const { stack, network } = newNetwork();
    network.addService('orders', { image: IMAGE, containerPort: 8080 });
    // the discovery name clash is found when the service joins the network, after its resources exist
    expect(() => network.addService('orders-v2', { image: IMAGE, containerPort: 8080, discovery: Discovery.serviceConnect({ discoveryName: 'orders' }) }))
      .toThrow(/`orders-v2\.discovery\.discoveryName` is used by service `orders` already/);
    expect(network.node.tryFindChild('orders-v2')).toBeUndefined();
    expect(network.findService('orders-v2')).toBeUndefined();
    const again = network.addService('orders-v2', { image: IMAGE, containerPort: 8080 });
    expect(network.services).toEqual([network.findService('orders'), again]);
    Template.fromStack(stack).resourceCountIs('AWS::ECS::Service', 2);
  });

  test('a service whose declared call is refused does not join the network', () => {
    const { network } = newNetwork();
    network.addService('worker', { image: IMAGE, discovery: Discovery.none() });
    expect(() => network.addService('api', { image: IMAGE, containerPort: 8080, connectsTo: ['worker'] }))
      .toThrow(/`api\.connectsTo` names `worker`, which exposes no port/);
    expect(network.findService('api')).toBeUndefined();
    expect(network.monitoring?.serviceAlarms.api).toBeUndefined();
  });

  test('a duplicate name in the services list is an error', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new EcsAdvancedNetwork(stack, 'Network', { services: [{ name: 'web', image: IMAGE }, { name: 'web', image: IMAGE }] }))
      .toThrow(/`name` names a service that the network has already, got: "web"/);
  });

  test('a name that starts with a digit is a DNS label, and accepted', () => {
    const { network } = newNetwork();
    expect(network.addService('1st', { image: IMAGE, containerPort: 80 }).discoveryName).toBe('1st');
  });

  test.each(['Web', 'orders_api', '-web', 'web-', 'a'.repeat(64), 'Cluster'])('name %p that is not DNS-safe is an error', name => {
    const { network } = newNetwork();
    expect(() => network.addService(name, { image: IMAGE }))
      .toThrow(new RegExp(`\`name\` must be DNS-safe.*got: "${name}"`));
  });
});

describe('services list', () => {
  const definitions: ServiceDefinition[] = [
    { name: 'web', image: IMAGE, containerPort: 80, writableDirectories: ['/tmp'], routing: { pathPatterns: ['/*'] } },
    { name: 'api', image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/api/*'] }, connectsTo: ['orders'] },
    { name: 'orders', image: IMAGE, containerPort: 8080 },
  ];

  function viaAddService(): Template {
    const stack = new Stack(new App(), 'Stack');
    const network = new EcsAdvancedNetwork(stack, 'Network');
    definitions.forEach(({ name, ...options }) => network.addService(name, options));
    return Template.fromStack(stack);
  }

  test('gives the same template as addService()', () => {
    const stack = new Stack(new App(), 'Stack');
    const network = new EcsAdvancedNetwork(stack, 'Network', { services: definitions });
    expect(network.services.map(s => s.serviceName)).toEqual(['web', 'api', 'orders']);
    expect(Template.fromStack(stack).toJSON()).toEqual(viaAddService().toJSON());
  });
});
