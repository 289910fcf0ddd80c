/**
 * How a record's values read on the official form: dates as 2026年11月28日, durations as 2小时,
 * a choice with every option shown and the chosen one ticked (√个人督导 □团体督导), lists as 1、2、.
 */
import type { Field, Fields } from '../forms/fields.js';
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

/**
 * Every placeholder a Word template of this form may hold: each field's dotted path, into groups and
 * signatures (`signatures.worker.name`), never into tables (those forms are Excel workbooks).
 */
export function placeholderFields(
  fields: Fields,
  at: string[] = [],
): Array<{ key: string; path: string[]; field: Field }> {
  return Object.entries(fields).flatMap(([key, field]) => {
    const path = [...at, key];
    if (field.onPaper === false) return [];
    if (field.kind === 'group' || field.kind === 'signature') return placeholderFields(field.fields, path);
    if (field.kind === 'table' || field.kind === 'ratings') return [];
    return [{ key: path.join('.'), path, field }];
  });
}
