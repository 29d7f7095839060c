import { Token } from 'aws-cdk-lib';

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

/** A DNS label: lower-case letters, digits and hyphens, starting with a letter, at most 63 characters. */
export const DNS_LABEL = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** `given` with each of its undefined fields taken from `defaults`: defaults resolved in one place, from one table. */
export function withDefaults<T extends object, D extends { [K in keyof T]?: T[K] }>(given: T, defaults: D): WithDefaults<T, D> {
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return { ...defaults, ...defined } as WithDefaults<T, D>;
}

/** `T` with the fields that `D` gives defaults for no longer optional. */
type WithDefaults<T, D> = T & { [K in keyof D]-?: NonNullable<D[K]> };
