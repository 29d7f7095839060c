import { FeatureFlags, Validations } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ECS_DISABLE_EXPLICIT_DEPLOYMENT_CONTROLLER_FOR_CIRCUIT_BREAKER } from 'aws-cdk-lib/cx-api';
import type { Construct, IConstruct } from 'constructs';
import type { ServiceDeployment } from './service-deployment';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import { AWS_LIMITS } from '../limits/aws-limits';
import { invalidProp } from '../private/validation';
import type { RoutingOptions } from '../routing/routing-options';
import type { ServiceRoute } from '../routing/service-route';
import { createTargetGroup } from '../routing/service-route';
import type { RegisteringFargateService } from '../services/registering-service';

/** What a service needs to have its traffic shifted on one load balancer. */
export interface TestRouteProps {
  readonly serviceName: string;
  /** The prop path of the deployment, for error messages. */
  readonly prop: string;
  readonly routing: RoutingOptions;
  readonly containerPort: number;
  readonly vpc: ec2.IVpc;
  readonly service: RegisteringFargateService;
  readonly loadBalancer: IngressLoadBalancer;
  /** The production route placed on `loadBalancer`. */
  readonly production: ServiceRoute;
  readonly deployment: ServiceDeployment;
  /** The role ECS assumes to modify the rules and register the tasks. */
  readonly role: iam.Role;
  /** The construct ids of the production target group and rule, from which the alternate ones derive. */
  readonly ids: { readonly targetGroup: string; readonly rule: string };
}

/** The parts that ECS uses to shift traffic on one load balancer. */
export interface TestRoute {
  /** The target group of the green revision during a deployment (ECS alternates the two). */
  readonly alternateTargetGroup: elbv2.ApplicationTargetGroup;
  /** The rule that sends test requests (the production conditions plus the test header) to the green revision. */
  readonly rule: elbv2.ApplicationListenerRule;
  readonly priority: number;
  /** The test header, `name: value`. */
  readonly header: string;
}

/**
 * The role ECS assumes to shift the service's traffic between its target groups (one per service, for
 * all its load balancers). It holds what the AWS managed policy `AmazonECSInfrastructureRolePolicyForLoadBalancers`
 * allows, narrowed to the service's own target groups, rules and listeners (`attachTestRoute` adds them).
 */
export function createDeploymentRole(scope: Construct, serviceName: string): iam.Role {
  const role = new iam.Role(scope, 'DeploymentRole', {
    assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
    description: `ECS shifts the traffic of ${serviceName} between its blue and green target groups`,
  });
  // the wildcard in a policy of its own, acknowledged there alone: cdk-nag's finding (`Resource::*`) names no
  // statement, so an acknowledgement on the role would excuse any wildcard added to its default policy
  const describe = new iam.Policy(role, 'DescribeLoadBalancing', {
    roles: [role],
    statements: [new iam.PolicyStatement({
      actions: ['elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth'],
      resources: ['*'],
    })],
  });
  Validations.of(describe).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'This policy holds only the Describe actions of Elastic Load Balancing that ECS needs to shift traffic, which support no ' +
      'resource-level permissions; the actions that change anything, in the role\'s default policy, are limited to the service\'s own ' +
      'target groups, rules and listeners.',
  });
  return role;
}

/**
 * Creates the alternate target group and the test listener rule of one route, and tells ECS about
 * them and about the production rule on the service's registration of the production target group.
 */
