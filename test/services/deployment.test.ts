import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IMAGE, groupIdOf, newNetwork, serviceProps } from '../helpers/network';

describe('service deployment defaults', () => {
  test('two tasks, 100/200 %, circuit breaker with rollback, no public IP, private subnets', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    const p = serviceProps(Template.fromStack(stack), svc);
    expect(p.DesiredCount).toBe(2);
    expect(p.DeploymentConfiguration).toMatchObject({
      MinimumHealthyPercent: 100,
      MaximumPercent: 200,
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
    });
    expect(p.LaunchType).toBe('FARGATE');
    expect(p.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
    const privateSubnets = network.vpc.privateSubnets.map(s => ({ Ref: stack.getLogicalId(s.node.defaultChild as any) }));
    expect(privateSubnets).toHaveLength(2);
    expect(p.NetworkConfiguration.AwsvpcConfiguration.Subnets).toEqual(privateSubnets);
  });

  test('the service carries its own security group and the endpoint-clients group', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    const p = serviceProps(Template.fromStack(stack), svc);
    expect(p.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups).toEqual([
      groupIdOf(svc.securityGroup), groupIdOf(network.endpoints.clients),
    ]);
  });

  test('desiredCount, minHealthyPercent and maxHealthyPercent override the defaults', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, desiredCount: 3, minHealthyPercent: 50, maxHealthyPercent: 150 });
    const p = serviceProps(Template.fromStack(stack), svc);
    expect(p.DesiredCount).toBe(3);
    expect(p.DeploymentConfiguration).toMatchObject({ MinimumHealthyPercent: 50, MaximumPercent: 150 });
    expect(svc.desiredCount).toBe(3);
  });

  test('desiredCount 0 is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, desiredCount: 0 }))
      .toThrow(/`worker\.desiredCount` must be an integer from 1 to 5000, got: 0\./);
  });

  test('maxHealthyPercent not above minHealthyPercent is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, minHealthyPercent: 100, maxHealthyPercent: 100 }))
      .toThrow(/`worker\.maxHealthyPercent` must be above `minHealthyPercent`.*got: "maxHealthyPercent 100, minHealthyPercent 100"/);
  });

  test('maxHealthyPercent below the default minimum is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, maxHealthyPercent: 90 }))
      .toThrow(/`worker\.maxHealthyPercent` must be an integer from 100 to 200, got: 90\./);
  });
});

describe('health check grace period', () => {
  test('60 s for a routed service', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    expect(serviceProps(Template.fromStack(stack), svc).HealthCheckGracePeriodSeconds).toBe(60);
  });

  test('absent for an unrouted service', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('orders', { image: IMAGE, containerPort: 80 });
    expect(serviceProps(Template.fromStack(stack), svc).HealthCheckGracePeriodSeconds).toBeUndefined();
  });

  test('healthCheckGracePeriod overrides it on a routed service', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('web', {
      image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] }, healthCheckGracePeriod: Duration.minutes(2),
    });
    expect(serviceProps(Template.fromStack(stack), svc).HealthCheckGracePeriodSeconds).toBe(120);
  });

  test('healthCheckGracePeriod on an unrouted service is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('orders', { image: IMAGE, containerPort: 80, healthCheckGracePeriod: Duration.seconds(30) }))
      .toThrow(/`orders\.healthCheckGracePeriod` only applies to a routed service, got: "30 seconds"\./);
  });
});

describe('capacity', () => {
  test('on-demand Fargate by default', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    const p = serviceProps(Template.fromStack(stack), svc);
    expect(p.CapacityProviderStrategy).toBeUndefined();
    expect(p.LaunchType).toBe('FARGATE');
  });

  test('spot runs the tasks on FARGATE_SPOT', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, spot: true });
    const p = serviceProps(Template.fromStack(stack), svc);
    expect(p.CapacityProviderStrategy).toEqual([{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }]);
    expect(p.LaunchType).toBeUndefined();
  });
});

describe('containerPort', () => {
  test('no port mapping for a worker', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE });
    const td = Template.fromStack(stack).toJSON().Resources;
    expect(JSON.stringify(td)).not.toContain('PortMappings');
    expect(svc.containerPort).toBeUndefined();
  });

  test.each([0, 65536, 80.5])('containerPort %p is an error', port => {
    const { network } = newNetwork();
    expect(() => network.addService('web', { image: IMAGE, containerPort: port }))
      .toThrow(new RegExp(`\`web\\.containerPort\` must be an integer from 1 to 65535, got: ${String(port).replace('.', '\\.')}\\.`));
  });
});
