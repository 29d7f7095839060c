import { Token } from 'aws-cdk-lib';
import { invalidProp } from './validation';

/**
 * The types of the public API's props, as data: what a TypeScript caller gets checked by the compiler,
 * and a caller from plain JavaScript, Python, Java, .NET or Go can still get wrong (a string where a
 * list is expected, a number where a `Duration` is, a missing `image`, a key the struct does not have).
 * The entry points (the network's props, `addService()`'s options, the factories' options) check what
 * they are given against a table of these, so that a mistake is an error that names the prop, the
 * expected type and the value, instead of a `TypeError` deep inside or a key that reaches CloudFormation.
 */
export type PropType =
  | { readonly kind: 'string' }
  | { readonly kind: 'boolean' }
  /** `deployTime`: a token (a CloudFormation parameter, an attribute) is used as a token wherever the number goes. */
  | { readonly kind: 'number'; readonly deployTime: boolean }
  | { readonly kind: 'array'; readonly of: PropType }
  | { readonly kind: 'map'; readonly of: PropType }
  | { readonly kind: 'struct'; readonly name: string; readonly fields: PropTable }
  /** A CDK class or interface (`Duration`, `ec2.IVpc`), recognised by a member it always has. */
  | { readonly kind: 'object'; readonly name: string; readonly member?: string; readonly example?: string }
  /** A union-like class of this library, made by its static factories. */
  | { readonly kind: 'factory'; readonly type: Function; readonly example: string }
  | { readonly kind: 'enum'; readonly name: string; readonly values: readonly unknown[]; readonly example: string };

/** A prop of a struct: its type and whether it must be given. */
export interface PropSpec {
  readonly type: PropType;
  readonly required: boolean;
}

/** The props of a struct, by name. */
export type PropTable = { readonly [name: string]: PropSpec };

/** Builders of the tables: `{ port: required(T.number), interval: optional(T.duration) }`. */
export const T = {
  string: { kind: 'string' } as PropType,
  boolean: { kind: 'boolean' } as PropType,
  /** A number the network computes with, names resources after or compares: a token is refused. */
  number: { kind: 'number', deployTime: false } as PropType,
  /** A number that goes into the template as it is: a token stays a token. */
  deployTimeNumber: { kind: 'number', deployTime: true } as PropType,
  duration: { kind: 'object', name: 'Duration', member: 'toSeconds', example: 'Duration.seconds(30)' } as PropType,
  arrayOf: (of: PropType): PropType => ({ kind: 'array', of }),
  mapOf: (of: PropType): PropType => ({ kind: 'map', of }),
  struct: (name: string, fields: PropTable): PropType => ({ kind: 'struct', name, fields }),
  object: (name: string, member?: string, example?: string): PropType => ({ kind: 'object', name, member, example }),
  factory: (type: Function, example: string): PropType => ({ kind: 'factory', type, example }),
  /** The values of a TypeScript enum (of a numeric enum, its numbers: not the names it maps back to). */
  enumOf: (name: string, e: object): PropType => {
    const entries = Object.entries(e);
    const numeric = entries.some(([, v]) => typeof v === 'number');
    const kept = entries.filter(([, v]) => !numeric || typeof v === 'number');
    return { kind: 'enum', name, values: kept.map(([, v]) => v), example: kept[0][0] };
  },
};

export const required = (type: PropType): PropSpec => ({ type, required: true });
export const optional = (type: PropType): PropSpec => ({ type, required: false });

/**
 * Throws unless `value` is a number known at synth time. The network computes with such a number
 * (task sizes, sums, address counts), names resources after it (listener ports, rule numbers) or
 * compares it with others; a token there would be a number like `-1.888e+289`.
 */
export function requireConcreteNumber(prop: string, value: number | undefined): void {
  if (value !== undefined && Token.isUnresolved(value)) {
    throw invalidProp(prop, 'must be a number known at synth time: the network computes with it, names resources after it or compares it, ' +
      'so it cannot come from a CloudFormation parameter, an attribute of a resource or another token', value,
    'Give a concrete number (read at synth time, for example from `this.node.tryGetContext()` or an environment variable).');
  }
}

