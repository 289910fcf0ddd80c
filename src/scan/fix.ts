/**
 * `check --fix`, one file: the slips that can be mended without guessing, as edits of the text at the
 * places the parsed YAML gives (a key's range, a date's range, a full-width mark at a diagnosed line and
 * column), so that comments, quoting, layout and line ends stay as they were; and where the record
 * belongs when misplaced says it is elsewhere. Nothing here reads or writes a file.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isPair, isScalar, isSeq, Scalar, visit, type Node, type Pair } from 'yaml';
import { CONFIG_FILE, CONFIG_KEYS, configKeysAt, unknownConfigKeys } from '../config.js';
import type { Fields } from '../forms/fields.js';
import type { Form } from '../forms/form.js';
import { msg } from '../i18n.js';
import { parseYaml as parseAnew, type ParsedYaml } from '../records/yaml.js';
import { configSlips, fullwidthSyntax } from '../rules/file.js';
import type { RuleId } from '../rules/ids.js';
import { readRuleSettings } from '../rules/index.js';
import type { Diagnostic, FolderContext } from '../rules/types.js';
import { DAY_SPELLINGS, MONTH_SPELLINGS } from '../values/date.js';
import { toHalfwidth } from '../values/halfwidth.js';
import { distance } from '../values/nearest.js';
import { checkFile, mendSlips } from './file.js';
import { recordRules } from './folder.js';
import type { CheckResult } from './results.js';

/** The rules whose findings `--fix` may mend. */
export const FIXABLE: readonly RuleId[] = ['fullwidth-syntax', 'misplaced', 'unknown-field'];

/** One thing fixed (or to be fixed), in the user's words, at the line of the file as read. */
export interface FixNote {
  rule: RuleId;
  line: number;
  what: string;
  /** The key renamed, as check's `field` names it (unknown-field). */
  field?: string;
}

export interface FilePlan {
  /** Relative to the records folder, with `/`. */
  file: string;
  /** The text as read (without a BOM) and as fixed; equal when only a move is planned. */
  before: string;
  after: string;
  /** Where misplaced says the record belongs, when it is to move. */
  to?: string;
  /** The fields of the misplaced findings the move answers (the form, the date). */
  placed?: string[];
  notes: FixNote[];
  /** What was found fixable but is left as it is, and why. */
  kept: string[];
}

/** A file's fixes as planned, and, after `--fix`, what became of them. */
export interface FileFix extends FilePlan {
  /** Set when the move was made: by `git mv` or a plain rename. */
  moved?: { git: boolean };
  /** Why the file was left as it was (changed meanwhile, could not be written). */
  skipped?: string;
}

/** What `check --fix` returns. */
export interface FixResult {
  dryRun: boolean;
  /** Every file with something fixable found, in check's order. */
  files: FileFix[];
  /** The check after fixing (before, for a dry run: nothing changed). */
  check: CheckResult;
}

interface Edit {
  at: number;
  end: number;
  text: string;
}

type Enabled = (id: RuleId) => boolean;

/** The text with each edit made, from the end so that the offsets of the others hold. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}

/** The last text parsed and its parse: a plan reads one text several times over (mended, re-read, compared). */
let lastParse: { text: string; parsed: ParsedYaml } | undefined;

/** The text parsed, once for the same text twice in a row (the parse is only read, never changed). */
function parseYaml(text: string): ParsedYaml {
  if (lastParse?.text !== text) lastParse = { text, parsed: parseAnew(text) };
  return lastParse.parsed;
}

/** TEST ONLY: forgets the last parse (tests/support/each-file.ts, after each test file); whether there was one. */
export function forgetLastParse(): boolean {
  const had = lastParse !== undefined;
  lastParse = undefined;
  return had;
}

const readsAsMap = (parsed: ParsedYaml) => parsed.errors.length === 0 && isMap(parsed.doc.contents);

