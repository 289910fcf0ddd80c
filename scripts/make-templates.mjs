#!/usr/bin/env node
/**
 * Writes the built-in Word templates (templates/*.docx) from the forms' own labels: the official
 * form's title, its table in the handbook's order, and a {{placeholder}} where each value goes.
 * Run once when a form changes (npm run build first); the .docx files are committed, and the
 * project office may then edit them in Word or WPS like any document.
 *
 *   node scripts/make-templates.mjs
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlignmentType, BorderStyle, Document, HeightRule, Packer, PageOrientation, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import { formByKey } from '../dist/forms/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'templates');

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', cs: 'Times New Roman' };
/** A4, in twentieths of a point; 2.5 cm side margins leave 16 cm for the table. */
const PAGE = { width: 11906, height: 16838, margin: { top: 1417, bottom: 1417, left: 1417, right: 1417 } };
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
const LABEL = 1900;
const VALUE = (TEXT_WIDTH - 2 * LABEL) / 2;
const GRID = [LABEL, VALUE, LABEL, VALUE];
const cm = (n) => Math.round(n * 567);

const line = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const borders = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };

const p = (text, opts = {}) => new Paragraph({ alignment: opts.align, spacing: { line: opts.line ?? 360 }, children: [new TextRun({ text, bold: opts.bold, size: opts.size })] });
const label = (text, span = 1) => new TableCell({ columnSpan: span, verticalAlign: VerticalAlign.CENTER, width: { size: GRID.slice(0, span).reduce((a, b) => a + b, 0), type: WidthType.DXA }, children: [p(text, { align: AlignmentType.CENTER })] });
const value = (text, span = 1, width = VALUE) => new TableCell({ columnSpan: span, verticalAlign: VerticalAlign.CENTER, width: { size: width, type: WidthType.DXA }, children: [p(text)] });
const wide = (text) => value(text, 3, TEXT_WIDTH - LABEL);
/** A long text: written from the top of its cell, as on paper. */
const block = (text) => new TableCell({ columnSpan: 3, verticalAlign: VerticalAlign.TOP, width: { size: TEXT_WIDTH - LABEL, type: WidthType.DXA }, children: [p(text, { line: 300 })] });
const row = (cells, height) => new TableRow({ cantSplit: false, height: height ? { value: height, rule: HeightRule.ATLEAST } : { value: cm(1), rule: HeightRule.ATLEAST }, children: cells });
const signatureCell = (who, key) =>
  new TableCell({
    columnSpan: 2,
    width: { size: LABEL + VALUE, type: WidthType.DXA },
    children: [p(`${who}（签名）：{{${key}.image}}{{${key}.name}}`), p(`日期：{{${key}.date}}`)],
  });

/** The form's name, centred and bold as printed; lines given apart are broken apart. */
const title = (...lines) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: lines.map((text, i) => new TextRun({ text, bold: true, size: 36, break: i > 0 ? 1 : 0 })) });
const note = (text) => new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text, size: 21 })] });
const table = (rows) => new Table({ layout: TableLayoutType.FIXED, width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: GRID, borders, rows });

