import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IngressAccess, ServiceDeployment } from '../../src';
import { buildNetworkReport } from '../../src/report/network-report';
import { IMAGE, logicalId, newNetwork, propsOf, serviceProps } from '../helpers/network';

const API = { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'] } };

function routed(deployment?: ServiceDeployment, extra: object = {}) {
  const { stack, network } = newNetwork();
  const svc = network.addService('api', { ...API, deployment, ...extra });
  return { stack, network, svc, template: Template.fromStack(stack) };
}

describe('rolling (the default)', () => {
  test('circuit breaker with rollback, no strategy, no alternate target group or test rule', () => {
    const { template, svc } = routed();
    const config = serviceProps(template, svc).DeploymentConfiguration;
    expect(config.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
    expect(config.Strategy).toBeUndefined();
    expect(config.Alarms.AlarmNames).toEqual(['Stack-Network-api-Target5xx', 'Stack-Network-api-UnhealthyHosts']);
    expect(serviceProps(template, svc).LoadBalancers[0].AdvancedConfiguration).toBeUndefined();
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 1);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 1);
    expect(svc.deployment.strategy).toBe(ecs.DeploymentStrategy.ROLLING);
    expect(svc.alternateTargetGroup).toBeUndefined();
    expect(svc.deploymentRole).toBeUndefined();
  });

  test('a catch-all route stays the listener default action', () => {
    const { stack, network } = newNetwork();
    network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    Template.fromStack(stack).resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 0);
  });
});

