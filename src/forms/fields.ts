/**
 * The vocabulary every form is written in. A field says what its value is (kind), what the paper
 * form calls it (label), how a person should fill it (hint), and carries the zod schema that reads
 * the raw YAML value into a normalised one. `new` (prompts, scaffolds), `check` (rules, messages)
 * and `export` (labels, layouts) all read these descriptors; none of them knows a form by name.
 */
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { parseDate, parseMonth, parseMonthOrDate, type Parsed } from '../values/date.js';
import { controlCharIn, controlCharReason } from '../values/control.js';
import { parseDuration } from '../values/duration.js';
import { toHalfwidth } from '../values/halfwidth.js';
import { msg } from '../i18n.js';
import { nearest } from '../values/nearest.js';

// zod's own messages (wrong type, too short…) in Chinese, like ours. Imported alone: \`z.locales\` would
// bundle zod's 50 languages (~390 kB) into every command's start-up.
// jitless: no schema is compiled to a function with `new Function` on its first parse (issue 17): a run parses
// kmsw.yaml once, and a record's fields go to zod only when their fast reader cannot read them.
z.config({ ...zhCN(), jitless: true });

/** Whose name a person field holds: decides the prompt's choices and the unknown-person rule. */
export type Role = 'assistant' | 'expert' | 'worker';

export type Kind =
  | { kind: 'text'; min?: number }
  /** names: the form of the record this line names by its file name (a survey's session: a group record). */
  | { kind: 'line'; names?: string }
  | { kind: 'date' }
  | { kind: 'month' }
  | { kind: 'monthOrDate' }
  | { kind: 'duration'; min?: number }
  | { kind: 'choice'; choices: readonly string[] }
  | { kind: 'bool' }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'person'; role: Role }
  | { kind: 'people'; role: Role }
  /** cityWide: a record of the whole city may say 全市 here (a group supervision, the survey of one). */
  | { kind: 'county'; cityWide?: boolean }
  | { kind: 'station' }
  | { kind: 'lines' }
  | { kind: 'paths' }
  | { kind: 'signature'; signer: string; fields: Fields }
  | { kind: 'ratings'; questions: readonly string[]; levels: readonly string[] }
  | { kind: 'group'; fields: Fields }
  | { kind: 'table'; fields: Fields };

export type Field<S extends z.ZodType = z.ZodType> = Kind & {
  /** The label printed on the official form, e.g. 当日工作内容. */
  label: string;
  /** How to fill it, as the form's own small print says it. */
  hint?: string;
  optional?: boolean;
  /** A sibling field the official form shows in this one's place when this one is blank (年龄（或出生年月）). */
  fallback?: string;
  /** Personal data (age, salary): `check` never prints its value, in a message or an excerpt. */
  private?: boolean;
  /** A path to a file inside the records folder (a signature picture): missing-photo checks it is there. */
  file?: boolean;
  /** Kept in the record but not printed on the paper form, nor asked for by `new` (a signature's digest). */
  onPaper?: false;
  schema: S;
  /**
   * The same reading as `schema`, without zod, for the common case (issue 17): the value when the field reads
   * well, undefined when it does not (or when the field has no such reader), and then `schema` reads it and says
   * why. It never accepts what `schema` refuses nor reads a value otherwise (tests/fast-yaml.test.ts).
   */
  read?: FastRead;
};

/** A field's value read without zod, or undefined: see `Field.read`. */
export type FastRead = (raw: unknown) => { value: unknown } | undefined;

export type Fields = Record<string, Field>;
type Shape<F extends Fields> = { [K in keyof F]: F[K]['schema'] };

/**
 * A custom zod issue that names the check rule it belongs to. `safe`: the message never repeats
 * the value, so it may be shown for a private field as it is.
 */
function fail(ctx: z.RefinementCtx, rule: 'required' | 'invalid-value', message: string, safe = false): never {
  ctx.addIssue({ code: 'custom', message, params: { rule, safe } });
  return z.NEVER;
}

/** The message of a plain blank: validateRecord words it with the field's label instead. */
export const EMPTY = '请填写';
const empty = { error: () => msg().fields.pleaseFillItIn(EMPTY) };