/** Each Word form's page: the title, its table, its small print. Labels come from the form definitions. */
const L = (form, key) => formByKey(form).fields[key].label;
const LAYOUTS = {
  log: () => [
    title('督导工作日志'),
    table([
      row([label('填表人'), value('{{author}}'), label('日期'), value('{{date}}')]),
      row([label(L('log', 'content')), block('{{content}}')], cm(15)),
      row([label(L('log', 'plan')), block('{{plan}}')], cm(4)),
    ]),
  ],
  monthly: () => [
    title('督导工作{{month}}月度总结'),
    table([
      row([label('填表人'), value('{{author}}'), label('日期'), value('{{date}}')]),
      row([label(L('monthly', 'content')), block('{{content}}')], cm(8)),
      row([label(L('monthly', 'review')), block('{{review}}')], cm(5)),
      row([label(L('monthly', 'plan')), block('{{plan}}')], cm(5)),
    ]),
  ],
  record: () => supervision('record', 'supervisee', '督导对象'),
  individual: () => supervision('individual', 'worker', '被督导社工'),
  group: () => [
    title('团体督导记录表'),
    new Paragraph({ spacing: { line: 360 }, children: [new TextRun('被督导者所属地区：{{city}}（市、州）  {{county}}（县、市、区）')] }),
    new Paragraph({ spacing: { line: 360, after: 120 }, children: [new TextRun('督导地址：{{address}}    督导形式：{{mode}}')] }),
    table([
      row([label('日期'), wide('{{date}}')]),
      row([label(L('group', 'experts')), wide('{{experts}}')]),
      row([label(L('group', 'assistants')), wide('{{assistants}}')]),
      row([label(L('group', 'supervisees')), wide('{{supervisees}}')]),
      row([label(L('group', 'content')), block('{{content}}')], cm(7)),
      row([label(L('group', 'advice')), block('{{advice}}')], cm(6)),
      row([label(L('group', 'duration')), wide('{{duration}}')]),
      row([label(L('group', 'signature')), wide('{{signature.image}}{{signature.name}}    {{signature.date}}')], cm(1.6)),
    ]),
    note(`*${formByKey('group').note}`),
  ],
  needs: () => [
    title('昆明市乡镇（街道）社会工作服务站', '已有项目化运营站点督导需求统计表'),
    table([
      row([label('社工站'), value('{{station}}'), label('县（市、区）'), value('{{county}}')]),
      row([label('日期'), value('{{date}}'), label(L('needs', 'type')), value('{{type}}')]),
      row([label(L('needs', 'request')), block('{{request}}')], cm(14)),
    ]),
  ],
  case: () => [
    title('昆明市乡镇（街道）社会工作服务站', '案例收集需求表'),
    table([
      row([label(L('case', 'title')), value('{{title}}'), label(L('case', 'category')), value('{{category}}')]),
      row([label(L('case', 'station')), value('{{station}}'), label(L('case', 'lead')), value('{{lead}}')]),
      row([label('县（市、区）'), value('{{county}}'), label('日期'), value('{{date}}')]),
      ...['background', 'strategy', 'plan', 'process', 'result'].map((key, i) => row([label(`${i + 1}.${formByKey('case').fields.outline.fields[key].label}`), block(`{{outline.${key}}}`)], cm(3))),
    ]),
  ],
};

function supervision(form, worker, workerLabel) {
  const f = formByKey(form);
  return [
    title(f.title),
    table([
      row([label(workerLabel), value(`{{${worker}}}`), label('督    导'), value('{{supervisor}}')]),
      row([label(f.fields.type.label), value('{{type}}'), label(f.fields.method.label), value('{{method}}')]),
      row([label(f.fields.date.label), value('{{date}}'), label(f.fields.duration.label), value('{{duration}}')]),
      row([label(f.fields.location.label), wide('{{location}}')]),
      row([label(f.fields.content.label), block('{{content}}')], cm(5)),
      row([label(f.fields.advice.label), block('{{advice}}')], cm(5)),
      row([label(f.fields.worker_plan.label), block('{{worker_plan}}')], cm(3.5)),
      row([signatureCell('社工', 'signatures.worker'), signatureCell('督导', 'signatures.supervisor')], cm(2)),
    ]),
    note(`* ${f.note}`),
  ];
}

for (const [key, layout] of Object.entries(LAYOUTS)) {
  const form = formByKey(key);
  const doc = new Document({
    creator: 'kmsw',
    title: form.title,
    description: '督导资料模板：{{…}} 处由 kmsw export 填入记录的内容。可以在 Word 或 WPS 里修改版式，但请保留占位符。',
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ properties: { page: { size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT }, margin: PAGE.margin } }, children: layout() }],
  });
  const file = path.join(out, `${form.title}.docx`);
  writeFileSync(file, await Packer.toBuffer(doc));
  process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
}

// ---- Excel: the wide tables (landscape), the survey and the checklist. -------------------------
const { default: ExcelJS } = await import('exceljs');

const FONT_NAME = 'SimSun';
const thin = { style: 'thin', color: { argb: 'FF000000' } };
const boxed = { top: thin, left: thin, bottom: thin, right: thin };
const centre = { vertical: 'middle', horizontal: 'center', wrapText: true };
const left = { vertical: 'middle', horizontal: 'left', wrapText: true };

/**
 * One sheet of a workbook template: `cells` are [address, text, style?], `merges` ranges, `widths`
 * the columns'. The row holding `{{table.field}}` placeholders is repeated once per row of data.
 */
