import type { z } from 'zod';
import { EMPTY, fieldAt, fieldList, valueAt, type Fields } from './fields.js';
import type { Form } from './form.js';
import { locate, type ParsedYaml, type Position } from '../records/yaml.js';
import { msg } from '../i18n.js';
import { readingCleanText } from '../values/control.js';
import { textOf } from '../values/text.js';

export interface FieldIssue extends Position {
  rule: 'required' | 'invalid-value';
  /** Dotted path of the field at fault: `staff.2.gender`. */
  field: string;
  /** Says what is wrong with the field, in the words of the paper form. */
  message: string;
  /** What to do about it, when the message alone does not say. */
  hint?: string;
}

export interface Validated {
  /** The record's normalised values, when every field could be read. */
  data?: Record<string, unknown>;
  /**
   * The fields that could be read, normalised, even when others could not: the rules work on these.
   * Inside a group, a signature or a table row that does not read as a whole, the cells that do.
   */
  values: Record<string, unknown>;
  issues: FieldIssue[];
}

/**
 * Reads a record through its form's schema and turns every zod issue into one that names the
 * field by its official label, with the line and column a person must edit.
 */
export function validateRecord(form: Form, parsed: ParsedYaml): Validated {
  const raw = parsed.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const result = form.schema.safeParse(raw);
    return {
      values: {},
      issues: result.success ? [] : result.error.issues.map((issue) => toFieldIssue(form, parsed, issue)),
    };
  }
  // Field by field, the way z.object would, but keeping every field that reads well: one bad date
  // must not hide the record's author from the rules that look across records.
  const issues: FieldIssue[] = [];
  const read = () =>
    readFields(form.fields, raw as Record<string, unknown>, (issue, at) =>
      issues.push(toFieldIssue(form, parsed, { ...issue, path: [...at, ...issue.path] })),
    );
  // The fast reader's values hold no control character (it leaves a text with one to yaml).
  const values = parsed.fast ? readingCleanText(read) : read();
  return { data: issues.length === 0 ? values : undefined, values, issues };
}

/**
 * The fields of a map that read well, normalised. A group, a signature or a table row that does
 * not read as a whole is read cell by cell, so that one bad cell (a sites row's `office: 独占`, a
 * signature's bad date) hides nothing else of it from the rules: the row's photos are still
 * checked, the signer still compared.
 */
function readFields(
  fields: Fields,
  raw: Record<string, unknown>,
  report?: (issue: z.core.$ZodIssue, at: Array<string | number>) => void,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  // The form's list of fields, made once, by index: Object.entries made a list and a pair per field, every record.
  const list = fieldList(fields);
  for (let i = 0; i < list.length; i++) {
    const key = list[i]![0];
    const field = list[i]![1];
    const value = raw[key];
    // Most fields read well: their fast reader gives the value zod would; zod reads only the others, and says why.
    const fast = field.read?.(value);
    if (fast) {
      if (fast.value !== undefined) values[key] = fast.value;
      continue;
    }
    const result = field.schema.safeParse(value);
    if (result.success) {
      if (result.data !== undefined) values[key] = result.data;
      continue;
    }
    for (const issue of result.error.issues) report?.(issue, [key]);
    if ((field.kind === 'group' || field.kind === 'signature') && isMap(value))
      values[key] = readFields(field.fields, value);
    else if (field.kind === 'table' && Array.isArray(value))
      values[key] = value.map((row) => (isMap(row) ? readFields(field.fields, row) : undefined));
  }
  return values;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function toFieldIssue(form: Form, parsed: ParsedYaml, issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const field = fieldAt(form.fields, path);
  const label = labelOf(form, path) ?? path.join('.');
  const raw = valueAt(parsed.value, path);
  const params = (issue as { params?: { rule?: FieldIssue['rule']; safe?: boolean } }).params;
  let rule: FieldIssue['rule'];
  let message: string;
  let hint: string | undefined;
  if (params?.rule === 'required' || raw === undefined || raw === null) {
    rule = 'required';
    if (issue.code === 'custom' && issue.message !== EMPTY && params?.rule === 'required') {
      message = `${label}${msg().validate.colon}${issue.message}`;
    } else {
      message = msg().validate.isMissing(label);
      hint = msg().validate.pleaseFillItIn;
    }
  } else if (issue.code === 'too_small' && Array.isArray(raw) && raw.length === 0) {
    rule = 'required';
    message = msg().validate.isEmpty(label);
    hint = msg().validate.giveAtLeastOne;
  } else {
    rule = 'invalid-value';
    const group = issue.code === 'invalid_type' && (field?.kind === 'group' || field?.kind === 'signature');
    const reason = group
      ? msg().validate.shouldBeFieldsKey
      : field?.private && !params?.safe
        ? privateReason(issue.message, raw)
        : issue.message;
    message = `${label}${msg().validate.colon}${reason}`;
  }
  return { rule, field: path.join('.'), message, ...(hint ? { hint } : {}), ...locate(parsed, path) };
}

/**
 * A private field's reason must not repeat what was written (`1991年2月没有30日` gives the birth
 * date away): when a number of the value appears in it, a reason that says nothing of the value.
 */
function privateReason(reason: string, raw: unknown): string {
  const written = raw === null ? 'null' : textOf(raw);
  const numbers = reason.match(/\d+/g) ?? [];
  if (numbers.every((n) => !written.includes(n))) return reason;
  return msg().validate.isNotWrittenRight;
}

/** `staff.2.gender` → 社工 第3行 性别. */
function labelOf(form: Form, path: ReadonlyArray<string | number>): string | undefined {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (typeof key === 'number') {
      const kind = fieldAt(form.fields, path.slice(0, i))?.kind;
      // A survey's ratings: `responses.3.3` is the 4th questionnaire's 4th question, not 问卷 第4项 第4项.
      if (kind === 'ratings' && typeof path[i - 1] === 'string')
        parts[parts.length - 1] = msg().validate.nthResponse(key + 1);
      else if (kind === 'ratings') parts.push(msg().validate.nthQuestion(key + 1));
      else parts.push(msg().validate.rowItem(key + 1, kind === 'table'));
      continue;
    }
    const f = fieldAt(form.fields, path.slice(0, i + 1));
    parts.push(f?.label ?? key);
  }
  return parts.length ? parts.join(' ') : undefined;
}