/** What reading a raw value gave: its value, or the issue zod is to report. */
type Outcome<T> =
  { ok: true; value: T } | { ok: false; rule: 'required' | 'invalid-value'; message: string; safe?: boolean };

const issue = (rule: 'required' | 'invalid-value', message: string, safe = false): Outcome<never> => ({
  ok: false,
  rule,
  message,
  safe,
});

/** A field's zod schema, made when first asked for, and its fast reader. */
type Reading<S extends z.ZodType> = { make: () => S; read: FastRead | undefined };

/** `make`, run once: the schema it makes is shared by whoever asks again (every text field shares one). */
function once<S>(make: () => S): () => S {
  let made: S | undefined;
  return () => (made ??= make());
}

/**
 * A field whose zod schema is made the first time it is read (issue 17): a record that reads well is read by
 * the fast readers alone, so most runs never spend their start-up building every form's schemas.
 */
function field<A extends object, S extends z.ZodType>(about: A, { make, read }: Reading<S>) {
  const schema = once(make);
  return Object.defineProperty({ ...about, read }, 'schema', { enumerable: true, get: schema }) as A & {
    schema: S;
    read: FastRead | undefined;
  };
}

/** A schema and its fast reader made from one reading: zod reports the reading's issue; the reader takes its value. */
function reading<T>(read: (raw: unknown) => Outcome<T>): Reading<z.ZodType<T>> {
  return {
    make: once(() =>
      z.unknown().transform((raw, ctx): T => {
        const out = read(raw);
        return out.ok ? out.value : fail(ctx, out.rule, out.message, out.safe);
      }),
    ),
    read: (raw) => {
      const out = read(raw);
      return out.ok ? out : undefined;
    },
  };
}

/**
 * A scalar read by a parser: numbers are read as their text, blank is `required`, anything else
 * (a list, a map) `invalid-value`. One transform, not a union, so each fault is one clear issue.
 */
function scalar<T>(parse: (text: string) => Parsed<T>) {
  return reading((raw): Outcome<T> => {
    if (raw === undefined || raw === null) return issue('required', EMPTY);
    if (typeof raw !== 'string' && typeof raw !== 'number') return issue('invalid-value', notText());
    const text = String(raw).trim();
    if (text === '') return issue('required', EMPTY);
    // Before trimming: a vertical tab or form feed at either end is white space to trim(), not to Word.
    const control = controlCharIn(String(raw));
    if (control) return issue('invalid-value', controlCharReason(control), true);
    const parsed = parse(text);
    return parsed.ok ? { ok: true, value: parsed.value } : issue('invalid-value', parsed.reason);
  });
}

const list = () => msg().fields.shouldBeAList;
const notText = () => msg().fields.shouldBeTextNot;

const anyText = scalar((text) => ({ ok: true, value: text }));

/** Optional fields accept blank (`note:`) and `""`, which scaffolds and people both leave behind. */
export function optional<S extends z.ZodType>(f: Field<S>): Field<z.ZodType<z.output<S> | undefined>> {
  const inner = f.read;
  const read: FastRead | undefined =
    inner && ((v) => (v === null || v === '' || v === undefined ? { value: undefined } : inner(v)));
  // f's own properties but its schema, which reading would make.
  const about = Object.fromEntries(Object.keys(f).flatMap((k) => (k === 'schema' ? [] : [[k, f[k as keyof Field]]])));
  const make = () => z.preprocess((v) => (v === null || v === '' ? undefined : v), f.schema.optional());
  return field({ ...(about as Kind & { label: string }), optional: true }, { make, read });
}

type Opts = { hint?: string; fallback?: string; private?: boolean; file?: boolean; onPaper?: false };

export const text = (label: string, opts: Opts & { min?: number } = {}): Field<z.ZodType<string>> =>
  field(
    {
      kind: 'text',
      label,
      ...opts,
    },
    anyText,
  );

export const line = (label: string, opts: Opts & { names?: string } = {}): Field<z.ZodType<string>> =>
  field(
    {
      kind: 'line',
      label,
      ...opts,
    },
    anyText,
  );

export const date = (label: string, opts: Opts = {}): Field<z.ZodType<string>> =>
  field(
    {
      kind: 'date',
      label,
      ...opts,
    },
    scalar(parseDate),
  );

