import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Capacity } from '../../src';
import { IMAGE, newNetwork } from '../helpers/network';

const AGENT = ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-otel-collector:latest');

describe('report: tasks', () => {
  test('each task lists its capacity and containers, with ports, health checks and start order', () => {
    const { network } = newNetwork();
    network.addService('api', {
      image: IMAGE,
      containerPort: 8080,
      containerHealthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'] },
      dependsOn: [{ containerName: 'metrics', condition: ecs.ContainerDependencyCondition.HEALTHY }],
      sidecars: [{ name: 'metrics', image: AGENT, containerPorts: [4317], healthCheck: { command: ['CMD', '/healthcheck'] } }],
      additionalPorts: [{ name: 'admin', containerPort: 9090, routing: { pathPatterns: ['/admin/*'] } }],
      capacity: Capacity.fargateMix(),
    });
    const report = network.report();
    expect(report.tasks).toEqual([{
      serviceName: 'api',
      capacity: 'Fargate on demand (base 1, weight 1) and Spot (weight 1)',
      containers: [
        {
          name: 'api',
          essential: true,
          memoryLimitMiB: 384,
          ports: ['8080', '9090 (admin, routed)'],
          healthCheck: 'CMD-SHELL curl -f http://localhost:8080/ || exit 1; every 30 s, timeout 5 s, 3 retries, start period 0 s',
          dependsOn: ['metrics HEALTHY'],
        },
        {
          name: 'metrics',
          essential: true,
          memoryLimitMiB: 128,
          ports: ['4317 (localhost only)'],
          healthCheck: 'CMD /healthcheck; every 30 s, timeout 5 s, 3 retries, start period 0 s',
          dependsOn: [],
        },
      ],
    }]);
    expect(report.markdown).toContain('## Tasks');
    expect(report.markdown).toContain('| api | Fargate on demand (base 1, weight 1) and Spot (weight 1) | api | yes | 384 | 8080, 9090 (admin, routed) |');
    // the routed named port is a path of the reachability matrix
    const routes = report.reachability.filter(r => r.kind === 'route');
    expect(routes).toHaveLength(1);
    expect(routes[0]).toMatchObject({ destination: 'api', port: 'TCP 9090' });
    expect(routes[0].detail).toMatch(/^HTTP paths \/admin\/\* \(port admin, rule priority \d+\)$/);
  });

  test('a network of single-container Fargate services has no tasks section in Markdown', () => {
    const { network } = newNetwork();
    network.addService('api', { image: IMAGE, containerPort: 8080 });
    const report = network.report();
    expect(report.tasks[0]).toMatchObject({ serviceName: 'api', capacity: 'Fargate' });
    expect(report.markdown).not.toContain('## Tasks');
  });
});
