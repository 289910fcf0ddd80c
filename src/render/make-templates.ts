/**
 * Writes the built-in templates (templates/*.docx, *.xlsx) from each output's layout: the official
 * form's title, its table in the handbook's order, and a {{placeholder}} where each value goes.
 * Run when a form changes (scripts/make-templates.mjs); the files are committed, and the project
 * office may then edit them in Word, WPS or Excel like any document.
 *
 * The same layouts give the same bytes: the documents' dates are fixed (TEMPLATE_DATE) and each file
 * is zipped again with fixed entry dates, so regenerating shows no churn.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type ExcelJSType from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Output } from '../forms/form.js';
import { OUTPUTS } from '../forms/outputs.js';
import {
  GRID,
  PAGE,
  TEXT_WIDTH,
  type Para,
  type SheetLayout,
  type WordBlock,
  type WordCell,
} from '../forms/layout-kit.js';

/** The date every template says it was made (docProps/core.xml), so that it changes only with its layout. */
export const TEMPLATE_DATE = '2026-01-01T00:00:00Z';

type Docx = typeof import('docx');

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', cs: 'Times New Roman' };
const DESCRIPTION =
  '督导资料模板：{{…}} 处由 kmsw export 填入记录的内容。可以在 Word 或 WPS 里修改版式，但请保留占位符。';

function paragraph(d: Docx, para: Para, keepNext = false) {
  const children = para.runs.map((r) => (typeof r === 'string' ? new d.TextRun(r) : new d.TextRun(r)));
  return new d.Paragraph({
    alignment: para.align === 'center' ? d.AlignmentType.CENTER : undefined,
    spacing: para.spacing,
    ...(keepNext ? { keepNext: true } : {}),
    children,
  });
}

function cell(d: Docx, c: WordCell, keepNext = false) {
  const verticalAlign =
    c.valign === 'top' ? d.VerticalAlign.TOP : c.valign === 'center' ? d.VerticalAlign.CENTER : undefined;
  return new d.TableCell({
    columnSpan: c.span,
    ...(verticalAlign ? { verticalAlign } : {}),
    width: { size: c.width, type: d.WidthType.DXA },
    children: c.paras.map((p) => paragraph(d, p, keepNext)),
  });
}

function wordBlock(d: Docx, b: WordBlock) {
  if (!('rows' in b)) return paragraph(d, b);
  const line = { style: d.BorderStyle.SINGLE, size: 6, color: '000000' };
  const borders = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };
  const rows = b.rows.map(
    (r) =>
      new d.TableRow({
        // A row of short values stays whole on its page; a long text may go on to the next.
        cantSplit: !r.cells.some((c) => c.valign === 'top'),
        // At least its height: a row grows with its text, never cuts it off.
        height: { value: r.height, rule: d.HeightRule.ATLEAST },
        children: r.cells.map((c) => cell(d, c, r.keepNext)),
      }),
  );
  return new d.Table({
    layout: d.TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: d.WidthType.DXA },
    columnWidths: GRID,
    borders,
    rows,
  });
}

async function wordTemplate(output: Output, blocks: WordBlock[]): Promise<Uint8Array> {
  const d = await import('docx');
  const doc = new d.Document({
    creator: 'kmsw',
    title: output.title,
    description: DESCRIPTION,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: d.PageOrientation.PORTRAIT },
            margin: PAGE.margin,
          },
        },
        children: blocks.map((b) => wordBlock(d, b)),
      },
    ],
  });
  return d.Packer.toBuffer(doc);
}

const FONT_NAME = 'SimSun';
const thin = { style: 'thin', color: { argb: 'FF000000' } } as const;
const boxed = { top: thin, left: thin, bottom: thin, right: thin };
const centre = { vertical: 'middle', horizontal: 'center', wrapText: true } as const;
const left = { vertical: 'middle', horizontal: 'left', wrapText: true } as const;

/** One sheet of a workbook template, from its layout. */
function sheet(wb: ExcelJSType.Workbook, name: string, s: SheetLayout): void {
  const margins = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: s.landscape === false ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins,
    },
  });
  s.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getCell('A1').value = s.title;
  ws.getCell('A1').font = { name: FONT_NAME, size: 16, bold: true };
  ws.getCell('A1').alignment = centre;
  ws.getRow(1).height = 32;
  for (const [address, text, style = {}] of s.cells) {
    const c = ws.getCell(address);
    c.value = text;
    c.font = { name: FONT_NAME, size: 11, bold: style.bold };
    c.alignment = style.align === 'left' ? left : centre;
    if (style.numFmt) c.numFmt = style.numFmt;
  }
  for (const range of s.merges) ws.mergeCells(range);
  for (const [r, h] of Object.entries(s.heights ?? {})) ws.getRow(Number(r)).height = h;
  // Borders on the table's rows, so a printed sheet looks like the paper form.
  const [from, to] = s.bordered;
  for (let r = from; r <= to; r++) for (let c = 1; c <= s.widths.length; c++) ws.getCell(r, c).border = boxed;
}

async function excelTemplate(layout: SheetLayout): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kmsw';
  wb.created = wb.modified = new Date(TEMPLATE_DATE);
  sheet(wb, '模板', layout);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * The same file with fixed dates: docProps/core.xml's created and modified say TEMPLATE_DATE, and
 * the zip is written again, entries in the order the library wrote them, each dated TEMPLATE_DATE.
 */
export function fixDates(bytes: Uint8Array): Uint8Array {
  const parts = unzipSync(bytes);
  const core = parts['docProps/core.xml'];
  if (core) {
    const when = (tag: string) => new RegExp(`(<dcterms:${tag}\\b[^>]*>)[^<]*(</dcterms:${tag}>)`);
    let xml = strFromU8(core);
    for (const tag of ['created', 'modified']) xml = xml.replace(when(tag), `$1${TEMPLATE_DATE}$2`);
    parts['docProps/core.xml'] = strToU8(xml);
  }
  // A zip entry's date is a local date and time: the local midnight of the day is that day anywhere.
  const [y, m, d] = TEMPLATE_DATE.slice(0, 10).split('-').map(Number);
  return zipSync(parts, { level: 6, mtime: new Date(y!, m! - 1, d) });
}

/** The template an output's layout draws, as bytes. */
export async function templateBytes(output: Output): Promise<Uint8Array> {
  const layout = output.layout();
  const bytes =
    layout.document === 'docx' ? await wordTemplate(output, layout.blocks) : await excelTemplate(layout.sheet);
  return fixDates(bytes);
}

/** Writes every output's template into `outDir` (which must exist); returns the files written. */
export async function writeTemplates(outDir: string): Promise<string[]> {
  const files: string[] = [];
  for (const output of OUTPUTS) {
    const file = path.join(outDir, `${output.title}.${output.document}`);
    await writeFile(file, await templateBytes(output));
    files.push(file);
  }
  return files;
}