export const month = (label: string, opts: Opts = {}): Field<z.ZodType<string>> =>
  field(
    {
      kind: 'month',
      label,
      ...opts,
    },
    scalar(parseMonth),
  );

export const monthOrDate = (label: string, opts: Opts = {}): Field<z.ZodType<string>> =>
  field(
    {
      kind: 'monthOrDate',
      label,
      ...opts,
    },
    scalar(parseMonthOrDate),
  );

/** Minutes; `min` (minutes) is the shortest the handbook allows, checked by the duration-short rule. */
export const duration = (label: string, opts: Opts & { min?: number } = {}): Field<z.ZodType<number>> =>
  field(
    {
      kind: 'duration',
      label,
      ...opts,
    },
    scalar(parseDuration),
  );

export function choice<const C extends readonly string[]>(
  label: string,
  choices: C,
  opts: Opts = {},
): Field<z.ZodType<C[number]>> {
  const names = choices.join('、');
  return field(
    { kind: 'choice', label, choices, ...opts },
    scalar((text) =>
      choices.includes(text)
        ? { ok: true, value: text }
        : { ok: false, reason: msg().fields.shouldBeOneOf(names, guessChoice(text, choices)) },
    ),
  );
}

/**
 * The handbook's and people's other words for a choice (the handbook says 面对面督导 and 个别督导 where the forms
 * say 线下 and 个人督导): offered as a guess, never taken for the choice, since the record must say it as the form does.
 */
const SAME_AS: Record<string, readonly string[]> = {
  面对面: ['线下', '面谈'],
  现场: ['线下', '面谈'],
  实地: ['线下'],
  当面: ['面谈', '线下'],
  网络: ['线上'],
  网上: ['线上'],
  视频: ['线上'],
  个别督导: ['个人督导', '个体督导'],
  个别: ['个人督导', '个体督导'],
  个人: ['个人督导', '个体督导'],
  团体: ['团体督导'],
  同事: ['同事督导'],
  电子邮件: ['邮件'],
  邮箱: ['邮件'],
  女性: ['女'],
  男性: ['男'],
};

/** The choice a person likely meant by `text`: another word for it, or one slip away from it. */
function guessChoice(text: string, choices: readonly string[]): string | undefined {
  return SAME_AS[text]?.find((c) => choices.includes(c)) ?? nearest(text, choices);
}

export const YES = ['是', '有', '√', '✓', '✔', 'true', 'yes', 'y'];
export const NO = ['否', '无', '没有', '×', '✗', '✘', 'false', 'no', 'n'];

/** A ✓ box on the paper form. YAML's true/false, or 是/否, 有/无, √/× as people type them. */
export const bool = (label: string, opts: Opts = {}): Field<z.ZodType<boolean>> =>
  field(
    { kind: 'bool', label, ...opts },
    reading((raw): Outcome<boolean> => {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === undefined || raw === null) return issue('required', msg().fields.fillInYesOr);
      const text =
        typeof raw === 'string' || typeof raw === 'number' ? toHalfwidth(String(raw)).trim().toLowerCase() : '?';
      if (text === '') return issue('required', msg().fields.fillInYesOr);
      if (YES.includes(text)) return { ok: true, value: true };
      if (NO.includes(text)) return { ok: true, value: false };
      return issue('invalid-value', msg().fields.shouldBeOrOr);
    }),
  );

/** A whole number as written (an age: `29`, `29岁`, `２９`), over the half-width text; the JSON Schema widens it. */
export const INT_SPELLING = String.raw`(\d{1,3})\s*岁?`;
const INT_PATTERN = new RegExp(`^${INT_SPELLING}$`);

export const int = (label: string, min: number, max: number, opts: Opts = {}): Field<z.ZodType<number>> =>
  field(
    { kind: 'int', label, min, max, ...opts },
    bounded(INT_PATTERN, min, max, () => msg().fields.shouldBeAWhole(min, max)),
  );

/** A number that may have decimals (a mean of ratings: `4.5`, `４．５`), over the half-width text. */
export const NUMBER_SPELLING = String.raw`(\d{1,3}(?:\.\d{1,3})?)`;
const NUMBER_PATTERN = new RegExp(`^${NUMBER_SPELLING}$`);

