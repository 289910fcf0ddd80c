/**
 * `kmsw tally --month`: the 数量 column of the 督导资料清单汇总表, counted from the month's records.
 * 质量, 分值 and 备注 stay blank: the project office fills them. Every record file of the month that
 * is not counted is named, with the reason `check` gives for it.
 */
import { checklistRows, nestedNotes, scanPeriod, whyLeftOut, type FolderScan } from '../scan/period.js';
import type { Tally } from '../scan/results.js';
import type { Day } from '../values/date.js';

export async function tally(opts: { root: string; today: Day; month: string }): Promise<Tally> {
  return (await tallyMonths({ ...opts, months: [opts.month] }))[0]!;
}

/** Each month's tally, from one scan of the months (`report` counts a year's). */
export async function tallyMonths(opts: {
  root: string;
  today: Day;
  months: readonly string[];
  /** The folder already scanned (`report`'s status scan): counted from, not read again. */
  scanned?: FolderScan;
}): Promise<Tally[]> {
  const scan = await scanPeriod(opts);
  return opts.months.map((month) => {
    const rows = checklistRows(scan.facts, month, scan.clean);
    const counted = new Set(rows.flatMap((row) => row.files));
    const leftOut = whyLeftOut(
      scan.files.get(month)!.filter((f) => !counted.has(f)),
      scan,
      month,
    );
    return { month, rows, leftOut, ...nestedNotes(opts.root, scan, 'tally', `--month ${month}`) };
  });
}
