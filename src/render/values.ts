/**
 * How a record's values read on the official form: dates as 2026年11月28日, durations as 2小时,
 * a choice with every option shown and the chosen one ticked (√个人督导 □团体督导), lists as 1、2、.
 */
import type { Field, Fields } from '../forms/fields.js';
import type { Form } from '../forms/form.js';
import { chineseDate } from '../values/date.js';
import { formatDuration } from '../values/duration.js';
import { textOf } from '../values/text.js';

const WORD_JOINER = '\u2060';

/** A value as one line of text on the form. */
export function displayText(field: Field, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.kind) {
    case 'date':
    case 'month':
    case 'monthOrDate':
      return chineseDate(textOf(value));
    case 'duration':
      return formatDuration(Number(value));
    case 'bool':
      return value ? '√' : '';
    case 'choice':
      // Word joiners keep each option whole when the cell wraps (团体督 / 导 reads badly).
      return field.choices.map((c) => [c === value ? '√' : '□', ...c].join(WORD_JOINER)).join(' ');
    case 'people':
    case 'lines':
    case 'paths':
      return Array.isArray(value) ? value.map(textOf).join('、') : textOf(value);
    default:
      return textOf(value);
  }
}

/** The lines a long field takes: a text's own paragraphs, or a list numbered 1、2、. */
export function displayLines(field: Field, value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (field.kind === 'lines' && Array.isArray(value)) return value.map((item, i) => `${i + 1}、${textOf(item)}`);
  if (field.kind === 'text') return textOf(value).replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return [displayText(field, value)];
}

/** Fields that fill a whole paragraph (or several) rather than a place inside one. */
export const isBlock = (field: Field) => field.kind === 'text' || field.kind === 'lines';

/** A place a Word template may fill: a field's dotted path; a table's column is filled with one line per row. */
export interface Placeholder {
  key: string;
  path: string[];
  field: Field;
  /** For a table's column (`targets.status`): the column, read from each row of the table at `path`. */
  column?: string;
}

/**
 * Every placeholder a Word template of this form may hold: each field's dotted path, into groups and
 * signatures (`signatures.worker.name`), and each column of a table (`targets.target`, a line per row).
 */
export function placeholderFields(fields: Fields, at: string[] = []): Placeholder[] {
  return Object.entries(fields).flatMap(([key, field]): Placeholder[] => {
    const path = [...at, key];
    if (field.onPaper === false) return [];
    if (field.kind === 'group' || field.kind === 'signature') return placeholderFields(field.fields, path);
    if (field.kind === 'ratings') return [];
    if (field.kind === 'table')
      return Object.entries(field.fields).map(([column, f]) => ({
        key: `${path.join('.')}.${column}`,
        path,
        field: f,
        column,
      }));
    return [{ key: path.join('.'), path, field }];
  });
}

/**
 * The placeholders of an output's Word template: its fields', and the figures kmsw counts for it
 * from the records (`counted.*`, an evaluation's sessions and satisfaction), which no one writes.
 */
export const formPlaceholders = (form: Pick<Form, 'fields' | 'counted'>): Placeholder[] => [
  ...placeholderFields(form.fields),
  ...placeholderFields(form.counted ?? {}, ['counted']),
];

/** A table column's lines, numbered as the rows are (`1、达成`). */
export function columnLines(p: Placeholder, rows: unknown): string[] {
  if (!Array.isArray(rows)) return [];
  return rows.map((row, i) => {
    const v = row !== null && typeof row === 'object' ? (row as Record<string, unknown>)[p.column!] : undefined;
    return `${i + 1}、${p.field.kind === 'choice' ? textOf(v) : displayText(p.field, v)}`;
  });
}