export const number = (label: string, min: number, max: number, opts: Opts = {}): Field<z.ZodType<number>> =>
  field(
    { kind: 'number', label, min, max, ...opts },
    bounded(NUMBER_PATTERN, min, max, () => msg().evaluation.shouldBeANumber(min, max)),
  );

/** A scalar whose half-width text matches `pattern` (the number its first group), from min to max. */
function bounded(pattern: RegExp, min: number, max: number, reason: () => string) {
  return scalar((text) => {
    const m = pattern.exec(toHalfwidth(text).trim());
    const n = m ? Number(m[1]) : Number.NaN;
    return n >= min && n <= max ? { ok: true, value: n } : { ok: false, reason: reason() };
  });
}

export const person = (label: string, role: Role, opts: Opts = {}): Field<z.ZodType<string>> =>
  field(
    {
      kind: 'person',
      label,
      role,
      ...opts,
    },
    anyText,
  );

/** Items of a list: a YAML list, or one text with an item per line (`1、…`), or a line split at 、and ，. */
function listOf(item: Reading<z.ZodType<string>>, split: RegExp, numbered = false): Reading<z.ZodType<string[]>> {
  const items = (raw: unknown) =>
    typeof raw === 'string'
      ? raw
          .split(split)
          .flatMap((s) => (numbered ? unfold(s) : [s]))
          .map((s) => s.replace(/^\s*(?:\d+[、.．)）]|[-*•])\s*/, '').trim())
          .filter(Boolean)
      : raw;
  return {
    make: () =>
      z
        .unknown()
        .transform(items)
        .pipe(z.array(item.make(), { error: list }).min(1, empty)),
    read: item.read && arrayRead(item.read, items),
  };
}

/** z.array(item).min(1) without zod, over `before(raw)`: each item read, or undefined. */
function arrayRead(item: FastRead, before: (raw: unknown) => unknown = (raw) => raw): FastRead {
  return (raw) => {
    const list = before(raw);
    if (!Array.isArray(list) || list.length === 0) return undefined;
    const value: unknown[] = [];
    for (const each of list) {
      const read = item(each);
      if (!read) return undefined;
      value.push(read.value);
    }
    return { value };
  };
}

export const people = (label: string, role: Role, opts: Opts = {}): Field<z.ZodType<string[]>> =>
  field({ kind: 'people', label, role, ...opts }, listOf(anyText, /[\n、,，;；]/));

export const lines = (label: string, opts: Opts = {}): Field<z.ZodType<string[]>> =>
  field({ kind: 'lines', label, ...opts }, listOf(anyText, /\n/, true));

/** One of a list's numbers after a space: ` 2、`, ` 3.`, ` 4）` (not ` 2.5`). */
const NEXT_NUMBER = /\s+(\d+)[、.．)）](?!\d)/g;

/**
 * `1、甲 2、乙` on one line: a numbered list written over several lines without `|`, which YAML reads as one line
 * (a plain scalar's line breaks are folded into spaces). Split where the numbers run on (2, 3, …), as written.
 */
function unfold(line: string): string[] {
  if (!/^\s*1[、.．)）](?!\d)/.test(line)) return [line];
  const parts: string[] = [];
  let from = 0;
  let next = 2;
  for (const m of line.matchAll(NEXT_NUMBER))
    if (Number(m[1]) === next) {
      parts.push(line.slice(from, m.index));
      from = m.index;
      next++;
    }
  parts.push(line.slice(from));
  return parts;
}

export const paths = (label: string, opts: Opts = {}): Field<z.ZodType<string[]>> =>
  field({ kind: 'paths', label, ...opts }, listOf(anyText, /\n/));

export const county = (label = '县（市、区）', opts: Opts & { cityWide?: boolean } = {}): Field<z.ZodType<string>> =>
  field(
    {
      kind: 'county',
      label,
      ...opts,
    },
    anyText,
  );

export const station = (label: string, opts: Opts = {}): Field<z.ZodType<string>> =>
  field(
    {
      kind: 'station',
      label,
      ...opts,
    },
    anyText,
  );

/** `digest` and `sig` are written by `kmsw sign` (spec section 8, docs/signing.md). */
export type Signature = { name?: string; date?: string; image?: string; digest?: string; sig?: string };

