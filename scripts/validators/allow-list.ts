/**
 * Pure logic of the template validator harness (no I/O, no child processes):
 * findings, allow-list parsing and matching. Imported by `run.ts` and by the
 * unit tests in `test/validators/`.
 */

/** The validators the harness knows. Each one has its own allow-list file. */
export type ValidatorName = 'cfn-guard' | 'cfn-lint' | 'checkov';

export const VALIDATORS: readonly ValidatorName[] = ['cfn-guard', 'cfn-lint', 'checkov'];

/** One problem reported by one validator on one resource of one template. */
export interface Finding {
  readonly validator: ValidatorName;
  /** Template path as shown to the user. */
  readonly template: string;
  /** Primary id: Control Tower id (CT.ECS.PR.5), cfn-lint rule (E3012) or checkov check (CKV_AWS_91). */
  readonly id: string;
  /** Other names the same rule is known by (cfn-guard rule name); an allow-list entry may use any. */
  readonly aliases?: readonly string[];
  /** Logical id of the resource, or '' when the finding is about the template as a whole. */
  readonly resource: string;
  /** 'error' fails the run unless allow-listed; 'warning' is only printed. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Fix hint, printed once per rule id. */
  readonly fix?: string;
  /** A rule the construct itself must satisfy: it fails even when allow-listed. */
  readonly mustFix?: boolean;
}

/** One allow-list entry, as written in `validation/<validator>.allow.json`. */
export interface AllowEntry {
  /** Rule or check id (for cfn-guard: the Control Tower id or the guard rule name). Case-insensitive. */
  readonly id: string;
  /** Glob (`*`, `?`) on the resource logical id. Omitted: every resource. */
  readonly resource?: string;
  /** Glob on the template path (`/` separators, matched against the path's end). Omitted: every template. */
  readonly template?: string;
  /** Why the finding is acceptable. Required and non-empty. */
  readonly reason: string;
  /** Where the entry came from, for messages (`validation/checkov.allow.json#3`). */
  readonly source: string;
}

const ENTRY_KEYS = new Set(['id', 'resource', 'template', 'reason']);
const MIN_REASON_LENGTH = 10;

/**
 * Parses the JSON text of an allow-list file. Accepts a top-level array of entries, or an object
 * with an `entries` array (other top-level keys such as `$comment` are ignored).
 * Throws one Error listing every problem: an entry without a reason, an unknown key (a typo such
 * as `resouce` would otherwise widen the entry silently), a missing id, a non-string value.
 */
export function parseAllowList(text: string, source: string): AllowEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${(e as Error).message})`);
  }
  let raw: unknown;
  if (Array.isArray(data)) {
    raw = data;
  } else if (isObject(data) && Array.isArray(data.entries)) {
    raw = data.entries;
  } else {
    throw new Error(`${source}: expected an array of entries or an object with an "entries" array`);
  }
  const errors: string[] = [];
  const entries: AllowEntry[] = [];
  (raw as unknown[]).forEach((item, index) => {
    const where = `${source}#${index}`;
    if (!isObject(item)) {
      errors.push(`${where}: an entry must be an object`);
      return;
    }
    const label = typeof item.id === 'string' ? `${where} (${item.id})` : where;
    const problems: string[] = [];
    for (const key of Object.keys(item)) {
      if (!ENTRY_KEYS.has(key)) problems.push(`unknown key "${key}" (allowed: ${[...ENTRY_KEYS].join(', ')})`);
    }
    for (const key of ['id', 'resource', 'template', 'reason']) {
      if (item[key] !== undefined && typeof item[key] !== 'string') problems.push(`"${key}" must be a string`);
    }
    if (typeof item.id !== 'string' || item.id.trim() === '') problems.push('"id" is required');
    if (typeof item.reason !== 'string' || item.reason.trim() === '') {
      problems.push('"reason" is required: say why the finding is acceptable');
    } else if (item.reason.trim().length < MIN_REASON_LENGTH) {
      problems.push(`"reason" is too short to explain anything ("${item.reason}")`);
    }
    if (typeof item.resource === 'string' && item.resource.trim() === '') problems.push('"resource" is empty: omit it to match every resource');
    if (problems.length > 0) {
      errors.push(`${label}: ${problems.join('; ')}`);
      return;
    }
    entries.push({
      id: (item.id as string).trim(),
      resource: item.resource as string | undefined,
      template: item.template as string | undefined,
      reason: (item.reason as string).trim(),
      source: `${source}#${index}`,
    });
  });
  if (errors.length > 0) {
    throw new Error(`invalid allow-list:\n  ${errors.join('\n  ')}`);
  }
  return entries;
}

