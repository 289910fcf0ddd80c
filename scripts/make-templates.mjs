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

const p = (text, opts = {}) => new Paragraph({ alignment: opts.align, spacing: { line: 360 }, children: [new TextRun({ text, bold: opts.bold, size: opts.size })] });
const label = (text, span = 1) => new TableCell({ columnSpan: span, verticalAlign: VerticalAlign.CENTER, width: { size: GRID.slice(0, span).reduce((a, b) => a + b, 0), type: WidthType.DXA }, children: [p(text, { align: AlignmentType.CENTER })] });
const value = (text, span = 1, width = VALUE) => new TableCell({ columnSpan: span, verticalAlign: VerticalAlign.CENTER, width: { size: width, type: WidthType.DXA }, children: [p(text)] });
const wide = (text) => value(text, 3, TEXT_WIDTH - LABEL);
/** A long text: written from the top of its cell, as on paper. */
const block = (text) => new TableCell({ columnSpan: 3, verticalAlign: VerticalAlign.TOP, width: { size: TEXT_WIDTH - LABEL, type: WidthType.DXA }, children: [p(text)] });
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
