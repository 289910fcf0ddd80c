/**
 * Excel forms from a workbook template: its first sheet is the pattern. Each sheet of the export
 * is a copy of it (column widths, row heights, styles, merges, page setup), with `{{key}}`
 * placeholders filled and the row holding `{{table.field}}` repeated once per row of data.
 * exceljs's own row duplication does not carry merged cells, so the copy is made cell by cell
 * and merges are laid out again for every repeated row.
 */
import { createRequire } from 'node:module';
import type ExcelJSType from 'exceljs';
import { msg } from '../i18n.js';
import type { CellValue, SheetData } from '../forms/sheet-data.js';
import type { PhotoProblem } from './photo-sheet.js';
import { fitRows } from './row-height.js';
import { xmlText } from './xml-text.js';
import { unzip, zip } from './zip.js';

/**
 * exceljs's own one-file build loads in about half the time of its CommonJS tree (~130 ms against ~370 ms here),
 * which is most of what an export of one month waits for. It is built for browsers: its `process.nextTick`, which
 * its streams call at every step, waits for a `setTimeout(f, 0)`, and Node makes that at least 1 ms: ~100 waits, a
 * tenth of a second of an export of records.example spent idle. The build keeps the `setTimeout` it finds as it
 * loads, so while it loads it finds one that runs a zero delay at the loop's next turn (setImmediate); any other
 * delay, and every later caller, gets Node's own.
 */
function loadExcelJS(): typeof ExcelJSType {
  const { setTimeout: timeout, clearTimeout: clear } = globalThis;
  const immediates = new WeakSet<object>();
  const soon = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (ms) return timeout(fn, ms, ...args);
    const immediate = setImmediate(fn, ...args);
    immediates.add(immediate);
    return immediate;
  };
  const cancel = (handle?: unknown) =>
    typeof handle === 'object' && handle !== null && immediates.has(handle)
      ? clearImmediate(handle as NodeJS.Immediate)
      : clear(handle as NodeJS.Timeout);
  globalThis.setTimeout = soon as unknown as typeof setTimeout;
  globalThis.clearTimeout = cancel;
  try {
    return createRequire(import.meta.url)('exceljs/dist/exceljs.min.js') as typeof ExcelJSType;
  } finally {
    globalThis.setTimeout = timeout;
    globalThis.clearTimeout = clear;
  }
}

const ExcelJS = loadExcelJS();

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The text of a cell as the template holds it, rich text (as Excel saves an edited cell) included. */
function cellText(value: ExcelJSType.CellValue): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return undefined;
}

/** Every placeholder a workbook's pattern sheet holds. */
function placeholdersOf(wb: ExcelJSType.Workbook): string[] {
  const keys = new Set<string>();
  wb.worksheets[0]?.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      for (const m of (cellText(cell.value) ?? '').matchAll(PLACEHOLDER)) keys.add(m[1]!);
    }),
  );
  return [...keys];
}

/** Where a workbook's photos are read from, and who hears of one that cannot go in. */
export interface PhotoSource {
  root: string;
  onProblem: (p: PhotoProblem) => void;
}

export interface PreparedExcel {
  placeholders: string[];
  render(sheets: readonly SheetData[], photos?: PhotoSource): Promise<Uint8Array>;
}

/** Reads a workbook template once: its placeholders now, its sheets when rendering (a second render reads it again). */
export async function prepareExcel(template: Uint8Array): Promise<PreparedExcel> {
  const load = async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    return wb;
  };
  let first: ExcelJSType.Workbook | undefined = await load();
  if (first.worksheets.length === 0) throw new Error(msg().excel.itHoldsNoWorksheet);
  return {
    placeholders: placeholdersOf(first),
    async render(sheets, photos) {
      const wb = first ?? (await load());
      first = undefined;
      return renderWorkbook(wb, sheets, photos);
    },
  };
}

/** A value as a cell may hold it: only what XML allows (a vertical tab a line break in the cell). */
const cellSafe = (value: CellValue): CellValue => (typeof value === 'string' ? xmlText(value, '\n') : value);

/** The template's text with its placeholders filled; a value is put in as it is, never read for placeholders. */
function fill(text: string, lookup: (key: string) => CellValue): ExcelJSType.CellValue {
  const whole = /^\{\{\s*([^{}]+?)\s*\}\}$/.exec(text);
  if (whole) return cellSafe(lookup(whole[1]!)) ?? '';
  return text.replace(PLACEHOLDER, (_, key: string) => String(cellSafe(lookup(key)) ?? ''));
}

const SHEET_NAME_BAD = /[\\/?*[\]:]/g;