/** Converts a glob with `*` (any run of characters) and `?` (one character) to an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map(ch => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/** Whether an entry covers a finding: same id (or alias), resource glob and template glob match. */
export function entryMatches(entry: AllowEntry, finding: Finding): boolean {
  const wanted = entry.id.toLowerCase();
  const ids = [finding.id, ...(finding.aliases ?? [])].map(i => i.toLowerCase());
  if (!ids.includes(wanted)) return false;
  if (entry.resource !== undefined && !globToRegExp(entry.resource).test(finding.resource)) return false;
  if (entry.template !== undefined) {
    const t = finding.template.split('\\').join('/');
    // Match the whole path or any trailing part of it, so `integ.basic.js.snapshot/*` works from any cwd.
    const re = globToRegExp(entry.template);
    const parts = t.split('/');
    if (!parts.some((_, i) => re.test(parts.slice(i).join('/')))) return false;
  }
  return true;
}

export interface AllowedFinding {
  readonly finding: Finding;
  readonly entry: AllowEntry;
}

export interface AllowListResult {
  /** Findings covered by an entry (the first matching entry wins). */
  readonly allowed: AllowedFinding[];
  /** Findings no entry covers, and must-fix findings whatever the entries say. */
  readonly remaining: Finding[];
  /** Must-fix findings an entry tried to excuse: they stay in `remaining`, the entry is named here. */
  readonly refused: AllowedFinding[];
  /** Entries that covered nothing. */
  readonly stale: AllowEntry[];
}

/**
 * Splits findings into allow-listed and remaining ones, and reports entries that matched nothing.
 * A must-fix finding is never allow-listed: it stays in `remaining`, and the entry that matched it is
 * reported in `refused`.
 */
export function applyAllowList(findings: readonly Finding[], entries: readonly AllowEntry[]): AllowListResult {
  const used = new Set<AllowEntry>();
  const allowed: AllowedFinding[] = [];
  const refused: AllowedFinding[] = [];
  const remaining: Finding[] = [];
  for (const finding of findings) {
    const entry = entries.find(e => entryMatches(e, finding));
    if (entry) used.add(entry);
    if (entry && !finding.mustFix) {
      allowed.push({ finding, entry });
    } else {
      remaining.push(finding);
      if (entry) refused.push({ finding, entry });
    }
  }
  return { allowed, remaining, refused, stale: entries.filter(e => !used.has(e)) };
}

/** Counts for the one-line summary of one validator on one template. */
export interface ValidatorCounts {
  readonly failed: number;
  readonly warnings: number;
  readonly allowed: number;
}

export function countFor(result: AllowListResult, validator: ValidatorName, template: string): ValidatorCounts {
  const mine = (f: Finding) => f.validator === validator && f.template === template;
  return {
    failed: result.remaining.filter(f => mine(f) && f.severity === 'error').length,
    warnings: result.remaining.filter(f => mine(f) && f.severity === 'warning').length,
    allowed: result.allowed.filter(a => mine(a.finding)).length,
  };
}

/** `cfn-guard 0 failed (2 allow-listed)`, `cfn-lint 0 errors (3 warnings)`, ... */
export function formatCounts(validator: ValidatorName, c: ValidatorCounts): string {
  const noun = validator === 'cfn-lint' ? 'errors' : 'failed';
  const extras: string[] = [];
  if (c.warnings > 0 || validator === 'cfn-lint') extras.push(`${c.warnings} warnings`);
  if (c.allowed > 0) extras.push(`${c.allowed} allow-listed`);
  return `${validator} ${c.failed} ${noun}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
