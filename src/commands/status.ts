/**
 * `kmsw status`: one screen an assistant can read at a glance. The year's group sessions per
 * county against the handbook's requirements, online sessions per quarter, signatures due or
 * overdue, and this month's missing logs. The numbers come from the same facts `check` uses.
 */
import { bareName } from '../values/text.js';
import { msg } from '../i18n.js';
import { valueAt, type Signature } from '../forms/fields.js';
import { coversPeriod, listRecordFiles, nestedNote, type SkippedLink } from '../records/load.js';
import { dutyLines } from '../rules/duties.js';
import { logDays, quotaLines } from '../rules/folder.js';
import { RECORD_RULES, type RuleSettings } from '../rules/index.js';
import type { FolderContext, RecordFacts } from '../rules/types.js';
import { signatureSlots } from '../rules/record.js';
import { addDays, monthOf, type Day } from '../values/date.js';
import { scanFolder } from '../scan/folder.js';
import { openFolder } from '../scan/open.js';
import { withDuplicates, type FolderScan } from '../scan/period.js';
import type { ExpertEvaluations, PendingSignature, Status } from '../scan/results.js';
import { evaluationsByExpert, exitOf } from '../rules/evaluation.js';
import { waitingFor } from '../scan/signatures.js';

export interface StatusScan {
  status: Status;
  /** Every record of the folder, its record rules run. */
  facts: RecordFacts[];
  /** The folder's context; `counts` says whether a record has no error. */
  ctx: FolderContext;
  /** Every file of the folder, links included. */
  files: string[];
  /** The scan itself, for `tally` to count from. */
  scanned: FolderScan;
  /** kmsw.yaml's rule settings: a finding's severity. */
  settings: RuleSettings;
  /** Whether a record has no error, duplicate included: a log that counts. */
  clean: (r: RecordFacts) => boolean;
}

export async function status(opts: { root: string; today: Day; year?: number }): Promise<Status> {
  return (await statusScan(opts)).status;
}

/** The status, with the scan it was counted from: `report` draws the rest of its picture from the same facts. */
export async function statusScan(opts: { root: string; today: Day; year?: number }): Promise<StatusScan> {
  const year = opts.year ?? Number(opts.today.slice(0, 4));
  const { ctx, settings } = await openFolder({ root: opts.root, today: opts.today });
  const skipped: SkippedLink[] = [];
  const nested: string[] = [];
  const files = await listRecordFiles(opts.root, skipped, undefined, nested);
  // The record rules run, so that a log with errors (an empty scaffold) is not counted as written.
  const { facts, findings } = await scanFolder(ctx, { rules: RECORD_RULES, files, whole: true });
  // A log counts as tally counts it: no error, a second copy of one day's log (duplicate) included.
  const { clean } = withDuplicates(ctx, settings, facts, findings);

  const signatures = pendingSignatures(facts, year, opts.today, ctx.thresholds.signatureDays);
  const month = monthOf(opts.today);
  const monthCtx = { ...ctx, scope: { month } };
  // A log kmsw will not read (a link, `….yaml.txt`) is there but not usable: a day with errors, not a missing one.
  const logs = logDays(facts, monthCtx, [...files, ...skipped.map((l) => l.file)], clean).map((l) => ({
    name: l.name,
    expected: l.expected.length,
    written: l.expected.length - l.missing.length - l.faulty.length,
    missing: l.missing,
    faulty: l.faulty,
  }));

  const experts = ctx.config.experts.map(({ name }) => {
    const waiting = waitingFor(facts, name, opts.today, ctx.thresholds.signatureDays);
    return {
      name,
      waiting: waiting.length,
      oldest: waiting[0]?.date,
      overdue: waiting.filter((w) => w.overdue).length,
    };
  });

  const result: Status = {
    year,
    today: opts.today,
    experts,
    centre: ctx.config.centre,
    faceToFaceMin: ctx.thresholds.quota.faceToFaceMin,
    quotas: quotaLines(facts, ctx, year),
    duties: dutyLines(facts, ctx, year),
    signatures,
    logs: { month, assistants: logs },
    unread: unreadIn(year, files, skipped, facts),
    evaluations: expertEvaluations(
      facts,
      ctx.config.experts.map((e) => e.name),
    ),
    ...(nested.length > 0 ? { notes: nested.map((folder) => nestedNote(opts.root, folder, 'status')) } : {}),
  };
  const scanned = { facts, findings, files, links: skipped, nested };
  const all = [...files, ...skipped.map((l) => l.file)];
  return { status: result, facts, ctx, files: all, scanned, settings, clean };
}

/** The year's signatures not given yet (no name or no date), the soonest due first. */
function pendingSignatures(facts: readonly RecordFacts[], year: number, today: Day, days: number): PendingSignature[] {
  const signatures: PendingSignature[] = [];
  for (const r of facts) {
    const date = r.values.date;
    if (typeof date !== 'string' || !date.startsWith(`${year}-`)) continue;
    for (const { path, field } of signatureSlots(r.form.fields)) {
      const sig = valueAt(r.values, path) as Signature | undefined;
      if (sig?.name && sig.date) continue;
      const due = addDays(date, days);
      const signer = valueAt(r.values, field.signer.split('.'));
      signatures.push({
        file: r.file,
        label: field.label,
        signer: Array.isArray(signer) ? signer.join('、') : (signer as string | undefined),
        date,
        due,
        overdue: today > due,
      });
    }
  }
  return signatures.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.file < b.file ? -1 : 1));
}

/** Every expert of kmsw.yaml (then any other evaluated) with their evaluations and, when it applies, their exit. */
function expertEvaluations(facts: readonly RecordFacts[], experts: readonly string[]): ExpertEvaluations[] {
  const byExpert = evaluationsByExpert(facts);
  const names = [...new Set([...experts.map(bareName), ...byExpert.keys()])];
  return names.map((expert) => {
    const list = byExpert.get(expert) ?? [];
    const exit = exitOf(list);
    return {
      expert,
      evaluations: list.map(({ file, date, from, to, result }) => ({ file, date, from, to, result })),
      ...(exit ? { exit: exit[1].date } : {}),
    };
  });
}

/**
 * The year's files that gave no record (a link, an unreadable folder, broken YAML…), each with why, or a pointer to
 * check.
 */
function unreadIn(
  year: number,
  files: readonly string[],
  skipped: readonly SkippedLink[],
  facts: readonly RecordFacts[],
): Status['unread'] {
  const prefix = `${year}/`;
  const read = new Set(facts.map((r) => r.file));
  const why = msg().commandsStatus.couldNotBeRead;
  return [
    ...skipped
      .filter((l) => coversPeriod(l.file, prefix))
      .map((l) => ({ file: l.file, message: l.message ?? msg().commandsStatus.aSymbolicLinkTo(l.target) })),
    ...files.filter((f) => f.startsWith(prefix) && !read.has(f)).map((file) => ({ file, message: why })),
  ].sort((a, b) => (a.file < b.file ? -1 : 1));
}