/**
 * What `--fix` would do to one file, given check's diagnostics of it (positions in `text`). `exists`
 * says whether a file is already at a path, relative to the records folder: a move never goes over one.
 */
export function planFix(
  file: string,
  text: string,
  diagnostics: readonly Diagnostic[],
  ctx: FolderContext,
  enabled: Enabled,
  exists: (rel: string) => boolean,
): FilePlan {
  const plan: FilePlan = { file, before: text, after: text, notes: [], kept: [] };
  mendInto(
    plan,
    diagnostics.filter((d) => d.rule === 'fullwidth-syntax'),
  );
  const mended = { after: plan.after, notes: plan.notes.length, kept: plan.kept.length };
  // A renamed key may uncover the next fix (`dat:` renamed, then its spelling is misplaced's): a few rounds.
  for (let round = 0; round < 3 && recordEdits(plan, ctx, enabled, true); round++);
  placeRecord(plan, ctx, enabled, exists);
  // The date is written anew for the move: a record that stays keeps its date as written.
  if (!plan.to && plan.notes.some((n) => n.rule === 'misplaced')) {
    const kept = plan.kept.slice(mended.kept);
    Object.assign(plan, { after: mended.after, notes: plan.notes.slice(0, mended.notes) });
    plan.kept.length = mended.kept;
    for (let round = 0; round < 3 && recordEdits(plan, ctx, enabled, false); round++);
    plan.kept.push(...kept.filter((k) => !plan.kept.includes(k)));
  }
  plan.notes.sort((a, b) => a.line - b.line);
  return plan;
}

/**
 * The plan's text with its full-width slips mended, and a note for each, when the mended text reads as a map of
 * keys (a file that read well must still read well) and as meant (readsOtherwise); else why they were kept.
 * `keys`: the keys a file that parses may hold (a form's, or kmsw.yaml's).
 */
function mendInto(
  plan: FilePlan,
  slips: ReadonlyArray<{ rule: RuleId; line: number; column: number }>,
  keys?: ReadonlySet<string>,
): void {
  if (slips.length === 0) return;
  const text = plan.after;
  const done = mendSlips(text, slips);
  const parsed = done && parseYaml(done.text);
  if (!done || !parsed || !readsAsMap(parsed)) return void plan.kept.push(msg().fix.slipsKept);
  const otherwise = readsOtherwise(plan.file, text, done.text, parsed, keys);
  if (otherwise) return void plan.kept.push(msg().fix.slipsLeft(otherwise));
  plan.after = done.text;
  for (const s of slips) plan.notes.push({ rule: s.rule, line: s.line, what: slipNote(text, s) });
}

/** The note of a key renamed (unknown-field), with the field as check names it. */
const renameNote = (r: Rename): FixNote => ({
  rule: 'unknown-field',
  line: r.line,
  what: msg().fix.renamed(r.from, r.to),
  field: r.field,
});

/**
 * The first line (1-based) where the mended text may read other than meant, if one does: a full-width space left
 * in a line's indent or list dash outside a block or quoted text, a slip check still finds, or a mended line that
 * YAML reads as run on from a plain text above (`plan: 跟进` then `  - 准备`, one text, not a list).
 */
function readsOtherwise(
  file: string,
  before: string,
  text: string,
  parsed: ParsedYaml,
  keys?: ReadonlySet<string>,
): number | undefined {
  const left = fullwidthSyntax(file, text, parsed, keys)[0];
  if (left) return left.line;
  const prose: Array<[number, number]> = [];
  const plain: Array<[number, number]> = [];
  visit(parsed.doc, {
    Scalar(_, node) {
      if (node.range) (node.type === Scalar.PLAIN ? plain : prose).push([node.range[0], node.range[1]]);
    },
  });
  const was = before.split('\n');
  let start = 0;
  for (const [i, line] of text.split('\n').entries()) {
    const at = start;
    start += line.length + 1;
    if (prose.some(([from, to]) => at > from && at < to)) continue;
    if (/^[ \t\u3000]*(?:-[ \t\u3000]+)?/.exec(line)![0].includes('\u3000')) return i + 1;
    if (line !== was[i] && plain.some(([from, to]) => from < at && to > at)) return i + 1;
  }
  return undefined;
}

