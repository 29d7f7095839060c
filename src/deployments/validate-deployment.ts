import type { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ServiceDeployment } from './service-deployment';
import { linearSteps, MAX_TRAFFIC_SHIFT_MINUTES, requireDurationSum } from '../private/aws-values/durations';
import { requireHttpHeaderName } from '../private/aws-values/http-headers';
import { describe, invalidProp, isConcrete, requireInstanceOf, requireIntegerInRange } from '../private/validation';
import type { RoutingOptions } from '../routing/routing-options';
import { conditionValueCount, MAX_CONDITION_VALUES } from '../routing/validate-routing';
import type { ServiceOptions } from '../services/service-options';

/** ECS: bake time, canary and linear intervals run from 0 to 1440 minutes. */
export const MAX_DEPLOYMENT_MINUTES = 1440;

/** What the rules of a deployment look at, besides the deployment itself. */
export interface DeploymentContext {
  /** The service's own options, as given (not resolved: some options only conflict when given). */
  readonly given: ServiceOptions;
  /** Whether the service publishes a Service Connect endpoint. */
  readonly serviceConnectServer: boolean;
}

/**
 * Validates the options of a deployment on their own (ranges, the test header, the hooks); `p` is its
 * prop path: `deployment` for the network's default, `<service>.deployment` for a service's own.
 */
export function validateDeploymentOptions(p: string, deployment: ServiceDeployment | undefined): void {
  requireInstanceOf(p, deployment, ServiceDeployment, 'ServiceDeployment.blueGreen()');
  if (!deployment?.shiftsTraffic) return;
  const o = deployment._options;
  requireMinutes(`${p}.bakeTime`, o.bakeTime);
  if (deployment.strategy === ecs.DeploymentStrategy.CANARY) {
    requirePercent(`${p}.canaryPercent`, o.percent!, 0.1);
    requireMinutes(`${p}.canaryInterval`, o.interval!);
  }
  if (deployment.strategy === ecs.DeploymentStrategy.LINEAR) {
    requirePercent(`${p}.stepPercent`, o.percent!, 3);
    requireMinutes(`${p}.stepInterval`, o.interval!);
  }
  validateTotalTime(p, deployment);
  requireHttpHeaderName(`${p}.testHeaderName`, o.testHeaderName, 'Use a name such as `x-deployment-test`.',
    'Use a header of your own such as `x-deployment-test`: the test rule keeps the production route\'s host conditions.');
  if (o.testHeaderValue.length === 0 || o.testHeaderValue.length > 128 || /[*?]/.test(o.testHeaderValue)) {
    throw invalidProp(`${p}.testHeaderValue`, 'must have 1 to 128 characters and no wildcard (`*`, `?`): it is matched exactly', o.testHeaderValue,
      'Use a plain value such as `green`.');
  }
  requireIntegerInRange(`${p}.testPriority`, o.testPriority, 1, 50000, 'Rule priorities run from 1 to 50000; below 1000 is free for explicit ones.');
  o.lifecycleHooks.forEach((hook, i) => {
    if (!hook.stages || hook.stages.length === 0) {
      throw invalidProp(`${p}.lifecycleHooks[${i}].stages`, 'must name at least one stage', '[]',
        'Give for example `[ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT]`.');
    }
  });
}

/** Validates the deployment of a service against the service; `prop` is the service's prop path. */
export function validateDeployment(prop: string, deployment: ServiceDeployment, ctx: DeploymentContext): void {
  const p = `${prop}.deployment`;
  validateDeploymentOptions(p, deployment);
  if (!deployment.shiftsTraffic) return;
  const routing = ctx.given.routing;
  if (!routing && !ctx.serviceConnectServer) {
    throw invalidProp(p, `(${strategyName(deployment)}) shifts traffic between two revisions, so it needs a load balancer route or a Service Connect endpoint, but the service has neither`,
      strategyName(deployment), 'Give the service `routing` (or a `containerPort` with Service Connect discovery), or use `ServiceDeployment.rolling()`.');
  }
  for (const key of ['minHealthyPercent', 'maxHealthyPercent'] as const) {
    if (ctx.given[key] !== undefined) {
      throw invalidProp(`${prop}.${key}`, `applies to rolling deployments only: a ${strategyName(deployment)} deployment starts the whole green revision beside the blue one`,
        ctx.given[key], `Remove \`${key}\`, or use \`ServiceDeployment.rolling()\`.`);
    }
  }
  if (routing) validateTestRoute(p, deployment, routing);
}

