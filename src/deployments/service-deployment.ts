import type { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { ResolvedDeploymentOptions } from './deployment-defaults';
import { DEPLOYMENT_DEFAULTS } from './deployment-defaults';
import type { PropTable } from '../private/prop-types';
import { checkProps, optional, required, T } from '../private/prop-types';
import { invalidProp } from '../private/validation';

/**
 * A Lambda function ECS invokes at stages of a blue/green, canary or linear deployment. It answers
 * `SUCCEEDED`, `FAILED` (ECS rolls the deployment back) or `IN_PROGRESS` (ECS asks again).
 */
export interface DeploymentLifecycleHook {
  /** The function ECS invokes (a role that may invoke exactly it is created). */
  readonly handler: lambda.IFunction;

  /**
   * The stages at which ECS invokes the function, for example `ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT`
   * to test the green revision through the test route before production traffic moves.
   */
  readonly stages: ecs.DeploymentLifecycleStage[];
}

/**
 * What every deployment that shifts traffic between a blue and a green revision takes: blue/green,
 * canary and linear.
 */
export interface TrafficShiftDeploymentOptions {
  /**
   * How long both revisions keep running after all production traffic reached the green one, so
   * that an alarm can still roll the deployment back at once (0 to 1440 minutes, whole minutes).
   *
   * @default Duration.minutes(5)
   */
  readonly bakeTime?: Duration;

  /**
   * The HTTP header that sends a request to the green revision during a deployment: on each load
   * balancer the service is routed on, a test listener rule with the production conditions plus this
   * header forwards to the alternate target group; Service Connect servers route it the same way.
   *
   * @default 'x-deployment-test'
   */
  readonly testHeaderName?: string;

  /**
   * The value of `testHeaderName` that marks a test request (matched exactly).
   *
   * @default 'green'
   */
  readonly testHeaderValue?: string;

  /**
   * The listener rule priority of the test route; it must be below (evaluated before) the production
   * rule's. Needed when the production route has an explicit `priority` or header or method conditions.
   *
   * @default - computed: the test rule has one condition more than the production rule, so it gets a lower priority
   */
  readonly testPriority?: number;

  /**
   * Lambda functions ECS invokes at stages of the deployment.
   *
   * @default - none
   */
  readonly lifecycleHooks?: DeploymentLifecycleHook[];

  /**
   * Alarms that roll a deployment back, besides the service's own (target 5xx, unhealthy hosts and
   * response time, with `monitoring.deploymentAlarms`).
   *
   * @default - the service's own alarms only
   */
  readonly rollbackAlarms?: cloudwatch.IAlarm[];
}

/** A canary deployment: a share of production traffic to the green revision, then all of it. */
export interface CanaryDeploymentOptions extends TrafficShiftDeploymentOptions {
  /**
   * The share of production traffic the green revision gets first, in percent (0.1 to 100, in steps of 0.1).
   *
   * @default 5
   */
  readonly canaryPercent?: number;

  /**
   * How long the canary share runs before the rest of the traffic moves (0 to 1440 minutes, whole minutes).
   *
   * @default Duration.minutes(10)
   */
  readonly canaryInterval?: Duration;
}

/** A linear deployment: production traffic moves to the green revision in equal steps. */
export interface LinearDeploymentOptions extends TrafficShiftDeploymentOptions {
  /**
   * The share of production traffic each step moves, in percent (3 to 100, in steps of 0.1).
   *
   * @default 10
   */
  readonly stepPercent?: number;

  /**
   * How long ECS waits between steps (0 to 1440 minutes, whole minutes).
   *
   * @default Duration.minutes(6)
   */
  readonly stepInterval?: Duration;
}

/** The props every traffic-shifting strategy takes (`TrafficShiftDeploymentOptions`). */
const TRAFFIC_SHIFT_OPTIONS: PropTable = {
  bakeTime: optional(T.duration),
  testHeaderName: optional(T.string),
  testHeaderValue: optional(T.string),
  testPriority: optional(T.number),
  lifecycleHooks: optional(T.arrayOf(T.struct('DeploymentLifecycleHook', {
    handler: required(T.object('lambda.IFunction', 'functionArn')),
    stages: required(T.arrayOf(T.enumOf('ecs.DeploymentLifecycleStage', ecs.DeploymentLifecycleStage))),
  }))),
  rollbackAlarms: optional(T.arrayOf(T.object('cloudwatch.IAlarm', 'alarmArn'))),
};

/** The props of one strategy only, by the factory that takes them. */
const STRATEGY_OF_OPTION: { readonly [prop: string]: string } = {
  canaryPercent: 'canary', canaryInterval: 'canary', stepPercent: 'linear', stepInterval: 'linear',
};

/**
 * Throws unless `options` are the options of `ServiceDeployment.<factory>()`: a struct of another
 * strategy (Java and C# accept a `CanaryDeploymentOptions` where a `TrafficShiftDeploymentOptions` is
 * expected, and Python keywords of another factory) would lose its percent without a word.
 */
function checkStrategyOptions(factory: string, options: object, own: PropTable): void {
  const prop = `ServiceDeployment.${factory}(options)`;
  for (const [key, strategy] of Object.entries(STRATEGY_OF_OPTION)) {
    if (strategy !== factory && (options as any)?.[key] !== undefined) {
      throw invalidProp(`${prop}.${key}`, `is an option of \`ServiceDeployment.${strategy}()\`, which a ${factory === 'blueGreen' ? 'blue/green' : factory} deployment does not take`,
        (options as any)[key], `Use \`ServiceDeployment.${strategy}()\` for a ${strategy} deployment, or remove \`${key}\`.`);
    }
  }
  checkProps(prop, options, factory === 'blueGreen' ? 'TrafficShiftDeploymentOptions' : `${factory[0].toUpperCase()}${factory.slice(1)}DeploymentOptions`,
    { ...TRAFFIC_SHIFT_OPTIONS, ...own });
}

/**
 * How ECS deploys a new revision of a service: rolling (the default), blue/green, canary or linear.
 * The last three need a load balancer route or a Service Connect server: the network creates the
 * alternate target group, a test listener rule and the IAM role ECS uses to shift traffic.
 */
export class ServiceDeployment {
  /**
   * Replace tasks a few at a time (`minHealthyPercent` / `maxHealthyPercent`); the deployment circuit
   * breaker rolls back a deployment whose tasks never become healthy. Today's behaviour.
   */
  public static rolling(): ServiceDeployment {
    return new ServiceDeployment(ecs.DeploymentStrategy.ROLLING, {});
  }

  /**
   * Start the whole green revision beside the blue one, let test traffic (the test header) reach it,
   * then move all production traffic at once; the blue revision stays for `bakeTime`.
   */
  public static blueGreen(options: TrafficShiftDeploymentOptions = {}): ServiceDeployment {
    checkStrategyOptions('blueGreen', options, {});
    return new ServiceDeployment(ecs.DeploymentStrategy.BLUE_GREEN, options);
  }

  /** Like blue/green, but `canaryPercent` of production traffic goes first, for `canaryInterval`. */
  public static canary(options: CanaryDeploymentOptions = {}): ServiceDeployment {
    checkStrategyOptions('canary', options, { canaryPercent: optional(T.number), canaryInterval: optional(T.duration) });
    return new ServiceDeployment(ecs.DeploymentStrategy.CANARY, options, options.canaryPercent ?? DEPLOYMENT_DEFAULTS.canaryPercent,
      options.canaryInterval ?? DEPLOYMENT_DEFAULTS.canaryInterval);
  }

  /** Like blue/green, but production traffic moves `stepPercent` at a time, every `stepInterval`. */
  public static linear(options: LinearDeploymentOptions = {}): ServiceDeployment {
    checkStrategyOptions('linear', options, { stepPercent: optional(T.number), stepInterval: optional(T.duration) });
    return new ServiceDeployment(ecs.DeploymentStrategy.LINEAR, options, options.stepPercent ?? DEPLOYMENT_DEFAULTS.stepPercent,
      options.stepInterval ?? DEPLOYMENT_DEFAULTS.stepInterval);
  }

  /** The ECS deployment strategy. */
  public readonly strategy: ecs.DeploymentStrategy;

  /**
   * The options with every default applied.
   * @internal
   */
  public readonly _options: ResolvedDeploymentOptions;

  private constructor(strategy: ecs.DeploymentStrategy, options: TrafficShiftDeploymentOptions, percent?: number, interval?: Duration) {
    this.strategy = strategy;
    this._options = {
      bakeTime: options.bakeTime ?? DEPLOYMENT_DEFAULTS.bakeTime,
      testHeaderName: options.testHeaderName ?? DEPLOYMENT_DEFAULTS.testHeaderName,
      testHeaderValue: options.testHeaderValue ?? DEPLOYMENT_DEFAULTS.testHeaderValue,
      testPriority: options.testPriority,
      lifecycleHooks: options.lifecycleHooks ?? [],
      rollbackAlarms: options.rollbackAlarms ?? [],
      percent,
      interval,
    };
  }

  /** Whether ECS shifts traffic between two revisions (blue/green, canary, linear): not a rolling update. */
  public get shiftsTraffic(): boolean {
    return this.strategy !== ecs.DeploymentStrategy.ROLLING;
  }

  /** A one-line description, for the report: `canary 5% for 10 minutes, bake 5 minutes`. */
  public get description(): string {
    const o = this._options;
    const bake = `bake ${o.bakeTime.toHumanString()}`;
    switch (this.strategy) {
      case ecs.DeploymentStrategy.ROLLING: return 'rolling (circuit breaker with rollback)';
      case ecs.DeploymentStrategy.BLUE_GREEN: return `blue/green, ${bake}`;
      case ecs.DeploymentStrategy.CANARY: return `canary ${o.percent}% for ${o.interval!.toHumanString()}, ${bake}`;
      default: return `linear ${o.percent}% every ${o.interval!.toHumanString()}, ${bake}`;
    }
  }
}
