/**
 * `kmsw check`: every rule of the handbook over the records folder. Returns the diagnostics; the
 * formatters print them. One broken file never stops the others.
 */
import { readFile } from 'node:fs/promises';
import { CONFIG_FILE, loadConfigDocument } from '../config.js';
import { KmswError } from '../errors.js';
import { formByKey } from '../forms/index.js';
import { say } from '../i18n.js';
import { listRecordFiles, loadFile, type LoadedFile } from '../records/load.js';
import { selectFiles } from '../records/select.js';
import { validateRecord } from '../records/validate.js';
import { locate } from '../records/yaml.js';
import { fileProblems, fullwidthSyntax, unknownForm } from '../rules/file.js';
import { FOLDER_RULES, RECORD_RULES, RULES, RULE_IDS, readRuleSettings, type RuleSettings } from '../rules/index.js';
import { namesIn, namesInConfig } from '../rules/record.js';
import type { Diagnostic, Finding, FolderContext, RecordFacts, RecordInput } from '../rules/types.js';
import { officialCalendar } from '../values/calendar.js';
import type { Day } from '../values/date.js';
import { nearest } from '../values/nearest.js';

export interface CheckOptions {
  root: string;
  today: Day;
  /** `YYYY-MM`. */
  month?: string;
  /** Also turns on the year's quota rule. */
  year?: number;
  /** Files, folders or globs, relative to the records folder; all records when absent. */
  paths?: string[];
  /** Only these rule ids. */
  rules?: string[];
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  summary: { files: number; errors: number; warnings: number };
  /** Things to say once, beside the diagnostics (a calendar year the data does not cover). */
  notes: string[];
}

/** Refuses unknown rule ids before anything runs. */
export function checkRuleIds(ids: readonly string[]): void {
  for (const id of ids) {
    if (RULE_IDS.includes(id)) continue;
    const guess = nearest(id, RULE_IDS);
    throw new KmswError(say(`没有名为“${id}”的规则${guess ? `，是不是 ${guess}？` : '。'}运行 kmsw check --list-rules 查看所有规则`, `There is no rule "${id}"${guess ? `; did you mean ${guess}?` : '.'} kmsw check --list-rules lists them`));
  }
}

/** kmsw.yaml read and its `rules:` applied: what every rule needs to know about the folder. */
export async function openFolder(opts: { root: string; today: Day; month?: string; year?: number }): Promise<{ ctx: FolderContext; settings: RuleSettings }> {
  const { config, parsed: configDoc } = await loadConfigDocument(opts.root);
  const { settings, problems } = readRuleSettings(config.rules);
  if (problems.length > 0) {
    throw new KmswError(problems.map((p) => {
      const pos = locate(configDoc, ['rules', ...p.path], 'key');
      return `${CONFIG_FILE}:${pos.line}:${pos.column}: rules.${p.path.join('.')}${say('：', ': ')}${p.message}`;
    }).join('\n'));
  }
  const ctx: FolderContext = {
    root: opts.root,
    config,
    configAt: (path) => locate(configDoc, path, 'key'),
    today: opts.today,
    calendar: officialCalendar(),
    thresholds: settings.thresholds,
    scope: { month: opts.month, year: opts.year },
  };
  return { ctx, settings };
}

export interface Scan {
  findings: Finding[];
  /** Every record of the folder, in the folder's order, whether in scope or not. */
  facts: RecordFacts[];
  /** How many files were in scope. */
  checked: number;
}

/** Reads every record file, runs the record rules on those in scope, and keeps each record's facts. */
export async function scanFolder(
  ctx: FolderContext,
  opts: { rules: typeof RECORD_RULES; selected?: Set<string>; files?: string[]; keepRaw?: boolean },
): Promise<Scan> {
  const { month, year } = ctx.scope;
  const inPeriod = (when: string | undefined, file: string) => {
    const at = when ?? /^(\d{4})\/(\d{2})\//.exec(file)?.slice(1, 3).join('-');
    if (month) return at?.slice(0, 7) === month;
    if (year !== undefined) return at?.slice(0, 4) === String(year);
    return true;
  };
  const findings: Finding[] = [];
  const facts: RecordFacts[] = [];
  let checked = 0;
  const files = opts.files ?? (await listRecordFiles(ctx.root));
  for (const file of files) {
    const selected = !opts.selected || opts.selected.has(file);
    let loaded: LoadedFile;
    try {
      loaded = loadFile(ctx.root, file);
    } catch (e) {
      // Gone or unreadable between the listing and the read: say so and go on.
      if (selected) {
        checked++;
        const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        findings.push({ rule: 'encoding', file, line: 1, column: 1, message: say(`无法读取文件（${code}）：请检查文件的权限`, `cannot read the file (${code}): check its permissions`) });
      }
      continue;
    }
    const result = checkFile(loaded, ctx, opts.rules, (when) => selected && inPeriod(when, file));
    if (result.inScope) {
      checked++;
      findings.push(...result.findings);
    }
    if (result.facts) {
      if (opts.keepRaw) result.facts.raw = loaded.parsed?.value;
      facts.push(result.facts);
    }
  }
  // Reads finish in any order; the folder rules see records as the folder lists them, and a
  // name's `-2` copy after the original (`2026-11-27-李明` before `2026-11-27-李明-2`).
  const base = (f: string) => f.replace(/\.ya?ml$/i, '');
  facts.sort((a, b) => (base(a.file) < base(b.file) ? -1 : base(a.file) > base(b.file) ? 1 : 0));
  return { findings, facts, checked };
}

