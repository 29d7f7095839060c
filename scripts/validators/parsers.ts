/**
 * Pure parsers: turn each validator's JSON output into Findings. No I/O.
 * `templateOf` maps a file name as the tool printed it to the template label used in the report
 * (or undefined when the tool reports on a file the harness did not ask about).
 */
import { Finding } from './allow-list';

export type TemplateOf = (fileNameFromTool: string) => string | undefined;

/** What the harness knows about one Control Tower rule, from its .guard file. */
export interface GuardRuleInfo {
  /** Control Tower id, e.g. CT.ECS.PR.5. */
  readonly ctId: string;
  /** Service folder under rules/control-tower/cfn-guard, e.g. `ecs`. */
  readonly folder: string;
  readonly file: string;
}

/**
 * Reads the primary rule name and the Control Tower id from the text of one Control Tower
 * .guard file (`# Rule Identifier:` header, `[CT.X.PR.N]` tag in the messages).
 */
export function parseGuardRuleHeader(text: string): { ruleName?: string; ctId?: string } {
  const name = /#\s*Rule Identifier:\s*\n#\s*([A-Za-z0-9_]+)/.exec(text);
  const ct = /\[(CT\.[A-Z0-9]+\.PR\.[0-9]+)\]/.exec(text);
  return { ruleName: name?.[1], ctId: ct?.[1] };
}

/** The CloudFormation resource types (`AWS::ECS::Service`) that the text of one .guard file names. */
export function guardRuleTypes(text: string): string[] {
  return [...new Set(text.match(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g) ?? [])].sort();
}

/**
 * The rule files that can judge a template holding `templateTypes`. Every Control Tower rule selects
 * the resources it checks by their type and is skipped (never failed) when the template has none of
 * them, so a rule file that names none of the template's types cannot report anything on it; a rule
 * file that names no type at all is always kept. cfn-guard copies the template once per rule file, so
 * skipping the rules that cannot apply is most of its run time (237 rules, of which about 70 apply).
 */
export function selectGuardRules<T extends { readonly types: readonly string[] }>(ruleFiles: readonly T[], templateTypes: ReadonlySet<string>): T[] {
  return ruleFiles.filter(r => r.types.length === 0 || r.types.some(t => templateTypes.has(t)));
}

/** Splits a Control Tower custom message into its description and its `[FIX]` hint. */
export function splitGuardMessage(message: string): { description: string; fix?: string; ctId?: string } {
  const lines = message.split('\n').map(l => l.trim()).filter(l => l !== '');
  const fixLine = lines.find(l => l.startsWith('[FIX]'));
  const description = lines.find(l => !l.startsWith('[FIX]')) ?? '';
  const ct = /^\[(CT\.[A-Z0-9.]+)\]:?\s*/.exec(description);
  return {
    description: ct ? description.slice(ct[0].length) : description,
    fix: fixLine?.replace(/^\[FIX\]:?\s*/, ''),
    ctId: ct?.[1],
  };
}

/**
 * Findings from `cfn-guard validate --output-format json --show-summary none --structured`.
 * Guard nests its evidence differently per rule style (Rule / Block / Clause / Disjunctions), so
 * rather than modelling every shape, walk each non-compliant rule and collect every traversed
 * path under /Resources/<LogicalId>, together with the closest custom message above it.
 */
