import type { z } from 'zod';
import type { Config } from '../config.js';
import type { Layout } from './layout-kit.js';
import type { ExcelOutput } from './sheet-data.js';
import { objectSchema, type Fields } from './fields.js';

/** What `new` has gathered so far: raw values by field name, as they will stand in the YAML. */
export type Values = Record<string, unknown>;

/**
 * What `export` writes: a form's document, or the checklist. Its template is
 * `templates/<title>.<document>`, drawn by `layout` (src/render/make-templates.ts).
 */
export interface Output {
  /** The `form:` key (or `checklist`), as `--only` and `kmsw templates copy` take it. */
  key: string;
  /** The official form's name, as printed on its title and in export file names. */
  title: string;
  document: 'docx' | 'xlsx';
  /** Its built-in template's page or sheet. */
  layout(): Layout;
  /**
   * An Excel output's sheets and the placeholders its template may use; a form with a table that
   * declares none gets a sheet per county's table (src/render/sheets.ts).
   */
  sheets?: ExcelOutput;
  /** Written for every month that has records, and holding none of its own (the checklist). */
  everyMonth?: true;
  /**
   * One document a year (`督导成效评估表-2026年.docx`): written with a month that has records of the
   * form, holding the year's records up to that month's end.
   */
  yearly?: true;
}

export interface FormSpec<F extends Fields> {
  /** The `form:` key, ASCII, also the folder name. */
  key: string;
  /** The official form's name, as printed on its title and in export file names. */
  title: string;
  /** What the scaffold's first comment says the form is for. */
  purpose: string;
  fields: F;
  /**
   * What `export` makes of the month's records: a Word document (one record a page) or an Excel
   * workbook (the wide tables, one sheet per county; the survey's counts). Its template is
   * `templates/<title>.<document>`.
   */
  document: 'docx' | 'xlsx';
  /** The field whose value dates the file and its folder: a day, or for `monthly` a month. */
  dateField: 'date' | 'month';
  /** The field that names whose or what the record is; its value becomes the file name's slug. */
  slugField: keyof F & string;
  /** One record per slug and date (a log per author a day, a summary per author a month): the duplicate rule. */
  unique?: boolean;
  /**
   * Where the record names the people it establishes (a roster's staff and its org's head), as
   * dotted paths through tables: unknown-person takes these names as known.
   */
  roll?: readonly string[];
  /** Header fields that `new` asks for, in order. */
  ask: ReadonlyArray<keyof F & string>;
  /** Values the scaffold can fill from what was asked and from kmsw.yaml (the county's org, its stations…). */
  prefill?: (values: Values, config: Config) => Values;
  /** The small print under the paper form. */
  note?: string;
  /** Its built-in template's page (a Word form) or sheet (an Excel form), from the form's labels. */
  layout: (form: Form) => Layout;
  /** What export puts on an Excel form's sheets, when that is not its table (the survey's counts). */
  sheets?: ExcelOutput;
  /**
   * Figures export counts from the folder's records and shows as `{{counted.<key>}}` beside the written
   * ones (an evaluation's sessions, hours and satisfaction); never written in a record.
   */
  counted?: Fields;
  /** One document a year: see Output. */
  yearly?: true;
  /** Lines of the handbook the scaffold quotes under its title, as comments (the evaluation's Part 2 §5). */
  guide?: readonly string[];
  /** Dotted paths of fields whose place a rule across records points at (kept in the record's facts). */
  pinned?: readonly string[];
}

/** A form as the commands see it; `defineForm` keeps the exact fields for code that wants their types. */
export interface Form extends Omit<FormSpec<Fields>, 'layout'>, Output {
  /** Reads a whole record's raw values into normalised ones (dates `YYYY-MM-DD`, durations in minutes). */
  schema: z.ZodObject;
}

export function defineForm<F extends Fields>(spec: FormSpec<F>): Form & { fields: F } {
  let schema: z.ZodObject | undefined;
  const form = {
    ...(spec as unknown as FormSpec<Fields>),
    fields: spec.fields,
    // Made when first read, as each field's (src/forms/fields.ts): a record that reads well never needs it.
    get schema() {
      return (schema ??= objectSchema(spec.fields));
    },
    layout: () => spec.layout(form),
  } as Form & { fields: F };
  return form;
}
