import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { SidecarOptions } from '../../src';
import { IMAGE, ingressRulesOf, newNetwork, propsOf } from '../helpers/network';

const METRICS = ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-otel-collector:latest');
const HEALTH = { command: ['CMD-SHELL', 'wget -q -O - http://localhost:13133/ || exit 1'] };

function containers(stack: any, svc: any): any[] {
  return propsOf(Template.fromStack(stack), svc.taskDefinition).ContainerDefinitions;
}

function byName(defs: any[], name: string): any {
  return defs.find(d => d.Name === name);
}

describe('sidecars', () => {
  test('a sidecar is hardened like the application container by default', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', { image: IMAGE, containerPort: 8080, sidecars: [{ name: 'metrics', image: METRICS, containerPorts: [4317] }] });
    const defs = containers(stack, svc);
    expect(defs).toHaveLength(2);
    const m = byName(defs, 'metrics');
    expect(m).toMatchObject({ ReadonlyRootFilesystem: true, Privileged: false, Memory: 128, Essential: true });
    expect(m.LogConfiguration.Options['awslogs-stream-prefix']).toBe('metrics');
    expect(m.LogConfiguration.Options['awslogs-group']).toEqual(byName(defs, 'api').LogConfiguration.Options['awslogs-group']);
    expect(m.PortMappings).toEqual([{ ContainerPort: 4317, Name: 'metrics-4317', Protocol: 'tcp' }]);
    // the application container gets what the sidecar leaves of the task's 512 MiB
    expect(byName(defs, 'api').Memory).toBe(384);
    expect(svc.sidecars.map(c => c.containerName)).toEqual(['metrics']);
  });

  test('a sidecar port is reachable on localhost only: no security-group rule opens it', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', { image: IMAGE, containerPort: 8080, sidecars: [{ name: 'metrics', image: METRICS, containerPorts: [4317] }] });
    const t = Template.fromStack(stack);
    const inline = propsOf(t, svc.securityGroup).SecurityGroupIngress ?? [];
    expect(JSON.stringify([...inline, ...ingressRulesOf(t, svc.securityGroup)])).not.toContain('4317');
  });

  test('options override the defaults: memory, cpu, not essential, writable root, command, user, writable directories', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', {
      image: IMAGE,
      memoryLimitMiB: 1024,
      sidecars: [{
        name: 'init',
        image: METRICS,
        memoryLimitMiB: 256,
        cpu: 64,
        essential: false,
        readonlyRootFilesystem: false,
        command: ['migrate'],
        user: '1000',
        environment: { MODE: 'once' },
        writableDirectories: ['/tmp'],
      }],
    });
    const defs = containers(stack, svc);
    const init = byName(defs, 'init');
    expect(init).toMatchObject({ Memory: 256, Cpu: 64, Essential: false, ReadonlyRootFilesystem: false, Command: ['migrate'], User: '1000' });
    expect(init.Environment).toEqual([{ Name: 'MODE', Value: 'once' }]);
    expect(init.MountPoints).toEqual([{ ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'init-writable-0' }]);
    expect(byName(defs, 'api').Memory).toBe(768);
  });

  test('a sidecar secret is injected by ECS and brings its endpoint', () => {
    const { stack, network } = newNetwork({ endpoints: { serviceEndpoints: true } });
    const secret = new secretsmanager.Secret(stack, 'Secret');
    const svc = network.addService('api', { image: IMAGE, sidecars: [{ name: 'proxy', image: METRICS, secrets: { API_KEY: ecs.Secret.fromSecretsManager(secret) } }] });
    expect(byName(containers(stack, svc), 'proxy').Secrets[0].Name).toBe('API_KEY');
    expect(Object.keys(network.endpoints.endpoints)).toContain('secretsmanager');
  });

  test('a secret-like plain variable of a sidecar is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, sidecars: [{ name: 'proxy', image: METRICS, environment: { DB_PASSWORD: 'x' } }] }))
      .toThrow('`api.sidecars[0].environment` must not carry secrets in plain environment variables, got: "DB_PASSWORD".');
  });

  test('a container that runs as root is a warning, a non-root one is not', () => {
    const { stack, network } = newNetwork();
    network.addService('api', { image: IMAGE, user: '101', sidecars: [{ name: 'router', image: METRICS, user: '0' }, { name: 'm', image: METRICS, user: '1000' }] });
    Annotations.fromStack(stack).hasWarning('/Stack/Network/api', Match.stringLikeRegexp(
      'Containers router of api run as root: give `user` a non-root user \\(for example \'1000\'\\), as AWS Control Tower \\(CT.ECS.PR.3\\) expects.'));
    network.addService('web', { image: IMAGE, user: '101' });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Network/web', Match.stringLikeRegexp('run as root'));
  });

  test('duplicate container names are an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, sidecars: [{ name: 'm', image: METRICS }, { name: 'm', image: METRICS }] }))
      .toThrow('`api.sidecars` must give every container of the task its own name, and none the service name (the application container\'s), got: ["m"]. Rename the sidecars.');
    expect(() => network.addService('web', { image: IMAGE, sidecars: [{ name: 'web', image: METRICS }] }))
      .toThrow('`web.sidecars` must give every container of the task its own name');
  });

  test('an invalid container name is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, sidecars: [{ name: 'my agent', image: METRICS }] }))
      .toThrow('`api.sidecars[0].name` must have 1 to 255 letters, digits, hyphens and underscores (an ECS container name), got: "my agent". Use a name such as `metrics-agent`.');
  });

  test('more than ten containers is an error', () => {
    const { network } = newNetwork();
    const sidecars: SidecarOptions[] = Array.from({ length: 10 }, (_, i) => ({ name: `s${i}`, image: METRICS, memoryLimitMiB: 16 }));
    expect(() => network.addService('api', { image: IMAGE, memoryLimitMiB: 1024, cpu: 512, sidecars }))
      .toThrow('`api.sidecars` must leave the task at most 10 containers (the ECS limit per task definition), with the application container, got: "10 sidecars". Remove 1 sidecar(s), or move them into a service of their own.');
    // nine sidecars and the application container are allowed
    network.addService('ok', { image: IMAGE, memoryLimitMiB: 1024, cpu: 512, sidecars: sidecars.slice(0, 9) });
  });

  test('sidecars that leave the application container too little memory are an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, sidecars: [{ name: 'big', image: METRICS, memoryLimitMiB: 448 }] }))
      .toThrow('`api.sidecars` must leave the application container at least 128 MiB of the task\'s memory (512 MiB), got: "sidecars 448 MiB". Raise the service\'s `memoryLimitMiB`, or lower the sidecars\' `memoryLimitMiB`.');
  });

  test('sidecars that reserve more CPU than the task has are an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, sidecars: [{ name: 'a', image: METRICS, cpu: 200 }, { name: 'b', image: METRICS, cpu: 100 }] }))
      .toThrow('`api.sidecars` must reserve no more CPU than the task has (256 units), got: "sidecars 300 units".');
  });
});

