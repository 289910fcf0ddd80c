/**
 * The data of each Excel export, sheet by sheet, and the placeholders its template may use. An
 * output that declares its own (`sheets` on the survey's and the checklist's definitions: counts)
 * has those; a form with a table (roster, sites) gets a sheet per county's table, its columns
 * taken from the table's fields.
 */
import path from 'node:path';
import { valueAt, type Field } from '../forms/fields.js';
import type { Form } from '../forms/form.js';
import { formByKey } from '../forms/index.js';
import { outputByKey } from '../forms/outputs.js';
import type { CellValue, ExcelOutput, ExportRecord, SheetData, SheetPhotos } from '../forms/sheet-data.js';
import { chineseDate } from '../values/date.js';
import { displayText, placeholderFields } from './values.js';
import { textOf } from '../values/text.js';

const tableOf = (form: Form): [string, Field & { kind: 'table' }] | undefined => {
  const entry = Object.entries(form.fields).find(([, f]) => f.kind === 'table');
  return entry as [string, Field & { kind: 'table' }] | undefined;
};

/** A cell of a station table: ✓ for a yes, the photos' file names, a date as 2026年11月. */
function cellOf(field: Field, value: unknown): CellValue {
  if (value === undefined || value === null || value === '') return '';
  if (field.kind === 'bool') return value === true ? '√' : '';
  if (field.kind === 'paths' && Array.isArray(value))
    return value.map((p) => path.posix.basename(String(p).replace(/\\/g, '/'))).join('\n');
  if (field.kind === 'int') return typeof value === 'number' ? value : textOf(value);
  // A table cell holds the answer itself (男, 独用); the ✓ columns come from `field:choice`.
  if (field.kind === 'choice') return textOf(value);
  return displayText(field, value);
}

/**
 * The keys a station table's template may use: the header's fields, then `table.no`, `table.field` and
 * `table.field:choice`.
 */
export function stationPlaceholders(form: Form): string[] {
  const [table, field] = tableOf(form)!;
  const header = placeholderFields(
    Object.fromEntries<Field>(Object.entries(form.fields).filter(([k]) => k !== table)),
  ).map((p) => p.key);
  const cells = Object.entries(field.fields).flatMap(([key, f]) => [
    `${table}.${key}`,
    ...(f.kind === 'choice' ? f.choices.map((c) => `${table}.${key}:${c}`) : []),
  ]);
  return [...header, `${table}.no`, ...cells];
}

/**
 * One sheet per record: a county's table, titled by its county (and date, when a county has two),
 * in the order kmsw.yaml lists the counties.
 */
export function stationSheets(
  form: Form,
  unordered: readonly ExportRecord[],
  countyOrder: readonly string[] = [],
): SheetData[] {
  const [table, field] = tableOf(form)!;
  const rank = (r: ExportRecord) => {
    const i = countyOrder.indexOf(textOf(r.values.county));
    return i < 0 ? countyOrder.length : i;
  };
  const records = [...unordered].sort((a, b) => rank(a) - rank(b));
  const counties = records.map((r) => textOf(r.values.county));
  return records.map((record, i) => {
    const v = record.values;
    const values: Record<string, CellValue> = {};
    for (const { key, path: at, field: f } of placeholderFields(
      Object.fromEntries<Field>(Object.entries(form.fields).filter(([k]) => k !== table)),
    )) {
      const value = valueAt(v, at);
      values[key] = f.kind === 'date' ? (typeof value === 'string' ? chineseDate(value) : '') : cellOf(f, value);
    }
    const rows = (Array.isArray(v[table]) ? (v[table] as Array<Record<string, unknown>>) : []).map((row, n) => {
      const item: Record<string, CellValue> = { no: n + 1 };
      for (const [key, f] of Object.entries(field.fields)) {
        // 年龄（或出生年月）: a blank cell shows the field the form names in its place.
        const shown = row[key] === undefined && f.fallback ? field.fields[f.fallback]! : f;
        item[key] = cellOf(shown, row[shown === f ? key : f.fallback!]);
        if (f.kind === 'choice') for (const c of f.choices) item[`${key}:${c}`] = row[key] === c ? '√' : '';
      }
      return item;
    });
    const county = counties[i] || '未填县';
    const twice = counties.filter((c) => c === counties[i]).length > 1;
    const name = twice ? `${county}${textOf(v.date).slice(5)}` : county;
    const photos = photosOf(record, field.fields, v[table], `${county} 站点照片（${values.date ?? ''}）`);
    return { name, values, rows: { [table]: rows }, ...(photos ? { photos } : {}) };
  });
}

/** The photos a station table names (its `paths` column), station by station, for the photo sheet. */
function photosOf(record: ExportRecord, fields: Record<string, Field>, rows: unknown, title: string) {
  const column = Object.entries(fields).find(([, f]) => f.kind === 'paths')?.[0];
  if (!column || !Array.isArray(rows)) return undefined;
  const stations = (rows as Array<Record<string, unknown>>).map((row, n) => ({
    name: `${n + 1}. ${textOf(row.name) || textOf(row.station)}`,
    paths: Array.isArray(row[column])
      ? (row[column] as unknown[]).filter((p): p is string => typeof p === 'string')
      : [],
  }));
  const photos: SheetPhotos = { file: record.file, title, stations };
  return stations.some((s) => s.paths.length > 0) ? photos : undefined;
}

/** What each Excel export puts on its sheets: what its definition declares, else a county's table a sheet. */
export function excelOutput(key: string): ExcelOutput {
  const output = outputByKey(key)!;
  if (output.sheets) return output.sheets;
  const form = formByKey(key)!;
  return {
    placeholders: stationPlaceholders(form),
    sheets: (records, ctx) => stationSheets(form, records, ctx.counties),
  };
}
