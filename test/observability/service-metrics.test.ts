import { Duration, Stack } from 'aws-cdk-lib';
import { monitoredNetwork } from './fixtures';
import { logicalId } from '../helpers/network';

describe('service metric helpers', () => {
  test('CPU and memory: AWS/ECS by cluster and service, one-minute periods unless given', () => {
    const { network, web } = monitoredNetwork();
    const cpu = web.metricCpuUtilization();
    expect(cpu).toMatchObject({ namespace: 'AWS/ECS', metricName: 'CPUUtilization', statistic: 'Average' });
    expect(cpu.period.toSeconds()).toBe(60);
    expect(Stack.of(web).resolve(cpu.dimensions)).toEqual({
      ClusterName: { Ref: logicalId(network.cluster) }, ServiceName: { 'Fn::GetAtt': [logicalId(web.service), 'Name'] },
    });
    expect(web.metricMemoryUtilization({ period: Duration.minutes(5) }).period.toSeconds()).toBe(300);
    expect(web.metricMemoryUtilization().metricName).toBe('MemoryUtilization');
  });

  test('running and desired tasks: Container Insights', () => {
    const { worker } = monitoredNetwork();
    expect(worker.metricRunningTaskCount()).toMatchObject({ namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', statistic: 'Average' });
    expect(worker.metricDesiredTaskCount()).toMatchObject({ namespace: 'ECS/ContainerInsights', metricName: 'DesiredTaskCount' });
    expect(Object.keys(worker.metricRunningTaskCount().dimensions!)).toEqual(['ClusterName', 'ServiceName']);
  });

  test('route metrics of a routed service: AWS/ApplicationELB by target group', () => {
    const { web } = monitoredNetwork();
    expect(web.metricTarget5xxCount()).toMatchObject({ namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', statistic: 'Sum' });
    expect(web.metricRequestCount().metricName).toBe('RequestCount');
    expect(web.metricTargetResponseTime().metricName).toBe('TargetResponseTime');
    expect(web.metricHealthyHostCount().metricName).toBe('HealthyHostCount');
    expect(web.metricUnhealthyHostCount().metricName).toBe('UnHealthyHostCount');
    expect(Object.keys(web.metricTarget5xxCount().dimensions!).sort()).toEqual(['LoadBalancer', 'TargetGroup']);
  });

  test('route metrics of a service without routing are an error', () => {
    const { worker } = monitoredNetwork();
    expect(() => worker.metricTarget5xxCount()).toThrow(
      '`worker.routing` is not set, so the service has no target group and no `metricTarget5xxCount`, got: undefined. Use the metric on a routed service only.');
  });

  test('Service Connect metrics of a Service Connect server: AWS/ECS by discovery name', () => {
    const { orders } = monitoredNetwork();
    const requests = orders.metricServiceConnectRequestCount();
    expect(requests).toMatchObject({ namespace: 'AWS/ECS', metricName: 'RequestCount', statistic: 'Sum' });
    expect(requests.dimensions!.DiscoveryName).toBe('orders');
    expect(orders.metricServiceConnectActiveConnectionCount().metricName).toBe('ActiveConnectionCount');
  });

  test('Service Connect metrics of a service that publishes no endpoint are an error', () => {
    const { worker } = monitoredNetwork();
    expect(() => worker.metricServiceConnectRequestCount()).toThrow(
      '`worker.discovery` is not Service Connect, so the service publishes no endpoint and no `metricServiceConnectRequestCount`, got: undefined. '
      + 'Use the metric on a Service Connect server only.');
  });
});
