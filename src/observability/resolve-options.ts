import type { MonitoringOptions, ServiceMonitoringOptions } from './monitoring-options';
import { invalidProp, isConcrete, requireFinite } from '../private/validation';

/** The thresholds of the alarms, resolved. */
export interface Thresholds {
  readonly loadBalancer5xxCount: number;
  readonly networkLoadBalancerResetCount: number;
  readonly tlsNegotiationErrorCount: number;
  readonly target5xxCount: number;
  readonly targetResponseTimeSeconds: number;
  readonly unhealthyHostCount: number;
  readonly cpuUtilizationPercent: number;
  readonly memoryUtilizationPercent: number;
  readonly natGatewayErrorPortAllocationCount: number;
  readonly natGatewayPacketsDropCount: number;
  readonly rejectedFlowsCount: number;
}

/** The default thresholds, and whether each one is a percentage. */
export const THRESHOLD_DEFAULTS: { readonly [K in keyof Thresholds]: { readonly value: number; readonly percent?: boolean } } = {
  loadBalancer5xxCount: { value: 10 },
  networkLoadBalancerResetCount: { value: 100 },
  tlsNegotiationErrorCount: { value: 10 },
  target5xxCount: { value: 10 },
  targetResponseTimeSeconds: { value: 2 },
  unhealthyHostCount: { value: 0 },
  cpuUtilizationPercent: { value: 80, percent: true },
  memoryUtilizationPercent: { value: 80, percent: true },
  natGatewayErrorPortAllocationCount: { value: 0 },
  natGatewayPacketsDropCount: { value: 100 },
  rejectedFlowsCount: { value: 1000 },
};

export const DEFAULT_EVALUATION_PERIODS = 3;
/** At one-minute periods, CloudWatch evaluates at most one day of data points. */
const MAX_EVALUATION_PERIODS = 1440;

/** The monitoring options with their defaults applied. */
export interface ResolvedMonitoring {
  readonly thresholds: Thresholds;
  readonly evaluationPeriods: number;
  readonly dashboard: boolean;
  readonly deploymentAlarms: boolean;
}

/** Validates the options (one rule per function) and applies the defaults. */
export function resolveMonitoringOptions(options: MonitoringOptions): ResolvedMonitoring {
  const thresholds: { [key: string]: number } = {};
  for (const [key, spec] of Object.entries(THRESHOLD_DEFAULTS)) {
    const given = (options as { [key: string]: unknown })[key] as number | undefined;
    validateThreshold(`monitoring.${key}`, given, spec.value, spec.percent ?? false);
    thresholds[key] = given ?? spec.value;
  }
  validateEvaluationPeriods('monitoring.evaluationPeriods', options.evaluationPeriods);
  return {
    thresholds: thresholds as unknown as Thresholds,
    evaluationPeriods: options.evaluationPeriods ?? DEFAULT_EVALUATION_PERIODS,
    dashboard: options.dashboard ?? true,
    deploymentAlarms: options.deploymentAlarms ?? true,
  };
}

function validateThreshold(prop: string, value: number | undefined, defaultValue: number, percent: boolean): void {
  if (!isConcrete(value)) return;
  requireFinite(prop, value, `Use a number such as ${defaultValue} (the default).`);
  if (value < 0) {
    throw invalidProp(prop, 'must not be negative', value, `Use 0 or more (${defaultValue} is the default).`);
  }
  if (percent && value > 100) {
    throw invalidProp(prop, 'is a percentage and must be from 0 to 100', value, `Use a value from 0 to 100 (${defaultValue} is the default).`);
  }
}

function validateEvaluationPeriods(prop: string, value: number | undefined): void {
  if (!isConcrete(value)) return;
  if (!Number.isInteger(value) || value < 1 || value > MAX_EVALUATION_PERIODS) {
    throw invalidProp(prop, `must be an integer from 1 to ${MAX_EVALUATION_PERIODS}`, value,
      `Use 1 to alarm on the first breaching data point, or more to ride out short spikes (${DEFAULT_EVALUATION_PERIODS} is the default).`);
  }
}

/** The thresholds a service may set for itself, and whether each needs a routed service. */
const SERVICE_THRESHOLDS: { readonly [K in keyof ServiceMonitoringOptions]?: { readonly routedOnly: boolean } } = {
  cpuUtilizationPercent: { routedOnly: false },
  memoryUtilizationPercent: { routedOnly: false },
  target5xxCount: { routedOnly: true },
  targetResponseTimeSeconds: { routedOnly: true },
  unhealthyHostCount: { routedOnly: true },
};

/**
 * Validates a service's `monitoring` (`prop` is `<service>.monitoring`). A route threshold on a
 * service without `routing` is an error: there is no target group to watch.
 */
export function validateServiceMonitoring(prop: string, options: ServiceMonitoringOptions | undefined, routed: boolean): void {
  if (!options) return;
  const given = Object.keys(options).filter(k => k !== 'enabled' && (options as { [key: string]: unknown })[k] !== undefined);
  if (options.enabled === false && given.length > 0) {
    throw invalidProp(prop, 'sets alarm settings, but `enabled: false` creates no alarms for the service', given.join(', '),
      'Remove those settings, or remove `enabled: false`.');
  }
  for (const [key, spec] of Object.entries(SERVICE_THRESHOLDS)) {
    const value = (options as { [key: string]: number | undefined })[key];
    if (value === undefined) continue;
    if (spec!.routedOnly && !routed) {
      throw invalidProp(`${prop}.${key}`, 'only applies to a routed service', value, 'Remove it, or give the service `routing`.');
    }
    const defaults = THRESHOLD_DEFAULTS[key as keyof Thresholds];
    validateThreshold(`${prop}.${key}`, value, defaults.value, defaults.percent ?? false);
  }
  validateEvaluationPeriods(`${prop}.evaluationPeriods`, options.evaluationPeriods);
}

/** The alarm settings of one service: its own where given, else the network's. */
export interface ResolvedServiceMonitoring {
  readonly enabled: boolean;
  readonly thresholds: Thresholds;
  readonly evaluationPeriods: number;
}

/** Applies a service's `monitoring` over the network's resolved settings (validated already). */
export function resolveServiceMonitoring(network: ResolvedMonitoring, options: ServiceMonitoringOptions = {}): ResolvedServiceMonitoring {
  // the thresholds a service may set (SERVICE_THRESHOLDS) that it did set
  const defined = Object.fromEntries(Object.keys(SERVICE_THRESHOLDS)
    .map(key => [key, (options as { [key: string]: number | undefined })[key]])
    .filter(([, value]) => value !== undefined));
  return {
    enabled: options.enabled ?? true,
    thresholds: { ...network.thresholds, ...defined },
    evaluationPeriods: options.evaluationPeriods ?? network.evaluationPeriods,
  };
}
