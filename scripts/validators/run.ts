/**
 * Validator harness: judges synthesized CloudFormation templates with cfn-guard (AWS Control Tower
 * rules shipped in @cdklabs/cdk-validator-cfnguard), cfn-lint and checkov. See validation/README.md.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AllowEntry, AllowListResult, Finding, ValidatorName, VALIDATORS,
  applyAllowList, countFor, formatCounts, parseAllowList,
} from './allow-list';
import {
  GuardRuleInfo, TemplateOf, guardRuleTypes, parseCfnLintOutput, parseCheckovOutput, parseGuardOutput, parseGuardRuleHeader, selectGuardRules,
} from './parsers';

/** Control Tower rule folders whose failures the construct itself must fix: an allow-list entry does not excuse them. */
export const MUST_FIX_FOLDERS = ['ecs', 'elasticloadbalancing', 'ec2', 'cloudwatch'];

const ROOT = path.resolve(__dirname, '..', '..');

const USAGE = `usage: ts-node --swc --project tsconfig.dev.json scripts/validators/run.ts [options] [template|dir ...]

Runs cfn-guard (all AWS Control Tower rules), cfn-lint and checkov on CloudFormation templates.
Default input: every integ/**/*.snapshot/*.template.json of the repository; a directory argument
means every *.template.json below it.

options:
  --allow-dir DIR   allow-list folder (default: validation/, or $VALIDATION_ALLOW_DIR)
  --only a,b        run only these validators (cfn-guard, cfn-lint, checkov)
  --allow-empty     exit 0 when no template is found (default: exit 1)
  --verbose         also print allow-listed findings with their reasons

exit code: 0 every failure allow-listed, 1 unallowed failure(s), 2 usage, allow-list or tool error.
Needs scripts/validators/install.sh to have created .venv (cfn-lint, checkov).`;
const MAX_MESSAGE = 220;

class ToolError extends Error {}

interface Options {
  inputs: string[];
  allowDir: string;
  only: ValidatorName[];
  allowEmpty: boolean;
  verbose: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    inputs: [],
    allowDir: process.env.VALIDATION_ALLOW_DIR ?? path.join(ROOT, 'validation'),
    only: [...VALIDATORS],
    allowEmpty: false,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new ToolError(`${a} needs a value`);
      return v;
    };
    if (a === '--allow-dir') {
      opts.allowDir = path.resolve(value());
    } else if (a === '--only') {
      const names = value().split(',').map(s => s.trim()).filter(Boolean);
      const unknown = names.filter(n => !(VALIDATORS as readonly string[]).includes(n));
      if (unknown.length > 0) {
        throw new ToolError(`--only: unknown validator(s) ${unknown.join(', ')} (known: ${VALIDATORS.join(', ')})`);
      }
      opts.only = names as ValidatorName[];
    } else if (a === '--allow-empty') {
      opts.allowEmpty = true;
    } else if (a === '--verbose') {
      opts.verbose = true;
    } else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith('-')) {
      throw new ToolError(`unknown option ${a}`);
    } else {
      opts.inputs.push(a);
    }
  }
  return opts;
}

// ---------------------------------------------------------------- template discovery

const SKIP_DIRS = new Set(['node_modules', '.git', '.venv']);

function walk(dir: string, accept: (file: string, dirs: string[]) => boolean, dirs: string[] = [], out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || e.name.startsWith('asset.') || e.name.startsWith('cdk-integ.out')) continue;
      walk(p, accept, [...dirs, e.name], out);
    } else if (e.isFile() && accept(e.name, dirs)) {
      out.push(p);
    }
  }
  return out;
}

const isTemplate = (name: string) => name.endsWith('.template.json');

/**
 * Every `*.template.json` directly inside a `*.snapshot` folder below `integDir` (integ-runner
 * snapshots), except the `DeployAssert` stacks: they hold the test harness of integ-tests-alpha
 * (assertion Lambdas and state machines), not the product.
 */
export function findSnapshotTemplates(integDir: string): string[] {
  if (!fs.existsSync(integDir)) return [];
  return walk(integDir, (name, dirs) => isTemplate(name) && !name.includes('DeployAssert')
    && dirs.length > 0 && dirs[dirs.length - 1].endsWith('.snapshot')).sort();
}

/** Templates named on the command line: files as given, directories searched for `*.template.json`. */
export function findTemplates(inputs: string[], integDir = path.join(ROOT, 'integ')): string[] {
  if (inputs.length === 0) return findSnapshotTemplates(integDir);
  const files: string[] = [];
  for (const input of inputs) {
    if (!fs.existsSync(input)) throw new ToolError(`no such file or directory: ${input}`);
    if (fs.statSync(input).isDirectory()) files.push(...walk(input, isTemplate).sort());
    else files.push(input);
  }
  return [...new Set(files.map(f => path.resolve(f)))];
}

