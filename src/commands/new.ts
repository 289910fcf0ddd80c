import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Config } from '../config.js';
import { KmswError } from '../errors.js';
import { fieldAt, person, type Field, type Fields } from '../forms/fields.js';
import type { Form, Values } from '../forms/form.js';
import { FORMS, FORM_KEYS, formByKey } from '../forms/index.js';
import { scaffold } from '../forms/scaffold.js';
import { insideFolder, readRegular } from '../records/inside.js';
import { MAX_FILE_BYTES } from '../records/load.js';
import { recordBase } from '../records/paths.js';
import { createExclusive, createUnique, removeStaleTemps } from '../records/write.js';
import { loadConfigExplained } from '../scan/open.js';
import { ensureSchema, modelineUrl } from './schema.js';
import { addDays, monthOf, type Day } from '../values/date.js';
import { officialCalendar } from '../values/calendar.js';
import { nearest } from '../values/nearest.js';
import { msg } from '../i18n.js';

/** Asks a person for the value of one field; `undefined` means they left it blank. */
export type Ask = (field: Field, key: string, ctx: AskContext) => Promise<unknown>;

export interface AskContext {
  config: Config;
  form: Form;
  values: Values;
  default?: unknown;
  required: boolean;
  /** Values to choose from that the folder gives (a survey's 所评督导: the county's group records that month). */
  choices?: string[];
}

export interface NewOptions {
  root: string;
  form: string | undefined;
  today: Day;
  /** Who is writing: `--as`, else KMSW_USER. */
  as?: string;
  /** `--set key=value` pairs, dotted keys for nested fields (`org.contact=…`). */
  set?: string[];
  /** Asks for the header fields; absent with `--yes` or off a terminal. */
  ask?: Ask;
  /** Write a second log (summary) for a day (month) that has one by the same author, as `…-2.yaml`. */
  force?: boolean;
}

export interface NewResult {
  form: Form;
  /** Absolute path of the file written. */
  file: string;
  /** Relative to the records folder, with `/`. */
  relative: string;
  /** The record's day, or for a form dated by month its month. */
  when: string;
  /** What the person should know about the record just written (a log on a public holiday). */
  notices: string[];
}

export function formList(): string {
  return FORMS.map((f) => `  ${f.key.padEnd(11)}${f.title}`).join('\n');
}

export function resolveForm(name: string | undefined): Form {
  if (!name) throw new KmswError(msg().commandsNew.nameAFormE + formList());
  const form = formByKey(name);
  if (form) return form;
  const guess = nearest(name, FORM_KEYS) ?? FORMS.find((f) => f.title.includes(name))?.key;
  throw new KmswError(msg().commandsNew.thereIsNoForm(name, guess) + formList());
}

/**
 * What kmsw counts from the records for a form that declares `counted` (an evaluation's sessions and
 * satisfaction), as comments; its period, unless given, starts after the expert's last evaluated one
 * that year, so that no session is counted twice.
 */
async function counted(opts: NewOptions, given: Values, filled: Values): Promise<string[]> {
  const evaluation = await import('../scan/evaluation.js');
  // The whole folder, read once for both.
  const folder = await evaluation.folderFacts(opts.root, opts.today);
  if ((given.period as { from?: unknown } | undefined)?.from === undefined) {
    const from = evaluation.periodStart(folder, filled);
    if (from) filled.period = { ...(filled.period as Record<string, unknown>), from };
  }
  return evaluation.countedComments(folder, opts.today, filled);
}

