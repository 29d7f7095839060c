import { Template } from 'aws-cdk-lib/assertions';
import { newNetwork } from '../helpers/network';

describe('cluster', () => {
  test('Container Insights is enabled', () => {
    const { stack } = newNetwork();
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
  });

  test('clusterName is passed through', () => {
    const { stack } = newNetwork({ clusterName: 'shop' });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Cluster', { ClusterName: 'shop' });
  });
});
