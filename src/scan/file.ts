/**
 * One record file checked: its bytes and YAML, its form, then every record rule; what is kept of it
 * for the rules across records.
 */
import { isMap } from 'yaml';
import { recordDigest, signatureIn, signatureSlots } from '../forms/digest.js';
import { formByKey } from '../forms/index.js';
import type { Form } from '../forms/form.js';
import { validateRecord } from '../forms/validate.js';
import type { LoadedFile } from '../records/load.js';
import { locate, parseYaml, type ParsedYaml } from '../records/yaml.js';
import { fileProblems, fullwidthSyntax, unknownForm } from '../rules/file.js';
import type { RecordRules } from '../rules/index.js';
import { namesIn, namesInConfig } from '../rules/record.js';
import { Today, type DaySpan } from '../rules/today.js';
import type { Finding, FolderContext, RecordContext, RecordFacts, RecordInput } from '../rules/types.js';

/**
 * A quick look for `key：` at a line's start; fullwidthSyntax then looks properly. The pattern only where a `：` is
 * (a search for one character is several times faster than the pattern tried at every line).
 */
const FULLWIDTH_KEY = {
  pattern: /^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*[ \t]*：/m,
  test: (text: string) => text.includes('：') && FULLWIDTH_KEY.pattern.test(text),
};
/**
 * A quick look for flow brackets and a `：` or `，`: `{ name：王芳 }`, `[王芳，陈建国]` (one search each, whatever the
 * line's length; the brackets first: a Chinese text nearly always holds a `，`, rarely a bracket).
 */
