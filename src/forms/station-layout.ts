import { cols, type Layout, type SheetCell } from './layout-kit.js';
import type { Form } from './form.js';

/** What sets one station table's sheet apart: its columns, the org's cells of row 3, its titles. */
export interface StationColumns {
  widths: number[];
  /** Row 2's merges after A2:B2; row 3's after A3:B3. */
  merges2: string[];
  merges3: string[];
  /** The org's head, title and contact, in row 3. */
  orgCells: SheetCell[];
  /** The column titles: one row, or two when a column splits in two (独用 / 合用). */
  titles: Array<[address: string, text: string]>;
  titleMerges: string[];
  /** The data row: [column, placeholder, a text read from the left?]. */
  cells: Array<[column: string, text: string, wide?: boolean]>;
}

/**
 * The sheet that 站点人员情况统计总表 and 站点实体建设情况统计总表 share (landscape): the county in the
 * title, the date and the assistant, the org, the column titles, the repeated row, the form's note.
 */
export const stationLayout = (form: Form, columns: StationColumns): Layout => {
  const n = columns.widths.length;
  const last = cols(n)[n - 1]!;
  const headerRows = columns.titles.some(([address]) => /^[A-Z]+5$/.test(address)) ? 2 : 1;
  const dataRow = 4 + headerRows;
  const bold = { bold: true };
  return {
    document: 'xlsx',
    sheet: {
      title: `{{city}}{{county}}${form.title}`,
      widths: columns.widths,
      heights: { 2: 24, 3: 24, 4: 30, [dataRow]: 24 },
      cells: [
        ['A2', '填表时间', bold],
        ['C2', '{{date}}'],
        [`${cols(n)[Math.ceil(n / 2)]}2`, '督导助理', bold],
        [`${cols(n)[Math.ceil(n / 2) + 2]}2`, '{{assistant}}'],
        ['A3', '承接机构名称', bold],
        ['C3', '{{org.name}}'],
        ...columns.orgCells,
        ...columns.titles.map(([address, text]): SheetCell => [address, text, bold]),
        ...columns.cells.map(([c, key, wide]): SheetCell => [
          `${c}${dataRow}`,
          key,
          { align: wide ? 'left' : 'center' },
        ]),
        [`A${dataRow + 1}`, `注：${form.note}`, { align: 'left' }],
      ],
      merges: [
        `A1:${last}1`,
        'A2:B2',
        ...columns.merges2,
        'A3:B3',
        ...columns.merges3,
        ...columns.titleMerges,
        `A${dataRow + 1}:${last}${dataRow + 1}`,
      ],
      bordered: [2, dataRow],
    },
  };
};

/** Row 3's org cells, from the given columns: 负责人姓名, 职务, 联系方式 and their values. */
export const orgCells = (
  head: string,
  headValue: string,
  title: string,
  titleValue: string,
  contact: string,
  contactValue: string,
): SheetCell[] => [
  [head, '负责人姓名', { bold: true }],
  [headValue, '{{org.head}}'],
  [title, '职务', { bold: true }],
  [titleValue, '{{org.title}}'],
  [contact, '联系方式', { bold: true }],
  [contactValue, '{{org.contact}}'],
];