function label(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

// ---------------------------------------------------------------- tools

interface ProcResult { code: number; stdout: string; stderr: string; ms: number }

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcResult> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, PYTHONWARNINGS: 'ignore', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', d => out.push(d));
    child.stderr.on('data', d => err.push(d));
    child.on('error', e => reject(new ToolError(`${cmd}: ${e.message}`)));
    child.on('close', (code, signal) => resolve({
      code: code ?? (signal ? 128 : 1),
      stdout: Buffer.concat(out).toString('utf-8'),
      stderr: Buffer.concat(err).toString('utf-8'),
      ms: Date.now() - start,
    }));
  });
}

function parseJson(tool: string, r: ProcResult): unknown {
  const text = r.stdout.trim();
  try {
    return text === '' ? [] : JSON.parse(text);
  } catch {
    throw new ToolError(`${tool} exited ${r.code} without JSON output:\n${tail(r.stdout + r.stderr)}`);
  }
}

const tail = (s: string) => s.trim().split('\n').slice(-15).join('\n');

/** One Control Tower rule file: its path and the resource types it checks. */
interface GuardRuleFile { readonly file: string; readonly types: string[] }

function guardPaths(): { bin: string; ruleFiles: GuardRuleFile[]; rules: Map<string, GuardRuleInfo> } {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json', { paths: [ROOT] }));
  } catch {
    throw new ToolError('@cdklabs/cdk-validator-cfnguard is not installed (npm install in the repository root)');
  }
  const platform = os.platform() === 'linux' ? 'ubuntu' : os.platform() === 'darwin' ? 'macos' : undefined;
  const arch = os.arch() === 'x64' ? 'x86_64' : os.arch() === 'arm64' ? 'aarch64' : undefined;
  if (!platform || !arch) throw new ToolError(`cfn-guard: no bundled binary for ${os.platform()}/${os.arch()}`);
  const bin = path.join(pkgDir, 'bin', platform, arch, 'cfn-guard');
  const rulesDir = path.join(pkgDir, 'rules', 'control-tower', 'cfn-guard');
  const rules = new Map<string, GuardRuleInfo>();
  const ruleFiles: GuardRuleFile[] = [];
  for (const folder of fs.readdirSync(rulesDir).sort()) {
    const dir = path.join(rulesDir, folder);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.guard')).sort()) {
      const text = fs.readFileSync(path.join(dir, file), 'utf-8');
      const { ruleName, ctId } = parseGuardRuleHeader(text);
      if (ruleName) rules.set(ruleName, { ctId: ctId ?? file.replace(/\.guard$/, ''), folder, file });
      ruleFiles.push({ file: path.join(dir, file), types: guardRuleTypes(text) });
    }
  }
  if (ruleFiles.length === 0) throw new ToolError(`cfn-guard: no rule file in ${rulesDir}`);
  return { bin, ruleFiles, rules };
}

/** The resource types of a template. */
function templateTypes(file: string): Set<string> {
  const resources = (JSON.parse(fs.readFileSync(file, 'utf-8')) as { Resources?: { [id: string]: { Type?: string } } }).Resources ?? {};
  return new Set(Object.values(resources).map(r => r.Type).filter((t): t is string => typeof t === 'string'));
}