/** Writes a new record's scaffold at its place in the dated tree, never over an existing file. */
export async function newRecord(opts: NewOptions): Promise<NewResult> {
  const form = resolveForm(opts.form);
  const { config } = await loadConfigExplained(opts.root);
  const sets = (opts.set ?? []).map((pair) => parseSet(form, pair));
  const values: Values = {};
  // Table rows (`staff.2.name=…`) go in after the prefilled rows exist, so that they are appended in order.
  for (const s of sets) if (!s.keyPath.some(isIndex)) setPath(values, s.keyPath, s.value);

  const notices = await askHeader(form, config, opts, values);
  checkNames(form, values);

  const slug = values[form.slugField];
  if (slug === undefined || slug === '' || (Array.isArray(slug) && slug.length === 0)) {
    const field = form.fields[form.slugField]!;
    throw new KmswError(msg().commandsNew.giveWhichIsAlso(field.label, form.slugField, slugNamesWriter(form)));
  }
  refuseFuture(form, values, opts.today);
  const filled = deepMerge(form.prefill?.(values, config) ?? {}, values);
  for (const s of sets) if (s.keyPath.some(isIndex)) setRow(form, filled, s);
  const when = String(filled[form.dateField]);
  const slugText = String(Array.isArray(slug) ? slug[0] : slug);
  const writer = await writerOf({ form, values, config, opts, example: `${when}-${slugText}` });
  const { dir, base } = recordBase(form, when, slugWithAuthor(form, slugText, writer));
  // Never through a linked year, month or form folder (`2026 -> /elsewhere`): the record stays in the folder.
  insideFolder(opts.root, dir, { for: 'write' });
  const folder = folderToWrite(opts.root, dir);
  // A `new` killed between writing its temp file and linking it left the temp behind: tidy it now.
  await removeStaleTemps(folder);
  const notes = form.counted ? await counted(opts, values, filled) : undefined;
  const content = scaffold(form, filled, { schemaUrl: modelineUrl(form), notes });
  let file: string;
  if (form.unique && !opts.force) {
    // One log per author a day, one summary a month: a second would be a `duplicate` error.
    const existing = sameRecord(opts.root, dir, form, slugText, when, base);
    if (existing) throw alreadyThere(form, slugText, when, path.join(opts.root, existing));
    file = path.join(folder, `${base}.yaml`);
    if (!(await createExclusive(file, content))) throw alreadyThere(form, slugText, when, file);
  } else {
    file = await createUnique(folder, base, '.yaml', content);
  }
  // The schema the first line names, for editors that check as you type. A convenience: the
  // record is written whether or not this succeeds (a read-only schemas/, say).
  await ensureSchema(opts.root, form, config).catch(() => {});
  notices.push(...dayNotices(form, when));
  return { form, file, relative: path.relative(opts.root, file).split(path.sep).join('/'), when, notices };
}

/**
 * The header fields not given with `--set`: asked on a terminal, else their defaults, into `values`. Returns what
 * the person should know of a default (the month whose summary is due).
 */
async function askHeader(form: Form, config: Config, opts: NewOptions, values: Values): Promise<string[]> {
  const defaults = defaultValues(form, opts, whoAmI(config, opts));
  const notices: string[] = [];
  for (const key of form.ask) {
    if (values[key] !== undefined) continue;
    const field = form.fields[key]!;
    if (key === form.dateField && field.kind === 'month') {
      const due = dueMonth(opts.root, values[form.slugField], opts.today);
      if (due) notices.push(msg().commandsNew.monthDue(due, String(defaults[key])));
      defaults[key] = due ?? defaults[key];
    }
    const required = key === form.slugField || key === form.dateField;
    const choices = choicesFor(opts.root, form, key, values);
    const answer = opts.ask
      ? await opts.ask(field, key, { config, form, values, default: defaults[key], required, choices })
      : defaults[key];
    if (answer !== undefined && answer !== '') values[key] = answer;
  }
  for (const [key, value] of Object.entries(defaults)) values[key] ??= value;
  // A month the person answered otherwise is the month they want: the note on the one due no longer applies.
  return values[form.dateField] === defaults[form.dateField] ? notices : [];
}

