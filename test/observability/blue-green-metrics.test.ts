import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { alarmsByName } from './fixtures';
import { ServiceDeployment } from '../../src';
import { IMAGE, logicalId, newNetwork, newStack } from '../helpers/network';

/** A routed service with a blue/green deployment: ECS alternates production between its two target groups. */
function blueGreen() {
  const stack = newStack();
  const { network } = newNetwork({}, stack);
  const web = network.addService('web', {
    image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] }, deployment: ServiceDeployment.blueGreen(),
  });
  return { stack, web };
}

/** The `Metrics` of an alarm on `metric` in `stack`, rendered as the network's alarms are. */
function alarmMetrics(stack: Stack, metric: cloudwatch.IMetric): any[] {
  new cloudwatch.Alarm(stack, 'MyAlarm', { alarmName: 'mine', metric, threshold: 1, evaluationPeriods: 1 });
  return alarmsByName(Template.fromStack(stack)).mine.Metrics;
}

describe('target-group metrics of a blue/green service read both target groups, as its alarms do', () => {
  test('5xx: the sum over both target groups, the expression of the network\'s alarm', () => {
    const { stack, web } = blueGreen();
    const config = web.metricTarget5xxCount().toMetricConfig();
    expect(config.mathExpression?.expression).toBe('FILL(blue, 0) + FILL(green, 0)');
    const read = Object.values(config.mathExpression!.usingMetrics).map(m => stack.resolve((m as cloudwatch.Metric).dimensions!.TargetGroup));
    expect(read).toEqual([
      { 'Fn::GetAtt': [logicalId(web.targetGroup!), 'TargetGroupFullName'] },
      { 'Fn::GetAtt': [logicalId(web.alternateTargetGroup!), 'TargetGroupFullName'] },
    ]);
    // the network's own alarm on the service watches the same expression
    const alarm = alarmsByName(Template.fromStack(stack))['Stack-Network-web-Target5xx'];
    expect(alarm.Metrics.find((m: any) => m.Expression).Expression).toBe('FILL(blue, 0) + FILL(green, 0)');
  });

  test('unhealthy targets and response time: the larger of the two, as the alarms take them', () => {
    const { web } = blueGreen();
    expect(web.metricUnhealthyHostCount().toMetricConfig().mathExpression?.expression).toBe('MAX([FILL(blue, 0), FILL(green, 0)])');
    expect(web.metricTargetResponseTime().toMetricConfig().mathExpression?.expression).toBe('MAX([FILL(blue, 0), FILL(green, 0)])');
  });

  test('requests and healthy targets: the sum over both target groups', () => {
    const { web } = blueGreen();
    expect(web.metricRequestCount().toMetricConfig().mathExpression?.expression).toBe('FILL(blue, 0) + FILL(green, 0)');
    expect(web.metricHealthyHostCount().toMetricConfig().mathExpression?.expression).toBe('FILL(blue, 0) + FILL(green, 0)');
  });

  test('an alarm or a graph of the metric renders the expression, with the options given', () => {
    const { stack, web } = blueGreen();
    const metrics = alarmMetrics(stack, web.metricRequestCount());
    expect(metrics.map(m => m.Expression ?? m.MetricStat.Metric.MetricName)).toEqual(['FILL(blue, 0) + FILL(green, 0)', 'RequestCount', 'RequestCount']);
    const widget = new cloudwatch.GraphWidget({ left: [web.metricTarget5xxCount()] });
    expect(JSON.stringify(stack.resolve(widget.toJson()))).toContain('FILL(blue, 0) + FILL(green, 0)');
    const fiveMinutes = web.metricRequestCount({ period: Duration.minutes(5) });
    expect(fiveMinutes.toMetricConfig().mathExpression?.period).toBe(300);
    const average = web.metricRequestCount().with({ statistic: 'Average' });
    expect(average.toMetricConfig().mathExpression?.expression).toBe('FILL(blue, 0) + FILL(green, 0)');
  });

  test('a rolling service keeps one target group: the plain metric', () => {
    const stack = newStack();
    const { network } = newNetwork({}, stack);
    const web = network.addService('web', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] } });
    expect(web.metricTarget5xxCount().toMetricConfig().mathExpression).toBeUndefined();
    expect(web.metricTarget5xxCount().toMetricConfig().metricStat?.metricName).toBe('HTTPCode_Target_5XX_Count');
  });
});