/** Runs `jobs` with at most `limit` of them at a time; the results in the order of `jobs`. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

async function runGuard(templates: string[], templateOf: TemplateOf): Promise<{ findings: Finding[]; ms: number; rules: number }> {
  const { bin, ruleFiles, rules } = guardPaths();
  const started = Date.now();
  // One cfn-guard per template, with the rule files that can apply to it (selectGuardRules): the
  // same findings as every rule on every template, in a quarter of the time.
  const reports = await pool(templates.map(template => async () => {
    const selected = selectGuardRules(ruleFiles, templateTypes(template));
    // no Control Tower rule names a type of this template (records only, say): nothing to judge, and
    // cfn-guard refuses to run without a rule file
    if (selected.length === 0) return [];
    // Large templates make cfn-guard's JSON big: spawn buffers it without a size limit.
    const r = await run(bin, ['validate', ...selected.flatMap(f => ['--rules', f.file]), '--data', template,
      '--output-format', 'json', '--show-summary', 'none', '--structured']);
    // cfn-guard: 0 all compliant, 19 some rule failed; anything else is an error of the tool.
    if (r.code !== 0 && r.code !== 19) throw new ToolError(`cfn-guard exited ${r.code} on ${label(template)}:\n${tail(r.stderr || r.stdout)}`);
    return parseJson('cfn-guard', r);
  }), Math.max(1, os.cpus().length));
  const output = reports.flatMap(r => (Array.isArray(r) ? r : [r]));
  return { findings: parseGuardOutput(output, templateOf, rules, MUST_FIX_FOLDERS), ms: Date.now() - started, rules: rules.size };
}

function venvBin(name: string): string {
  const venv = process.env.VALIDATORS_VENV ?? path.join(ROOT, '.venv');
  const bin = path.join(venv, 'bin', name);
  if (!fs.existsSync(bin)) throw new ToolError(`${name} not found in ${venv}: run scripts/validators/install.sh first`);
  return bin;
}

/** `templates` in `count` groups of about equal bytes (largest first, each to the lightest group). */
function balancedGroups(templates: string[], count: number): string[][] {
  const groups = Array.from({ length: Math.max(1, Math.min(count, templates.length)) }, () => ({ bytes: 0, files: [] as string[] }));
  for (const t of [...templates].sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)) {
    const lightest = groups.reduce((min, g) => (g.bytes < min.bytes ? g : min));
    lightest.files.push(t);
    lightest.bytes += fs.statSync(t).size;
  }
  return groups.map(g => g.files.sort());
}

async function runCfnLint(templates: string[], templateOf: TemplateOf): Promise<{ findings: Finding[]; ms: number }> {
  const started = Date.now();
  // cfn-lint uses one core: one process per core, over groups of templates of about equal size.
  const outputs = await pool(balancedGroups(templates, os.cpus().length).map(group => async () => {
    const r = await run(venvBin('cfn-lint'), ['--format', 'json', '--', ...group]);
    // Exit code is a bitmask: 2 error, 4 warning, 8 informational. Bit 1 (or anything above 15) means cfn-lint itself failed.
    if (r.code % 2 !== 0 || r.code > 15) throw new ToolError(`cfn-lint exited ${r.code}:\n${tail(r.stderr || r.stdout)}`);
    const errorBit = Math.floor(r.code / 2) % 2 === 1;
    const findings = parseCfnLintOutput(parseJson('cfn-lint', r), templateOf);
    if (errorBit && !findings.some(f => f.severity === 'error')) {
      throw new ToolError(`cfn-lint reported errors (exit ${r.code}) that could not be read from its output`);
    }
    return findings;
  }), os.cpus().length);
  return { findings: outputs.flat(), ms: Date.now() - started };
}