function alreadyThere(form: Form, who: string, when: string, file: string): KmswError {
  const shown = path.relative(process.cwd(), file) || file;
  return new KmswError(msg().commandsNew.alreadyHasAFor(who, when, form.title, shown, form.key));
}

/**
 * The record of this form by `who` for `when` already in the folder, if any (relative to the
 * root): the file `base` names, or any file of that month's form folder whose author and date say so.
 */
function sameRecord(
  root: string,
  dir: string,
  form: Form,
  who: string,
  when: string,
  base: string,
): string | undefined {
  return recordBy(root, dir, form, who, { when: (day) => day === when, named: (name) => name === `${base}.yaml` });
}

/**
 * A record of this form by `who` in a form folder (relative to the root), if any: a file whose name `match.named`
 * takes, or one whose author is `who` and whose date `match.when` takes.
 */
function recordBy(
  root: string,
  dir: string,
  form: Form,
  who: string,
  match: { when: (when: string) => boolean; named: (name: string) => boolean },
): string | undefined {
  let names: string[];
  try {
    names = readdirSync(path.join(root, dir)).sort();
  } catch {
    return undefined;
  }
  const named = names.find(match.named);
  if (named) return `${dir}/${named}`;
  const dateField = form.fields[form.dateField]!;
  for (const name of names) {
    if (!/\.ya?ml$/i.test(name)) continue;
    const file = path.join(root, dir, name);
    try {
      // As check reads a record: a regular file of record size, never through a link (which may lead
      // out of the folder), a FIFO or a device.
      const value = parse(
        readRegular(file, MAX_FILE_BYTES, { noFollow: true })
          .toString('utf8')
          .replace(/^\uFEFF/, ''),
        { maxAliasCount: 50, logLevel: 'silent' },
      ) as unknown;
      if (!isPlain(value)) continue;
      const author = value[form.slugField];
      const date = dateField.schema.safeParse(value[form.dateField]);
      if (typeof author === 'string' && author.trim() === who && date.success && match.when(date.data as string))
        return `${dir}/${name}`;
    } catch {
      // A file that does not read or parse is check's to report; it is not this record.
    }
  }
  return undefined;
}

/** The folder the record goes in, made if missing; refused when a part of its path is a file. */
function folderToWrite(root: string, dir: string): string {
  let at = root;
  for (const part of dir.split('/')) {
    at = path.join(at, part);
    let stat;
    try {
      stat = statSync(at);
    } catch {
      break;
    }
    if (!stat.isDirectory()) {
      const shown = path.relative(root, at).split(path.sep).join('/');
      throw new KmswError(msg().commandsNew.cannotWriteTheRecord(shown, dir));
    }
  }
  return path.join(root, dir);
}

/** A person's, county's or station's name goes into file names and YAML: one line, no path, no control characters. */
export function nameProblem(name: string): string | undefined {
  if (/[\r\n]/.test(name)) return msg().commandsNew.holdsALineBreak;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return msg().commandsNew.holdsAControlCharacter;
  // Bidirectional and zero-width controls make a file name read differently from what it is (U+202E).
  if (/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(name)) return msg().commandsNew.holdsAnInvisibleDirection;
  if (/[/\\]/.test(name)) return msg().commandsNew.holdsOr;
  if (name.includes('..')) return msg().commandsNew.holds;
  return undefined;
}

function checkName(name: string, source: string): void {
  const why = nameProblem(name);
  if (why) {
    throw new KmswError(msg().commandsNew.cannotBeAName(source, JSON.stringify(name).slice(1, -1), why));
  }
}

/** The names in the record's header, wherever they came from (`--set`, a prompt, a default). */
function checkNames(form: Form, values: Values): void {
  for (const [key, field] of Object.entries(form.fields)) {
    if (!['person', 'people', 'county', 'station'].includes(field.kind)) continue;
    const value = values[key];
    for (const name of Array.isArray(value) ? value : [value]) {
      if (typeof name === 'string') checkName(name, `${field.label}（${key}）`);
    }
  }
}

