import type { Duration } from 'aws-cdk-lib';
import type { HealthCheckOptions, RoutingOptions } from './routing-options';
import { resolveHealthCheck } from './target-group-defaults';
import { validateTargetProtocol } from './target-protocol';
import { requireHttpHeaderName } from '../private/aws-values/http-headers';
import { describe, invalidProp, isConcrete, requireIntegerInRange } from '../private/validation';

/** ALB rule quota: condition values per rule (not adjustable). */
export const MAX_CONDITION_VALUES = 5;
/** ALB rule quota: wildcards (`*`, `?`) per rule (not adjustable). */
export const MAX_WILDCARDS = 5;
const HTTP_METHOD = /^[A-Z_-]{1,40}$/;
/** The characters an ALB path-pattern condition accepts. */
const PATH_CHARACTERS = /^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/;

/** The number of condition values a route puts in its rule. */
export function conditionValueCount(routing: RoutingOptions): number {
  const headers = Object.values(routing.httpHeaders ?? {}).reduce((n, v) => n + v.length, 0);
  return (routing.pathPatterns?.length ?? 0) + (routing.hostHeaders?.length ?? 0) + headers + (routing.httpMethods?.length ?? 0);
}

/** Validates the routing options of one service; `prefix` is the prop path (`services[0].routing`). */
export function validateRouting(prefix: string, routing: RoutingOptions): void {
  const paths = routing.pathPatterns ?? [];
  const hosts = routing.hostHeaders ?? [];
  if (paths.length === 0 && hosts.length === 0) {
    throw invalidProp(`${prefix}`, 'needs at least one path pattern or host header', routing.pathPatterns,
      `Set \`${prefix}.pathPatterns\` (for example ['/api/*']) or \`${prefix}.hostHeaders\`, or leave \`routing\` out to keep the service off the load balancer.`);
  }
  paths.forEach(validatePathPattern(prefix));
  hosts.forEach(h => {
    if (h.length === 0 || h.length > 128 || !/^[a-zA-Z0-9.*?-]+$/.test(h)) {
      throw invalidProp(`${prefix}.hostHeaders`, 'must hold host names of 1 to 128 characters (letters, digits, `-`, `.`, `*`, `?`)', h,
        'Use a host name such as `api.example.com` or `*.example.com`.');
    }
    // the ALB's host-header condition: at least one `.`, and only letters after the last one
    if (!/\.[a-zA-Z]+$/.test(h)) {
      throw invalidProp(`${prefix}.hostHeaders`, 'must hold host names with at least one `.` and only letters after the last one (what the ALB accepts)', h,
        'Use a full host name such as `api.example.com` (not `localhost` or `api.example.*`).');
    }
  });
  validateHttpHeaders(prefix, routing.httpHeaders ?? {});
  const wildcards = [...paths, ...hosts, ...Object.values(routing.httpHeaders ?? {}).flat()].join('').replace(/[^*?]/g, '').length;
  if (wildcards > MAX_WILDCARDS) {
    throw invalidProp(`${prefix}`, `must have at most ${MAX_WILDCARDS} wildcards (\`*\`, \`?\`) in its rule (an ALB quota that cannot be raised)`,
      `${wildcards} wildcards`, 'Use fewer, broader patterns, or split the service\'s routes.');
  }
  for (const m of routing.httpMethods ?? []) {
    if (!HTTP_METHOD.test(m)) {
      throw invalidProp(`${prefix}.httpMethods`, 'must hold upper-case HTTP methods', m, 'Use methods such as `GET` or `POST`.');
    }
  }
  const count = conditionValueCount(routing);
  if (count > MAX_CONDITION_VALUES) {
    throw invalidProp(`${prefix}`, `must have at most ${MAX_CONDITION_VALUES} condition values in its rule (an ALB quota that cannot be raised)`,
      `${count} values`, 'Use fewer, broader patterns (for example `/api/*` instead of several `/api/x/*`), or split the service.');
  }
  requireIntegerInRange(`${prefix}.priority`, routing.priority, 1, 50000, 'Rule priorities run from 1 to 50000; below 1000 is free for explicit ones.');
  validateHealthCheck(`${prefix}.healthCheck`, routing.healthCheck ?? {});
  validateTargetProtocol(prefix, routing);
  validateSeconds(`${prefix}.deregistrationDelay`, routing.deregistrationDelay, 0, 3600);
  validateSeconds(`${prefix}.stickiness`, routing.stickiness, 1, 604800);
  validateSeconds(`${prefix}.slowStart`, routing.slowStart, 30, 900);
}

