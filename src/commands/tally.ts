/**
 * `kmsw tally --month`: the 数量 column of the 督导资料清单汇总表, counted from the month's records.
 * 质量, 分值 and 备注 stay blank: the project office fills them.
 */
import { CHECKLIST } from '../forms/checklist.js';
import { listRecordFiles, type SkippedLink } from '../records/load.js';
import { sessionCount } from '../rules/sessions.js';
import type { RecordFacts } from '../rules/types.js';
import type { Day } from '../values/date.js';
import { openFolder, scanFolder } from './check.js';

export interface TallyRow {
  no: number;
  form: string;
  name: string;
  count: number;
  files: string[];
}

export interface Tally {
  month: string;
  rows: TallyRow[];
  /** Files of the month's folder that could not be read as records: not counted. */
  unreadable: string[];
}

/** The month's records of one form, in date order: what tally counts and export renders. */
export function recordsOfMonth(facts: readonly RecordFacts[], form: string, month: string): RecordFacts[] {
  return facts
    .filter((r) => r.form.key === form && r.when !== undefined && r.when.slice(0, 7) === month)
    .sort((a, b) => (a.when! < b.when! ? -1 : a.when! > b.when! ? 1 : a.file < b.file ? -1 : 1));
}

/** The checklist's rows for a month: each form's records of that month. */
export function checklistRows(facts: readonly RecordFacts[], month: string): TallyRow[] {
  return CHECKLIST.map((row, i) => {
    const records = recordsOfMonth(facts, row.form, month);
    // 团体督导 counts sessions: two records of one session (two assistants each wrote one) are one.
    const count = row.form === 'group' ? sessionCount(records) : records.length;
    return { no: i + 1, form: row.form, name: row.name, count, files: records.map((r) => r.file) };
  });
}

export async function tally(opts: { root: string; today: Day; month: string }): Promise<Tally> {
  const { ctx } = await openFolder({ root: opts.root, today: opts.today });
  const skipped: SkippedLink[] = [];
  const files = await listRecordFiles(opts.root, skipped);
  const { facts } = await scanFolder(ctx, { rules: [], files });
  const [y, m] = opts.month.split('-');
  const records = new Set(facts.map((r) => r.file));
  // A folder of the month that cannot be opened (`2026/11/log/`) is named too: its records are not counted.
  const unreadable = [...files, ...skipped.map((s) => s.file)].filter((f) => f.startsWith(`${y}/${m}/`) && !records.has(f)).sort();
  return { month: opts.month, rows: checklistRows(facts, opts.month), unreadable };
}
