import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import { Discovery } from '../../src';
import { IMAGE, allProps, logicalId, newNetwork, serviceProps } from '../helpers/network';

describe('Cloud Map', () => {
  test('Discovery.cloudMap() registers A records in the namespace, and no Service Connect', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('legacy', { image: IMAGE, containerPort: 8080, discovery: Discovery.cloudMap() });
    const t = Template.fromStack(stack);
    const [registry] = allProps(t, 'AWS::ServiceDiscovery::Service');
    expect(registry.Name).toBe('legacy');
    expect(registry.NamespaceId).toEqual({ 'Fn::GetAtt': [logicalId(network.cloudMapNamespace), 'Id'] });
    expect(registry.DnsConfig.DnsRecords).toEqual([{ Type: 'A', TTL: 10 }]);
    const p = serviceProps(t, svc);
    expect(p.ServiceRegistries).toEqual([{ RegistryArn: expect.anything() }]);
    expect(p.ServiceConnectConfiguration).toBeUndefined();
  });

  test('discoveryName, SRV records and TTL override the defaults; SRV carries the port', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('legacy', {
      image: IMAGE,
      containerPort: 8080,
      discovery: Discovery.cloudMap({ discoveryName: 'old', dnsRecordType: cloudmap.DnsRecordType.SRV, dnsTtl: Duration.seconds(30) }),
    });
    const t = Template.fromStack(stack);
    const [registry] = allProps(t, 'AWS::ServiceDiscovery::Service');
    expect(registry.Name).toBe('old');
    expect(registry.DnsConfig.DnsRecords).toEqual([{ Type: 'SRV', TTL: 30 }]);
    expect(serviceProps(t, svc).ServiceRegistries).toEqual([{ RegistryArn: expect.anything(), ContainerName: 'legacy', ContainerPort: 8080 }]);
  });

  test('SRV records without a containerPort are an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, discovery: Discovery.cloudMap({ dnsRecordType: cloudmap.DnsRecordType.SRV }) }))
      .toThrow(/`worker\.discovery\.dnsRecordType` is SRV, which carries a port, but the service has no `containerPort`, got: "SRV"\./);
  });

  test('a record type other than A or SRV is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('legacy', { image: IMAGE, containerPort: 80, discovery: Discovery.cloudMap({ dnsRecordType: cloudmap.DnsRecordType.CNAME }) }))
      .toThrow(/`legacy\.discovery\.dnsRecordType` must be A or SRV for an ECS service, got: "CNAME"\./);
  });
});
