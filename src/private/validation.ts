import { createHash } from 'crypto';
import { Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Builds the message of a synth-time error: the prop path in backticks, the rule, the value given,
 * and what to do instead.
 */
export function invalidProp(prop: string, rule: string, given: unknown, fix: string): Error {
  return new Error(`\`${prop}\` ${rule}, got: ${describe(given)}. ${fix}`);
}

/** Renders a value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return Token.isUnresolved(value) ? '<token>' : JSON.stringify(value);
  if (typeof value === 'number') return Token.isUnresolved(value) ? '<token>' : String(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
}

/** True when a number is known at synth time (not a token), so that it can be validated. */
export function isConcrete(value: number | undefined): value is number {
  return value !== undefined && !Token.isUnresolved(value);
}

/** Throws unless `value` is an integer in `[min, max]`; skips unresolved tokens. */
export function requireIntegerInRange(prop: string, value: number | undefined, min: number, max: number, fix?: string): void {
  if (!isConcrete(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidProp(prop, `must be an integer from ${min} to ${max}`, value, fix ?? `Choose a value from ${min} to ${max}.`);
  }
}

/** Returns the values that appear more than once, in first-seen order. */
export function duplicates<T>(values: T[]): T[] {
  const seen = new Set<T>();
  const dup = new Set<T>();
  for (const v of values) {
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...seen].filter(v => dup.has(v));
}

/**
 * A DNS label (RFC 1123): lower-case letters, digits and hyphens, not starting or ending with a
 * hyphen, at most 63 characters. A service name is one: it is also the container name (ECS: letters,
 * digits, hyphens, underscores, up to 255), the ECS service name (the same) and, by default, the
 * Cloud Map and Service Connect name (a DNS label), so it takes what all three accept.
 */
export const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** `given` with each of its undefined fields taken from `defaults`: defaults resolved in one place, from one table. */
export function withDefaults<T extends object, D extends { [K in keyof T]?: T[K] }>(given: T, defaults: D): WithDefaults<T, D> {
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return { ...defaults, ...defined } as WithDefaults<T, D>;
}

/** `T` with the fields that `D` gives defaults for no longer optional. */
type WithDefaults<T, D> = T & { [K in keyof D]-?: NonNullable<D[K]> };

/** Throws unless a number is finite (NaN and Infinity render as `null` in a template); skips tokens. */
export function requireFinite(prop: string, value: number | undefined, fix: string): void {
  if (isConcrete(value) && !Number.isFinite(value)) {
    throw invalidProp(prop, 'must be a finite number', value, fix);
  }
}

/**
 * Throws unless `value` is an instance of the union-like class `type` (plain-JavaScript callers can
 * pass anything, for example a string where `Egress.natGatewayPerAz()` is expected).
 */
export function requireInstanceOf(prop: string, value: unknown, type: Function, example: string): void {
  if (value !== undefined && !(value instanceof type)) {
    throw invalidProp(prop, `must be made by a factory of \`${type.name}\``, typeof value === 'string' ? value : `an ${typeof value}`, `Use for example \`${example}\`.`);
  }
}

/**
 * `prefix + suffix` when it has at most `max` characters; else the prefix cut short and marked with a
 * hash of the whole, so that names stay within an API's length limit and distinct from each other.
 */
export function fitName(prefix: string, suffix: string, max: number): string {
  if (prefix.length + suffix.length <= max) return prefix + suffix;
  const hash = createHash('sha256').update(prefix + suffix).digest('hex').slice(0, 8);
  return `${prefix.slice(0, Math.max(0, max - suffix.length - hash.length - 1))}~${hash}${suffix}`;
}

/** Names that must be unique among the networks of an app, by kind (a WeakMap, so apps are not kept alive). */
const UNIQUE_NAMES = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Records that `owner` (a construct path) uses `name` of `kind` in the app of `scope`; returns the
 * path of another owner that uses it already, if any.
 */
export function reserveUniqueName(scope: IConstruct, kind: string, name: string, owner: string): string | undefined {
  const taken = UNIQUE_NAMES.get(scope.node.root) ?? new Map<string, string>();
  UNIQUE_NAMES.set(scope.node.root, taken);
  const key = `${kind}|${name}`;
  const previous = taken.get(key);
  if (previous !== undefined && previous !== owner) return previous;
  taken.set(key, owner);
  return undefined;
}