function validatePathPattern(prefix: string) {
  return (p: string) => {
    if (p.length === 0 || !p.startsWith('/') || p.length > 128) {
      throw invalidProp(`${prefix}.pathPatterns`, 'must hold patterns that start with `/` and have at most 128 characters', p,
        'Write patterns such as `/api/*` or `/health`.');
    }
    if (!PATH_CHARACTERS.test(p)) {
      throw invalidProp(`${prefix}.pathPatterns`, 'must hold only the characters an ALB path pattern accepts (letters, digits, `_-.$/~"\'@:+&*?`)', p,
        'Leave out spaces, `%`, `#`, `=` and other characters; a query string cannot be matched by a path pattern.');
    }
  };
}

function validateHttpHeaders(prefix: string, headers: { [name: string]: string[] }): void {
  for (const [name, values] of Object.entries(headers)) {
    requireHttpHeaderName(`${prefix}.httpHeaders`, name, 'Use a header name such as `x-api-version`.', `Use \`${prefix}.hostHeaders\` instead.`);
    if (values.length === 0) {
      throw invalidProp(`${prefix}.httpHeaders.${name}`, 'must list at least one value', values, 'Give the values to match, or remove the header.');
    }
    for (const v of values) {
      if (v.length === 0 || v.length > 128) {
        throw invalidProp(`${prefix}.httpHeaders.${name}`, 'must hold values of 1 to 128 characters', v, 'Shorten the value, or use a wildcard such as `v2*`.');
      }
    }
  }
}

/** Validates a health check against the target group API ranges. */
export function validateHealthCheck(prefix: string, hc: HealthCheckOptions): void {
  if (hc.path !== undefined && (!hc.path.startsWith('/') || hc.path.length > 1024)) {
    throw invalidProp(`${prefix}.path`, 'must start with `/` and have at most 1024 characters', hc.path, 'Use a path such as `/health`.');
  }
  validateSeconds(`${prefix}.interval`, hc.interval, 5, 300);
  validateSeconds(`${prefix}.timeout`, hc.timeout, 2, 120);
  const resolved = resolveHealthCheck(hc);
  const interval = resolved.interval.toSeconds();
  const timeout = resolved.timeout.toSeconds();
  if (isConcrete(interval) && isConcrete(timeout) && timeout >= interval) {
    throw invalidProp(`${prefix}.timeout`, 'must be less than `interval`', `timeout ${timeout} s, interval ${interval} s`,
      'Shorten the timeout or lengthen the interval.');
  }
  requireIntegerInRange(`${prefix}.healthyThresholdCount`, hc.healthyThresholdCount, 2, 10);
  requireIntegerInRange(`${prefix}.unhealthyThresholdCount`, hc.unhealthyThresholdCount, 2, 10);
  if (hc.healthyHttpCodes !== undefined && !/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/.test(hc.healthyHttpCodes)) {
    throw invalidProp(`${prefix}.healthyHttpCodes`, 'must be HTTP codes or ranges separated by commas', hc.healthyHttpCodes,
      'Use for example `200`, `200,204` or `200-299`.');
  }
  const codes = (hc.healthyHttpCodes ?? '').split(/[,-]/).filter(c => c !== '').map(Number);
  if (codes.some(c => c < 200 || c > 499)) {
    throw invalidProp(`${prefix}.healthyHttpCodes`, 'must hold codes from 200 to 499 (what the target group accepts for HTTP health checks)',
      hc.healthyHttpCodes, 'Use for example `200-299` or `200-399`.');
  }
}

/** Throws unless a duration is a whole number of seconds in `[min, max]`. */
export function validateSeconds(prop: string, value: Duration | undefined, min: number, max: number): void {
  if (value === undefined || value.isUnresolved()) return;
  const seconds = value.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw invalidProp(prop, `must be a whole number of seconds from ${min} to ${max}`, `${describe(seconds)} s`,
      `Use for example \`Duration.seconds(${Math.max(min, Math.min(max, 30))})\`.`);
  }
}
