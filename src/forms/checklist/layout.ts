import type { Layout } from '../layout-kit.js';

/** 督导资料清单汇总表 (portrait): a row per form with its count; quality and score are the office's. */
export const layout = (title: string, note: string): Layout => ({
  document: 'xlsx',
  sheet: {
    title: `{{year}}年{{month}}月${title}`,
    landscape: false,
    widths: [8, 42, 10, 10, 10, 20],
    heights: { 2: 26, 3: 30, 4: 40 },
    cells: [
      ['A2', '序号', { bold: true }],
      ['B2', '表格名称', { bold: true }],
      ['C2', '数量', { bold: true }],
      ['D2', '质量', { bold: true }],
      ['E2', '分值', { bold: true }],
      ['F2', '备注', { bold: true }],
      ['A3', '{{rows.no}}'],
      ['B3', '{{rows.name}}', { align: 'left' }],
      ['C3', '{{rows.count}}'],
      ['D3', ''],
      ['E3', ''],
      ['F3', ''],
      ['A4', note, { align: 'left' }],
    ],
    merges: ['A1:F1', 'A4:F4'],
    bordered: [2, 3],
  },
});