describe('container health checks', () => {
  test('the defaults of ECS are written out', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', { image: IMAGE, containerHealthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] } });
    expect(byName(containers(stack, svc), 'api').HealthCheck).toEqual({
      Command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], Interval: 30, Timeout: 5, Retries: 3, StartPeriod: 0,
    });
  });

  test('interval, timeout, retries and start period override the defaults, on a sidecar too', () => {
    const { stack, network } = newNetwork();
    const hc = { ...HEALTH, interval: Duration.seconds(10), timeout: Duration.seconds(3), retries: 5, startPeriod: Duration.seconds(60) };
    const svc = network.addService('api', { image: IMAGE, sidecars: [{ name: 'metrics', image: METRICS, healthCheck: hc }] });
    expect(byName(containers(stack, svc), 'metrics').HealthCheck).toMatchObject({ Interval: 10, Timeout: 3, Retries: 5, StartPeriod: 60 });
    expect(byName(containers(stack, svc), 'api').HealthCheck).toBeUndefined();
  });

  test.each([
    ['interval', { interval: Duration.seconds(4) }, '`api.containerHealthCheck.interval` must be a whole number of seconds from 5 to 300 (what ECS accepts), got: "4 seconds". Choose a value from Duration.seconds(5) to Duration.seconds(300).'],
    ['interval', { interval: Duration.seconds(301) }, '`api.containerHealthCheck.interval` must be a whole number of seconds from 5 to 300'],
    ['timeout', { timeout: Duration.seconds(1) }, '`api.containerHealthCheck.timeout` must be a whole number of seconds from 2 to 120 (what ECS accepts), got: "1 second".'],
    ['timeout', { timeout: Duration.seconds(121) }, '`api.containerHealthCheck.timeout` must be a whole number of seconds from 2 to 120'],
    ['retries', { retries: 0 }, '`api.containerHealthCheck.retries` must be an integer from 1 to 10, got: 0. Choose a value from 1 to 10.'],
    ['retries', { retries: 11 }, '`api.containerHealthCheck.retries` must be an integer from 1 to 10, got: 11.'],
    ['startPeriod', { startPeriod: Duration.seconds(301) }, '`api.containerHealthCheck.startPeriod` must be a whole number of seconds from 0 to 300 (what ECS accepts), got: "5 minutes 1 second".'],
  ])('%s outside the ECS range is an error (%o)', (_, values, message) => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, containerHealthCheck: { ...HEALTH, ...values } })).toThrow(message);
  });

  test('a command without CMD or CMD-SHELL is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, sidecars: [{ name: 'm', image: METRICS, healthCheck: { command: ['curl', 'localhost'] } }] }))
      .toThrow('`api.sidecars[0].healthCheck.command` must start with `CMD` or `CMD-SHELL` followed by the command, got: ["curl", "localhost"].');
  });
});