async function runCheckov(templates: string[], templateOf: TemplateOf): Promise<{ findings: Finding[]; ms: number }> {
  // One invocation for all templates: checkov spends ~3 s starting up.
  const r = await run(venvBin('checkov'), ['--framework', 'cloudformation', '--quiet', '--compact', '-o', 'json',
    '--skip-download', '-f', ...templates], { BC_SKIP_MAPPING: 'TRUE', CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false' });
  // checkov: 0 all passed, 1 some check failed; anything else is an error of the tool.
  if (r.code !== 0 && r.code !== 1) throw new ToolError(`checkov exited ${r.code}:\n${tail(r.stderr || r.stdout)}`);
  const { findings, parsingErrors } = parseCheckovOutput(parseJson('checkov', r), templateOf);
  if (parsingErrors.length > 0) throw new ToolError(`checkov could not parse: ${parsingErrors.join(', ')}`);
  return { findings, ms: r.ms };
}

// ---------------------------------------------------------------- allow-lists

function loadAllowLists(dir: string, validators: ValidatorName[]): Map<ValidatorName, AllowEntry[]> {
  const lists = new Map<ValidatorName, AllowEntry[]>();
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ToolError(`allow-list folder not found: ${dir}`);
  const errors: string[] = [];
  for (const v of validators) {
    const file = path.join(dir, `${v}.allow.json`);
    if (!fs.existsSync(file)) {
      lists.set(v, []);
      continue;
    }
    try {
      lists.set(v, parseAllowList(fs.readFileSync(file, 'utf-8'), label(file)));
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  if (errors.length > 0) throw new ToolError(errors.join('\n'));
  return lists;
}

// ---------------------------------------------------------------- report

const clip = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_MESSAGE ? `${one.slice(0, MAX_MESSAGE - 3)}...` : one;
};

/** A finding's detail; a message already printed for the same rule is not repeated (keeps output short). */
function describe(f: Finding, printed: Set<string>): string {
  const key = `${f.validator}|${f.id}|${f.message}`;
  const message = printed.has(key) ? '(message above)' : clip(f.message);
  printed.add(key);
  return `${f.id}${f.mustFix ? ' [must-fix]' : ''} ${f.resource || '(template)'}: ${message}`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const templates = findTemplates(opts.inputs);
  if (templates.length === 0) {
    const where = opts.inputs.length > 0 ? opts.inputs.join(' ') : 'integ/**/*.snapshot/';
    console.log(`validators: no *.template.json found in ${where}`);
    return opts.allowEmpty ? 0 : 1;
  }
  const allowLists = loadAllowLists(opts.allowDir, opts.only);

  // Tools print paths in their own way (absolute, relative, realpath): normalise before lookup.
  const byPath = new Map<string, string>();
  for (const t of templates) {
    byPath.set(path.resolve(t), label(t));
    try {
      byPath.set(fs.realpathSync(t), label(t));
    } catch { /* ignore */ }
  }
  const templateOf: TemplateOf = name => byPath.get(path.resolve(name));

  const jobs: Record<ValidatorName, () => Promise<{ findings: Finding[]; ms: number }>> = {
    'cfn-guard': () => runGuard(templates, templateOf),
    'cfn-lint': () => runCfnLint(templates, templateOf),
    'checkov': () => runCheckov(templates, templateOf),
  };
  const results = await Promise.all(opts.only.map(v => jobs[v]()));

  const perValidator = new Map<ValidatorName, AllowListResult>();
  opts.only.forEach((v, i) => perValidator.set(v, applyAllowList(results[i].findings, allowLists.get(v) ?? [])));

  let failures = 0;
  const fixHints = new Map<string, string>();
  const mustFixEntries = new Set<AllowEntry>();
  const printed = new Set<string>();
  for (const t of templates.map(label)) {
    const counts = opts.only.map(v => formatCounts(v, countFor(perValidator.get(v)!, v, t)));
    console.log(`template ${t}: ${counts.join(', ')}`);
    for (const v of opts.only) {
      const r = perValidator.get(v)!;
      const mine = r.remaining.filter(x => x.template === t);
      for (const f of [...mine.filter(x => x.severity === 'error'), ...mine.filter(x => x.severity !== 'error')]) {
        if (f.severity === 'error') failures++;
        if (f.fix) fixHints.set(f.id, f.fix);
        console.log(`  ${f.severity === 'error' ? 'FAIL' : 'warn'} ${v} ${describe(f, printed)}`);
      }
      for (const { entry } of r.refused.filter(a => a.finding.template === t)) mustFixEntries.add(entry);
      if (opts.verbose) {
        for (const { finding: f, entry } of r.allowed.filter(a => a.finding.template === t)) {
          console.log(`  allowed ${v} ${f.id} ${f.resource || '(template)'}: ${clip(entry.reason)}`);
        }
      }
    }
  }
  if (fixHints.size > 0) {
    console.log('fix hints (Control Tower):');
    for (const [id, fix] of fixHints) console.log(`  ${id}: ${clip(fix)}`);
  }
  if (mustFixEntries.size > 0) {
    console.log('allow-list entries that cannot apply (these rules must pass; fix the construct instead):');
    for (const e of mustFixEntries) console.log(`  ${e.source} ${e.id}${e.resource ? ` ${e.resource}` : ''}: ${clip(e.reason)}`);
  }
  // On the full set of snapshots an entry that matched nothing is dead weight that could hide a future
  // finding: a failure. On templates given by hand it may belong to other templates: a warning.
  const strict = opts.inputs.length === 0;
  for (const v of opts.only) {
    for (const e of perValidator.get(v)!.stale) {
      if (strict) failures++;
      console.log(`${strict ? 'FAIL' : 'warning'}: stale ${v} allow-list entry ${e.source} (id ${e.id}${e.resource ? `, resource ${e.resource}` : ''}) matched nothing` +
        (strict ? ' on any integration snapshot: remove it' : ''));
    }
  }
  const timing = opts.only.map((v, i) => `${v} ${(results[i].ms / 1000).toFixed(1)}s`).join(', ');
  console.log(`validators: ${templates.length} template(s), ${failures} unallowed failure(s) [${timing}; total ${((Date.now() - started) / 1000).toFixed(1)}s]`);
  return failures > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(code => process.exit(code), (e: Error) => {
    console.error(`validators: ${e instanceof ToolError ? e.message : e.stack ?? e}`);
    process.exit(2);
  });
}
