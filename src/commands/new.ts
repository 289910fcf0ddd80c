import path from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { KmswError } from '../errors.js';
import { fieldAt, type Field } from '../forms/fields.js';
import type { Form, Values } from '../forms/form.js';
import { FORMS, FORM_KEYS, formByKey } from '../forms/index.js';
import { scaffold } from '../forms/scaffold.js';
import { insideFolder } from '../records/inside.js';
import { recordBase } from '../records/paths.js';
import { createUnique } from '../records/write.js';
import { ensureSchema, modelineUrl } from './schema.js';
import { monthOf, type Day } from '../values/date.js';
import { nearest } from '../values/nearest.js';
import { say } from '../i18n.js';

/** Asks a person for the value of one field; `undefined` means they left it blank. */
export type Ask = (field: Field, key: string, ctx: AskContext) => Promise<unknown>;

export interface AskContext {
  config: Config;
  form: Form;
  values: Values;
  default?: unknown;
  required: boolean;
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
}

export interface NewResult {
  form: Form;
  /** Absolute path of the file written. */
  file: string;
  /** Relative to the records folder, with `/`. */
  relative: string;
}

export function formList(): string {
  return FORMS.map((f) => `  ${f.key.padEnd(11)}${f.title}`).join('\n');
}

export function resolveForm(name: string | undefined): Form {
  if (!name) throw new KmswError(say(`请指定表格，例如 kmsw new log。可用的表格：\n`, 'Name a form, e.g. kmsw new log. The forms:\n') + formList());
  const form = formByKey(name);
  if (form) return form;
  const guess = nearest(name, FORM_KEYS) ?? FORMS.find((f) => f.title.includes(name))?.key;
  throw new KmswError(
    say(
      `没有名为“${name}”的表格${guess ? `，是不是 ${guess}？` : '。'}可用的表格：\n`,
      `There is no form "${name}"${guess ? `; did you mean ${guess}?` : '.'} The forms:\n`,
    ) + formList(),
  );
}

/** Writes a new record's scaffold at its place in the dated tree, never over an existing file. */
export async function newRecord(opts: NewOptions): Promise<NewResult> {
  const form = resolveForm(opts.form);
  const config = await loadConfig(opts.root);
  const values: Values = {};
  for (const pair of opts.set ?? []) applySet(form, values, pair);

  const defaults = defaultValues(form, config, opts);
  for (const key of form.ask) {
    if (values[key] !== undefined) continue;
    const field = form.fields[key]!;
    const required = key === form.slugField || key === form.dateField;
    const answer = opts.ask
      ? await opts.ask(field, key, { config, form, values, default: defaults[key], required })
      : defaults[key];
    if (answer !== undefined && answer !== '') values[key] = answer;
  }
  for (const [key, value] of Object.entries(defaults)) values[key] ??= value;

  const slug = values[form.slugField];
  if (slug === undefined || slug === '' || (Array.isArray(slug) && slug.length === 0)) {
    const field = form.fields[form.slugField]!;
    const me = field.kind === 'person' && field.role === 'assistant';
    throw new KmswError(
      say(
        `请给出${field.label}（它也是文件名的一部分）：加 --set ${form.slugField}=…` + (me ? '，或 --as 姓名，或设置环境变量 KMSW_USER' : ''),
        `Give ${field.label} (${form.slugField}), which is also part of the file name: add --set ${form.slugField}=…` +
          (me ? ', or --as NAME, or set KMSW_USER' : ''),
      ),
    );
  }
  const filled = deepMerge(form.prefill?.(values, config) ?? {}, values);
  const when = String(filled[form.dateField]);
  const { dir, base } = recordBase(form, when, slugWithAuthor(form, String(Array.isArray(slug) ? slug[0] : slug), whoAmI(config, opts)));
  // Never through a linked year, month or form folder (`2026 -> /elsewhere`): the record stays in the folder.
  const file = await createUnique(insideFolder(opts.root, dir, { for: 'write' }), base, '.yaml', scaffold(form, filled, { schemaUrl: modelineUrl(form) }));
  // The schema the first line names, for editors that check as you type. A convenience: the
  // record is written whether or not this succeeds (a read-only schemas/, say).
  await ensureSchema(opts.root, form, config).catch(() => {});
  return { form, file, relative: path.relative(opts.root, file).split(path.sep).join('/') };
}

/** The assistant writing: `--as`, else KMSW_USER, else the folder's only assistant. */
function whoAmI(config: Config, opts: NewOptions): string | undefined {
  return opts.as || process.env.KMSW_USER || (config.assistants.length === 1 ? config.assistants[0]!.name : undefined);
}

/**
 * Two assistants may each record the same session, supervisee or station on one day, each in
 * their own clone. Where the slug is not the writer (a county, a worker), the writer's name joins
 * it (`2026-11-20-五华区-李明`), so the two paths differ and the clones merge without conflicts.
 */
function slugWithAuthor(form: Form, slug: string, me: string | undefined): string {
  const field = form.fields[form.slugField]!;
  const namesWriter = field.kind === 'person' && field.role === 'assistant';
  return me && !namesWriter && slug !== me ? `${slug}-${me}` : slug;
}

function defaultValues(form: Form, config: Config, opts: NewOptions): Values {
  const me = whoAmI(config, opts);
  const defaults: Values = {};
  for (const [key, field] of Object.entries(form.fields)) {
    if (field.kind === 'date') defaults[key] = opts.today;
    else if (field.kind === 'month') defaults[key] = monthOf(opts.today);
    else if (field.kind === 'person' && field.role === 'assistant' && me) defaults[key] = me;
    else if (field.kind === 'people' && field.role === 'assistant' && me) defaults[key] = [me];
  }
  return defaults;
}

/** `--set staff.0.name=张三`: checked against the form and normalised the way `check` reads it. */
function applySet(form: Form, values: Values, pair: string): void {
  const eq = pair.indexOf('=');
  if (eq <= 0) {
    throw new KmswError(say(`--set 应写成 字段=值，例如 --set date=2026-11-28（收到“${pair}”）`, `--set takes field=value, e.g. --set date=2026-11-28 (got "${pair}")`));
  }
  const key = pair.slice(0, eq).trim();
  const raw = pair.slice(eq + 1).trim();
  const keyPath = key.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  const field = fieldAt(form.fields, keyPath);
  if (!field || keyPath[0] === 'form') {
    const guess = nearest(String(keyPath[0]), Object.keys(form.fields));
    throw new KmswError(
      say(
        `${form.title}没有字段“${key}”${guess ? `，是不是 ${guess}？` : '。'}可用的字段：`,
        `${form.key} (${form.title}) has no field "${key}"${guess ? `; did you mean ${guess}?` : '.'} Its fields: `,
      ) + Object.keys(form.fields).join(', '),
    );
  }
  setPath(values, keyPath, normalise(field, raw, key));
}

function normalise(field: Field, raw: string, key: string): unknown {
  if (['people', 'lines', 'paths'].includes(field.kind)) return raw.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
  if (['date', 'month', 'monthOrDate', 'choice', 'bool', 'int', 'duration'].includes(field.kind)) {
    const result = field.schema.safeParse(raw);
    if (!result.success) throw new KmswError(`--set ${key}${say(`（${field.label}）：`, ` (${field.label}): `)}${result.error.issues[0]?.message ?? ''}`);
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