/**
 * 签名 (name and date). Every part may be blank here: a missing signature is not a format error but
 * the `signature-missing` rule, a warning while the week for signing is still running.
 * `signer` is the path of the field that names who must sign.
 */
export const signature = (label: string, signer: string, opts: Opts = {}): Field<z.ZodType<Signature | undefined>> => {
  const fields = {
    name: optional(line('签名人')),
    date: optional(date('签名日期')),
    image: optional(line('签名图片', { hint: '签名图片在资料文件夹内的路径，如 signatures/王芳.png', file: true })),
    digest: optional(line('签名摘要', { hint: '由 kmsw sign 写入，请勿修改', onPaper: false })),
    sig: optional(text('SSH 签名', { hint: '由 kmsw sign --key 写入，请勿修改', onPaper: false })),
  };
  return optional(field({ kind: 'signature', label, signer, fields, ...opts }, objectField(fields)));
};

export function group<F extends Fields>(label: string, fields: F, opts: Opts = {}): Field<z.ZodObject<Shape<F>>> {
  return field({ kind: 'group', label, fields, ...opts }, objectField(fields));
}

export function table<F extends Fields>(
  label: string,
  fields: F,
  opts: Opts & { refine?: (row: z.output<z.ZodObject<Shape<F>>>, ctx: z.RefinementCtx) => void } = {},
): Field<z.ZodType<Array<z.output<z.ZodObject<Shape<F>>>>>> {
  const { refine, ...rest } = opts;
  // The row's own rule runs even when a cell is wrong, so that one look shows every fault of the row.
  const always = { when: (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null };
  const row = () => (refine ? objectSchema(fields).superRefine(refine, always) : objectSchema(fields));
  const cells = objectRead(fields);
  // With a row's own rule, a row reads fast when its cells do and the rule finds nothing (zod runs it on the same
  // row); when the rule has anything to say, zod reads the table again and says it (issue 17: a roster's staff).
  const rowRead: FastRead | undefined =
    cells && refine
      ? (raw) => {
          const read = cells(raw);
          if (!read) return undefined;
          let said = false;
          const ctx = { addIssue: () => void (said = true), value: read.value } as unknown as z.RefinementCtx;
          refine(read.value as z.output<z.ZodObject<Shape<F>>>, ctx);
          return said ? undefined : read;
        }
      : cells;
  return field(
    { kind: 'table', label, fields, ...rest },
    { make: () => z.array(row()).min(1, empty), read: rowRead && arrayRead(rowRead) },
  );
}

export const RATING_LEVELS = ['非常不满意', '很不满意', '一般', '很满意', '非常满意'] as const;
/** A rating as a number, over the half-width text (`5`, `５`); the JSON Schema widens it. */
export const RATING_SPELLING = '[1-5]';
const RATING_PATTERN = new RegExp(`^${RATING_SPELLING}$`);

/** One row per respondent, one 1–5 rating (or its label) per question, in the questions' order. */
export const ratings = (label: string, questions: readonly string[], opts: Opts = {}): Field<z.ZodType<number[][]>> => {
  const rating = () =>
    z.unknown().transform((raw, ctx): number => {
      const value = ratingOf(raw);
      return value ?? fail(ctx, 'invalid-value', msg().fields.aRatingIsTo(RATING_LEVELS));
    });
  const make = () =>
    z
      .array(
        z.array(rating()).length(questions.length, {
          error: () => msg().fields.eachQuestionnaireHasRatings(questions.length),
        }),
      )
      .min(1, empty);
  // Fast when every row has one rating per question and each reads (issue 17); else zod reads them and says why.
  const row: FastRead = (raw) => {
    if (!Array.isArray(raw) || raw.length !== questions.length) return undefined;
    const value: number[] = [];
    for (const each of raw) {
      const n = ratingOf(each);
      if (n === undefined) return undefined;
      value.push(n);
    }
    return { value };
  };
  return field({ kind: 'ratings', label, questions, levels: RATING_LEVELS, ...opts }, { make, read: arrayRead(row) });
};

/** A rating, by its label or its digit (half- or full-width), as a number 1-5; undefined when it is neither. */
export function ratingOf(raw: unknown): number | undefined {
  const text = typeof raw === 'string' || typeof raw === 'number' ? toHalfwidth(String(raw)).trim() : '';
  const byLabel = RATING_LEVELS.indexOf(text as (typeof RATING_LEVELS)[number]);
  if (byLabel >= 0) return byLabel + 1;
  return RATING_PATTERN.test(text) ? Number(text) : undefined;
}

/** A group's schema and its fast reader. */
function objectField<F extends Fields>(fields: F): Reading<z.ZodObject<Shape<F>>> {
  return { make: () => objectSchema(fields), read: objectRead(fields) };
}

/**
 * z.object(shape) without zod, when every field has a fast reader: a map, each field read (a key absent and read
 * as nothing is left out, as zod leaves out an optional key; present and read as nothing, it is kept), other keys
 * dropped. Undefined when a field does not read, or reads something from an absent key.
 */
function objectRead(fields: Fields): FastRead | undefined {
  const entries = Object.entries(fields);
  if (!entries.every(([, f]) => f.read)) return undefined;
  return (raw) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
    const value: Record<string, unknown> = {};
    for (const [key, field] of entries) {
      const present = key in raw;
      const read = field.read!(present ? (raw as Record<string, unknown>)[key] : undefined);
      if (!read || (!present && read.value !== undefined)) return undefined;
      if (present) value[key] = read.value;
    }
    return { value };
  };
}

