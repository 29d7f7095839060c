import { Duration, Token } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { ContainerHealthCheck } from './container-options';
import { invalidProp, requireIntegerInRange } from '../private/validation';

/** The health-check defaults, in one place: the `@default` of `ContainerHealthCheck` says the same. */
export const CONTAINER_HEALTH_CHECK_DEFAULTS = {
  interval: Duration.seconds(30),
  timeout: Duration.seconds(5),
  retries: 3,
  startPeriod: Duration.seconds(0),
} as const;

/** The ranges ECS accepts (RegisterTaskDefinition `HealthCheck`), in seconds or counts. */
const RANGES = {
  interval: { min: 5, max: 300 },
  timeout: { min: 2, max: 120 },
  retries: { min: 1, max: 10 },
  startPeriod: { min: 0, max: 300 },
} as const;

/** Throws unless every value of `hc` is in ECS's range; `prop` is the prop path of the health check. */
export function validateContainerHealthCheck(prop: string, hc: ContainerHealthCheck | undefined): void {
  if (!hc) return;
  const first = hc.command?.[0];
  if (!Array.isArray(hc.command) || hc.command.length < 2 || (first !== 'CMD' && first !== 'CMD-SHELL')) {
    throw invalidProp(`${prop}.command`, 'must start with `CMD` or `CMD-SHELL` followed by the command', hc.command,
      'Use for example `[\'CMD-SHELL\', \'curl -f http://localhost:8080/health || exit 1\']`.');
  }
  for (const key of ['interval', 'timeout', 'startPeriod'] as const) {
    const d = hc[key];
    if (d === undefined || Token.isUnresolved(d.toSeconds({ integral: false }))) continue;
    const seconds = d.toSeconds({ integral: false });
    const { min, max } = RANGES[key];
    if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
      throw invalidProp(`${prop}.${key}`, `must be a whole number of seconds from ${min} to ${max} (what ECS accepts)`, d.toHumanString(),
        `Choose a value from Duration.seconds(${min}) to Duration.seconds(${max}).`);
    }
  }
  requireIntegerInRange(`${prop}.retries`, hc.retries, RANGES.retries.min, RANGES.retries.max);
}

/** The ECS health check of `hc`, with the defaults applied. */
export function renderContainerHealthCheck(hc: ContainerHealthCheck | undefined): ecs.HealthCheck | undefined {
  if (!hc) return undefined;
  return {
    command: hc.command,
    interval: hc.interval ?? CONTAINER_HEALTH_CHECK_DEFAULTS.interval,
    timeout: hc.timeout ?? CONTAINER_HEALTH_CHECK_DEFAULTS.timeout,
    retries: hc.retries ?? CONTAINER_HEALTH_CHECK_DEFAULTS.retries,
    startPeriod: hc.startPeriod ?? CONTAINER_HEALTH_CHECK_DEFAULTS.startPeriod,
  };
}

/** One line describing a health check, for the report: `CMD-SHELL curl ... every 30 s, timeout 5 s, 3 retries, start period 0 s`. */
export function describeHealthCheck(hc: ContainerHealthCheck | undefined): string {
  const r = renderContainerHealthCheck(hc);
  if (!r) return 'none';
  const s = (d: Duration | undefined) => (d ? `${d.toSeconds()} s` : '-');
  return `${r.command.join(' ')}; every ${s(r.interval)}, timeout ${s(r.timeout)}, ${r.retries} retries, start period ${s(r.startPeriod)}`;
}
