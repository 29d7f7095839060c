import * as fs from 'fs';
import * as path from 'path';
import { attachCustomSynthesis } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { invalidProp } from './validation';

/** What the file holds for one network: for each table (`priorities/LoadBalancer`...), a number per key. */
type NetworkSection = { [table: string]: { [key: string]: number } };

/**
 * The choices of a network that must never change once deployed, kept in a JSON file the user
 * commits (`assignmentsFile`), as `cdk.context.json` keeps lookups: read when the network is built,
 * written back at synthesis when something new was assigned. Entries of removed services stay: their
 * numbers remain reserved, so that a new resource never takes one that a deleted resource may still
 * hold until CloudFormation's cleanup phase.
 *
 * Without a file the book is empty and records nothing: every choice is then computed from the
 * service alone, and a clash is an error instead of a recorded choice.
 */
export class AssignmentBook {
  /** A book without a file. */
  public static none(): AssignmentBook {
    return new AssignmentBook(undefined, '', {});
  }

  /** The book of `network` in `file` (relative to the working directory), written back at synthesis when it changes. */
  public static fromFile(network: Construct, file: string): AssignmentBook {
    const absolute = path.resolve(file);
    const all = readFile(absolute);
    const key = network.node.path;
    const book = new AssignmentBook(absolute, key, JSON.parse(JSON.stringify(all[key] ?? {})));
    // a construct of its own: a construct takes one custom synthesis, and the network's writes the report
    attachCustomSynthesis(new Construct(network, 'AssignmentsFile'), { onSynthesize: () => book.save() });
    return book;
  }

  private changed = false;

  private constructor(private readonly file: string | undefined, private readonly key: string, private readonly section: NetworkSection) {}

  /** Whether choices are recorded (a file was given). */
  public get records(): boolean {
    return this.file !== undefined;
  }

  /** A table of the book: numbers by key. */
  public table(name: string): AssignmentTable {
    return new AssignmentTable(this, name);
  }

  /** @internal */
  public _entries(table: string): { [key: string]: number } {
    return this.section[table] ?? {};
  }

  /** @internal */
  public _set(table: string, key: string, value: number): void {
    if (!this.records || this.section[table]?.[key] === value) return;
    (this.section[table] ??= {})[key] = value;
    this.changed = true;
  }

  private save(): void {
    if (!this.file || !this.changed) return;
    const all = readFile(this.file);
    all[this.key] = sortedSection(this.section);
    fs.writeFileSync(this.file, JSON.stringify(sortedKeys(all), undefined, 2) + '\n');
    this.changed = false;
  }
}

/** One table of an `AssignmentBook`. */
export class AssignmentTable {
  constructor(private readonly book: AssignmentBook, private readonly name: string) {}

  /** The number recorded for `key`, if any. */
  public get(key: string): number | undefined {
    return this.book._entries(this.name)[key];
  }

  /**
   * Whether a key (of a current or a removed service) other than `except` holds `value`; the numbers
   * `except` left (`<key>@<number>`) are its own to take again.
   */
  public holds(value: number, except?: string): boolean {
    return Object.entries(this.book._entries(this.name))
      .some(([k, v]) => v === value && (except === undefined || (k !== except && !k.startsWith(`${except}@`))));
  }

  /** The recorded numbers. */
  public values(): number[] {
    return Object.values(this.book._entries(this.name));
  }

  /** The recorded keys and numbers. */
  public entries(): [string, number][] {
    return Object.entries(this.book._entries(this.name));
  }

  /** Records `value` for `key` (nothing without a file). */
  public set(key: string, value: number): void {
    this.book._set(this.name, key, value);
  }
}

function readFile(file: string): { [network: string]: NetworkSection } {
  if (!fs.existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw invalidProp('assignmentsFile', `is not valid JSON (${(e as Error).message})`, file,
      'Restore the file from version control: it records choices of deployed resources.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidProp('assignmentsFile', 'must hold a JSON object', file, 'Restore the file from version control: it records choices of deployed resources.');
  }
  return parsed as { [network: string]: NetworkSection };
}

function sortedKeys<T>(o: { [k: string]: T }): { [k: string]: T } {
  return Object.fromEntries(Object.keys(o).sort().map(k => [k, o[k]]));
}

function sortedSection(section: NetworkSection): NetworkSection {
  return Object.fromEntries(Object.keys(section).sort().map(t => [t, sortedKeys(section[t])]));
}
