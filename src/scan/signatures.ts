/**
 * The signatures waiting for a person: a slot whose signer field names them and that is not signed
 * (no name or no date), or that they signed with `kmsw sign` before the record was changed.
 * `kmsw sign --as` offers these; `kmsw status` counts them per expert.
 */
import { anyOfList, sameName, signatureIn, signatureSlots, signerNames } from '../forms/digest.js';
import type { RecordFacts } from '../rules/types.js';
import { addDays, type Day } from '../values/date.js';

export interface Waiting {
  file: string;
  /** The slot's label on the form, e.g. 督导（签名）. */
  label: string;
  /** The record's date. */
  date: Day;
  due: Day;
  overdue: boolean;
  /** Signed with a digest that the record no longer matches: to review and sign again. */
  stale: boolean;
  /** The record has errors: `kmsw sign` refuses it until they are fixed. */
  faulty?: boolean;
}

/**
 * What waits for `name`'s signature, oldest first: not a session still to come (nobody signs before
 * it), and, when `signable` is given, a record it says no to (errors) marked `faulty`.
 */
export function waitingFor(
  facts: readonly RecordFacts[],
  name: string,
  today: Day,
  days: number,
  signable?: (r: RecordFacts) => boolean,
): Waiting[] {
  const out: Waiting[] = [];
  for (const r of facts) {
    const date = r.values.date;
    if (typeof date !== 'string' || date > today) continue;
    for (const slot of signatureSlots(r.form.fields)) {
      if (!signerNames(r.values, slot).some((n) => sameName(n, name))) continue;
      const sig = signatureIn(r.values, slot);
      const signed = Boolean(sig?.name && sig.date);
      // Signed by another of the experts the slot allows (a group's), or a one-person slot naming another.
      if (sig?.name && !sameName(sig.name, name) && (signed || !anyOfList(r.values, slot))) continue;
      const stale = signed && typeof sig?.digest === 'string' && sig.digest !== r.digest;
      if (signed && !stale) continue;
      const due = addDays(date, days);
      const faulty = signable ? !signable(r) : undefined;
      out.push({ file: r.file, label: slot.field.label, date, due, overdue: today > due, stale, faulty });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.file < b.file ? -1 : 1));
}

/** `kmsw sign`: what became of one file. */
export interface SignOutcome {
  file: string;
  state: 'signed' | 'already' | 'refused';
  /** The labels of the slots signed (or already signed). */
  slots: string[];
  /** Why a refused file was not signed: every reason. */
  reasons: string[];
}

export interface SignResult {
  as: string;
  outcomes: SignOutcome[];
  /**
   * Signed with `--key` while kmsw.yaml's `signers` has no key for them: check cannot verify what was signed (a
   * bad-signature) until their public key, given here when ssh-keygen could read it, is added.
   */
  unregistered?: { publicKey?: string };
}
