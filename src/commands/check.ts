/**
 * `kmsw check`: every rule of the handbook over the records folder. Returns the diagnostics; the
 * formatters print them. One broken file never stops the others.
 */
import { isMap } from 'yaml';
import { CONFIG_FILE, loadConfigDocument, unknownConfigKeys } from '../config.js';
import { KmswError } from '../errors.js';
import { formByKey } from '../forms/index.js';
import { getLang, say, setLang } from '../i18n.js';
import { coversPeriod, listRecordFiles, loadFile, type LoadedFile, type SkippedLink } from '../records/load.js';
import { selectFiles } from '../records/select.js';
import { validateRecord } from '../records/validate.js';
import { locate, parseYaml, type ParsedYaml } from '../records/yaml.js';
import { redactNumbers } from '../format/redact.js';
import { fileProblems, fullwidthSyntax, unknownForm } from '../rules/file.js';
import { FOLDER_RULES, RECORD_RULES, RULES, RULE_IDS, readRuleSettings, severityOf, type RuleSettings } from '../rules/index.js';
import { namesIn, namesInConfig } from '../rules/record.js';
import type { Diagnostic, Finding, FolderContext, RecordFacts, RecordInput } from '../rules/types.js';
import { officialCalendar } from '../values/calendar.js';
import type { Day } from '../values/date.js';
import { nearest } from '../values/nearest.js';
import { type ScanJob, type ScanReply, shares, startWorkers, threadsFor } from './parallel.js';

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
  /** kmsw's build, which a worker thread can run: big folders are then scanned on every core. */
  workerScript?: string;
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
export async function openFolder(opts: { root: string; today: Day; month?: string; year?: number }): Promise<{ ctx: FolderContext; settings: RuleSettings; configProblems: Finding[] }> {
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
    // A short session is still a session held on site: the quota measures its duration itself.
    counts: (r) => !(r.faults ?? []).some((f) => f.rule !== 'duration-short' && severityOf(f, settings) === 'error'),
  };
  // Misspelt keys (`expert:`, `statons:`): check reports them; the other commands just proceed.
  return { ctx, settings, configProblems: unknownConfigKeys(configDoc) };
}

export interface Scan {
  findings: Finding[];
  /** Every record of the folder, in the folder's order, whether in scope or not. */
  facts: RecordFacts[];
  /** How many files were in scope. */
  checked: number;
}

/**
 * The folder rules see records as the folder lists them, and a name's `-2` copy after the original
 * (`2026-11-27-李明` before `2026-11-27-李明-2`).
 */
function byFile(a: RecordFacts, b: RecordFacts): number {
  const base = (f: string) => f.replace(/\.ya?ml$/i, '');
  return base(a.file) < base(b.file) ? -1 : base(a.file) > base(b.file) ? 1 : 0;
}

/** Reads every record file, runs the record rules on those in scope, and keeps each record's facts. */
export async function scanFolder(
  ctx: FolderContext,
  opts: { rules: typeof RECORD_RULES; selected?: Set<string>; files?: string[]; links?: SkippedLink[]; keepRaw?: boolean },
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
  // A skipped entry is in the period when it lies in it or holds it (a linked `2026/11`, an unreadable `2026/`).
  const prefix = month ? `${month.slice(0, 4)}/${month.slice(5, 7)}/` : year !== undefined ? `${year}/` : '';
  for (const link of opts.links ?? []) if ((!opts.selected || opts.selected.has(link.file)) && coversPeriod(link.file, prefix)) findings.push(linkFinding(link));
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
        findings.push({ rule: 'unreadable', file, line: 1, column: 1, message: say(`无法读取文件（${code}）：请检查文件的权限`, `cannot read the file (${code}): check its permissions`) });
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
  facts.sort(byFile);
  return { findings, facts, checked };
}

/** The record rules that report at least one of the rules switched on. */
const recordRules = (on: (id: string) => boolean) => RECORD_RULES.filter(([, ids]) => ids.some(on));