export function parseGuardOutput(
  output: unknown,
  templateOf: TemplateOf,
  rules: ReadonlyMap<string, GuardRuleInfo>,
  mustFixFolders: readonly string[],
): Finding[] {
  const findings: Finding[] = [];
  const reports = Array.isArray(output) ? output : [output];
  for (const report of reports) {
    if (!isObject(report) || typeof report.name !== 'string') continue;
    const template = templateOf(report.name);
    if (template === undefined) continue;
    const notCompliant = Array.isArray(report.not_compliant) ? report.not_compliant : Object.values(report.not_compliant ?? {});
    const seen = new Set<string>();
    for (const item of notCompliant) {
      const rule = isObject(item) && isObject(item.Rule) ? item.Rule : item;
      if (!isObject(rule) || typeof rule.name !== 'string') continue;
      const ruleName = rule.name;
      const info = rules.get(ruleName);
      const hits = new Map<string, string>(); // resource -> custom message
      collectGuardEvidence(rule, '', hits);
      if (hits.size === 0) hits.set('', '');
      for (const [resource, message] of hits) {
        const parsed = splitGuardMessage(message);
        const id = parsed.ctId ?? info?.ctId ?? ruleName;
        const key = `${id}|${resource}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({
          validator: 'cfn-guard',
          template,
          id,
          aliases: [ruleName],
          resource,
          severity: 'error',
          message: parsed.description || ruleName,
          fix: parsed.fix,
          mustFix: info !== undefined && mustFixFolders.includes(info.folder),
        });
      }
    }
  }
  return findings;
}

function collectGuardEvidence(node: unknown, message: string, hits: Map<string, string>): void {
  if (Array.isArray(node)) {
    node.forEach(n => collectGuardEvidence(n, message, hits));
    return;
  }
  if (!isObject(node)) return;
  const messages = node.messages;
  if (isObject(messages) && typeof messages.custom_message === 'string' && messages.custom_message.trim() !== '') {
    message = messages.custom_message;
  }
  if (typeof node.path === 'string') {
    const m = /^\/Resources\/([^/]+)/.exec(node.path);
    if (m && (!hits.has(m[1]) || hits.get(m[1]) === '')) hits.set(m[1], message);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'messages' && typeof value === 'object') collectGuardEvidence(value, message, hits);
  }
}

/** Findings from `cfn-lint --format json`. Errors fail; warnings and informational findings do not. */
export function parseCfnLintOutput(output: unknown, templateOf: TemplateOf): Finding[] {
  if (!Array.isArray(output)) throw new Error('cfn-lint: expected a JSON array');
  const findings: Finding[] = [];
  for (const m of output) {
    if (!isObject(m) || !isObject(m.Rule) || typeof m.Filename !== 'string') continue;
    const template = templateOf(m.Filename);
    if (template === undefined) continue;
    const p = isObject(m.Location) && Array.isArray(m.Location.Path) ? m.Location.Path : [];
    const line = isObject(m.Location) && isObject(m.Location.Start) ? m.Location.Start.LineNumber : undefined;
    findings.push({
      validator: 'cfn-lint',
      template,
      id: String(m.Rule.Id),
      resource: p[0] === 'Resources' && typeof p[1] === 'string' ? p[1] : '',
      severity: m.Level === 'Error' ? 'error' : 'warning',
      message: `${String(m.Message)}${p.length > 0 ? ` (at ${p.join('/')}${line ? `, line ${line}` : ''})` : ''}`,
    });
  }
  return findings;
}

/**
 * Findings from `checkov --framework cloudformation -o json`: one report object (or a list of
 * them when several frameworks ran). Parsing errors are returned separately: they fail the run.
 */
export function parseCheckovOutput(output: unknown, templateOf: TemplateOf): { findings: Finding[]; parsingErrors: string[] } {
  const findings: Finding[] = [];
  const parsingErrors: string[] = [];
  const reports = Array.isArray(output) ? output : [output];
  for (const report of reports) {
    if (!isObject(report)) continue;
    const results = isObject(report.results) ? report.results : {};
    if (Array.isArray(results.parsing_errors)) parsingErrors.push(...results.parsing_errors.map(String));
    if (isObject(report.summary) && Number(report.summary.parsing_errors) > 0 && !Array.isArray(results.parsing_errors)) {
      parsingErrors.push(`${report.summary.parsing_errors} file(s) could not be parsed`);
    }
    const failed = Array.isArray(results.failed_checks) ? results.failed_checks : [];
    for (const c of failed) {
      if (!isObject(c)) continue;
      const file = typeof c.file_abs_path === 'string' ? c.file_abs_path : String(c.file_path ?? '');
      const template = templateOf(file);
      if (template === undefined) continue;
      const resource = String(c.resource ?? '');
      findings.push({
        validator: 'checkov',
        template,
        id: String(c.check_id),
        // checkov names resources `<Type>.<LogicalId>`; logical ids contain no dot.
        resource: resource.includes('.') ? resource.slice(resource.lastIndexOf('.') + 1) : resource,
        severity: 'error',
        message: String(c.check_name ?? ''),
      });
    }
  }
  return { findings, parsingErrors };
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