/** The person the command line names as writing: `--as`, else KMSW_USER. */
function namedUser(opts: NewOptions): string | undefined {
  const as = opts.as?.trim();
  const user = process.env.KMSW_USER?.trim();
  if (as) checkName(as, '--as ');
  else if (user) checkName(user, msg().commandsNew.theVariableKmswUser);
  return as || user || undefined;
}

/** The assistant writing: `--as`, else KMSW_USER, else the folder's only assistant. */
function whoAmI(config: Config, opts: NewOptions): string | undefined {
  return namedUser(opts) ?? (config.assistants.length === 1 ? config.assistants[0]!.name : undefined);
}

/** A log's or summary's file is named by its author, who is the one writing it. */
function slugNamesWriter(form: Form): boolean {
  const field = form.fields[form.slugField]!;
  return field.kind === 'person' && field.role === 'assistant';
}

/**
 * Who writes the record, where its slug does not say it (a county, a worker): `--as` or KMSW_USER, else the one
 * assistant the record names (a group's 督导助理, a roster's), else the folder's only assistant, else the
 * person is asked; with nobody to ask, refused (the spec's section 1: one file per record and writer).
 */
async function writerOf(at: {
  form: Form;
  values: Values;
  config: Config;
  opts: NewOptions;
  example: string;
}): Promise<string | undefined> {
  const { form, values, config, opts } = at;
  if (slugNamesWriter(form)) return undefined;
  const inRecord = Object.entries(form.fields).flatMap(([key, field]) =>
    (field.kind === 'person' || field.kind === 'people') && field.role === 'assistant'
      ? [values[key]].flat().filter((v): v is string => typeof v === 'string' && v.trim() !== '')
      : [],
  );
  const known =
    namedUser(opts) ??
    (inRecord.length === 1 ? inRecord[0] : undefined) ??
    (config.assistants.length === 1 ? config.assistants[0]!.name : undefined);
  if (known) return known;
  if (opts.ask) {
    const field = person(msg().commandsNew.whoIsWriting, 'assistant');
    const answer = await opts.ask(field, 'writer', { config, form, values, default: inRecord[0], required: true });
    if (typeof answer === 'string' && answer.trim() !== '') return answer.trim();
  }
  const example = config.assistants[0]?.name ?? '李明';
  throw new KmswError(msg().commandsNew.sayWhoIsWriting(`${at.example}-${example}.yaml`));
}

/**
 * Two assistants may each record the same session, supervisee or station on one day, each in
 * their own clone. Where the slug is not the writer (a county, a worker), the writer's name joins
 * it (`2026-11-20-五华区-李明`), so the two paths differ and the clones merge without conflicts.
 */
function slugWithAuthor(form: Form, slug: string, writer: string | undefined): string {
  return writer && !slugNamesWriter(form) && slug !== writer ? `${slug}-${writer}` : slug;
}

/** A record dated after today is what check calls a future-date error: never written (the rule's own reading). */
function refuseFuture(form: Form, values: Values, today: Day): void {
  for (const key of new Set([form.dateField, 'date'])) {
    const value = values[key];
    const field = form.fields[key];
    if (!field || typeof value !== 'string') continue;
    if (value.length === 7 ? value > monthOf(today) : value > today)
      throw new KmswError(msg().commandsNew.isAfterToday(field.label, value, today, key));
  }
}

/** A daily record (one per author a day: the log) on a public holiday: not wrong, but no log is due that day. */
function dayNotices(form: Form, when: string): string[] {
  if (!form.unique || form.dateField !== 'date') return [];
  const holiday = officialCalendar().holidayOf(when);
  return holiday ? [msg().commandsNew.publicHoliday(when, holiday.zh, holiday.en)] : [];
}

/**
 * The month whose summary is due, when it is not this one: last month, while `author` has logs in it and no
 * summary of it (what missing-monthly reports once a month has ended).
 */