/** scanFolder, with the files shared between this thread and `threads - 1` workers. */
async function scanShared(
  ctx: FolderContext,
  script: string,
  opts: { rules: typeof RECORD_RULES; ruleIds: string[]; selected?: Set<string>; files: string[]; links: SkippedLink[] },
  threads: number,
): Promise<Scan> {
  const [mine = [], ...theirs] = shares(opts.files, threads);
  const { root, today, scope } = ctx;
  const job = { root, today, ...scope, lang: getLang(), ruleIds: opts.ruleIds };
  const replies = startWorkers(script, theirs.map((files) => ({ ...job, files, selected: opts.selected && files.filter((f) => opts.selected!.has(f)) })));
  const own = await scanFolder(ctx, { rules: opts.rules, selected: opts.selected, files: mine, links: opts.links });
  for (const reply of await Promise.all(replies)) {
    own.findings.push(...reply.findings);
    own.facts.push(...reply.facts.map((f) => ({ ...f, form: formByKey(f.form)! })));
    own.checked += reply.checked;
  }
  own.facts.sort(byFile);
  return own;
}

/** One worker's share of a scan (bin/worker.cjs calls this in the thread). */
export async function scanJob(job: ScanJob): Promise<ScanReply> {
  setLang(job.lang);
  const { ctx } = await openFolder(job);
  const rules = recordRules((id) => job.ruleIds.includes(id));
  const scan = await scanFolder(ctx, { rules, files: job.files, selected: job.selected && new Set(job.selected) });
  return { ...scan, facts: scan.facts.map((f) => ({ ...f, form: f.form.key })) };
}

/** A finding with its severity: kmsw.yaml's, else the rule's own choice, else the rule's default. */
export function toDiagnostic(f: Finding, settings: RuleSettings): Diagnostic {
  const fixed = settings.severity.get(f.rule);
  const base = RULES.find((r) => r.id === f.rule)!.severity;
  const severity = fixed && fixed !== 'off' ? fixed : (f.severity ?? (base === 'dynamic' ? 'warning' : base));
  // An ID-card or mobile number a message repeats (a station named by one, an unknown key) is starred out.
  return { file: f.file, line: f.line, column: f.column, severity, rule: f.rule, message: redactNumbers(f.message), ...(f.field !== undefined ? { field: f.field } : {}) };
}

