/**
 * 督导资料清单汇总表: the monthly checklist the project office scores. Not a record: `tally`
 * counts each form's records of the month. The handbook lists five forms first, in this order,
 * with short names; the other forms follow in the order of the forms table.
 */
import type { Output } from '../form.js';
import { FORMS } from '../index.js';
import { layout } from './layout.js';
import { checklistOutput } from './sheets.js';

export interface ChecklistRow {
  form: string;
  /** As the checklist prints it, e.g. 《督导工作日志》. */
  name: string;
}

const HANDBOOK_ROWS: ChecklistRow[] = [
  { form: 'log', name: '《督导工作日志》' },
  { form: 'monthly', name: '《督导工作月度总结》' },
  { form: 'record', name: '《内部督导记录表》《线上督导记录表》' },
  { form: 'roster', name: '《站点人员情况统计总表》' },
  { form: 'sites', name: '《站点实体建设情况统计总表》' },
];

export const CHECKLIST: readonly ChecklistRow[] = [
  ...HANDBOOK_ROWS,
  ...FORMS.filter((f) => !HANDBOOK_ROWS.some((r) => r.form === f.key)).map((f) => ({
    form: f.key,
    name: `《${f.title}》`,
  })),
];

export const CHECKLIST_TITLE = '督导资料清单汇总表';
export const CHECKLIST_NOTE =
  '注：该表格，督导助理需把各项表格“数量”进行统计，只需完成“数量”一栏，其余几项由“项目办”完成。';

/** The checklist as export writes it: a template and a sheet like a form's, but no records of its own. */
export const checklist: Output = {
  key: 'checklist',
  title: CHECKLIST_TITLE,
  everyMonth: true,
  document: 'xlsx',
  layout: () => layout(CHECKLIST_TITLE, CHECKLIST_NOTE),
  sheets: checklistOutput,
};
