import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IMAGE, allProps, logicalId, newNetwork } from '../helpers/network';

describe('autoScale', () => {
  test('no scaling unless asked', () => {
    const { stack, network } = newNetwork();
    network.addService('worker', { image: IMAGE });
    Template.fromStack(stack).resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
  });

  test('CPU target tracking at 70 % between desiredCount and maxCapacity by default', () => {
    const { stack, network } = newNetwork();
    network.addService('worker', { image: IMAGE }).autoScale({ maxCapacity: 6 });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 6, ScalableDimension: 'ecs:service:DesiredCount' });
    const policies = allProps(t, 'AWS::ApplicationAutoScaling::ScalingPolicy');
    expect(policies).toHaveLength(1);
    expect(policies[0].TargetTrackingScalingPolicyConfiguration).toMatchObject({
      PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      TargetValue: 70,
    });
  });

  test('minCapacity and targetCpuUtilizationPercent override the defaults', () => {
    const { stack, network } = newNetwork();
    network.addService('worker', { image: IMAGE }).autoScale({ minCapacity: 3, maxCapacity: 9, targetCpuUtilizationPercent: 50 });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 3, MaxCapacity: 9 });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 50 },
    });
  });

  test('targetRequestsPerTarget adds request-count scaling on the routed service target group', () => {
    const { stack, network } = newNetwork();
    const api = network.addService('api', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'] } });
    api.autoScale({ maxCapacity: 6, targetRequestsPerTarget: 500 });
    const t = Template.fromStack(stack);
    const request = allProps(t, 'AWS::ApplicationAutoScaling::ScalingPolicy')
      .find(p => p.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType === 'ALBRequestCountPerTarget');
    expect(request).toBeDefined();
    expect(request.TargetTrackingScalingPolicyConfiguration.TargetValue).toBe(500);
    expect(JSON.stringify(request)).toContain(logicalId(api.targetGroup!));
  });

  test('targetRequestsPerTarget on an unrouted service is an error', () => {
    const { network } = newNetwork();
    const svc = network.addService('orders', { image: IMAGE, containerPort: 80 });
    expect(() => svc.autoScale({ maxCapacity: 4, targetRequestsPerTarget: 100 }))
      .toThrow(/`orders\.autoScale\.targetRequestsPerTarget` needs a routed service, got: 100\./);
    // nothing half-created: CPU scaling still works after the failed call
    svc.autoScale({ maxCapacity: 4 });
    Template.fromStack(Stack.of(svc)).resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 1);
  });

  test('targetRequestsPerTarget out of range is an error', () => {
    const { network } = newNetwork();
    const api = network.addService('api', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'] } });
    expect(() => api.autoScale({ maxCapacity: 4, targetRequestsPerTarget: 0 }))
      .toThrow(/`api\.autoScale\.targetRequestsPerTarget` must be an integer from 1 to 1000000, got: 0\./);
  });

  test('maxCapacity below minCapacity is an error', () => {
    const { network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    expect(() => svc.autoScale({ maxCapacity: 1 }))
      .toThrow(/`worker\.autoScale\.maxCapacity` must be an integer from 2 to 5000, got: 1\./);
  });

  test('targetCpuUtilizationPercent out of range is an error', () => {
    const { network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    expect(() => svc.autoScale({ maxCapacity: 4, targetCpuUtilizationPercent: 95 }))
      .toThrow(/`worker\.autoScale\.targetCpuUtilizationPercent` must be an integer from 10 to 90, got: 95\./);
  });
});