describe('blue/green', () => {
  test('strategy, default bake time, no circuit breaker, rollback on 5xx, unhealthy hosts and latency', () => {
    const { template, svc } = routed(ServiceDeployment.blueGreen());
    const config = serviceProps(template, svc).DeploymentConfiguration;
    expect(config).toMatchObject({ Strategy: 'BLUE_GREEN', BakeTimeInMinutes: 5 });
    expect(config.DeploymentCircuitBreaker).toBeUndefined();
    expect(config.Alarms).toEqual({
      AlarmNames: ['Stack-Network-api-Target5xx', 'Stack-Network-api-UnhealthyHosts', 'Stack-Network-api-TargetResponseTime'],
      Enable: true,
      Rollback: true,
    });
  });

  test('bakeTime overrides the default', () => {
    const { template, svc } = routed(ServiceDeployment.blueGreen({ bakeTime: Duration.minutes(30) }));
    expect(serviceProps(template, svc).DeploymentConfiguration.BakeTimeInMinutes).toBe(30);
  });

  test('an alternate target group like the production one, and the advanced configuration of the registration', () => {
    const { template, svc } = routed(ServiceDeployment.blueGreen(), { routing: { pathPatterns: ['/api/*'], healthCheck: { path: '/health' } } });
    const alternate = propsOf(template, svc.alternateTargetGroup!);
    const primary = propsOf(template, svc.targetGroup!);
    expect(alternate).toEqual(primary);
    expect(alternate.HealthCheckPath).toBe('/health');
    expect(serviceProps(template, svc).LoadBalancers).toEqual([{
      ContainerName: 'api',
      ContainerPort: 80,
      TargetGroupArn: { Ref: logicalId(svc.targetGroup!) },
      AdvancedConfiguration: {
        AlternateTargetGroupArn: { Ref: logicalId(svc.alternateTargetGroup!) },
        ProductionListenerRule: { Ref: logicalId(svc.listenerRule!) },
        TestListenerRule: { Ref: logicalId(svc.routes[0].testListenerRule!) },
        RoleArn: { 'Fn::GetAtt': [logicalId(svc.deploymentRole!), 'Arn'] },
      },
    }]);
    const dependsOn = template.toJSON().Resources[logicalId(svc.service)].DependsOn as string[];
    expect(dependsOn).toEqual(expect.arrayContaining([logicalId(svc.routes[0].testListenerRule!), logicalId(svc.deploymentRole!.node.findChild('DefaultPolicy'))]));
  });

  test('the test rule: production conditions plus the default header, a lower priority, to the alternate target group', () => {
    const { template, svc } = routed(ServiceDeployment.blueGreen());
    const route = svc.routes[0];
    const test = propsOf(template, route.testListenerRule!);
    expect(test.Conditions).toEqual([
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } },
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'x-deployment-test', Values: ['green'] } },
    ]);
    expect(test.Actions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: logicalId(svc.alternateTargetGroup!) } }]);
    expect(test.Priority).toBe(route.testPriority);
    expect(route.testPriority!).toBeLessThan(route.priority!);
    expect(route.testHeader).toBe('x-deployment-test: green');
  });

  test('testHeaderName, testHeaderValue and testPriority override the defaults', () => {
    const { template, svc } = routed(ServiceDeployment.blueGreen({ testHeaderName: 'X-Canary', testHeaderValue: 'yes', testPriority: 7 }));
    const test = propsOf(template, svc.routes[0].testListenerRule!);
    expect(test.Priority).toBe(7);
    expect(test.Conditions[1]).toEqual({ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Canary', Values: ['yes'] } });
  });

  test('the role ECS assumes: describe anything, change only the service\'s own target groups, rules and listener', () => {
    const { template, svc, network } = routed(ServiceDeployment.blueGreen());
    const role = propsOf(template, svc.deploymentRole!);
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' } }]);
    expect(role.ManagedPolicyArns).toBeUndefined();
    const policies = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter(p => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: logicalId(svc.deploymentRole!) }]));
    // the wildcard in a policy of its own (where AwsSolutions-IAM5 is acknowledged), the scoped changes in the default policy
    expect(policies.map(p => p.Properties.PolicyDocument.Statement)).toEqual([[
      {
        Action: ['elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeRules',
          'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth'],
        Effect: 'Allow',
        Resource: '*',
      },
    ], [
      {
        Action: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
        Effect: 'Allow',
        Resource: [{ Ref: logicalId(svc.targetGroup!) }, { Ref: logicalId(svc.alternateTargetGroup!) }],
      },
      { Action: 'elasticloadbalancing:ModifyRule', Effect: 'Allow', Resource: [{ Ref: logicalId(svc.listenerRule!) }, { Ref: logicalId(svc.routes[0].testListenerRule!) }] },
      { Action: 'elasticloadbalancing:ModifyListener', Effect: 'Allow', Resource: { Ref: logicalId(network.routingListener!) } },
    ]]);
  });

  test('a catch-all route becomes a rule (ECS shifts rules, not default actions); the listener keeps its 404', () => {
    const { stack, network } = newNetwork();
    const web = network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] }, deployment: ServiceDeployment.blueGreen() });
    const template = Template.fromStack(stack);
    expect(web.listenerRule).toBeDefined();
    expect(propsOf(template, web.listenerRule!).Conditions).toEqual([{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }]);
    expect(web.routes[0].testPriority!).toBeLessThan(web.priority!);
    const listener = propsOf(template, network.routingListener!);
    expect(listener.DefaultActions[0].Type).toBe('fixed-response');
  });

  test('no CDK warning about the circuit breaker', () => {
    const { stack } = routed(ServiceDeployment.blueGreen());
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('circuitBreaker'));
  });

  test('a service on two load balancers gets an alternate target group and a test rule on each, and one role', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', { ...API, routing: { pathPatterns: ['/api/*'], access: IngressAccess.PUBLIC_AND_INTERNAL }, deployment: ServiceDeployment.blueGreen() });
    const template = Template.fromStack(stack);
    expect(svc.routes).toHaveLength(2);
    const lbs = serviceProps(template, svc).LoadBalancers;
    expect(lbs).toHaveLength(2);
    svc.routes.forEach((r, i) => {
      expect(lbs[i].AdvancedConfiguration.AlternateTargetGroupArn).toEqual({ Ref: logicalId(r.alternateTargetGroup!) });
      expect(lbs[i].AdvancedConfiguration.TestListenerRule).toEqual({ Ref: logicalId(r.testListenerRule!) });
    });
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 4);
    expect(Object.keys(template.findResources('AWS::IAM::Role', { Properties: { Description: Match.stringLikeRegexp('shifts the traffic') } }))).toHaveLength(1);
  });

  test('the alarms watch both target groups', () => {
    const { template, network } = routed(ServiceDeployment.blueGreen());
    const alarm = propsOf(template, network.monitoring!.serviceAlarms.api.target5xx!);
    expect(alarm.Metrics.find((m: any) => m.Expression).Expression).toBe('FILL(blue, 0) + FILL(green, 0)');
    const unhealthy = propsOf(template, network.monitoring!.serviceAlarms.api.unhealthyHosts!);
    expect(unhealthy.Metrics.find((m: any) => m.Expression).Expression).toBe('MAX([FILL(blue, 0), FILL(green, 0)])');
  });

  test('rollbackAlarms join the service\'s own', () => {
    const { stack, network } = newNetwork();
    const extra = new cloudwatch.Alarm(stack, 'Orders', {
      alarmName: 'orders-failing', metric: new cloudwatch.Metric({ namespace: 'App', metricName: 'Failed' }), threshold: 1, evaluationPeriods: 1,
    });
    const svc = network.addService('api', { ...API, deployment: ServiceDeployment.blueGreen({ rollbackAlarms: [extra] }) });
    const p = serviceProps(Template.fromStack(stack), svc);
    expect(p.DeploymentConfiguration.Alarms.AlarmNames).toEqual(['orders-failing', 'Stack-Network-api-Target5xx', 'Stack-Network-api-UnhealthyHosts',
      'Stack-Network-api-TargetResponseTime']);
  });

  test('rollbackAlarms roll back a service whose own alarms are off', () => {
    const { stack, network } = newNetwork({ monitoring: { enabled: false } });
    const extra = cloudwatch.Alarm.fromAlarmName(stack, 'Orders', 'orders-failing');
    const svc = network.addService('api', { ...API, deployment: ServiceDeployment.blueGreen({ rollbackAlarms: [extra] }) });
    expect(serviceProps(Template.fromStack(stack), svc).DeploymentConfiguration.Alarms)
      .toEqual({ AlarmNames: ['orders-failing'], Enable: true, Rollback: true });
  });

  test('lifecycle hooks: the function, its stages and a role to invoke it', () => {
    const { stack, network } = newNetwork();
    const fn = new lambda.Function(stack, 'Hook', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>({hookStatus:"SUCCEEDED"})') });
    const svc = network.addService('api', {
      ...API,
      deployment: ServiceDeployment.blueGreen({ lifecycleHooks: [{ handler: fn, stages: [ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT] }] }),
    });
    const hooks = serviceProps(Template.fromStack(stack), svc).DeploymentConfiguration.LifecycleHooks;
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ HookTargetArn: { 'Fn::GetAtt': [logicalId(fn), 'Arn'] }, LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] });
    expect(hooks[0].RoleArn).toBeDefined();
  });

  test('the peak task count is twice the desired count', () => {
    const { svc } = routed(ServiceDeployment.blueGreen(), { desiredCount: 3 });
    expect(svc._peakTaskCount).toBe(6);
  });
});

describe('canary and linear', () => {
  test('canary defaults: 5% for 10 minutes', () => {
    const { template, svc } = routed(ServiceDeployment.canary());
    expect(serviceProps(template, svc).DeploymentConfiguration).toMatchObject({
      Strategy: 'CANARY', BakeTimeInMinutes: 5, CanaryConfiguration: { CanaryPercent: 5, CanaryBakeTimeInMinutes: 10 },
    });
    expect(svc.routes[0].testListenerRule).toBeDefined();
  });

  test('canaryPercent and canaryInterval override the defaults', () => {
    const deployment = ServiceDeployment.canary({ canaryPercent: 0.5, canaryInterval: Duration.minutes(20), bakeTime: Duration.minutes(0) });
    const { template, svc } = routed(deployment);
    expect(serviceProps(template, svc).DeploymentConfiguration).toMatchObject({
      BakeTimeInMinutes: 0, CanaryConfiguration: { CanaryPercent: 0.5, CanaryBakeTimeInMinutes: 20 },
    });
  });

  test('linear defaults: 10% every 6 minutes', () => {
    const { template, svc } = routed(ServiceDeployment.linear());
    expect(serviceProps(template, svc).DeploymentConfiguration).toMatchObject({
      Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 10, StepBakeTimeInMinutes: 6 },
    });
  });

  test('stepPercent and stepInterval override the defaults', () => {
    const { template, svc } = routed(ServiceDeployment.linear({ stepPercent: 25, stepInterval: Duration.minutes(3) }));
    expect(serviceProps(template, svc).DeploymentConfiguration.LinearConfiguration).toEqual({ StepPercent: 25, StepBakeTimeInMinutes: 3 });
  });
});

describe('network default', () => {
  test('applies to routed services and Service Connect servers; a worker keeps rolling; a service can override it', () => {
    const { stack, network } = newNetwork({ deployment: ServiceDeployment.linear() });
    const api = network.addService('api', API);
    const worker = network.addService('worker', { image: IMAGE });
    const web = network.addService('web', { ...API, routing: { pathPatterns: ['/web/*'] }, deployment: ServiceDeployment.rolling() });
    const template = Template.fromStack(stack);
    expect(serviceProps(template, api).DeploymentConfiguration.Strategy).toBe('LINEAR');
    expect(serviceProps(template, worker).DeploymentConfiguration.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
    expect(serviceProps(template, web).DeploymentConfiguration.Strategy).toBeUndefined();
  });

  test('is validated on its own, before any service takes it', () => {
    expect(() => newNetwork({ deployment: ServiceDeployment.canary({ canaryPercent: 200 }) }))
      .toThrow('`deployment.canaryPercent` must be a percentage from 0.1 to 100 in steps of 0.1, the range ECS accepts, got: 200. Choose a value from 0.1 to 100.');
  });

  test('a deployment that is not made by a factory is an error', () => {
    expect(() => newNetwork({ deployment: 'BLUE_GREEN' as any }))
      .toThrow('`deployment` must be made by a factory of `ServiceDeployment`, got: "BLUE_GREEN". Use for example `ServiceDeployment.blueGreen()`.');
  });
});

describe('Service Connect servers', () => {
  test('the test header reaches the green revision through Service Connect', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('orders', { image: IMAGE, containerPort: 8080, deployment: ServiceDeployment.blueGreen({ testHeaderName: 'x-test' }) });
    const p = serviceProps(Template.fromStack(stack), svc);
    expect(p.DeploymentConfiguration.Strategy).toBe('BLUE_GREEN');
    expect(p.ServiceConnectConfiguration.Services[0].ClientAliases).toEqual([
      { DnsName: 'orders', Port: 8080, TestTrafficRules: { Header: { Name: 'x-test', Value: { Exact: 'green' } } } },
    ]);
    expect(p.LoadBalancers).toBeUndefined();
  });
});

describe('report and dashboard', () => {
  test('the report lists each service\'s strategy and test route', () => {
    const { stack, network } = newNetwork();
    network.addService('api', { ...API, deployment: ServiceDeployment.canary() });
    network.addService('worker', { image: IMAGE });
    Template.fromStack(stack);
    const report = buildNetworkReport(network);
    const api = network.findService('api')!;
    expect(report.deployments).toEqual([
      {
        serviceName: 'api',
        strategy: 'canary 5% for 10 minutes, bake 5 minutes',
        testRoutes: [`load balancer: header x-deployment-test: green (rule priority ${api.routes[0].testPriority})`,
          'Service Connect api: header x-deployment-test: green'],
      },
      { serviceName: 'worker', strategy: 'rolling (circuit breaker with rollback)', testRoutes: [] },
    ]);
    expect(report.markdown).toContain('## Deployments');
    expect(report.markdown).toContain('| api | canary 5% for 10 minutes, bake 5 minutes |');
  });

  test('the dashboard shows both target groups', () => {
    const { template } = routed(ServiceDeployment.blueGreen());
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardBody);
    expect(body).toContain('api (alternate)');
    expect(body).toContain('api (alternate) target 5xx');
  });
});

describe('bad input', () => {
  const fails = (deployment: ServiceDeployment, extra: object = {}) => () => {
    const { network } = newNetwork();
    network.addService('api', { ...API, deployment, ...extra });
  };

  test('a traffic shift on a service without a route or Service Connect endpoint', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, deployment: ServiceDeployment.canary() }))
      .toThrow('`worker.deployment` (canary) shifts traffic between two revisions, so it needs a load balancer route or a Service Connect endpoint, but the service has neither, got: "canary". ' +
        'Give the service `routing` (or a `containerPort` with Service Connect discovery), or use `ServiceDeployment.rolling()`.');
  });

  test('minHealthyPercent or maxHealthyPercent with blue/green', () => {
    expect(fails(ServiceDeployment.blueGreen(), { minHealthyPercent: 50 }))
      .toThrow('`api.minHealthyPercent` applies to rolling deployments only: a blue/green deployment starts the whole green revision beside the blue one, got: 50. ' +
        'Remove `minHealthyPercent`, or use `ServiceDeployment.rolling()`.');
    expect(fails(ServiceDeployment.linear(), { maxHealthyPercent: 150 })).toThrow(/`api\.maxHealthyPercent` applies to rolling deployments only: a linear deployment/);
  });

  test('bake time out of range or not whole minutes', () => {
    expect(fails(ServiceDeployment.blueGreen({ bakeTime: Duration.minutes(1441) })))
      .toThrow('`api.deployment.bakeTime` must be whole minutes from 0 to 1440 (24 hours), the range ECS accepts, got: "1 day 1 minute". Choose for example `Duration.minutes(10)`.');
    expect(fails(ServiceDeployment.blueGreen({ bakeTime: Duration.seconds(90) }))).toThrow(/`api\.deployment\.bakeTime` must be whole minutes/);
  });

  test('canary percent outside 0.1..100 or not in steps of 0.1', () => {
    expect(fails(ServiceDeployment.canary({ canaryPercent: 0.05 })))
      .toThrow('`api.deployment.canaryPercent` must be a percentage from 0.1 to 100 in steps of 0.1, the range ECS accepts, got: 0.05. Choose a value from 0.1 to 100.');
    expect(fails(ServiceDeployment.canary({ canaryPercent: 101 }))).toThrow(/`api\.deployment\.canaryPercent` must be a percentage from 0\.1 to 100/);
    expect(fails(ServiceDeployment.canary({ canaryPercent: 2.55 }))).toThrow(/got: 2\.55\./);
  });

  test('canary interval outside ECS\'s range', () => {
    expect(fails(ServiceDeployment.canary({ canaryInterval: Duration.hours(25) })))
      .toThrow('`api.deployment.canaryInterval` must be whole minutes from 0 to 1440 (24 hours), the range ECS accepts, got: "1 day 1 hour". Choose for example `Duration.minutes(10)`.');
  });

  test('linear step outside 3..100 and interval outside ECS\'s range', () => {
    expect(fails(ServiceDeployment.linear({ stepPercent: 2 })))
      .toThrow('`api.deployment.stepPercent` must be a percentage from 3 to 100 in steps of 0.1, the range ECS accepts, got: 2. Choose a value from 3 to 100.');
    expect(fails(ServiceDeployment.linear({ stepInterval: Duration.minutes(2000) }))).toThrow(/`api\.deployment\.stepInterval` must be whole minutes from 0 to 1440/);
  });

  // AWS CloudFormation Template Reference, AWS::ECS::Service CanaryConfiguration / LinearConfiguration:
  // CloudFormation refuses a deployment whose configured time exceeds 33 hours
  test('a canary or linear deployment longer than CloudFormation\'s 33 hours', () => {
    expect(fails(ServiceDeployment.canary({ canaryInterval: Duration.hours(24), bakeTime: Duration.hours(10) }))).toThrow(
      '`api.deployment` takes `bakeTime` + `canaryInterval` = 2040 minutes, over the 1980 minutes (33 hours) that CloudFormation allows a canary or linear ECS ' +
      'deployment (it refuses longer ones: its operations time out after 36 hours), got: ["10 hours", "1 day"]. Shorten `bakeTime` or `canaryInterval`.');
    expect(fails(ServiceDeployment.canary({ canaryInterval: Duration.hours(24), bakeTime: Duration.hours(9) }))).not.toThrow();
    // 10% a step: 9 waits after the shifts before the last
    expect(fails(ServiceDeployment.linear({ stepPercent: 10, stepInterval: Duration.hours(4) }))).toThrow(
      '`api.deployment` takes `bakeTime` + 9 x `stepInterval` = 2165 minutes, over the 1980 minutes (33 hours)');
    expect(fails(ServiceDeployment.linear({ stepPercent: 11, stepInterval: Duration.minutes(215) }))).not.toThrow();
  });

  test('a test header that is no header name, or a value with a wildcard', () => {
    expect(fails(ServiceDeployment.blueGreen({ testHeaderName: 'x test' })))
      .toThrow('`api.deployment.testHeaderName` must be an HTTP header name of 1 to 40 characters (RFC 7230 token characters: letters, digits and ' +
        '`!#$%&\'+.^_`|~-`, no wildcard), got: "x test". Use a name such as `x-deployment-test`.');
    // Elastic Load Balancing API Reference, HttpHeaderConditionConfig: not the host header
    expect(fails(ServiceDeployment.blueGreen({ testHeaderName: 'Host' })))
      .toThrow('`api.deployment.testHeaderName` cannot be the `Host` header: the ALB refuses it in an HTTP-header condition (a host-header condition matches it), ' +
        'got: "Host". Use a header of your own such as `x-deployment-test`: the test rule keeps the production route\'s host conditions.');
    expect(fails(ServiceDeployment.blueGreen({ testHeaderValue: 'gr*en' })))
      .toThrow('`api.deployment.testHeaderValue` must have 1 to 128 characters and no wildcard (`*`, `?`): it is matched exactly, got: "gr*en". Use a plain value such as `green`.');
  });

  test('a test priority out of range', () => {
    expect(fails(ServiceDeployment.blueGreen({ testPriority: 0 })))
      .toThrow('`api.deployment.testPriority` must be an integer from 1 to 50000, got: 0. Rule priorities run from 1 to 50000; below 1000 is free for explicit ones.');
  });

  test('a test header the production route already matches collides with it', () => {
    expect(fails(ServiceDeployment.blueGreen({ testHeaderName: 'X-Tenant', testPriority: 5 }),
      { routing: { pathPatterns: ['/api/*'], httpHeaders: { 'x-tenant': ['a'] } } }))
      .toThrow('`api.deployment.testHeaderName` must differ from the headers of the production route (`routing.httpHeaders`): the test route would collide with it, got: "X-Tenant". Choose another test header name.');
  });

  test('a test route that collides with the production route of another service', () => {
    const { network } = newNetwork();
    network.addService('other', { ...API, routing: { pathPatterns: ['/api/*'], httpHeaders: { 'x-deployment-test': ['green'] }, priority: 10 } });
    expect(() => network.addService('api', { ...API, routing: { pathPatterns: ['/api/*'], httpMethods: ['GET'] }, deployment: ServiceDeployment.blueGreen({ testPriority: 4 }) }))
      .not.toThrow();
    const { network: n2 } = newNetwork();
    n2.addService('api', { ...API, deployment: ServiceDeployment.blueGreen() });
    expect(() => n2.addService('other', { ...API, routing: { pathPatterns: ['/api/*'], httpHeaders: { 'x-deployment-test': ['green'] } } }))
      .toThrow('`other.routing` claims requests that service `api` already routes (any host and path /api/*), got: ["/api/*"]. Give each service distinct path patterns or host headers.');
  });

  test('a test rule that would exceed the ALB\'s condition values', () => {
    expect(fails(ServiceDeployment.blueGreen(), { routing: { pathPatterns: ['/a/*', '/b/*', '/c/*', '/d/*', '/e/*'] } }))
      .toThrow('`api.deployment` needs a test rule with the production conditions plus the test header, at most 5 condition values (an ALB quota that cannot be raised), got: "6 values". ' +
        'Use fewer path patterns or host headers in `routing`, or use `ServiceDeployment.rolling()`.');
  });

  test('an explicit production priority needs an explicit test priority below it', () => {
    expect(fails(ServiceDeployment.blueGreen(), { routing: { pathPatterns: ['/api/*'], priority: 20 } }))
      .toThrow('`api.deployment.testPriority` is required when the production route has an explicit `routing.priority`: the test rule must be evaluated first, got: undefined. Give a `testPriority` below 20.');
    expect(fails(ServiceDeployment.blueGreen({ testPriority: 20 }), { routing: { pathPatterns: ['/api/*'], priority: 20 } }))
      .toThrow('`api.deployment.testPriority` must be below the production rule\'s `routing.priority`, or the production rule answers the test requests, got: 20. Give a `testPriority` below 20.');
  });

  test('a production route with header or method conditions needs an explicit test priority', () => {
    expect(fails(ServiceDeployment.blueGreen(), { routing: { pathPatterns: ['/api/*'], httpMethods: ['GET'] } }))
      .toThrow('`api.deployment.testPriority` is required when the production route has header or method conditions: a computed test priority would follow the production rule\'s, got: undefined. ' +
        'Give a `testPriority` from 1 to 999 (computed priorities start at 1000, so it is evaluated first).');
  });

  test('an explicit test priority after the computed production one', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { ...API, deployment: ServiceDeployment.blueGreen({ testPriority: 50000 }) }))
      .toThrow(/^`api\.deployment\.testPriority` must be below the production rule's priority \(\d+\), or the production rule answers the test requests, got: 50000\. Give a `testPriority` below \d+\.$/);
  });

  test('an alternate target group over the 100 target groups of a load balancer', () => {
    const { network } = newNetwork({ monitoring: { enabled: false } });
    // explicit priorities: 99 routes of one specificity would clash on computed ones (see assignmentsFile)
    for (let i = 0; i < 99; i++) network.addService(`s${i}`, { ...API, routing: { pathPatterns: [`/s${i}/*`], priority: i + 1 } });
    expect(() => network.addService('api', { ...API, deployment: ServiceDeployment.blueGreen() }))
      .toThrow('`api.deployment` needs an alternate target group on load balancer `public`, which would be target group 101, over the 100 target groups per Application Load Balancer ' +
        '(a limit AWS cannot raise), got: "100 target groups". Give the service a host of its own (a new host goes to a load balancer with room), or use `ServiceDeployment.rolling()`.');
  });

  test('a lifecycle hook without stages', () => {
    const { stack, network } = newNetwork();
    const fn = lambda.Function.fromFunctionArn(stack, 'Hook', 'arn:aws:lambda:us-east-1:111111111111:function:hook');
    expect(() => network.addService('api', { ...API, deployment: ServiceDeployment.blueGreen({ lifecycleHooks: [{ handler: fn, stages: [] }] }) }))
      .toThrow('`api.deployment.lifecycleHooks[0].stages` must name at least one stage, got: "[]". Give for example `[ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT]`.');
  });

  test('a service deployment that is not made by a factory', () => {
    expect(fails({ strategy: 'CANARY' } as any))
      .toThrow('`api.deployment` must be made by a factory of `ServiceDeployment`, got: "an object". Use for example `ServiceDeployment.blueGreen()`.');
  });
});
