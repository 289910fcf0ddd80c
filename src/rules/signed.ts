/**
 * The rules about signatures made with `kmsw sign` (spec section 8): a digest that no longer matches
 * the record (signed-then-edited), and an SSH signature that does not verify (bad-signature). A typed
 * signature (no digest, no sig) is valid as it is: neither rule says anything about it.
 */
import { sameName } from '../values/text.js';
import { recordDigest, signatureIn, signatureSlots, type SignatureSlot } from '../forms/digest.js';
import { msg } from '../i18n.js';
import { locate } from '../records/yaml.js';
import { verifySignature } from '../values/ssh.js';
import type { Finding, RecordInput, RecordRule } from './types.js';

/** The mark of a signature that could not be verified for want of ssh-keygen: said once for all (see sayOnce). */
export const UNVERIFIED = 'ssh-keygen-missing';

const where = (r: RecordInput, slot: SignatureSlot, part: string) => ({
  file: r.file,
  field: [...slot.path, part].join('.'),
  ...locate(r.parsed, [...slot.path, part]),
});

/** signed-then-edited: a signature's digest is not the record's digest any more. */
export const signedThenEdited: RecordRule = (r) => {
  let digest: string | undefined;
  return signatureSlots(r.form.fields).flatMap((slot): Finding[] => {
    const sig = signatureIn(r.values, slot);
    if (typeof sig?.digest !== 'string') return [];
    digest ??= recordDigest(r.form, r.values);
    if (sig.digest === digest) return [];
    const who = sig.name ?? '?';
    return [
      {
        rule: 'signed-then-edited',
        ...where(r, slot, 'digest'),
        message: msg().signatureRules.editedAfterSigning(slot.field.label, who, sig.date ?? '?'),
        hint: msg().signatureRules.reviewAndSignAgain(who, r.file),
      },
    ];
  });
};

/** bad-signature: a `sig` that does not verify against its signer's key in kmsw.yaml `signers`. */
export const badSignature: RecordRule = (r, ctx) =>
  signatureSlots(r.form.fields).flatMap((slot): Finding[] => {
    const sig = signatureIn(r.values, slot);
    if (typeof sig?.sig !== 'string') return [];
    const at = where(r, slot, 'sig');
    const bad = (message: string, hint: string): Finding[] => [{ rule: 'bad-signature', ...at, message, hint }];
    const label = slot.field.label;
    const name = sig.name;
    const key = name === undefined ? undefined : keyOf(ctx.config.signers ?? {}, name);
    if (name === undefined) return bad(msg().signatureRules.sigWithoutName(label), msg().signatureRules.signAgainHint);
    if (!key) return bad(msg().signatureRules.noKeyFor(label, name), msg().signatureRules.addKeyHint(name));
    if (typeof sig.digest !== 'string')
      return bad(msg().signatureRules.sigWithoutDigest(label), msg().signatureRules.signAgainHint);
    const verdict = verifySignature(sig.digest, sig.sig, key);
    if (verdict === 'good') return [];
    if (verdict === 'no-ssh-keygen')
      return [{ rule: 'bad-signature', ...at, severity: 'warning', message: UNVERIFIED, hint: UNVERIFIED }];
    return bad(msg().signatureRules.doesNotVerify(label, name), msg().signatureRules.doesNotVerifyHint(name, r.file));
  });

/** A signer's key: by the name as written, or the same name with its spaces left out. */
export function keyOf(signers: Record<string, string>, name: string): string | undefined {
  if (Object.hasOwn(signers, name)) return signers[name];
  return Object.entries(signers).find(([n]) => sameName(n, name))?.[1];
}

/**
 * The signatures that could not be verified because ssh-keygen is not installed, said once (at the
 * first of them) with their count, not once per file; the other findings as they are.
 */
export function sayOnce(findings: Finding[]): Finding[] {
  const unverified = findings.filter((f) => f.rule === 'bad-signature' && f.message === UNVERIFIED);
  if (unverified.length === 0) return findings;
  const first = unverified[0]!;
  const files = [...new Set(unverified.map((f) => f.file))];
  return [
    ...findings.filter((f) => !unverified.includes(f)),
    {
      ...first,
      message: msg().signatureRules.cannotVerify(unverified.length, files),
      hint: msg().signatureRules.installOpenssh,
    },
  ];
}