export function objectSchema<F extends Fields>(fields: F): z.ZodObject<Shape<F>> {
  const shape = Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.schema]));
  return z.object(shape) as z.ZodObject<Shape<F>>;
}

/** The value at a path of keys and indexes (`['signatures', 'worker', 'date']`), or undefined where the path stops. */
export function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at = root;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** The descriptor at a dotted/array path (`staff.0.name` → the `name` field of the staff table). */
/** Every field definition, nested ones (groups, signatures, table columns) included, with its key. */
export function walkFieldDefs(fields: Fields): Array<[string, Field]> {
  return Object.entries(fields).flatMap(([key, field]): Array<[string, Field]> => [
    [key, field],
    ...('fields' in field ? walkFieldDefs(field.fields) : []),
  ]);
}

/** A form's fields as a list, made once per form: every rule that walks a record's values walks them. */
const fieldLists = new WeakMap<Fields, Array<[string, Field]>>();
export const fieldList = (fields: Fields): ReadonlyArray<[string, Field]> => {
  let list = fieldLists.get(fields);
  if (!list) fieldLists.set(fields, (list = Object.entries(fields)));
  return list;
};

/**
 * Calls `visit` for every field that has a value in `value`, depth first, with its path: into groups and signatures
 * (maps) and into each row of a table. The path is the walk's own, one list that grows and shrinks as it goes (a
 * record's walks are many): `visit` reads it, and copies what it keeps.
 */
export function walkFields(
  fields: Fields,
  value: unknown,
  visit: (field: Field, value: unknown, path: ReadonlyArray<string | number>) => void,
  path: Array<string | number> = [],
): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  // By index, without destructuring the pairs: a for-of makes an iterator per walk and per pair (mostly unoptimised).
  const list = fieldList(fields);
  for (let n = 0; n < list.length; n++) {
    const key = list[n]![0];
    const field = list[n]![1];
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    path.push(key);
    visit(field, v, path);
    if (field.kind === 'group' || field.kind === 'signature') walkFields(field.fields, v, visit, path);
    if (field.kind === 'table' && Array.isArray(v))
      v.forEach((row, i) => {
        path.push(i);
        walkFields(field.fields, row, visit, path);
        path.pop();
      });
    path.pop();
  }
}

export function fieldAt(fields: Fields, path: ReadonlyArray<string | number>): Field | undefined {
  let current: Fields | undefined = fields;
  let found: Field | undefined;
  for (const key of path) {
    if (typeof key === 'number') continue;
    // Own keys only: `constructor:` or `__proto__:` in a record is an unknown field, not Object's.
    if (!current || !Object.hasOwn(current, key)) return undefined;
    found = current[key];
    if (!found) return undefined;
    current = 'fields' in found ? found.fields : undefined;
  }
  return found;
}