function sheet(wb, name, { title, cells, merges, widths, heights = {}, landscape = true, bordered }) {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { name: FONT_NAME, size: 16, bold: true };
  ws.getCell('A1').alignment = centre;
  ws.getRow(1).height = 32;
  for (const [address, text, style = {}] of cells) {
    const cell = ws.getCell(address);
    cell.value = text;
    cell.font = { name: FONT_NAME, size: 11, bold: style.bold };
    cell.alignment = style.align ?? centre;
    if (style.numFmt) cell.numFmt = style.numFmt;
  }
  for (const range of merges) ws.mergeCells(range);
  for (const [row, h] of Object.entries(heights)) ws.getRow(Number(row)).height = h;
  // Borders on the table's rows, so a printed sheet looks like the paper form.
  const [from, to] = bordered;
  for (let r = from; r <= to; r++) for (let c = 1; c <= widths.length; c++) ws.getCell(r, c).border = boxed;
  return ws;
}

const cols = (n) => Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));

async function stationWorkbook(formKey, header, rowCells, extraHeader, note) {
  const form = formByKey(formKey);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kmsw';
  const n = header.widths.length;
  const last = cols(n)[n - 1];
  const headerRows = extraHeader ? 2 : 1;
  const dataRow = 4 + headerRows;
  sheet(wb, '模板', {
    title: `{{city}}{{county}}${form.title}`,
    widths: header.widths,
    heights: { 2: 24, 3: 24, 4: 30, [dataRow]: 24 },
    cells: [
      ['A2', '填表时间', { bold: true }], ['C2', '{{date}}'], [`${cols(n)[Math.ceil(n / 2)]}2`, '督导助理', { bold: true }], [`${cols(n)[Math.ceil(n / 2) + 2]}2`, '{{assistant}}'],
      ['A3', '承接机构名称', { bold: true }], ['C3', '{{org.name}}'], ...header.orgCells,
      ...header.titles.map(([address, text]) => [address, text, { bold: true }]),
      // Names and texts read from the left; marks, numbers and short values sit in the middle.
      ...rowCells.map(([c, key, wide]) => [`${c}${dataRow}`, key, { align: wide ? left : centre }]),
      [`A${dataRow + 1}`, note, { align: left }],
    ],
    merges: [`A1:${last}1`, 'A2:B2', ...header.merges2, 'A3:B3', ...header.merges3, ...header.titleMerges, `A${dataRow + 1}:${last}${dataRow + 1}`],
    bordered: [2, dataRow],
  });
  const file = path.join(out, `${form.title}.xlsx`);
  await wb.xlsx.writeFile(file);
  process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
}

const staff = formByKey('roster').fields.staff.fields;
await stationWorkbook(
  'roster',
  {
    widths: [6, 22, 10, 6, 14, 12, 14, 8, 24, 12, 18],
    merges2: ['C2:F2', 'G2:H2', 'I2:K2'],
    orgCells: [['F3', '负责人姓名', { bold: true }], ['G3', '{{org.head}}'], ['H3', '职务', { bold: true }], ['I3', '{{org.title}}'], ['J3', '联系方式', { bold: true }], ['K3', '{{org.contact}}']],
    merges3: ['C3:E3'],
    titles: [['A4', '序号'], ['B4', staff.station.label], ['C4', staff.name.label], ['D4', staff.gender.label], ['E4', '年龄（或出生年月）'], ['F4', staff.hired.label], ['G4', staff.major.label], ['H4', staff.education.label], ['I4', staff.difficulties.label], ['J4', staff.salary.label], ['K4', staff.note.label]],
    titleMerges: [],
  },
  [['A', '{{staff.no}}'], ['B', '{{staff.station}}', true], ['C', '{{staff.name}}'], ['D', '{{staff.gender}}'], ['E', '{{staff.age}}'], ['F', '{{staff.hired}}'], ['G', '{{staff.major}}'], ['H', '{{staff.education}}'], ['I', '{{staff.difficulties}}', true], ['J', '{{staff.salary}}'], ['K', '{{staff.note}}', true]],
  false,
  `注：${formByKey('roster').note}`,
);

