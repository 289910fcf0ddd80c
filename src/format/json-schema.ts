/**
 * A JSON Schema (draft-07, what VS Code's YAML extension and ajv read) for each form, written from
 * the same field descriptors that hold the zod schemas. zod's own toJSONSchema cannot see through
 * our transforms (they take `unknown` and parse it), so each kind says what it accepts here,
 * spelling for spelling: a record that passes `check`'s value rules passes this schema.
 */
import type { Config } from '../config.js';
import { CITY_WIDE } from '../config.js';
import {
  INT_SPELLING,
  NO,
  NUMBER_SPELLING,
  RATING_LEVELS,
  RATING_SPELLING,
  YES,
  type Field,
  type Fields,
} from '../forms/fields.js';
import type { Form } from '../forms/form.js';
import { FORMS } from '../forms/index.js';
import { DAY_SPELLINGS, MONTH_SPELLINGS } from '../values/date.js';
import { DURATION_SPELLINGS } from '../values/duration.js';
import { schemaPattern } from '../values/grammar.js';
import { readRuleSettings } from '../rules/index.js';

type Schema = Record<string, unknown>;

// One value grammar: the patterns are the parsers' own spellings (values/date.ts, duration.ts and
// the fields' int and rating), widened to the full-width and spaced forms the parsers normalise.
const DATE_PATTERN = schemaPattern(DAY_SPELLINGS);
const MONTH_PATTERN = schemaPattern(MONTH_SPELLINGS);
const DURATION_PATTERN = schemaPattern(DURATION_SPELLINGS, { ignoreCase: true, spaces: true });
const INT_PATTERN = schemaPattern([INT_SPELLING]);
const NUMBER_PATTERN = schemaPattern([NUMBER_SPELLING]);
const RATING_PATTERN = schemaPattern([RATING_SPELLING]);
const escape = (word: string) => word.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
/** 是/否 as the bool field reads them: trimmed, any case, full-width too. */
const YES_NO_PATTERN = schemaPattern([[...YES, ...NO].map(escape).join('|')], { ignoreCase: true });
const choicePattern = (choices: readonly string[]) => schemaPattern([choices.map(escape).join('|')]);

const text = (min = 1): Schema => ({ type: 'string', minLength: min, pattern: '\\S' });
// check reads a number written where a text is expected as its digits (`county: 123` is a text to it).
const textOrNumber: Schema = { anyOf: [text(), { type: 'number' }] };
const list = (item: Schema): Schema => ({ anyOf: [{ type: 'array', minItems: 1, items: item }, text()] });

/** Names kmsw.yaml already knows, offered by the editor as completions (never enforced: those are warnings). */
function examplesFor(field: Field, config?: Config): string[] | undefined {
  if (!config) return undefined;
  const counties = Object.keys(config.counties);
  switch (field.kind) {
    case 'county':
      return [...counties, CITY_WIDE];
    case 'station':
      return Object.values(config.counties).flatMap((c) => c.stations);
    case 'person':
    case 'people':
      return field.role === 'assistant'
        ? config.assistants.map((a) => a.name)
        : field.role === 'expert'
          ? config.experts.map((e) => e.name)
          : undefined;
    default:
      return undefined;
  }
}

/**
 * What a form's schema is written with: the folder's kmsw.yaml (names, `min-chars` overrides) and where in the form it
 * is.
 */
interface Context {
  config?: Config;
  /** `log.content` → 100, from kmsw.yaml's `rules: min-chars:`, as check applies them. */
  minChars: Record<string, number>;
  /** `log`, then `log.outline` inside a group. */
  at: string;
}