function sheetName(wb: ExcelJSType.Workbook, wanted: string): string {
  const base = xmlText(wanted, '').replace(SHEET_NAME_BAD, '-').slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; wb.worksheets.some((ws) => ws.name === name); i++) name = `${base}-${i}`;
  return name;
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRange(range: string): Range {
  const [a, b = a] = range.split(':');
  const cell = (ref: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { row: Number(m[2]), col };
  };
  const from = cell(a!);
  const to = cell(b!);
  return { top: from.row, left: from.col, bottom: to.row, right: to.col };
}

/** The row that repeats, and for which table: the first row holding a `{{table.field}}` of a table we have. */
function repeatOf(pattern: ExcelJSType.Worksheet, rowNumber: number, tables: string[]): string | undefined {
  let found: string | undefined;
  pattern.getRow(rowNumber).eachCell({ includeEmpty: false }, (cell) => {
    for (const m of (cellText(cell.value) ?? '').matchAll(PLACEHOLDER)) {
      const table = m[1]!.split('.')[0]!;
      if (m[1]!.includes('.') && tables.includes(table)) found ??= table;
    }
  });
  return found;
}

/** A new sheet with the pattern's page setup, properties, views and column widths. */
function sheetLike(wb: ExcelJSType.Workbook, pattern: ExcelJSType.Worksheet, name: string): ExcelJSType.Worksheet {
  const ws = wb.addWorksheet(sheetName(wb, name), {
    pageSetup: { ...pattern.pageSetup },
    properties: { ...pattern.properties },
    views: (pattern.views ?? []).map((v) => ({ ...v })),
  });
  for (let c = 1; c <= pattern.columnCount; c++) {
    const col = pattern.getColumn(c);
    if (col.width !== undefined) ws.getColumn(c).width = col.width;
  }
  return ws;
}

/**
 * The pattern's rows, filled, one after another: a repeated row once per item of its table (not at
 * all for no items). Returns where each pattern row landed.
 */
function fillRows(ws: ExcelJSType.Worksheet, pattern: ExcelJSType.Worksheet, data: SheetData): Map<number, number[]> {
  const tables = Object.keys(data.rows);
  const placed = new Map<number, number[]>();
  let target = 1;
  for (let r = 1; r <= pattern.rowCount; r++) {
    const source = pattern.getRow(r);
    const table = repeatOf(pattern, r, tables);
    const items: Array<Record<string, CellValue> | undefined> = table ? data.rows[table]! : [undefined];
    const rows: number[] = [];
    for (const item of items) {
      const row = ws.getRow(target);
      if (source.height) row.height = source.height;
      source.eachCell({ includeEmpty: true }, (cell, c) => {
        const to = row.getCell(c);
        to.style = cell.style;
        const text = cellText(cell.value);
        to.value =
          text === undefined
            ? cell.value
            : fill(text, (key) => {
                const [head, ...rest] = key.split('.');
                if (item && table && head === table) return item[rest.join('.')];
                return data.values[key];
              });
      });
      rows.push(target++);
    }
    placed.set(r, rows);
  }
  return placed;
}

/**
 * The pattern's merges on the rows as they landed: one inside a repeated row is made for every copy;
 * any other follows its rows.
 */
function mergeLikePattern(ws: ExcelJSType.Worksheet, merges: readonly Range[], placed: Map<number, number[]>): void {
  for (const m of merges) {
    const tops = placed.get(m.top) ?? [];
    const bottoms = placed.get(m.bottom) ?? [];
    if (m.top === m.bottom) {
      for (const row of tops) ws.mergeCells(row, m.left, row, m.right);
    } else if (tops.length > 0 && bottoms.length > 0) {
      ws.mergeCells(tops[0]!, m.left, bottoms[bottoms.length - 1]!, m.right);
    }
  }
}

async function renderWorkbook(
  wb: ExcelJSType.Workbook,
  sheets: readonly SheetData[],
  photos?: PhotoSource,
): Promise<Uint8Array> {
  const pattern = wb.worksheets[0]!;
  const merges = ((pattern.model as unknown as { merges?: string[] }).merges ?? []).map(parseRange);
  for (const data of sheets) {
    const ws = sheetLike(wb, pattern, data.name);
    const placed = fillRows(ws, pattern, data);
    mergeLikePattern(ws, merges, placed);
    // Every row as tall as its wrapped text: a long 目前的困难 or a 硕士研究生 in a narrow column shows whole.
    fitRows(ws, [...placed.values()].flat());
    if (data.photos && photos) {
      const { addPhotoSheet } = await import('./photo-sheet.js');
      addPhotoSheet(wb, sheetName(wb, `照片-${data.name}`), data.photos, photos.root, photos.onProblem);
    }
  }
  wb.removeWorksheet(pattern.id);
  // exceljs zips with JSZip's JavaScript deflate: it stores the parts, and Node's zlib deflates them.
  const stored = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  return zip(unzip(stored as unknown as Uint8Array), { level: 6 });
}