/** The last reading of each plan's text: placing the record after a round that changed nothing reads the same text. */
const readings = new WeakMap<FilePlan, { text: string; read: ReturnType<typeof readAnew> }>();

/** The record as the text so far reads: its findings from the fixable rules, its form and date. */
function reread(plan: FilePlan, ctx: FolderContext, enabled: Enabled): ReturnType<typeof readAnew> {
  const last = readings.get(plan);
  if (last?.text === plan.after) return last.read;
  const read = readAnew(plan, ctx, enabled);
  readings.set(plan, { text: plan.after, read });
  return read;
}

function readAnew(plan: FilePlan, ctx: FolderContext, enabled: Enabled) {
  const parsed = parseYaml(plan.after);
  if (!readsAsMap(parsed)) return undefined;
  const checked = checkFile({ file: plan.file, text: plan.after, parsed }, ctx, recordRules(enabled), () => true);
  if (!checked.facts) return undefined;
  const { form, when } = checked.facts;
  const findings = checked.findings.filter((f) => enabled(f.rule));
  // Not the file name that names another assistant: whether the name or the author is wrong is a guess.
  const placed = findings.filter((f) => f.rule === 'misplaced' && (f.field === 'form' || f.field === form.dateField));
  return { parsed, form, when, findings, placed };
}

/**
 * One round over the text so far: unknown keys renamed, and the date written `YYYY-MM-DD` where misplaced
 * points at it. Whether the text changed.
 */
function recordEdits(plan: FilePlan, ctx: FolderContext, enabled: Enabled, dates: boolean): boolean {
  const read = reread(plan, ctx, enabled);
  if (!read) return false;
  const { parsed, form, when, findings, placed } = read;
  const renames = keyRenames(parsed, findings, (at) => {
    const fields = fieldsAt(form.fields, at);
    return fields && Object.keys(fields);
  });
  const edits: Edit[] = renames.map((r) => r.edit);
  const notes: FixNote[] = renames.map(renameNote);
  const date =
    dates && when && placed.some((f) => f.field === form.dateField)
      ? dateEdit(parsed, form, when, plan.after)
      : undefined;
  if (date) {
    edits.push(date.edit);
    notes.push({ rule: 'misplaced', line: date.line, what: msg().fix.dateWritten(date.from, when!) });
  }
  if (edits.length === 0) return false;
  const after = applyEdits(plan.after, edits);
  if (!sameRecord(parsed, after, renames, form.dateField, date ? when : undefined)) {
    plan.kept.push(msg().fix.unsafe);
    return false;
  }
  plan.after = after;
  plan.notes.push(...notes);
  return true;
}

/** Where misplaced says the record belongs, unless a file is there already. */
function placeRecord(plan: FilePlan, ctx: FolderContext, enabled: Enabled, exists: (rel: string) => boolean): void {
  const read = reread(plan, ctx, enabled);
  if (!read || read.placed.length === 0) return;
  if (!read.when) return void plan.kept.push(msg().fix.noDateToMove);
  const to = targetPath(plan.file, read.form, read.when);
  if (to === plan.file) return;
  // A record never leaves its own records folder for another one (a `2026/` with a kmsw.yaml of its own).
  const nested = to
    .split('/')
    .slice(0, -1)
    .map((_, i, parts) => `${parts.slice(0, i + 1).join('/')}/`)
    .find((folder) => exists(`${folder}kmsw.yaml`));
  if (nested) plan.kept.push(msg().fix.targetInNested(to, nested));
  else if (exists(to)) plan.kept.push(msg().fix.targetExists(to));
  else Object.assign(plan, { to, placed: read.placed.map((f) => f.field!) });
}

