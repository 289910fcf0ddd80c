/**
 * `kmsw tally --month`: the 数量 column of the 督导资料清单汇总表, counted from the month's records.
 * 质量, 分值 and 备注 stay blank: the project office fills them. Every record file of the month that
 * is not counted is named, with the reason `check` gives for it.
 */
import { checklistRows, scanPeriod, whyLeftOut } from '../scan/period.js';
import type { Tally } from '../scan/results.js';
import type { Day } from '../values/date.js';

export async function tally(opts: { root: string; today: Day; month: string }): Promise<Tally> {
  const scan = await scanPeriod({ root: opts.root, today: opts.today, months: [opts.month] });
  const rows = checklistRows(scan.facts, opts.month, scan.clean);
  const counted = new Set(rows.flatMap((row) => row.files));
  const leftOut = whyLeftOut(
    scan.files.get(opts.month)!.filter((f) => !counted.has(f)),
    scan,
    opts.month,
  );
  return { month: opts.month, rows, leftOut };
}