const station = formByKey('sites').fields.stations.fields;
await stationWorkbook(
  'sites',
  {
    widths: [6, 22, 7, 7, 7, 7, 7, 7, 10, 8, 8, 10, 8, 8, 8, 30],
    merges2: ['C2:H2', 'I2:J2', 'K2:P2'],
    orgCells: [['I3', '负责人姓名', { bold: true }], ['J3', '{{org.head}}'], ['K3', '职务', { bold: true }], ['L3', '{{org.title}}'], ['M3', '联系方式', { bold: true }], ['O3', '{{org.contact}}']],
    merges3: ['C3:H3', 'M3:N3', 'O3:P3'],
    titles: [
      ['A4', '序号'], ['B4', station.name.label], ['C4', station.office.label], ['E4', station.door_plate.label], ['G4', station.board.label],
      ['I4', '一室型'], ['J4', '两室型'], ['K4', '多室型'], ['L4', station.logo.label], ['M4', station.badge.label], ['N4', station.cap.label], ['O4', station.vest.label], ['P4', station.photos.label],
      ['C5', '独用'], ['D5', '合用'], ['E5', '竖排'], ['F5', '横排'], ['G5', '独用'], ['H5', '合用'],
    ],
    titleMerges: ['A4:A5', 'B4:B5', 'C4:D4', 'E4:F4', 'G4:H4', 'I4:I5', 'J4:J5', 'K4:K5', 'L4:L5', 'M4:M5', 'N4:N5', 'O4:O5', 'P4:P5'],
  },
  [
    ['A', '{{stations.no}}'], ['B', '{{stations.name}}', true], ['C', '{{stations.office:独用}}'], ['D', '{{stations.office:合用}}'], ['E', '{{stations.door_plate:竖排}}'], ['F', '{{stations.door_plate:横排}}'],
    ['G', '{{stations.board:独用}}'], ['H', '{{stations.board:合用}}'], ['I', '{{stations.rooms:一室型}}'], ['J', '{{stations.rooms:两室型}}'], ['K', '{{stations.rooms:多室型}}'],
    ['L', '{{stations.logo}}'], ['M', '{{stations.badge}}'], ['N', '{{stations.cap}}'], ['O', '{{stations.vest}}'], ['P', '{{stations.photos}}', true],
  ],
  true,
  `注：${formByKey('sites').note}`,
);

{
  const survey = formByKey('survey');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kmsw';
  const levels = ['非常不满意', '很不满意', '一般', '很满意', '非常满意'];
  sheet(wb, '模板', {
    title: survey.title,
    landscape: false,
    widths: [6, 46, 9, 9, 9, 9, 9, 9],
    heights: { 2: 22, 3: 30, 4: 30, 5: 22 },
    cells: [
      ['A2', '县（市、区）：{{county}}    日期：{{date}}    问卷份数：{{responses}}', { align: left }],
      ['A3', '序号', { bold: true }], ['B3', '选项内容', { bold: true }], ...levels.map((l, i) => [`${cols(8)[i + 2]}3`, l, { bold: true }]), ['H3', '平均分', { bold: true }],
      ['A4', '{{questions.no}}'], ['B4', '{{questions.text}}', { align: left }], ...levels.map((_, i) => [`${cols(8)[i + 2]}4`, `{{questions.level${i + 1}}}`]), ['H4', '{{questions.mean}}', { numFmt: '0.00' }],
      ['A5', '评分：非常不满意 1，很不满意 2，一般 3，很满意 4，非常满意 5；平均分为各份问卷评分的平均。所评督导：{{session}}', { align: left }],
    ],
    merges: ['A1:H1', 'A2:H2', 'A5:H5'],
    bordered: [3, 4],
  });
  const file = path.join(out, `${survey.title}.xlsx`);
  await wb.xlsx.writeFile(file);
  process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
}

{
  const { CHECKLIST_TITLE, CHECKLIST_NOTE } = await import('../dist/forms/checklist.js');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kmsw';
  sheet(wb, '模板', {
    title: `{{year}}年{{month}}月${CHECKLIST_TITLE}`,
    landscape: false,
    widths: [8, 42, 10, 10, 10, 20],
    heights: { 2: 26, 3: 30, 4: 40 },
    cells: [
      ['A2', '序号', { bold: true }], ['B2', '表格名称', { bold: true }], ['C2', '数量', { bold: true }], ['D2', '质量', { bold: true }], ['E2', '分值', { bold: true }], ['F2', '备注', { bold: true }],
      ['A3', '{{rows.no}}'], ['B3', '{{rows.name}}', { align: left }], ['C3', '{{rows.count}}'], ['D3', ''], ['E3', ''], ['F3', ''],
      ['A4', CHECKLIST_NOTE, { align: left }],
    ],
    merges: ['A1:F1', 'A4:F4'],
    bordered: [2, 3],
  });
  const file = path.join(out, `${CHECKLIST_TITLE}.xlsx`);
  await wb.xlsx.writeFile(file);
  process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
}