/**
 * Which of check's diagnostics of the file the plan answers: its full-width slips when they are mended, the keys it
 * renames, the misplaced findings its move answers. What `check` counts as fixable with `--fix`.
 */
export function answeredBy(plan: FilePlan, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  if (plan.after === plan.before && !plan.to) return [];
  const noted = (d: Diagnostic, same: (n: FixNote) => boolean) => plan.notes.some((n) => n.rule === d.rule && same(n));
  return diagnostics.filter((d) =>
    d.rule === 'fullwidth-syntax'
      ? noted(d, (n) => n.line === d.line)
      : d.rule === 'unknown-field'
        ? noted(d, (n) => n.field === d.field)
        : d.rule === 'misplaced' && plan.to !== undefined && plan.placed!.includes(d.field!),
  );
}

/** `第 3 行：“：”写作 “:”`: which mark became what. */
function slipNote(text: string, at: { line: number; column: number }): string {
  const mark = text.split('\n')[at.line - 1]?.[at.column - 1] ?? '';
  return mark === '\u3000' ? msg().fix.fullwidthSpace : msg().fix.fullwidth(`“${mark}”`);
}

interface Rename {
  /** The key's path as check's `field` gives it (`targets.0.staus`). */
  field: string;
  from: string;
  to: string;
  line: number;
  edit: Edit;
}

/**
 * unknown-field's keys with exactly one key of their map one edit away (of the keys `keysAt` says the map
 * holds), that key absent from the map and no other key of the map taking it: each becomes that key.
 */
function keyRenames(
  parsed: ParsedYaml,
  findings: ReadonlyArray<{ rule: RuleId; field?: string }>,
  keysAt: (path: ReadonlyArray<string | number>) => readonly string[] | undefined,
): Rename[] {
  const found: Rename[] = [];
  for (const f of findings) {
    if (f.rule !== 'unknown-field' || !f.field) continue;
    const path = f.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const key = path.at(-1);
    const map = nodeAt(parsed, path.slice(0, -1));
    const keys = keysAt(path.slice(0, -1));
    if (typeof key !== 'string' || !isMap(map) || !keys) continue;
    const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<Node> | undefined;
    if (!pair?.key.range) continue;
    const present = new Set(map.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
    const near = keys.filter((k) => distance(key, k) === 1);
    if (near.length !== 1 || present.has(near[0]!)) continue;
    const [at, end] = pair.key.range;
    const line = parsed.lines.linePos(at).line;
    found.push({ field: f.field, from: key, to: near[0]!, line, edit: { at, end, text: near[0]! } });
  }
  // Two keys of one map one edit from the same field (`dtae`, `daet`): which one is meant is a guess.
  const target = (r: Rename) => `${r.field.split('.').slice(0, -1).join('.')}.${r.to}`;
  return found.filter((r) => found.filter((o) => target(o) === target(r)).length === 1);
}

/** The YAML node at a path of keys and indexes, or undefined where the path stops. */
function nodeAt(parsed: ParsedYaml, path: ReadonlyArray<string | number>): unknown {
  let node: unknown = parsed.doc.contents;
  for (const seg of path) {
    if (isMap(node)) node = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg)?.value;
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  return node;
}

/** The fields of the map at a path (a group's, a signature's, a table row's), or undefined. */
function fieldsAt(fields: Fields, path: ReadonlyArray<string | number>): Fields | undefined {
  let at: Fields = fields;
  for (const seg of path) {
    if (typeof seg === 'number') continue;
    const field = Object.hasOwn(at, seg) ? at[seg] : undefined;
    if (!field || !('fields' in field)) return undefined;
    at = field.fields;
  }
  return at;
}

/** The date field written `YYYY-MM-DD` (or `YYYY-MM`) in its place, when it is written otherwise. */
function dateEdit(
  parsed: ParsedYaml,
  form: Form,
  when: string,
  text: string,
): { edit: Edit; from: string; line: number } | undefined {
  const node = nodeAt(parsed, [form.dateField]);
  if (!isScalar(node) || !node.range) return undefined;
  const [at, end] = node.range;
  const from = text.slice(at, end);
  if (from === when) return undefined;
  return { edit: { at, end, text: when }, from, line: parsed.lines.linePos(at).line };
}

/** A date (or month) at a file name's start, in any spelling a record accepts, and what may join it to the rest. */
const LEADING_DATE = [...DAY_SPELLINGS, ...MONTH_SPELLINGS].map((s) => new RegExp(`^(?:${s})[-_ ]?`));

/**
 * Where the record belongs: `<year>/<month>/<form>/`, its file name starting with its date and keeping the
 * rest of its own name (`2026年11月28日-李明.yaml` → `2026-11-28-李明.yaml`).
 */
export function targetPath(file: string, form: Form, when: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const half = toHalfwidth(name);
  const lead = LEADING_DATE.map((re) => re.exec(half)?.[0].length ?? 0).find((n) => n > 0) ?? 0;
  const rest = name.slice(lead);
  const renamed = rest.startsWith('.') ? `${when}${rest}` : `${when}-${rest}`;
  return `${when.slice(0, 4)}/${when.slice(5, 7)}/${form.key}/${renamed}`;
}

/**
 * Whether the fixed text reads as the same record: every value as before, under its new key where a key
 * was renamed, and the date field as its normalised day. Anything else is a fault of the edits.
 */
function sameRecord(
  before: ParsedYaml,
  text: string,
  renames: readonly Rename[],
  dateField: string,
  dateTo: string | undefined,
): boolean {
  const after = parseYaml(text);
  if (!readsAsMap(after)) return false;
  const renamed = new Map(renames.map((r) => [r.field, r.to]));
  const expected = (value: unknown, at: string[]): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => expected(v, [...at, String(i)]));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const path = [...at, k];
      out[renamed.get(path.join('.')) ?? k] = at.length === 0 && k === dateField && dateTo ? dateTo : expected(v, path);
    }
    return out;
  };
  return isDeepStrictEqual(expected(before.value, []), after.value);
}

