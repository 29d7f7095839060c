import { Template } from 'aws-cdk-lib/assertions';
import { EcsAdvancedNetwork } from '../../src';
import { logicalId, newNetwork, newStack, propsOf } from '../helpers/network';

describe('namespace', () => {
  test('a private DNS namespace named after the construct id, in the VPC', () => {
    const { stack, network } = newNetwork();
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ServiceDiscovery::PrivateDnsNamespace', 1);
    t.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', {
      Name: 'network.internal',
      Vpc: { Ref: logicalId(network.vpc) },
    });
    expect(network.cloudMapNamespace.namespaceName).toBe('network.internal');
  });

  test('the construct id is lower-cased and made DNS-safe', () => {
    const stack = newStack();
    new EcsAdvancedNetwork(stack, 'Shop_Network');
    Template.fromStack(stack).hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: 'shop-network.internal' });
  });

  test('namespaceName overrides the name', () => {
    const { stack } = newNetwork({ namespaceName: 'shop.local' });
    Template.fromStack(stack).hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: 'shop.local' });
  });

  test('a namespaceName that is not a DNS name is an error', () => {
    expect(() => newNetwork({ namespaceName: 'Shop.Internal' }))
      .toThrow(/`namespaceName` must be a DNS name: dot-separated labels of lower-case letters, digits and hyphens, got: "Shop\.Internal"\./);
  });

  test('the namespace is the cluster Service Connect default', () => {
    const { stack, network } = newNetwork();
    const t = Template.fromStack(stack);
    expect(propsOf(t, network.cluster).ServiceConnectDefaults).toEqual({
      Namespace: { 'Fn::GetAtt': [logicalId(network.cloudMapNamespace), 'Arn'] },
    });
  });
});