const FULLWIDTH_IN_FLOW = {
  test: (text: string) =>
    (text.includes('[') || text.includes('{')) &&
    (text.includes('：') || text.includes('，')) &&
    text.split('\n').some((l) => /[{[]/.test(l) && /[：，]/.test(l)),
};

export interface FileResult {
  inScope: boolean;
  findings: Finding[];
  facts?: RecordFacts;
  /** The days on which checking the file gives this same result (rules/today.ts): the cache reuses it on those. */
  span?: DaySpan;
}

/**
 * One file: its bytes and YAML, its form, then every record rule. The parsed YAML is dropped after. A file read
 * by the fast path (records/fast-yaml.ts) that has anything to say is checked again on `yaml`'s Document, so
 * every finding is the full path's own; a file with nothing to say keeps the fast path's facts, which are the
 * same (tests/fast-yaml.test.ts). The record rules see today through a Today, which gives the result's span.
 */
export function checkFile(
  loaded: LoadedFile,
  ctx: FolderContext,
  rules: RecordRules,
  inScope: (when: string | undefined) => boolean,
): FileResult {
  const today = new Today(ctx.today);
  const result = checkLoaded(loaded, recordContext(ctx, today), rules, inScope);
  result.span = today.span();
  return result;
}

/** Each folder context's maker of record contexts (recordContext). */
const contexts = new WeakMap<FolderContext, new (today: Today) => RecordContext>();

/**
 * The folder's context with today replaced, made on it, not copied (the cache's context watches reads of `root`): an
 * object of a class whose prototype is the folder's context, one class per context. Object.create with a property's
 * descriptor, for every file, cost several times more.
 */
function recordContext(ctx: FolderContext, today: Today): RecordContext {
  let Seen = contexts.get(ctx);
  if (!Seen) {
    const made = class {
      constructor(readonly today: Today) {}
    };
    Object.setPrototypeOf(made.prototype, ctx);
    Seen = made as unknown as new (today: Today) => RecordContext;
    contexts.set(ctx, Seen);
  }
  return new Seen(today);
}

function checkLoaded(
  loaded: LoadedFile,
  ctx: RecordContext,
  rules: RecordRules,
  inScope: (when: string | undefined) => boolean,
): FileResult {
  const result = checkParsed(loaded, ctx, rules, inScope);
  const quiet = result.findings.length === 0 && !result.facts?.faults;
  if (!loaded.parsed?.fast || quiet || loaded.text === undefined) return result;
  return checkParsed({ ...loaded, parsed: parseYaml(loaded.text) }, ctx, rules, inScope);
}

function checkParsed(
  loaded: LoadedFile,
  ctx: RecordContext,
  rules: RecordRules,
  inScope: (when: string | undefined) => boolean,
): FileResult {
  const { file, parsed, text } = loaded;
  if (loaded.problem || !parsed) {
    const findings = fileProblems(loaded, text);
    // When full-width slips are all that keep the file from reading, the rest of the record is still
    // checked, on its text with the slips mended, so that fixing one fault does not uncover the next.
    const mended =
      loaded.problem?.rule === 'yaml-syntax' && text !== undefined ? mendFullwidth(text, findings) : undefined;
    if (mended) {
      const again = checkLoaded({ file, text: mended.text, parsed: mended.parsed }, ctx, rules, inScope);
      for (const f of again.findings)
        if (f.rule !== 'fullwidth-syntax') findings.push({ ...f, column: mended.column(f.line, f.column) });
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
  const facts = recordFacts(input, ctx, when, inScope(when));
  // A record out of the period is checked too, for its faults only: a count in the period (an evaluation's
  // sessions, the year's meetings) leaves out a record with an error, whichever month it lies in.
  const findings: Finding[] = [];
  // A quick look first: most files have no full-width key at a line's start, nor a full-width mark in a flow.
  if (text !== undefined && (text.includes('\u3000') || FULLWIDTH_KEY.test(text) || FULLWIDTH_IN_FLOW.test(text)))
    findings.push(...fullwidthSyntax(file, text, parsed));
  // One at a time, not spread: most rules find nothing, and a spread call per rule and file adds up over years. By
  // index: a for-of (and the destructuring of each rule's pair) makes iterators, which mostly run unoptimised.
  for (let i = 0; i < rules.length; i++) {
    const found = rules[i]![0](input, ctx);
    for (let j = 0; j < found.length; j++) findings.push(found[j]!);
  }
  // What the file's own rules found, kept small: status counts a log only when none is an error.
  if (findings.length > 0)
    facts.faults = findings.map((f) => (f.severity ? { rule: f.rule, severity: f.severity } : { rule: f.rule }));
  return { inScope: facts.inScope, findings: facts.inScope ? findings : [], facts: detached(facts) };
}

/**
 * What is kept of a record for the rules across records. Made a key at a time, in the order the facts have always had
 * (the cache stores them as JSON): a literal with the pinned fields spread into its middle cost more.
 */
function recordFacts(input: RecordInput, ctx: RecordContext, when: string | undefined, inScope: boolean): RecordFacts {
  const { file, form, parsed, raw, values } = input;
  const facts = { file, form, values: withoutTexts(form, values), when, whenAt: locate(parsed, [form.dateField]) };
  const kept = facts as RecordFacts;
  if (form.pinned) kept.pinned = Object.fromEntries(form.pinned.map((p) => [p, locate(parsed, p.split('.'))]));
  kept.names = namesIn(input, namesInConfig(ctx.config));
  kept.staff = rollNames(form.roll ?? [], raw);
  kept.inScope = inScope;
  // Whether a signature's digest still holds is asked across records (status, sign): the digest needs the long texts.
  if (signatureSlots(form.fields).some((slot) => typeof signatureIn(values, slot)?.digest === 'string'))
    kept.digest = recordDigest(form, values);
  return kept;
}

/** A record's values as the rules across records read them: all but its long texts. */
function withoutTexts(form: Form, values: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(values)) if (form.fields[key]?.kind !== 'text') kept[key] = values[key];
  return kept;
}

/**
 * The facts as kept past the file, in a copy whose strings are their own: a string cut from the file's text (a plan's
 * line) keeps the whole text alive, so a big folder's facts would otherwise hold every file's text at once. In a
 * worker thread (scan/parallel.ts) the facts themselves: the message that takes them to the main thread is a copy.
 */
let factsSent = false;

/**
 * Told by a worker thread's scan (scan/parallel.ts's scanJob) that its facts are sent to the main thread. A flag,
 * not worker_threads' isMainThread: a check of a small folder never loads worker_threads (tests/startup.test.ts).
 */
export function sendingFacts(): void {
  factsSent = true;
}

function detached(facts: RecordFacts): RecordFacts {
  if (factsSent) return facts;
  // One copy, key by key in the facts' order: a rest pattern and a spread made two more objects per record.
  const copy = { file: facts.file, form: facts.form } as Record<string, unknown>;
  for (const key of Object.keys(facts))
    if (key !== 'file' && key !== 'form') copy[key] = ownStrings(facts[key as keyof RecordFacts]);
  return copy as unknown as RecordFacts;
}

/**
 * A copy of plain data (maps, lists, scalars; undefined kept) with each string copied out of the text it was cut
 * from: V8 keeps a string of 13 or more characters cut from a text as a window on that text, and copies the
 * characters when the string is first joined to another. Several times cheaper than structuredClone.
 */
function ownStrings(value: unknown): unknown {
  if (typeof value === 'string') return interned(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    // A loop, not map(ownStrings): a call less per item, and this mostly runs unoptimised.
    const copy: unknown[] = [];
    for (let i = 0; i < value.length; i++) copy.push(ownStrings(value[i]));
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = ownStrings((value as Record<string, unknown>)[key]);
  return copy;
}

/**
 * Each string of the facts kept once (names, fields, dates, choices: a city's 100,000 records hold some 3,000
 * different ones), up to INTERNED strings: the main thread holds every record's facts for the folder rules, and a
 * copy of the same few strings in each costs ~40% of them (city folder: 48 -> 28 MB).
 */
const strings = new Map<string, string>();
const INTERNED = 100_000;

/** The string kept for `text`'s characters, a copy out of the text it was cut from (ownStrings) the first time. */
function interned(text: string): string {
  let kept = strings.get(text);
  if (kept === undefined) {
    kept = text.length < 13 ? text : ` ${text}`.slice(1);
    if (strings.size < INTERNED) strings.set(kept, kept);
  }
  return kept;
}

/** Puts the kept strings (interned) in place of the facts' own, in place: facts a worker sent or the cache read. */
export function internStrings<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return interned(v);
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) v[i] = walk(v[i]);
    else if (v !== null && typeof v === 'object')
      for (const key of Object.keys(v)) (v as Record<string, unknown>)[key] = walk((v as Record<string, unknown>)[key]);
    return v;
  };
  return walk(value) as T;
}

/** What each full-width mark becomes: a colon or comma with the space YAML needs, or a space. */
const HALF: Record<string, string> = { '：': ': ', '，': ', ', '\u3000': ' ' };

/**
 * The text with each full-width slip that fullwidth-syntax found written as YAML wants it, parsed,
 * and how a column of the mended text maps back to the file's own; undefined unless it then parses.
 */
function mendFullwidth(
  text: string,
  findings: readonly Finding[],
): { text: string; parsed: ParsedYaml; column: (line: number, column: number) => number } | undefined {
  const slips = findings.filter((f) => f.rule === 'fullwidth-syntax');
  if (slips.length === 0 || slips.length !== findings.length) return undefined;
  const mended = mendSlips(text, slips);
  if (!mended) return undefined;
  const parsed = parseYaml(mended.text);
  if (parsed.errors.length > 0 || !isMap(parsed.doc.contents)) return undefined;
  const { added } = mended;
  return {
    text: mended.text,
    parsed,
    column: (line, column) => column - (added.get(line) ?? []).filter((c) => column > c + 1).length,
  };
}

/**
 * The text with the full-width mark at each slip's line and column written as YAML wants it (`check --fix`
 * writes this), and per line the columns after which one character was added; undefined when a slip's place
 * holds no full-width mark.
 */
export function mendSlips(
  text: string,
  slips: ReadonlyArray<{ line: number; column: number }>,
): { text: string; added: Map<number, number[]> } | undefined {
  const lines = text.split('\n');
  // Per line, the columns (of the mended line) after which one character was added.
  const added = new Map<number, number[]>();
  for (const slip of [...slips].sort((a, b) => b.column - a.column)) {
    const line = lines[slip.line - 1];
    const mark = line?.[slip.column - 1];
    if (line === undefined || mark === undefined || !(mark in HALF)) return undefined;
    if (mark === '\u3000') {
      // A full-width space stands for the whole run it is in: each of its full-width spaces becomes a space.
      const [from, to] = spaceRun(line, slip.column - 1);
      lines[slip.line - 1] = line.slice(0, from) + line.slice(from, to).replace(/\u3000/g, ' ') + line.slice(to);
      continue;
    }
    const by = /\s/.test(line[slip.column] ?? ' ') ? HALF[mark]!.trimEnd() : HALF[mark]!;
    lines[slip.line - 1] = line.slice(0, slip.column - 1) + by + line.slice(slip.column);
    if (by.length > 1) added.set(slip.line, [...(added.get(slip.line) ?? []).map((c) => c + 1), slip.column]);
  }
  return { text: lines.join('\n'), added };
}

/** A line's leading indent and list dash, written with any mix of spaces and full-width spaces. */
const LEAD = /^[ \t\u3000]*(?:-[ \t\u3000]+)?/;

/**
 * The run of spaces a full-width space at `at` is in, as offsets: in a line's indent and list dash, the whole
 * of them (`　　-　到华山`), elsewhere the spaces and full-width spaces on either side.
 */
function spaceRun(line: string, at: number): [number, number] {
  const lead = LEAD.exec(line)![0].length;
  if (at < lead) return [0, lead];
  let [from, to] = [at, at + 1];
  while (from > 0 && /[ \t\u3000]/.test(line[from - 1]!)) from--;
  while (to < line.length && /[ \t\u3000]/.test(line[to]!)) to++;
  return [from, to];
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
