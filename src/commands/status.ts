/**
 * `kmsw status`: one screen an assistant can read at a glance. The year's group sessions per
 * county against the handbook's requirements, online sessions per quarter, signatures due or
 * overdue, and this month's missing logs. The numbers come from the same facts `check` uses.
 */
import { valueAt, type Signature } from '../forms/fields.js';
import { logDays, quotaLines, type QuotaLine } from '../rules/folder.js';
import { signatureSlots } from '../rules/record.js';
import { addDays, monthOf, type Day } from '../values/date.js';
import { openFolder, scanFolder } from './check.js';

export interface PendingSignature {
  file: string;
  /** The signature's label on the form, e.g. 社工（签名）. */
  label: string;
  /** Who should sign. */
  signer?: string;
  date: Day;
  due: Day;
  overdue: boolean;
}

export interface Status {
  year: number;
  today: Day;
  centre: string;
  /** Minutes a face-to-face session must last to count. */
  faceToFaceMin: number;
  quotas: QuotaLine[];
  signatures: PendingSignature[];
  logs: { month: string; assistants: Array<{ name: string; expected: number; written: number; missing: Day[] }> };
}

export async function status(opts: { root: string; today: Day; year?: number }): Promise<Status> {
  const year = opts.year ?? Number(opts.today.slice(0, 4));
  const { ctx } = await openFolder({ root: opts.root, today: opts.today });
  const { facts } = await scanFolder(ctx, { rules: [] });

  const signatures: PendingSignature[] = [];
  for (const r of facts) {
    const date = r.values.date;
    if (typeof date !== 'string' || !date.startsWith(`${year}-`)) continue;
    for (const { path, field } of signatureSlots(r.form.fields)) {
      const sig = valueAt(r.values, path) as Signature | undefined;
      if (sig?.name && sig.date) continue;
      const due = addDays(date, ctx.thresholds.signatureDays);
      const signer = valueAt(r.values, field.signer.split('.'));
      signatures.push({
        file: r.file,
        label: field.label,
        signer: Array.isArray(signer) ? signer.join('、') : (signer as string | undefined),
        date,
        due,
        overdue: opts.today > due,
      });
    }
  }
  signatures.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.file < b.file ? -1 : 1));

  const month = monthOf(opts.today);
  const monthCtx = { ...ctx, scope: { month } };
  const logs = logDays(facts, monthCtx).map((l) => ({ name: l.name, expected: l.expected.length, written: l.expected.length - l.missing.length, missing: l.missing }));

  return {
    year,
    today: opts.today,
    centre: ctx.config.centre,
    faceToFaceMin: ctx.thresholds.quota.faceToFaceMin,
    quotas: quotaLines(facts, ctx, year),
    signatures,
    logs: { month, assistants: logs },
  };
}
