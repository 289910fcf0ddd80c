/**
 * The building blocks of the built-in templates' layouts: a Word form's title, table, rows and
 * cells, an Excel form's sheet. They are plain data, so a form's layout (src/forms/<key>/layout.ts)
 * costs nothing to load and can be read for its placeholders; src/render/make-templates.ts turns
 * them into .docx and .xlsx files with docx and exceljs.
 */
import type { Field, Fields } from './fields.js';

/** A4, in twentieths of a point; 2.5 cm side margins leave 16 cm for the table. */
export const PAGE = { width: 11906, height: 16838, margin: { top: 1417, bottom: 1417, left: 1417, right: 1417 } };
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
const LABEL = 1900;
const VALUE = (TEXT_WIDTH - 2 * LABEL) / 2;
/** The Word table's four columns: label, value, label, value. */
export const GRID = [LABEL, VALUE, LABEL, VALUE];
export const cm = (n: number) => Math.round(n * 567);

// ---- Word ------------------------------------------------------------------------------------

/** A run of text; a bare string is a run as docx makes it from a string. */
export type Run = string | { text: string; bold?: boolean; size?: number; break?: number };

export interface Para {
  align?: 'center';
  spacing: { line?: number; before?: number; after?: number };
  runs: Run[];
}

export interface WordCell {
  span: number;
  width: number;
  /** Where the text sits: the middle for a label or a short value, the top for a long text. */
  valign?: 'center' | 'top';
  paras: Para[];
}

export interface WordRow {
  height: number;
  cells: WordCell[];
  /** Kept with what follows it on one page (Word's keep-with-next on its paragraphs). */
  keepNext?: boolean;
}

export interface WordTable {
  rows: WordRow[];
}

/** A Word form's page, from the top: paragraphs and tables. */
export type WordBlock = Para | WordTable;

const p = (text: string, opts: { align?: 'center'; line?: number } = {}): Para => ({
  align: opts.align,
  spacing: { line: opts.line ?? 360 },
  runs: [{ text }],
});

export const label = (text: string, span = 1): WordCell => ({
  span,
  width: GRID.slice(0, span).reduce((a, b) => a + b, 0),
  valign: 'center',
  paras: [p(text, { align: 'center' })],
});

export const value = (text: string, span = 1, width = VALUE): WordCell => ({
  span,
  width,
  valign: 'center',
  paras: [p(text)],
});

/** A value across the row's three other columns. */
export const wide = (text: string) => value(text, 3, TEXT_WIDTH - LABEL);

/** A long text: written from the top of its cell, as on paper. */
export const block = (text: string): WordCell => ({
  span: 3,
  width: TEXT_WIDTH - LABEL,
  valign: 'top',
  paras: [p(text, { line: 300 })],
});

/** A long text under the handbook's guidance for it, printed small above it as on the paper form. */
export const guided = (guide: string, text: string): WordCell => ({
  ...block(text),
  paras: [{ spacing: { line: 300 }, runs: [{ text: guide, size: 21 }] }, p(text, { line: 300 })],
});

export const row = (cells: WordCell[], height = cm(1)): WordRow => ({ height, cells });

/** A row kept on one page and with what follows it (the last rows, the footnote): no page ends in it or after it. */
export const keptRow = (cells: WordCell[], height = cm(1)): WordRow => ({ height, cells, keepNext: true });

/** Half a row for one signature: `who（签名）：` with the picture and the name, then its date. */
export const signatureCell = (who: string, key: string): WordCell => ({
  span: 2,
  width: LABEL + VALUE,
  paras: [p(`${who}（签名）：{{${key}.image}}{{${key}.name}}`), p(`日期：{{${key}.date}}`)],
});

/** The form's name, centred and bold as printed; lines given apart are broken apart. */
export const title = (...lines: string[]): Para => ({
  align: 'center',
  spacing: { after: 240 },
  runs: lines.map((text, i) => ({ text, bold: true, size: 36, break: i > 0 ? 1 : 0 })),
});

/** A line of plain text above the table. */
export const line = (text: string, after?: number): Para => ({
  spacing: after === undefined ? { line: 360 } : { line: 360, after },
  runs: [text],
});

/** The small print under the table. */
export const note = (text: string): Para => ({ spacing: { before: 120 }, runs: [{ text, size: 21 }] });

export const table = (rows: WordRow[]): WordTable => ({ rows });

// ---- Excel -----------------------------------------------------------------------------------

export interface CellStyle {
  bold?: boolean;
  /** Names and texts read from the left; marks, numbers and short values sit in the middle (the default). */
  align?: 'left' | 'center';
  numFmt?: string;
}

/** A cell of a sheet: its address, its text, and how it looks. */
export type SheetCell = [address: string, text: string, style?: CellStyle];

/**
 * One sheet of a workbook template: `cells` are [address, text, style?], `merges` ranges, `widths`
 * the columns'. The row holding `{{table.field}}` placeholders is repeated once per row of data.
 */
export interface SheetLayout {
  title: string;
  cells: SheetCell[];
  merges: string[];
  widths: number[];
  heights?: Record<number, number>;
  landscape?: boolean;
  /** The first and last row of the table, which get borders. */
  bordered: [number, number];
}

/** Column letters A, B, C… of the first `n` columns. */
export const cols = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));

// ---- Both ------------------------------------------------------------------------------------

/** What a template looks like: a Word page or an Excel sheet. */
export type Layout = { document: 'docx'; blocks: WordBlock[] } | { document: 'xlsx'; sheet: SheetLayout };

/** Every `{{placeholder}}` a layout holds, in order, each once. */
export function layoutPlaceholders(layout: Layout): string[] {
  const texts =
    layout.document === 'xlsx'
      ? [layout.sheet.title, ...layout.sheet.cells.map(([, text]) => text)]
      : layout.blocks
          .flatMap((b) => ('rows' in b ? b.rows.flatMap((r) => r.cells.flatMap((c) => c.paras)) : [b]))
          .flatMap((para) => para.runs.map((r) => (typeof r === 'string' ? r : r.text)));
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)].map((m) => m[1]!)))];
}

/** A field of a form by its dotted path (`outline.background`): a layout naming a field the form lacks fails here. */
export function fieldOf(fields: Fields, dotted: string): Field {
  const [head, ...rest] = dotted.split('.');
  const field = fields[head!];
  if (!field) throw new Error(`the form has no field ${dotted}`);
  if (rest.length === 0) return field;
  if (!('fields' in field)) throw new Error(`the field ${head} has no fields inside`);
  return fieldOf(field.fields, rest.join('.'));
}

/** The label of a form's field, as the layout prints it. */
export const labelOf = (fields: Fields, dotted: string) => fieldOf(fields, dotted).label;
