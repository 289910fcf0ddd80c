import { cols, type Layout } from '../layout-kit.js';
import type { Form } from '../form.js';

const LEVELS = ['非常不满意', '很不满意', '一般', '很满意', '非常满意'];

/** 督导满意度调研表 (portrait): a row per question, the count of each rating and the mean. */
export const layout = (form: Form): Layout => ({
  document: 'xlsx',
  sheet: {
    title: form.title,
    landscape: false,
    widths: [6, 46, 9, 9, 9, 9, 9, 9],
    heights: { 2: 22, 3: 30, 4: 30, 5: 22 },
    cells: [
      ['A2', '县（市、区）：{{county}}    日期：{{date}}    问卷份数：{{responses}}', { align: 'left' }],
      ['A3', '序号', { bold: true }],
      ['B3', '选项内容', { bold: true }],
      ...LEVELS.map((l, i): [string, string, { bold: boolean }] => [`${cols(8)[i + 2]}3`, l, { bold: true }]),
      ['H3', '平均分', { bold: true }],
      ['A4', '{{questions.no}}'],
      ['B4', '{{questions.text}}', { align: 'left' }],
      ...LEVELS.map((_, i): [string, string] => [`${cols(8)[i + 2]}4`, `{{questions.level${i + 1}}}`]),
      ['H4', '{{questions.mean}}', { numFmt: '0.00' }],
      [
        'A5',
        '评分：非常不满意 1，很不满意 2，一般 3，很满意 4，非常满意 5；平均分为各份问卷评分的平均。所评督导：{{session}}',
        { align: 'left' },
      ],
    ],
    merges: ['A1:H1', 'A2:H2', 'A5:H5'],
    bordered: [3, 4],
  },
});