export function attachTestRoute(scope: Construct, props: TestRouteProps): TestRoute {
  const o = props.deployment._options;
  const production = props.production;
  const router = props.loadBalancer._router;
  const limit = AWS_LIMITS.targetGroupsPerLoadBalancer;
  if (props.loadBalancer.routeCount >= limit.value) {
    throw invalidProp(props.prop, `needs an alternate target group on load balancer \`${props.loadBalancer.name}\`, which would be target group ${props.loadBalancer.routeCount + 1}, ` +
      `over the ${limit.value} ${limit.what} (a limit AWS cannot raise)`, `${props.loadBalancer.routeCount} target groups`,
    'Give the service a host of its own (a new host goes to a load balancer with room), or use `ServiceDeployment.rolling()`.');
  }
  if (!production.rule || production.priority === undefined) {
    // attachRoute places a rule (not the listener's default action) for every deployment that shifts traffic
    throw new Error(`internal: ${props.serviceName} has no production listener rule`);
  }
  const alternateTargetGroup = createTargetGroup(scope, props.ids.targetGroup.replace(/TargetGroup$/, 'AlternateTargetGroup'),
    props.vpc, props.routing, props.containerPort);
  const testRouting: RoutingOptions = {
    ...props.routing,
    httpHeaders: { ...props.routing.httpHeaders, [o.testHeaderName]: [o.testHeaderValue] },
    priority: o.testPriority,
  };
  const placed = router.addRoute(scope, props.serviceName, `${props.prop}.testHeaderName`, testRouting, alternateTargetGroup,
    props.ids.rule.replace(/ListenerRule$/, 'TestListenerRule'));
  if (placed.priority! >= production.priority) {
    throw invalidProp(`${props.prop}.testPriority`, `must be below the production rule's priority (${production.priority}), or the production rule answers the test requests`,
      placed.priority, `Give a \`testPriority\` below ${production.priority}.`);
  }
  const cfnService = props.service.node.defaultChild as ecs.CfnService;
  cfnService.node.addDependency(alternateTargetGroup.loadBalancerAttached);
  // what ECS changes during a deployment: the tasks in both target groups, the weights of both rules
  props.role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
    resources: [production.targetGroup.targetGroupArn, alternateTargetGroup.targetGroupArn],
  }));
  props.role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['elasticloadbalancing:ModifyRule'],
    resources: [production.rule.listenerRuleArn, placed.rule!.listenerRuleArn],
  }));
  props.role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['elasticloadbalancing:ModifyListener'],
    resources: [router.listener.listenerArn],
  }));
  // the role's permissions exist before ECS uses them (the role itself is referenced already)
  for (const id of ['DescribeLoadBalancing', 'DefaultPolicy']) {
    const policy = props.role.node.tryFindChild(id);
    if (policy) cfnService.node.addDependency(policy);
  }
  props.service.setAdvancedConfiguration(production.targetGroup.targetGroupArn, {
    alternateTargetGroupArn: alternateTargetGroup.targetGroupArn,
    productionListenerRule: production.rule.listenerRuleArn,
    testListenerRule: placed.rule!.listenerRuleArn,
    roleArn: props.role.roleArn,
  });
  return { alternateTargetGroup, rule: placed.rule!, priority: placed.priority!, header: `${o.testHeaderName}: ${o.testHeaderValue}` };
}

/**
 * The deployment controller of every service: the same whatever its strategy, so that a change of
 * strategy updates the service. `DeploymentController` is a property CloudFormation cannot update: a
 * service that gains or loses it is replaced, and a replaced Service Connect service fails to deploy
 * (its new endpoint collides with the old one). aws-cdk-lib renders it beside a circuit breaker
 * (rolling) only, and only in apps without the
 * `@aws-cdk/aws-ecs:disableExplicitDeploymentControllerForCircuitBreaker` flag. So every strategy gets
 * what rolling gets in the app: `ECS` without the flag, nothing with it (most apps: `cdk init` sets
 * it); rolling services, most services, keep what they were deployed with.
 */
function deploymentController(scope: IConstruct): ecs.DeploymentController | undefined {
  return FeatureFlags.of(scope).isEnabled(ECS_DISABLE_EXPLICIT_DEPLOYMENT_CONTROLLER_FOR_CIRCUIT_BREAKER)
    ? undefined : { type: ecs.DeploymentControllerType.ECS };
}

/** The ECS service props of a deployment in `scope`: the deployment controller; the circuit breaker for rolling, the strategy and its settings otherwise. */
export function deploymentServiceProps(deployment: ServiceDeployment, scope: IConstruct): Partial<ecs.FargateServiceProps> {
  const controller = deploymentController(scope);
  if (!deployment.shiftsTraffic) return { deploymentController: controller, circuitBreaker: { enable: true, rollback: true } };
  const o = deployment._options;
  const shift = { stepPercent: o.percent, stepBakeTime: o.interval };
  return {
    deploymentController: controller,
    deploymentStrategy: deployment.strategy,
    bakeTime: o.bakeTime,
    canaryConfiguration: deployment.strategy === ecs.DeploymentStrategy.CANARY ? shift : undefined,
    linearConfiguration: deployment.strategy === ecs.DeploymentStrategy.LINEAR ? shift : undefined,
    lifecycleHooks: o.lifecycleHooks.length === 0 ? undefined
      : o.lifecycleHooks.map((hook, i) => new ecs.DeploymentLifecycleLambdaTarget(hook.handler, `LifecycleHook${i}`, { lifecycleStages: hook.stages })),
  };
}

/**
 * Routes test requests to the green revision of a Service Connect server: requests with the test
 * header reach it while the deployment is in its test stages.
 */
export function addServiceConnectTestTraffic(service: ecs.FargateService, deployment: ServiceDeployment): void {
  const o = deployment._options;
  // on the client alias of the endpoint: callers' proxies route by it
  (service.node.defaultChild as ecs.CfnService).addPropertyOverride('ServiceConnectConfiguration.Services.0.ClientAliases.0.TestTrafficRules', {
    Header: { Name: o.testHeaderName, Value: { Exact: o.testHeaderValue } },
  });
}
