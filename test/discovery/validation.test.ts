import { Discovery } from '../../src';
import { IMAGE, newNetwork } from '../helpers/network';

describe('discovery validation', () => {
  test('duplicate discovery names are an error', () => {
    const { network } = newNetwork();
    network.addService('orders', { image: IMAGE, containerPort: 80 });
    expect(() => network.addService('orders-v2', { image: IMAGE, containerPort: 80, discovery: Discovery.serviceConnect({ discoveryName: 'orders' }) }))
      .toThrow(/`orders-v2\.discovery\.discoveryName` is used by service `orders` already, got: "orders"\./);
  });

  test('a Cloud Map name that a Service Connect service uses is an error', () => {
    const { network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 80, discovery: Discovery.cloudMap({ discoveryName: 'shared' }) });
    expect(() => network.addService('b', { image: IMAGE, containerPort: 80, discovery: Discovery.serviceConnect({ discoveryName: 'shared' }) }))
      .toThrow(/`b\.discovery\.discoveryName` is used by service `a` already, got: "shared"\./);
  });

  test('a discovery name claimed before the service of that name is added is an error for that service', () => {
    const { network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 80, discovery: Discovery.serviceConnect({ discoveryName: 'b' }) });
    expect(() => network.addService('b', { image: IMAGE, containerPort: 80 }))
      .toThrow(/`b\.discovery\.discoveryName` is used by service `a` already, got: "b"\./);
  });

  test('services without discovery do not reserve a name', () => {
    const { network } = newNetwork();
    network.addService('a', { image: IMAGE });
    network.addService('b', { image: IMAGE, containerPort: 80, discovery: Discovery.none() });
    expect(() => network.addService('c', { image: IMAGE, containerPort: 80, discovery: Discovery.serviceConnect({ discoveryName: 'a' }) })).not.toThrow();
  });

  test('a discovery name that is not DNS-safe is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('orders', { image: IMAGE, containerPort: 80, discovery: Discovery.serviceConnect({ discoveryName: 'Orders_V2' }) }))
      .toThrow(/`orders\.discovery\.discoveryName` must be DNS-safe.*got: "Orders_V2"\./);
  });

  test('Service Connect without a containerPort is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, discovery: Discovery.serviceConnect() }))
      .toThrow(/`worker\.discovery` is Service Connect, which publishes a port, but the service has no `containerPort`, got: "serviceConnect"\./);
  });

  test('a Service Connect port out of range is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('orders', { image: IMAGE, containerPort: 80, discovery: Discovery.serviceConnect({ port: 70000 }) }))
      .toThrow(/`orders\.discovery\.port` must be an integer from 1 to 65535, got: 70000\./);
  });
});
