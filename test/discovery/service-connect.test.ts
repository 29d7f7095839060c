import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Discovery } from '../../src';
import { IMAGE, containerOf, logicalId, newNetwork, serviceProps } from '../helpers/network';

describe('Service Connect', () => {
  test('a service with a containerPort is a Service Connect server by default', () => {
    const { stack, network } = newNetwork();
    const orders = network.addService('orders', { image: IMAGE, containerPort: 8080 });
    const t = Template.fromStack(stack);
    const sc = serviceProps(t, orders).ServiceConnectConfiguration;
    expect(sc.Enabled).toBe(true);
    expect(sc.Namespace).toEqual({ 'Fn::GetAtt': [logicalId(network.cloudMapNamespace), 'Arn'] });
    expect(sc.Services).toEqual([{
      PortName: 'orders',
      DiscoveryName: 'orders',
      ClientAliases: [{ DnsName: 'orders', Port: 8080 }],
    }]);
    expect(containerOf(t, orders).PortMappings).toEqual([{ ContainerPort: 8080, Name: 'orders', Protocol: 'tcp' }]);
    expect(orders.discovery.mode).toBe('serviceConnect');
    expect(orders.discoveryName).toBe('orders');
  });

  test('the Service Connect proxy logs into the service log group', () => {
    const { stack, network } = newNetwork();
    const orders = network.addService('orders', { image: IMAGE, containerPort: 8080 });
    const sc = serviceProps(Template.fromStack(stack), orders).ServiceConnectConfiguration;
    expect(sc.LogConfiguration.LogDriver).toBe('awslogs');
    expect(sc.LogConfiguration.Options['awslogs-group']).toEqual({ Ref: logicalId(orders.logGroup) });
  });

  test('discoveryName, port and appProtocol override the defaults', () => {
    const { stack, network } = newNetwork();
    const orders = network.addService('orders', {
      image: IMAGE,
      containerPort: 8080,
      discovery: Discovery.serviceConnect({ discoveryName: 'orders-v2', port: 80, appProtocol: ecs.AppProtocol.http }),
    });
    const t = Template.fromStack(stack);
    expect(serviceProps(t, orders).ServiceConnectConfiguration.Services).toEqual([{
      PortName: 'orders',
      DiscoveryName: 'orders-v2',
      ClientAliases: [{ DnsName: 'orders-v2', Port: 80 }],
    }]);
    expect(containerOf(t, orders).PortMappings).toEqual([{ ContainerPort: 8080, Name: 'orders', Protocol: 'tcp', AppProtocol: 'http' }]);
    expect(orders.discoveryName).toBe('orders-v2');
  });

  test('idle and per-request timeouts are passed through', () => {
    const { stack, network } = newNetwork();
    const orders = network.addService('orders', {
      image: IMAGE,
      containerPort: 8080,
      discovery: Discovery.serviceConnect({
        appProtocol: ecs.AppProtocol.http,
        idleTimeout: Duration.minutes(2),
        perRequestTimeout: Duration.seconds(10),
      }),
    });
    expect(serviceProps(Template.fromStack(stack), orders).ServiceConnectConfiguration.Services[0].Timeout)
      .toEqual({ IdleTimeoutSeconds: 120, PerRequestTimeoutSeconds: 10 });
  });

  test('a worker without a port has no Service Connect and no discovery', () => {
    const { stack, network } = newNetwork();
    const worker = network.addService('worker', { image: IMAGE });
    const p = serviceProps(Template.fromStack(stack), worker);
    expect(p.ServiceConnectConfiguration).toBeUndefined();
    expect(p.ServiceRegistries).toBeUndefined();
    expect(worker.discovery.mode).toBe('none');
    expect(worker.discoveryName).toBeUndefined();
  });

  test('Discovery.none() on a service with a port: neither Service Connect nor Cloud Map', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('hidden', { image: IMAGE, containerPort: 8080, discovery: Discovery.none() });
    const t = Template.fromStack(stack);
    const p = serviceProps(t, svc);
    expect(p.ServiceConnectConfiguration).toBeUndefined();
    expect(p.ServiceRegistries).toBeUndefined();
    t.resourceCountIs('AWS::ServiceDiscovery::Service', 0);
    expect(svc.discoveryName).toBeUndefined();
  });
});