/** The rules between the test route and the production route of a routed service. */
function validateTestRoute(p: string, deployment: ServiceDeployment, routing: RoutingOptions): void {
  const o = deployment._options;
  const clash = Object.keys(routing.httpHeaders ?? {}).find(h => h.toLowerCase() === o.testHeaderName.toLowerCase());
  if (clash !== undefined) {
    throw invalidProp(`${p}.testHeaderName`, 'must differ from the headers of the production route (`routing.httpHeaders`): the test route would collide with it',
      o.testHeaderName, 'Choose another test header name.');
  }
  const values = conditionValueCount(routing) + 1;
  if (values > MAX_CONDITION_VALUES) {
    throw invalidProp(p, `needs a test rule with the production conditions plus the test header, at most ${MAX_CONDITION_VALUES} condition values (an ALB quota that cannot be raised)`,
      `${values} values`, 'Use fewer path patterns or host headers in `routing`, or use `ServiceDeployment.rolling()`.');
  }
  const production = routing.priority;
  const narrowed = (routing.httpMethods ?? []).length > 0 || Object.keys(routing.httpHeaders ?? {}).length > 0;
  if (production === undefined && narrowed && o.testPriority === undefined) {
    throw invalidProp(`${p}.testPriority`, 'is required when the production route has header or method conditions: a computed test priority would follow the production rule\'s', undefined,
      'Give a `testPriority` from 1 to 999 (computed priorities start at 1000, so it is evaluated first).');
  }
  if (production !== undefined && isConcrete(production) && o.testPriority === undefined) {
    throw invalidProp(`${p}.testPriority`, 'is required when the production route has an explicit `routing.priority`: the test rule must be evaluated first', undefined,
      `Give a \`testPriority\` below ${describe(production)}.`);
  }
  if (isConcrete(o.testPriority) && isConcrete(production) && o.testPriority >= production) {
    throw invalidProp(`${p}.testPriority`, 'must be below the production rule\'s `routing.priority`, or the production rule answers the test requests', o.testPriority,
      `Give a \`testPriority\` below ${production}.`);
  }
}

/** The name of a strategy in messages and the report. */
export function strategyName(deployment: ServiceDeployment): string {
  switch (deployment.strategy) {
    case ecs.DeploymentStrategy.BLUE_GREEN: return 'blue/green';
    case ecs.DeploymentStrategy.CANARY: return 'canary';
    case ecs.DeploymentStrategy.LINEAR: return 'linear';
    default: return 'rolling';
  }
}

/** The configured time of a canary or linear deployment against CloudFormation's 33 hours. */
function validateTotalTime(p: string, deployment: ServiceDeployment): void {
  const o = deployment._options;
  const what = 'that CloudFormation allows a canary or linear ECS deployment (it refuses longer ones: its operations time out after 36 hours)';
  if (deployment.strategy === ecs.DeploymentStrategy.CANARY) {
    requireDurationSum(p, [{ prop: 'bakeTime', duration: o.bakeTime }, { prop: 'canaryInterval', duration: o.interval! }], MAX_TRAFFIC_SHIFT_MINUTES, what,
      'Shorten `bakeTime` or `canaryInterval`.');
  }
  if (deployment.strategy === ecs.DeploymentStrategy.LINEAR && isConcrete(o.percent)) {
    requireDurationSum(p, [{ prop: 'bakeTime', duration: o.bakeTime }, { prop: 'stepInterval', duration: o.interval!, times: linearSteps(o.percent) }],
      MAX_TRAFFIC_SHIFT_MINUTES, what, 'Shorten `stepInterval` or `bakeTime`, or move more traffic per step (`stepPercent`).');
  }
}

function requireMinutes(prop: string, value: Duration): void {
  if (value.isUnresolved()) return;
  const minutes = value.toSeconds() / 60;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_DEPLOYMENT_MINUTES) {
    throw invalidProp(prop, `must be whole minutes from 0 to ${MAX_DEPLOYMENT_MINUTES} (24 hours), the range ECS accepts`, value.toHumanString(),
      'Choose for example `Duration.minutes(10)`.');
  }
}

function requirePercent(prop: string, value: number, min: number): void {
  if (!isConcrete(value)) return;
  const tenths = Math.round(value * 10);
  if (!Number.isFinite(value) || Math.abs(tenths - value * 10) > 1e-9 || value < min || value > 100) {
    throw invalidProp(prop, `must be a percentage from ${min} to 100 in steps of 0.1, the range ECS accepts`, value, `Choose a value from ${min} to 100.`);
  }
}