export async function check(opts: CheckOptions): Promise<CheckResult> {
  if (opts.rules) checkRuleIds(opts.rules);
  const { ctx, settings, configProblems } = await openFolder(opts);
  const config = ctx.config;
  const enabled = (id: string) => (!opts.rules || opts.rules.includes(id)) && settings.severity.get(id) !== 'off';
  const anyEnabled = (ids: readonly string[]) => ids.some(enabled);
  const links: SkippedLink[] = [];
  const files = await listRecordFiles(opts.root, links);
  // A path may name a link or a stray file too: it is reported, not refused as naming nothing.
  const selected = opts.paths ? selectFiles([...files, ...links.map((l) => l.file)], opts.paths) : undefined;
  // The quota counts only sessions without errors, so every record rule runs when it is on (their
  // findings are still shown only for the rules asked for).
  const run = (id: string) => enabled(id) || enabled('quota');
  const rules = recordRules(run);
  const threads = opts.workerScript ? threadsFor(files.length) : 1;
  const { findings, facts, checked } =
    threads > 1
      ? await scanShared(ctx, opts.workerScript!, { rules, ruleIds: RULE_IDS.filter(run), selected, files, links }, threads)
      : await scanFolder(ctx, { rules, selected, files, links });
  const everyFile = [...files, ...links.map((l) => l.file)];
  // One at a time: a century of missing logs is more findings than a spread call takes arguments.
  for (const [rule, ids] of FOLDER_RULES) if (anyEnabled(ids)) for (const f of rule(facts, ctx, everyFile)) findings.push(f);
  findings.push(...configProblems);

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

/** A symbolic link is reported, never followed: it may point outside the folder, and Git shares the link, not the file. */
function linkFinding({ file, target, message }: SkippedLink): Finding {
  return {
    rule: 'unreadable',
    file,
    line: 1,
    column: 1,
    message: message ?? say(
      `这是一个符号链接（指向 ${target}），kmsw 不跟随链接，也不检查它指向的内容：Git 只共享链接本身。请把记录文件本身放进文件夹，再删除这个链接`,
      `this is a symbolic link (to ${target}); kmsw does not follow links nor check what they point to, and Git shares only the link. Put the record itself in the folder and delete the link`,
    ),
  };
}

/** A quick look for `key：` at a line's start; fullwidthSyntax then looks properly. */
const FULLWIDTH_KEY = /^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*[ \t]*：/m;
/** A quick look for flow brackets and a `：` or `，`: `{ name：王芳 }`, `[王芳，陈建国]` (one pass each, whatever the line's length). */
const FULLWIDTH_IN_FLOW = {
  test: (text: string) => /[：，]/.test(text) && text.split('\n').some((l) => /[{[]/.test(l) && /[：，]/.test(l)),
};

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
  if (loaded.problem || !parsed) {
    const findings = fileProblems(loaded, text);
    // When full-width slips are all that keep the file from reading, the rest of the record is still
    // checked, on its text with the slips mended, so that fixing one fault does not uncover the next.
    const mended = loaded.problem?.rule === 'yaml-syntax' && text !== undefined ? mendFullwidth(text, findings) : undefined;
    if (mended) {
      const again = checkFile({ file, text: mended.text, parsed: mended.parsed }, ctx, rules, inScope);
      for (const f of again.findings) if (f.rule !== 'fullwidth-syntax') findings.push({ ...f, column: mended.column(f.line, f.column) });
    }
    return { inScope: inScope(undefined), findings };
  }
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
  // A quick look first: most files have no full-width key at a line's start, nor a full-width mark in a flow.
  if (text !== undefined && (text.includes('\u3000') || FULLWIDTH_KEY.test(text) || FULLWIDTH_IN_FLOW.test(text))) findings.push(...fullwidthSyntax(file, text, parsed));
  for (const [rule] of rules) findings.push(...rule(input, ctx));
  // What the file's own rules found, kept small: status counts a log only when none is an error.
  if (findings.length > 0) facts.faults = findings.map((f) => (f.severity ? { rule: f.rule, severity: f.severity } : { rule: f.rule }));
  return { inScope: true, findings, facts };
}

/** What each full-width mark becomes: a colon or comma with the space YAML needs, or a space. */
const HALF: Record<string, string> = { '：': ': ', '，': ', ', '\u3000': ' ' };

/**
 * The text with each full-width slip that fullwidth-syntax found written as YAML wants it, parsed,
 * and how a column of the mended text maps back to the file's own; undefined unless it then parses.
 */
function mendFullwidth(text: string, findings: readonly Finding[]): { text: string; parsed: ParsedYaml; column: (line: number, column: number) => number } | undefined {
  const slips = findings.filter((f) => f.rule === 'fullwidth-syntax');
  if (slips.length === 0 || slips.length !== findings.length) return undefined;
  const lines = text.split('\n');
  // Per line, the columns (of the mended line) after which one character was added.
  const added = new Map<number, number[]>();
  for (const slip of [...slips].sort((a, b) => b.column - a.column)) {
    const line = lines[slip.line - 1];
    const mark = line?.[slip.column - 1];
    if (line === undefined || mark === undefined || !(mark in HALF)) return undefined;
    const by = /\s/.test(line[slip.column] ?? ' ') || mark === '\u3000' ? HALF[mark]!.trimEnd() || ' ' : HALF[mark]!;
    lines[slip.line - 1] = line.slice(0, slip.column - 1) + by + line.slice(slip.column);
    if (by.length > 1) added.set(slip.line, [...(added.get(slip.line) ?? []).map((c) => c + 1), slip.column]);
  }
  const parsed = parseYaml(lines.join('\n'));
  if (parsed.errors.length > 0 || !isMap(parsed.doc.contents)) return undefined;
  return {
    text: lines.join('\n'),
    parsed,
    column: (line, column) => column - (added.get(line) ?? []).filter((c) => column > c + 1).length,
  };
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