/** A finding with its severity: kmsw.yaml's, else the rule's own choice, else the rule's default. */
export function toDiagnostic(f: Finding, settings: RuleSettings): Diagnostic {
  const fixed = settings.severity.get(f.rule);
  const base = RULES.find((r) => r.id === f.rule)!.severity;
  const severity = fixed && fixed !== 'off' ? fixed : (f.severity ?? (base === 'dynamic' ? 'warning' : base));
  return { file: f.file, line: f.line, column: f.column, severity, rule: f.rule, message: f.message, ...(f.field !== undefined ? { field: f.field } : {}) };
}

export async function check(opts: CheckOptions): Promise<CheckResult> {
  if (opts.rules) checkRuleIds(opts.rules);
  const { ctx, settings } = await openFolder(opts);
  const config = ctx.config;
  const enabled = (id: string) => (!opts.rules || opts.rules.includes(id)) && settings.severity.get(id) !== 'off';
  const anyEnabled = (ids: readonly string[]) => ids.some(enabled);
  const files = await listRecordFiles(opts.root);
  const selected = opts.paths ? selectFiles(files, opts.paths) : undefined;
  const { findings, facts, checked } = await scanFolder(ctx, { rules: RECORD_RULES.filter(([, ids]) => anyEnabled(ids)), selected, files });
  for (const [rule, ids] of FOLDER_RULES) if (anyEnabled(ids)) findings.push(...rule(facts, ctx));

  const notes: string[] = [];
  if (enabled('missing-log')) {
    const years = new Set<number>();
    const last = Number(opts.today.slice(0, 4));
    for (const a of config.assistants) for (let y = Number(a.since.slice(0, 4)); y <= last; y++) years.add(y);
    const uncovered = [...years].filter((y) => !ctx.calendar.covers(y) && (opts.year === undefined || y === opts.year) && (!opts.month || opts.month.startsWith(`${y}-`)));
    if (uncovered.length > 0) {
      const list = uncovered.join(say('、', ', '));
      notes.push(say(
        `节假日数据（chinese-days）还没有 ${list} 年的放假安排：这些年份按周一至周五计算工作日。国务院公布安排后，更新 kmsw（npm update chinese-days）即可。`,
        `The holiday data (chinese-days) has no schedule for ${list} yet: working days there are Monday to Friday. Once the State Council publishes it, update kmsw (npm update chinese-days).`,
      ));
    }
  }

  const diagnostics = findings
    .filter((f) => enabled(f.rule))
    .filter((f) => !selected || selected.has(f.file))
    .map((f) => toDiagnostic(f, settings))
    .sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file === CONFIG_FILE ? -1 : b.file === CONFIG_FILE ? 1 : a.file < b.file ? -1 : 1));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { diagnostics, summary: { files: checked, errors, warnings: diagnostics.length - errors }, notes };
}

/** A quick look for `key：` at a line's start; fullwidthSyntax then looks properly. */
const FULLWIDTH_KEY = /^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*[ \t]*：/m;

interface FileResult {
  inScope: boolean;
  findings: Finding[];
  facts?: RecordFacts;
}

/** One file: its bytes and YAML, its form, then every record rule. The parsed YAML is dropped after. */
function checkFile(
  loaded: LoadedFile,
  ctx: FolderContext,
  rules: typeof RECORD_RULES,
  inScope: (when: string | undefined) => boolean,
): FileResult {
  const { file, parsed, text } = loaded;
  if (loaded.problem || !parsed) return { inScope: inScope(undefined), findings: fileProblems(loaded, text) };
  const wrongForm = unknownForm(file, parsed);
  if (wrongForm.length > 0) {
    const fullwidth = text === undefined ? [] : fullwidthSyntax(file, text, parsed);
    return { inScope: inScope(undefined), findings: fullwidth.length > 0 ? fullwidth : wrongForm };
  }
  const raw = parsed.value as Record<string, unknown>;
  const form = formByKey(raw.form)!;
  const { values, issues } = validateRecord(form, parsed);
  const when = typeof values[form.dateField] === 'string' ? (values[form.dateField] as string) : undefined;
  const input: RecordInput = { file, form, parsed, raw, values, issues };
  const facts: RecordFacts = {
    file,
    form,
    values: Object.fromEntries(Object.entries(values).filter(([key]) => form.fields[key]?.kind !== 'text')),
    when,
    whenAt: locate(parsed, [form.dateField]),
    names: namesIn(input, namesInConfig(ctx.config)),
    staff: rollNames(form.roll ?? [], raw),
    inScope: inScope(when),
  };
  if (!facts.inScope) return { inScope: false, findings: [], facts };
  const findings: Finding[] = [];
  // A quick look first: most files have no full-width key at a line's start.
  if (text !== undefined && (text.includes('\u3000') || FULLWIDTH_KEY.test(text))) findings.push(...fullwidthSyntax(file, text, parsed));
  for (const [rule] of rules) findings.push(...rule(input, ctx));
  return { inScope: true, findings, facts };
}

/** The names a record establishes, read from the YAML as written: a row with a bad cell still names a person. */
function rollNames(paths: readonly string[], raw: unknown): string[] {
  const names: string[] = [];
  const collect = (at: unknown, keys: readonly string[]): void => {
    if (Array.isArray(at)) return at.forEach((item) => collect(item, keys));
    if (keys.length === 0) {
      if (typeof at === 'string' || typeof at === 'number') names.push(String(at).replace(/\s+/g, ''));
      return;
    }
    if (at !== null && typeof at === 'object') collect((at as Record<string, unknown>)[keys[0]!], keys.slice(1));
  };
  for (const p of paths) collect(raw, p.split('.'));
  return names;
}