describe('start order', () => {
  test('the application waits for a healthy sidecar, the sidecar for a log router that started', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', {
      image: IMAGE,
      dependsOn: [{ containerName: 'metrics', condition: ecs.ContainerDependencyCondition.HEALTHY }],
      sidecars: [
        { name: 'log-router', image: METRICS },
        { name: 'metrics', image: METRICS, healthCheck: HEALTH, dependsOn: [{ containerName: 'log-router' }] },
      ],
    });
    const defs = containers(stack, svc);
    expect(byName(defs, 'api').DependsOn).toEqual([{ ContainerName: 'metrics', Condition: 'HEALTHY' }]);
    expect(byName(defs, 'metrics').DependsOn).toEqual([{ ContainerName: 'log-router', Condition: 'START' }]);
  });

  test('COMPLETE and SUCCESS wait for a non-essential container', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', {
      image: IMAGE,
      dependsOn: [{ containerName: 'migrate', condition: ecs.ContainerDependencyCondition.SUCCESS }, { containerName: 'warm', condition: ecs.ContainerDependencyCondition.COMPLETE }],
      sidecars: [{ name: 'migrate', image: METRICS, essential: false }, { name: 'warm', image: METRICS, essential: false }],
    });
    expect(byName(containers(stack, svc), 'api').DependsOn).toEqual([
      { ContainerName: 'migrate', Condition: 'SUCCESS' }, { ContainerName: 'warm', Condition: 'COMPLETE' },
    ]);
  });

  test('an unknown container is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, dependsOn: [{ containerName: 'nope' }], sidecars: [{ name: 'm', image: METRICS }] }))
      .toThrow('`api.dependsOn[0].containerName` must name a container of the task: the service name or a sidecar\'s name, got: "nope". Use one of ["api", "m"].');
  });

  test('HEALTHY on a container without a health check is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', {
      image: IMAGE, sidecars: [{ name: 'm', image: METRICS, dependsOn: [{ containerName: 'api', condition: ecs.ContainerDependencyCondition.HEALTHY }] }],
    })).toThrow('`api.sidecars[0].dependsOn[0].condition` is HEALTHY, but container `api` has no health check, got: "HEALTHY". Give `api` a health check, or wait for START.');
  });

  test('COMPLETE on an essential container is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', {
      image: IMAGE, dependsOn: [{ containerName: 'm', condition: ecs.ContainerDependencyCondition.COMPLETE }], sidecars: [{ name: 'm', image: METRICS }],
    })).toThrow('`api.dependsOn[0].condition` is COMPLETE, which ECS refuses on an essential container, and `m` is essential, got: "COMPLETE".');
  });

  test('a cycle is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', {
      image: IMAGE,
      dependsOn: [{ containerName: 'a' }],
      sidecars: [{ name: 'a', image: METRICS, dependsOn: [{ containerName: 'b' }] }, { name: 'b', image: METRICS, dependsOn: [{ containerName: 'api' }] }],
    })).toThrow('`api.dependsOn` must not form a cycle: no container of the cycle could ever start, got: "api -> a -> b -> api". Remove one of the dependencies of the cycle.');
    expect(() => network.addService('self', { image: IMAGE, dependsOn: [{ containerName: 'self' }] }))
      .toThrow('`self.dependsOn` must not form a cycle: no container of the cycle could ever start, got: "self -> self".');
  });
});
