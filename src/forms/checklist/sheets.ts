import type { ExcelOutput, SheetContext, SheetData } from '../sheet-data.js';

const PLACEHOLDERS = ['year', 'month', 'rows.no', 'rows.name', 'rows.count', 'rows.quality', 'rows.score', 'rows.note'];

/** The month's one sheet: a row per form with its count (tally's); quality, score and note are the office's. */
export function checklistSheet(month: string, rows: SheetContext['tally']): SheetData {
  const [year, m] = month.split('-');
  return {
    name: `${year}年${Number(m)}月`,
    values: { year: year!, month: String(Number(m)) },
    rows: { rows: rows.map((r) => ({ no: r.no, name: r.name, count: r.count, quality: '', score: '', note: '' })) },
  };
}

export const checklistOutput: ExcelOutput = {
  placeholders: PLACEHOLDERS,
  labels: {
    year: '年份',
    month: '月份',
    'rows.no': '序号',
    'rows.name': '表格名称',
    'rows.count': '数量',
    'rows.quality': '质量',
    'rows.score': '分值',
    'rows.note': '备注',
  },
  sheets: (_, ctx) => [checklistSheet(ctx.month, ctx.tally)],
};