/**
 * What `--fix` would do to kmsw.yaml, as to a record: its full-width slips mended (`city：` typed with the
 * Chinese input method stops every command: no command can read the folder's settings) and each misspelt
 * key one edit from the one key its place holds renamed (`sinse:` → `since:`). Rules that kmsw.yaml's own
 * `rules:` turn off are left alone once the file can be read.
 */
export function planConfigFix(text: string, enabled: Enabled): FilePlan {
  const plan: FilePlan = { file: CONFIG_FILE, before: text, after: text, notes: [], kept: [] };
  const parsed = parseYaml(text);
  const on = (id: RuleId) => enabled(id) && !turnedOff(parsed, id);
  if (on('fullwidth-syntax')) mendInto(plan, configSlips(text, parsed), CONFIG_KEYS);
  const now = parseYaml(plan.after);
  if (!on('unknown-field') || !readsAsMap(now) || turnedOff(now, 'unknown-field')) return plan;
  const renames = keyRenames(now, unknownConfigKeys(now), configKeysAt);
  if (renames.length === 0) return plan;
  const after = applyEdits(
    plan.after,
    renames.map((r) => r.edit),
  );
  if (!sameRecord(now, after, renames, '', undefined)) {
    plan.kept.push(msg().fix.unsafe);
    return plan;
  }
  plan.after = after;
  plan.notes.push(...renames.map(renameNote));
  plan.notes.sort((a, b) => a.line - b.line);
  return plan;
}

/** Whether kmsw.yaml as parsed turns a rule off in its `rules:` (a file that cannot be read turns nothing off). */
function turnedOff(parsed: ParsedYaml, id: RuleId): boolean {
  const rules = (parsed.value as { rules?: unknown } | undefined)?.rules;
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) return false;
  return readRuleSettings(rules as Record<string, unknown>).settings.severity.get(id) === 'off';
}