function dueMonth(root: string, author: unknown, today: Day): string | undefined {
  if (typeof author !== 'string' || author === '') return undefined;
  const month = monthOf(addDays(`${monthOf(today)}-01`, -1));
  const folder = month.replace('-', '/');
  const log = formByKey('log')!;
  const summary = formByKey('monthly')!;
  const logged = recordBy(root, `${folder}/log`, log, author, {
    when: (day) => monthOf(day) === month,
    named: (name) => /^(\d{4}-\d{2}-\d{2})-(.+?)(?:-\d+)?\.ya?ml$/i.exec(name)?.[2] === author,
  });
  if (!logged) return undefined;
  const base = recordBase(summary, month, author).base;
  return sameRecord(root, `${folder}/monthly`, summary, author, month, base) ? undefined : month;
}

/**
 * What a prompt offers from the folder: for a survey's 所评督导, that county's group records of the survey's month,
 * by file name, as the field holds them.
 */
function choicesFor(root: string, form: Form, key: string, values: Values): string[] | undefined {
  const field = form.fields[key];
  const named = field?.kind === 'line' ? field.names : undefined;
  const county = values.county;
  const day = values[form.dateField];
  if (named === undefined || typeof county !== 'string' || typeof day !== 'string') return undefined;
  let names: string[];
  try {
    names = readdirSync(path.join(root, day.slice(0, 4), day.slice(5, 7), named));
  } catch {
    return undefined;
  }
  // `2026-11-20-五华区.yaml`, `2026-11-20-五华区-李明.yaml`, `…-2.yaml`: the county follows the date.
  return names
    .filter((name) => {
      const rest = /^\d{4}-\d{2}-\d{2}-(.+)\.ya?ml$/i.exec(name)?.[1];
      return rest === county || rest?.startsWith(`${county}-`);
    })
    .sort();
}

function defaultValues(form: Form, opts: NewOptions, me: string | undefined): Values {
  const defaults: Values = {};
  for (const [key, field] of Object.entries(form.fields)) {
    if (field.kind === 'date') defaults[key] = opts.today;
    else if (field.kind === 'month') defaults[key] = monthOf(opts.today);
    else if (field.kind === 'person' && field.role === 'assistant' && me) defaults[key] = me;
    else if (field.kind === 'people' && field.role === 'assistant' && me) defaults[key] = [me];
  }
  return defaults;
}

interface SetValue {
  /** As given: `staff.0.name`. */
  key: string;
  keyPath: Array<string | number>;
  value: unknown;
}

const isIndex = (k: string | number): k is number => typeof k === 'number';

/** `--set staff.0.name=张三`: checked against the form and normalised the way `check` reads it. */
function parseSet(form: Form, pair: string): SetValue {
  const eq = pair.indexOf('=');
  if (eq <= 0) {
    throw new KmswError(msg().commandsNew.setTakesFieldValue(pair));
  }
  const key = pair.slice(0, eq).trim();
  const raw = pair.slice(eq + 1).trim();
  const keyPath = key.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  const field = fieldAt(form.fields, keyPath);
  if (!field || keyPath[0] === 'form') {
    const guess = nearest(String(keyPath[0]), Object.keys(form.fields));
    throw new KmswError(
      msg().commandsNew.hasNoFieldDid(form.title, key, guess, form.key) + Object.keys(form.fields).join(', '),
    );
  }
  checkRowPath(form, key, keyPath);
  return { key, keyPath, value: normalise(field, raw, key) };
}

/**
 * A row number only right after a table's name, and a column after it: `staff.0.name`, never `staff.0` or `author.0`.
 */
