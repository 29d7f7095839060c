/**
 * The tables of src/prop-tables.ts against the jsii assembly that `jsii` just wrote (the last step of
 * `npx projen compile`): every struct that the network's props and a service's options reach has a
 * table with exactly its props, each with the type and the optionality jsii declares. A prop added to
 * the public API without its table entry fails the compile.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { PropTable, PropType } from '../src/private/prop-types';
import { NETWORK_PROPS, SERVICE_OPTIONS } from '../src/prop-tables';

const ASSEMBLY = path.join(__dirname, '..', '.jsii');
const PREFIX = 'ecs-advanced-network.';

const types = JSON.parse(fs.readFileSync(ASSEMBLY, 'utf8')).types;

/** A struct's props, its own and those of the structs it extends. */
const propsOf = (fqn: string): any[] => {
  const t = types[fqn];
  return [...(t.interfaces ?? []).flatMap(propsOf), ...(t.properties ?? [])];
};

const problems: string[] = [];
const seen = new Set<string>();
const compare = (where: string, table: PropTable, fqn: string) => {
  if (seen.has(`${where}|${fqn}`)) return;
  seen.add(`${where}|${fqn}`);
  const props = propsOf(fqn);
  const names = props.map(p => p.name).sort();
  if (JSON.stringify(names) !== JSON.stringify(Object.keys(table).sort())) {
    problems.push(`${where} (${fqn}): table ${Object.keys(table).sort().join(',')} vs jsii ${names.join(',')}`);
    return;
  }
  for (const p of props) {
    const spec = table[p.name];
    if (spec.required === !!p.optional) problems.push(`${where}.${p.name}: required ${spec.required}, jsii optional ${!!p.optional}`);
    matchType(`${where}.${p.name}`, spec.type, p.type);
  }
};
const matchType = (where: string, type: PropType, ref: any) => {
  if (ref.primitive) {
    if (type.kind !== ref.primitive) problems.push(`${where}: ${type.kind} vs ${ref.primitive}`);
  } else if (ref.collection) {
    const kind = ref.collection.kind === 'array' ? 'array' : 'map';
    if (type.kind !== kind) problems.push(`${where}: ${type.kind} vs ${kind}`);
    else matchType(`${where}[]`, (type as any).of, ref.collection.elementtype);
  } else if (ref.fqn?.startsWith(PREFIX) && types[ref.fqn].datatype) {
    if (type.kind !== 'struct' || type.name !== ref.fqn.slice(PREFIX.length)) problems.push(`${where}: ${type.kind} vs struct ${ref.fqn}`);
    else compare(where, type.fields, ref.fqn);
  } else if (ref.fqn === 'aws-cdk-lib.aws_logs.RetentionDays') {
    // a number, checked by validateLogRetention
    if (type.kind !== 'number') problems.push(`${where}: ${type.kind} vs RetentionDays`);
  } else if (ref.fqn?.startsWith(PREFIX)) {
    const name = ref.fqn.slice(PREFIX.length);
    const actual = type.kind === 'factory' ? type.type.name : type.kind === 'enum' ? type.name : '';
    if (actual !== name) problems.push(`${where}: ${type.kind} ${actual} vs ${ref.fqn}`);
  } else if (type.kind !== 'object' && type.kind !== 'enum') {
    problems.push(`${where}: ${type.kind} vs ${ref.fqn}`);
  }
};

compare('EcsAdvancedNetworkProps', NETWORK_PROPS, `${PREFIX}EcsAdvancedNetworkProps`);
compare('ServiceOptions', SERVICE_OPTIONS, `${PREFIX}ServiceOptions`);
if (problems.length > 0) {
  // eslint-disable-next-line no-console
  console.error(`src/prop-tables.ts disagrees with the public API (.jsii):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
// eslint-disable-next-line no-console
console.log(`prop tables: ${seen.size} structs checked against .jsii`);