function fieldSchema(field: Field, ctx: Context, key: string): Schema {
  const config = ctx.config;
  const inner = { ...ctx, at: `${ctx.at}.${key}` };
  const about: Schema = { title: field.label, ...(field.hint ? { description: field.hint } : {}) };
  const examples = examplesFor(field, config);
  const withExamples = (s: Schema): Schema => (examples && examples.length > 0 ? { ...s, examples } : s);
  switch (field.kind) {
    case 'text': {
      // A 字 is at least one character, so minLength never refuses a text that has its 字.
      const min = ctx.minChars[inner.at] ?? field.min;
      if (!min) return { ...about, ...textOrNumber };
      return { ...about, ...text(min), description: `不少于${min}字${field.hint ? `：${field.hint}` : ''}` };
    }
    case 'line':
      return { ...about, ...textOrNumber };
    case 'person':
    case 'county':
    case 'station':
      return withExamples({ ...about, ...textOrNumber });
    case 'people':
      return { ...about, ...list(withExamples(textOrNumber)) };
    case 'lines':
    case 'paths':
      return { ...about, ...list(text()) };
    case 'signature':
      return { ...about, anyOf: [{ type: 'null' }, objectSchema(field.fields, inner, false)] };
    case 'group':
      return { ...about, ...objectSchema(field.fields, inner, true) };
    case 'table':
      return { ...about, type: 'array', minItems: 1, items: objectSchema(field.fields, inner, true) };
    default:
      return { ...about, ...valueSchema(field) };
  }
}

/** The schema of a value kmsw reads by its own grammar: dates, durations, choices, yes or no, numbers, ratings. */
function valueSchema(field: Field): Schema {
  switch (field.kind) {
    case 'date':
      return { type: 'string', pattern: DATE_PATTERN, examples: ['2026-11-28'] };
    case 'month':
      return { type: 'string', pattern: MONTH_PATTERN, examples: ['2026-11'] };
    case 'monthOrDate':
      return { type: 'string', anyOf: [{ pattern: MONTH_PATTERN }, { pattern: DATE_PATTERN }] };
    case 'duration':
      return {
        anyOf: [
          { type: 'number', exclusiveMinimum: 0, maximum: 24 },
          { type: 'string', pattern: DURATION_PATTERN },
        ],
        examples: ['2小时', '1小时30分钟', '90分钟'],
      };
    case 'choice':
      return {
        anyOf: [{ enum: [...field.choices] }, { type: 'string', pattern: choicePattern(field.choices) }],
      };
    case 'bool':
      return {
        anyOf: [
          { type: 'boolean' },
          { type: 'string', enum: [...YES, ...NO] },
          { type: 'string', pattern: YES_NO_PATTERN },
        ],
      };
    case 'int':
      return {
        anyOf: [
          { type: 'integer', minimum: field.min, maximum: field.max },
          { type: 'string', pattern: INT_PATTERN },
        ],
      };
    case 'number':
      return {
        anyOf: [
          { type: 'number', minimum: field.min, maximum: field.max },
          { type: 'string', pattern: NUMBER_PATTERN },
        ],
      };
    case 'ratings': {
      const rating = {
        anyOf: [
          { type: 'integer', minimum: 1, maximum: 5 },
          { type: 'string', enum: [...RATING_LEVELS, '1', '2', '3', '4', '5'] },
          { type: 'string', pattern: RATING_PATTERN },
        ],
      };
      return {
        type: 'array',
        minItems: 1,
        items: { type: 'array', minItems: field.questions.length, maxItems: field.questions.length, items: rating },
      };
    }
    default:
      return {};
  }
}

function objectSchema(fields: Fields, ctx: Context, requireFields: boolean): Schema {
  const properties: Schema = {};
  const required: string[] = [];
  for (const [key, field] of Object.entries(fields)) {
    const s = fieldSchema(field, ctx, key);
    // An optional field may be left blank (`note:`), which YAML reads as null.
    properties[key] = field.optional ? { anyOf: [{ type: 'null' }, { const: '' }, s], title: field.label } : s;
    if (requireFields && !field.optional) required.push(key);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** The schema of one form; with the folder's kmsw.yaml, its names are offered as completions. */
export function formJsonSchema(form: Form, config?: Config): Schema {
  const minChars = config ? readRuleSettings(config.rules).settings.thresholds.minChars : {};
  const body = objectSchema(form.fields, { config, minChars, at: form.key }, true);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://kmsw.local/schemas/${form.key}.json`,
    title: form.title,
    description: `${form.purpose}。由 kmsw schema 生成，kmsw check 检查全部规则（字数、签名、日志……）。`,
    ...body,
    properties: { form: { const: form.key, title: '表格' }, ...(body.properties as Schema) },
    required: ['form', ...((body.required as string[] | undefined) ?? [])],
  };
}

export function allJsonSchemas(config?: Config): Array<{ form: Form; schema: Schema }> {
  return FORMS.map((form) => ({ form, schema: formJsonSchema(form, config) }));
}