function checkRowPath(form: Form, key: string, keyPath: ReadonlyArray<string | number>): void {
  let fields: Fields | undefined = form.fields;
  let previous: Field | undefined;
  keyPath.forEach((k, i) => {
    if (isIndex(k)) {
      const table = previous?.kind === 'table' ? previous : undefined;
      if (!table || i === keyPath.length - 1 || isIndex(keyPath[i + 1]!)) {
        const columns = table ? Object.keys(table.fields).join(', ') : '';
        throw new KmswError(
          table
            ? msg().commandsNew.setSayWhichColumn(
                key,
                keyPath.slice(0, i + 1).join('.'),
                Object.keys(table.fields)[0],
                columns,
              )
            : msg().commandsNew.setIsNotA(key, keyPath.slice(0, i).join('.')),
        );
      }
      return;
    }
    previous = fields?.[k];
    fields = previous && 'fields' in previous ? previous.fields : undefined;
  });
}

/**
 * Puts a `--set` with row numbers into the record: into a row that is there (a prefilled one or
 * one set before), or a new row right after the last. A gap, or a row number far past the end, is refused.
 */
function setRow(form: Form, target: Values, set: SetValue): void {
  let at: unknown = target;
  set.keyPath.forEach((k, i) => {
    const last = i === set.keyPath.length - 1;
    if (Array.isArray(at)) {
      const rows = at as unknown[];
      if (!isIndex(k) || k > rows.length) {
        const table = set.keyPath.slice(0, i).join('.');
        const label = fieldAt(form.fields, set.keyPath.slice(0, i))?.label ?? table;
        throw new KmswError(msg().commandsNew.setHasRowsNow(set.key, label, rows.length, table, rows.length - 1));
      }
      if (k === rows.length) rows.push(last ? set.value : {});
      else if (last) rows[k] = set.value;
      at = rows[k];
      return;
    }
    const map = at as Record<string, unknown>;
    if (last) map[k] = set.value;
    else if (!(typeof map[k] === 'object' && map[k] !== null)) map[k] = isIndex(set.keyPath[i + 1]!) ? [] : {};
    at = map[k];
  });
}

function normalise(field: Field, raw: string, key: string): unknown {
  if (['people', 'lines', 'paths'].includes(field.kind))
    return raw
      .split(/[,，、]/)
      .map((s) => s.trim())
      .filter(Boolean);
  if (['date', 'month', 'monthOrDate', 'choice', 'bool', 'int', 'number', 'duration'].includes(field.kind)) {
    const result = field.schema.safeParse(raw);
    if (!result.success)
      throw new KmswError(
        `--set ${key}${msg().commandsNew.label(field.label)}${result.error.issues[0]?.message ?? ''}`,
      );
    // Dates and months are stored normalised (they also name the file); the rest as the person wrote them.
    return field.kind === 'date' || field.kind === 'month' ? result.data : raw;
  }
  return raw;
}

function setPath(target: Values, keyPath: Array<string | number>, value: unknown): void {
  let at: Record<string | number, unknown> = target;
  keyPath.forEach((key, i) => {
    if (i === keyPath.length - 1) {
      at[key] = value;
      return;
    }
    at[key] ??= typeof keyPath[i + 1] === 'number' ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  });
}

/** `over` wins; nested maps are merged so `--set org.contact=…` keeps the org's other prefilled fields. */
function deepMerge(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const b = out[key];
    if (isPlain(b) && isPlain(value)) out[key] = deepMerge(b, value);
    // Table rows merge by position (`--set staff.0.name=…` fills the first prefilled row); plain lists are replaced.
    else if (Array.isArray(b) && Array.isArray(value) && value.every(isPlain)) out[key] = mergeRows(b, value);
    else out[key] = value;
  }
  return out;
}

function mergeRows(base: unknown[], over: unknown[]): unknown[] {
  const n = Math.max(base.length, over.length);
  return Array.from({ length: n }, (_, i) => {
    const b = base[i];
    const o = over[i];
    if (o === undefined) return b;
    return isPlain(b) && isPlain(o) ? deepMerge(b, o) : o;
  });
}

const isPlain = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v);
