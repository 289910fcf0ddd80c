/**
 * `kmsw sign`: an expert's (or a worker's) signature with a digest of the record (spec section 8),
 * written into the one slot that names them, every other byte of the file as it was. A file that
 * cannot be signed is refused whole, with every reason, and never touched.
 */
import { lstatSync, statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import {
  anyOfList,
  recordDigest,
  sameName,
  signatureIn,
  signatureSlots,
  signerNames,
  type SignatureSlot,
} from '../forms/digest.js';
import type { Form } from '../forms/form.js';
import { validateRecord } from '../forms/validate.js';
import { msg } from '../i18n.js';
import { decode } from '../records/decode.js';
import { MAX_FILE_BYTES, listRecordFiles, type LoadedFile } from '../records/load.js';
import { insideFolder, readRegular } from '../records/inside.js';
import { spliceMap, type SpliceValue } from '../records/splice.js';
import { writeAtomic } from '../records/write.js';
import { parseYaml } from '../records/yaml.js';
import { RECORD_RULES, severityOf, type RuleId, type RuleSettings } from '../rules/index.js';
import { keyOf } from '../rules/signed.js';
import type { Finding, FolderContext, RecordFacts } from '../rules/types.js';
import { checkFile } from '../scan/file.js';
import { scanFolder } from '../scan/folder.js';
import { openFolder } from '../scan/open.js';
import { waitingFor, type SignOutcome, type SignResult, type Waiting } from '../scan/signatures.js';
import type { Day } from '../values/date.js';
import { publicKeyOf, signMessage, verifySignature } from '../values/ssh.js';

export interface SignOptions {
  root: string;
  today: Day;
  /** Who signs: the name a slot's signer field holds. */
  as: string;
  /** Record files, relative to the records folder. */
  files: string[];
  /** An SSH private key: adds `sig`. */
  key?: string;
}

/** The rules a signature fixes or is about: they never keep a record from being signed. */
const SIGNING_RULES: ReadonlySet<RuleId> = new Set(['signature-missing', 'signed-then-edited', 'bad-signature']);
/** Those and the rules about a slot's contents, which a signature rewrites (the list cannot tell whose slot). */
const ABOUT_SIGNATURES: ReadonlySet<RuleId> = new Set([
  ...SIGNING_RULES,
  'signature-mismatch',
  'signature-date',
  'late',
]);

export async function sign(opts: SignOptions): Promise<SignResult> {
  const { ctx, settings } = await openFolder({ root: opts.root, today: opts.today });
  const records = new Set(await listRecordFiles(opts.root));
  const as = opts.as.trim();
  const outcomes: SignOutcome[] = [];
  for (const file of opts.files) {
    const refuse = (reasons: string[]): SignOutcome => ({ file, state: 'refused', slots: [], reasons });
    if (!records.has(file)) {
      outcomes.push(refuse([notARecord(opts.root, file)]));
      continue;
    }
    if (opts.key !== undefined && !isFile(opts.key)) {
      outcomes.push(refuse([msg().sign.noSuchKey(opts.key)]));
      continue;
    }
    outcomes.push(await signOne(file, { ...opts, as }, ctx, settings, refuse));
  }
  const signedWithKey = opts.key !== undefined && outcomes.some((o) => o.state === 'signed');
  if (signedWithKey && !keyOf(ctx.config.signers ?? {}, as))
    return { as, outcomes, unregistered: { publicKey: publicKeyOf(opts.key!) } };
  return { as, outcomes };
}

/** Why a path given is not a record file: it is not there, it is a folder, or it is not one of the records. */
function notARecord(root: string, file: string): string {
  let stat;
  try {
    stat = lstatSync(insideFolder(root, file, { for: 'read' }));
  } catch {
    return msg().sign.noSuchFile;
  }
  return stat.isDirectory() ? msg().sign.isAFolder : msg().sign.notARecordFile;
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The file as read: its text (a BOM apart) and YAML, or why it cannot be read. */
function readRecord(root: string, file: string): { loaded: LoadedFile; bom: boolean; bytes: Buffer } | string {
  let bytes: Buffer;
  try {
    bytes = readRegular(insideFolder(root, file, { for: 'write' }), MAX_FILE_BYTES, { shown: file, noFollow: true });
  } catch (e) {
    return (e as Error).message;
  }
  const decoded = decode(bytes);
  if (!decoded.ok) return msg().sign.notUtf8(decoded.encoding);
  const parsed = parseYaml(decoded.text);
  const [fault] = parsed.errors;
  if (fault) return `${fault.line}:${fault.column} ${fault.message}`;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { loaded: { file, text: decoded.text, parsed }, bom, bytes };
}

async function signOne(
  file: string,
  opts: SignOptions,
  ctx: FolderContext,
  settings: RuleSettings,
  refuse: (reasons: string[]) => SignOutcome,
): Promise<SignOutcome> {
  const read = readRecord(opts.root, file);
  if (typeof read === 'string') return refuse([read]);
  const { loaded, bom, bytes } = read;
  const checked = checkFile(loaded, ctx, RECORD_RULES, () => true);
  if (!checked.facts) return refuse(checked.findings.map((f) => `${f.line}:${f.column} ${f.message}`));
  const form = checked.facts.form;
  const { values } = validateRecord(form, loaded.parsed!);
  const slots = signatureSlots(form.fields).filter((s) => signerNames(values, s).some((n) => sameName(n, opts.as)));
  const reasons = reasonsNotToSign({ form, values, slots, findings: checked.findings }, opts, settings);
  if (reasons.length > 0) return refuse(reasons);

  const digest = recordDigest(form, values);
  const theirKey = keyOf(ctx.config.signers ?? {}, opts.as);
  const todo = slots.filter((s) => !signedAlready(signatureIn(values, s), digest, opts.key, theirKey));
  if (todo.length === 0) return { file, state: 'already', slots: slots.map((s) => s.field.label), reasons: [] };
  let signature: { sig: string } | undefined;
  if (opts.key) {
    const made = signMessage(digest, opts.key);
    if ('error' in made) return refuse([msg().sign.sshKeygenFailed(made.error)]);
    // A key that is not the one kmsw.yaml registers for them makes a signature check refuses: say so now.
    if (theirKey && verifySignature(digest, made.sig, theirKey) === 'bad')
      return refuse([msg().sign.keyIsNotTheirs(opts.as)]);
    signature = made;
  }
  let text = loaded.text!;
  try {
    // The file's own parse for the first slot; the text as spliced so far, parsed again, for the next.
    let doc = loaded.parsed!.doc;
    for (const slot of todo) {
      text = spliceMap(text, doc, slot.path, slotEntries(values, slot, opts, digest, signature));
      doc = parseYaml(text).doc;
    }
  } catch {
    return refuse([msg().sign.cannotPlace]);
  }
  if (!sameRecordSigned(form, text, values, todo, digest)) return refuse([msg().sign.cannotPlace]);
  const target = insideFolder(opts.root, file, { for: 'write' });
  // Written by someone else meanwhile (an editor saving): their text wins, nothing is written.
  if (!readRegular(target, MAX_FILE_BYTES, { shown: file, noFollow: true }).equals(bytes))
    return refuse([msg().sign.changedMeanwhile]);
  await writeAtomic(target, (bom ? '\uFEFF' : '') + text);
  return { file, state: 'signed', slots: todo.map((s) => s.field.label), reasons: [] };
}

/**
 * Whether a slot holds this person's signature of this very record already: dated, with the digest, and,
 * when they sign with a key, an SSH signature that verifies against their registered key (a bad or
 * unverifiable one is made again, which is how bad-signature is fixed).
 */
function signedAlready(
  sig: { date?: unknown; digest?: unknown; sig?: unknown } | undefined,
  digest: string,
  key: string | undefined,
  theirKey: string | undefined,
): boolean {
  if (sig?.digest !== digest || !sig.date) return false;
  if (!key) return true;
  return typeof sig.sig === 'string' && theirKey !== undefined && verifySignature(digest, sig.sig, theirKey) === 'good';
}

/**
 * Every reason this person may not sign this record: no slot names them, the slot is someone else's
 * signature, an error under check's rules (but those a signature fixes or is about), a day before the session.
 */
function reasonsNotToSign(
  r: { form: Form; values: Record<string, unknown>; slots: SignatureSlot[]; findings: readonly Finding[] },
  opts: SignOptions,
  settings: RuleSettings,
): string[] {
  const reasons: string[] = [];
  if (r.slots.length === 0) reasons.push(noSlotReason(r.form, r.values, opts.as));
  for (const slot of r.slots) {
    const sig = signatureIn(r.values, slot);
    if (sig?.name && !sameName(sig.name, opts.as) && (sig.date || !anyOfList(r.values, slot)))
      reasons.push(
        sig.date
          ? msg().sign.slotSignedBy(slot.field.label, sig.name)
          : msg().sign.slotNames(slot.field.label, sig.name),
      );
  }
  const inSlot = (field: string | undefined) =>
    r.slots.some((s) => field === s.path.join('.') || field?.startsWith(`${s.path.join('.')}.`));
  for (const f of r.findings) {
    if (SIGNING_RULES.has(f.rule) || inSlot(f.field) || severityOf(f, settings) !== 'error') continue;
    reasons.push(`${f.line}:${f.column} ${f.message}${msg().sign.ruleTag(f.rule)}`);
  }
  const date = r.values[r.form.dateField];
  if (typeof date === 'string' && opts.today < date) reasons.push(msg().sign.beforeTheRecord(opts.today, date));
  return reasons;
}

/** The slot's new parts: the name (kept as written when it is there), today, the digest, and the SSH signature. */
function slotEntries(
  values: Record<string, unknown>,
  slot: SignatureSlot,
  opts: SignOptions,
  digest: string,
  signature: { sig: string } | undefined,
): Array<[string, SpliceValue]> {
  const entries: Array<[string, SpliceValue]> = [];
  const written = signatureIn(values, slot)?.name;
  // Unsigned, with another of the list's names in it (kmsw new's suggestion): the one who signs is named.
  if (!written || !sameName(written, opts.as)) entries.push(['name', opts.as]);
  entries.push(['date', opts.today], ['digest', digest]);
  if (signature) entries.push(['sig', { block: signature.sig.trimEnd().split('\n') }]);
  return entries;
}

/**
 * The edited text read back: the same record (same digest, the other slots as they were) with the
 * slots signed. Anything else is a fault of the splice, and nothing is written.
 */
function sameRecordSigned(
  form: Form,
  text: string,
  before: Record<string, unknown>,
  slots: SignatureSlot[],
  digest: string,
): boolean {
  const parsed = parseYaml(text);
  if (parsed.errors.length > 0) return false;
  const { values, issues } = validateRecord(form, parsed);
  if (issues.length > 0 || recordDigest(form, values) !== digest) return false;
  for (const slot of signatureSlots(form.fields)) {
    const sig = signatureIn(values, slot);
    if (slots.includes(slot)) {
      if (sig?.digest !== digest) return false;
    } else if (!isDeepStrictEqual(sig, signatureIn(before, slot))) return false;
  }
  return true;
}

/** Why no slot is this person's: whose each slot is. */
function noSlotReason(form: Form, values: Record<string, unknown>, as: string): string {
  const whose = signatureSlots(form.fields).map((s) => [s.field.label, signerNames(values, s).join('、') || '?']);
  return msg().sign.noSlotFor(as, whose);
}

/** `kmsw sign --as` alone: the records waiting for this person's signature, oldest first. */
export async function waitingList(opts: { root: string; today: Day; as: string }): Promise<Waiting[]> {
  const { ctx, settings } = await openFolder({ root: opts.root, today: opts.today });
  // The record rules run, so that a record sign would refuse for its errors is marked as such in the list
  // (the errors about signatures themselves are what signing is for, as in reasonsNotToSign).
  const { facts } = await scanFolder(ctx, { rules: RECORD_RULES });
  const signable = (r: RecordFacts) =>
    !(r.faults ?? []).some((f) => !ABOUT_SIGNATURES.has(f.rule) && severityOf(f, settings) === 'error');
  return waitingFor(facts, opts.as.trim(), opts.today, ctx.thresholds.signatureDays, signable);
}