/** Throws unless `value` has the type `type`; `prop` is its path, for the message. */
export function checkPropType(prop: string, value: unknown, type: PropType): void {
  if (value === undefined || value === null) return;
  switch (type.kind) {
    case 'string':
      if (typeof value !== 'string') throw wrongType(prop, 'a string', value, 'Give a string.');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(prop, 'a boolean', value, 'Give `true` or `false`.');
      return;
    case 'number':
      if (typeof value !== 'number') throw wrongType(prop, 'a number', value, 'Give a number.');
      if (!type.deployTime) requireConcreteNumber(prop, value);
      return;
    case 'array':
      if (!Array.isArray(value)) throw wrongType(prop, `a list of ${plural(type.of)}`, value, 'Give a list, even of one element (`[value]`).');
      value.forEach((v, i) => checkPropType(`${prop}[${i}]`, v, type.of));
      return;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(prop, `a map of names to ${plural(type.of)}`, value, 'Give an object (a dict in Python, a Map in Java).');
      for (const [k, v] of Object.entries(value)) checkPropType(`${prop}.${k}`, v, type.of);
      return;
    case 'struct':
      if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(prop, `an object of props (\`${type.name}\`)`, value, `Give a \`${type.name}\`.`);
      checkProps(prop, value as object, type.name, type.fields);
      return;
    case 'object':
      if (typeof value !== 'object' || (type.member !== undefined && !(type.member in (value as object)))) {
        throw wrongType(prop, describeType(type), value, type.example ? `Use for example \`${type.example}\`.` : `Give a \`${type.name}\`.`);
      }
      return;
    case 'factory':
      if (!(value instanceof type.type)) {
        throw invalidProp(prop, `must be made by a factory of \`${type.type.name}\``, typeof value === 'string' ? value : an(value), `Use for example \`${type.example}\`.`);
      }
      return;
    case 'enum':
      if (!type.values.includes(value)) {
        throw wrongType(prop, `a value of \`${type.name}\``, value, `Use one of \`${type.name}\`'s values, for example \`${type.name}.${type.example}\`.`);
      }
      return;
  }
}

/**
 * Throws unless `value` is an object whose props have the types of `table`, with every required prop
 * given and no prop that `table` lacks (a key that `struct` does not have would otherwise be ignored,
 * or reach CloudFormation).
 */
export function checkProps(prop: string, value: object | undefined, struct: string, table: PropTable): void {
  if (value === undefined || value === null) {
    const missing = Object.keys(table).filter(k => table[k].required);
    if (missing.length > 0) {
      throw invalidProp(prop, `must be an object of props (\`${struct}\`)`, value, `Give at least ${missing.map(m => `\`${m}\``).join(', ')}.`);
    }
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(prop, `an object of props (\`${struct}\`)`, value, `Give a \`${struct}\`.`);
  const path = (k: string) => (prop === '' ? k : `${prop}.${k}`);
  for (const key of Object.keys(value)) {
    if (!(key in table) && (value as any)[key] !== undefined) {
      throw invalidProp(path(key), `is not a prop of \`${struct}\``, (value as any)[key],
        `Remove it; the props of \`${struct}\` are ${Object.keys(table).map(k => `\`${k}\``).join(', ')}.`);
    }
  }
  for (const [key, spec] of Object.entries(table)) {
    const v = (value as any)[key];
    if (spec.required && (v === undefined || v === null)) {
      const example = spec.type.kind === 'object' || spec.type.kind === 'factory' ? spec.type.example : undefined;
      throw invalidProp(path(key), `is required: ${describeType(spec.type)}`, v, example ? `Give \`${key}\`, for example \`${example}\`.` : `Give \`${key}\`.`);
    }
    checkPropType(path(key), v, spec.type);
  }
}

function wrongType(prop: string, expected: string, value: unknown, fix: string): Error {
  return invalidProp(prop, `must be ${expected}`, shown(value), fix);
}

/** What an error shows of a value of the wrong type: primitives and lists as they are, objects by their class. */
function shown(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return an(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'boolean') return String(value);
  return value;
}

function an(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `a ${typeof value}`;
  const name = value.constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

function describeType(type: PropType): string {
  switch (type.kind) {
    case 'string': return 'a string';
    case 'boolean': return 'a boolean';
    case 'number': return 'a number';
    case 'array': return `a list of ${plural(type.of)}`;
    case 'map': return `a map of names to ${plural(type.of)}`;
    case 'struct': return `an object of props (\`${type.name}\`)`;
    case 'object': return `${article(type.name)} \`${type.name}\``;
    case 'factory': return `${article(type.type.name)} \`${type.type.name}\``;
    case 'enum': return `a value of \`${type.name}\``;
  }
}

function plural(type: PropType): string {
  switch (type.kind) {
    case 'string': return 'strings';
    case 'boolean': return 'booleans';
    case 'number': return 'numbers';
    case 'struct': return `objects of props (\`${type.name}\`)`;
    default: return `${describeType(type).replace(/^an? /, '')} values`;
  }
}

function article(name: string): string {
  return /^[aeiou]/i.test(name) ? 'an' : 'a';
}
