import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HealthCheckOptions, RoutingOptions } from '../../src';
import { IMAGE, newNetwork, propsOf } from '../helpers/network';

function targetGroup(routing: Omit<RoutingOptions, 'pathPatterns'> = {}) {
  const { stack, network } = newNetwork();
  const svc = network.addService('api', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/api/*'], ...routing } });
  return propsOf(Template.fromStack(stack), svc.targetGroup!);
}

function attributes(tg: any): { [key: string]: string } {
  return Object.fromEntries((tg.TargetGroupAttributes ?? []).map((a: any) => [a.Key, a.Value]));
}

function expectHealthCheckError(healthCheck: HealthCheckOptions, message: RegExp) {
  const { network } = newNetwork();
  expect(() => network.addService('api', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'], healthCheck } }))
    .toThrow(message);
}

describe('target group', () => {
  test('IP targets over HTTP on the container port', () => {
    expect(targetGroup()).toMatchObject({ TargetType: 'ip', Protocol: 'HTTP', Port: 8080 });
  });

  test('the service registers its container with the target group', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/api/*'] } });
    const t = Template.fromStack(stack);
    expect(propsOf(t, svc.service).LoadBalancers).toEqual([{
      ContainerName: 'api', ContainerPort: 8080, TargetGroupArn: { Ref: expect.stringMatching(/^NetworkapiTargetGroup/) },
    }]);
  });

  test('health check defaults: /, 15 s, 5 s, 2 healthy, 3 unhealthy, 200-399', () => {
    expect(targetGroup()).toMatchObject({
      HealthCheckEnabled: true,
      HealthCheckPath: '/',
      HealthCheckIntervalSeconds: 15,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
      Matcher: { HttpCode: '200-399' },
    });
  });

  test('health check overrides', () => {
    expect(targetGroup({
      healthCheck: {
        path: '/health',
        interval: Duration.seconds(30),
        timeout: Duration.seconds(10),
        healthyThresholdCount: 3,
        unhealthyThresholdCount: 5,
        healthyHttpCodes: '200,204',
      },
    })).toMatchObject({
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 10,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 5,
      Matcher: { HttpCode: '200,204' },
    });
  });

  test('deregistration delay is 30 s by default, no stickiness, no slow start', () => {
    const attrs = attributes(targetGroup());
    expect(attrs['deregistration_delay.timeout_seconds']).toBe('30');
    expect(attrs['stickiness.enabled'] ?? 'false').toBe('false');
    expect(attrs['slow_start.duration_seconds']).toBeUndefined();
  });

  test('deregistrationDelay overrides the default', () => {
    expect(attributes(targetGroup({ deregistrationDelay: Duration.seconds(5) }))['deregistration_delay.timeout_seconds']).toBe('5');
  });

  test('stickiness turns on load balancer cookies', () => {
    expect(attributes(targetGroup({ stickiness: Duration.hours(1) }))).toMatchObject({
      'stickiness.enabled': 'true',
      'stickiness.type': 'lb_cookie',
      'stickiness.lb_cookie.duration_seconds': '3600',
    });
  });

  test('slowStart sets the ramp-up', () => {
    expect(attributes(targetGroup({ slowStart: Duration.seconds(60) }))['slow_start.duration_seconds']).toBe('60');
  });
});

describe('target group validation', () => {
  test('deregistrationDelay over 3600 s is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'], deregistrationDelay: Duration.seconds(3601) } }))
      .toThrow(/`api\.routing\.deregistrationDelay` must be a whole number of seconds from 0 to 3600, got: "3601 s"\./);
  });

  test('slowStart under 30 s is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'], slowStart: Duration.seconds(10) } }))
      .toThrow(/`api\.routing\.slowStart` must be a whole number of seconds from 30 to 900, got: "10 s"\./);
  });

  test('stickiness over 7 days is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'], stickiness: Duration.days(8) } }))
      .toThrow(/`api\.routing\.stickiness` must be a whole number of seconds from 1 to 604800, got: "691200 s"\./);
  });

  test('health check interval out of range is an error', () => {
    expectHealthCheckError({ interval: Duration.seconds(4) }, /`api\.routing\.healthCheck\.interval` must be a whole number of seconds from 5 to 300, got: "4 s"\./);
    expectHealthCheckError({ interval: Duration.seconds(301) }, /`api\.routing\.healthCheck\.interval` must be a whole number of seconds from 5 to 300, got: "301 s"\./);
  });

  test('health check timeout out of range is an error', () => {
    expectHealthCheckError({ timeout: Duration.seconds(1) }, /`api\.routing\.healthCheck\.timeout` must be a whole number of seconds from 2 to 120, got: "1 s"\./);
  });

  test('health check timeout not below the interval is an error', () => {
    expectHealthCheckError({ interval: Duration.seconds(10), timeout: Duration.seconds(10) },
      /`api\.routing\.healthCheck\.timeout` must be less than `interval`, got: "timeout 10 s, interval 10 s"\./);
    expectHealthCheckError({ timeout: Duration.seconds(20) },
      /`api\.routing\.healthCheck\.timeout` must be less than `interval`, got: "timeout 20 s, interval 15 s"\./);
  });

  test('health check thresholds out of 2..10 are an error', () => {
    expectHealthCheckError({ healthyThresholdCount: 1 }, /`api\.routing\.healthCheck\.healthyThresholdCount` must be an integer from 2 to 10, got: 1\./);
    expectHealthCheckError({ unhealthyThresholdCount: 11 }, /`api\.routing\.healthCheck\.unhealthyThresholdCount` must be an integer from 2 to 10, got: 11\./);
  });

  test('health check path and codes are checked', () => {
    expectHealthCheckError({ path: 'health' }, /`api\.routing\.healthCheck\.path` must start with `\/`.*got: "health"\./);
    expectHealthCheckError({ healthyHttpCodes: '2xx' }, /`api\.routing\.healthCheck\.healthyHttpCodes` must be HTTP codes or ranges separated by commas, got: "2xx"\./);
  });
});
