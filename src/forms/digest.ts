/**
 * Signatures as the forms define them, and the canonical digest `kmsw sign` writes into one (spec
 * section 8). The exact canonical form is in docs/signing.md, so that another tool can recompute it.
 */
import { createHash } from 'node:crypto';
import { valueAt, type Field, type Fields, type Signature } from './fields.js';
import type { Form } from './form.js';

export interface SignatureSlot {
  /** Where the slot is in the record: `['signatures', 'worker']`, `['signature']`. */
  path: string[];
  field: Field & { kind: 'signature' };
}

const slotCache = new WeakMap<Fields, SignatureSlot[]>();

/** Where a form's signatures are (`signatures.worker`, `signature`…), found from its field definitions, once a form. */
export function signatureSlots(fields: Fields): SignatureSlot[] {
  let slots = slotCache.get(fields);
  if (!slots) {
    const find = (f: Fields, at: string[]): SignatureSlot[] =>
      Object.entries(f).flatMap(([key, field]): SignatureSlot[] => {
        if (field.kind === 'signature') return [{ path: [...at, key], field }];
        if (field.kind === 'group') return find(field.fields, [...at, key]);
        return [];
      });
    slotCache.set(fields, (slots = find(fields, [])));
  }
  return slots;
}

/**
 * Whether the slot is one that any of a list signs (a group's experts, an evaluation's evaluators):
 * then the name written in it while unsigned (kmsw new fills in the first) is a suggestion, not the signer.
 */
export function anyOfList(values: Record<string, unknown>, slot: SignatureSlot): boolean {
  return Array.isArray(valueAt(values, slot.field.signer.split('.')));
}

/** The names a slot's `signer` field holds (one person, or a list: a group's experts), as written. */
export function signerNames(values: Record<string, unknown>, slot: SignatureSlot): string[] {
  const v = valueAt(values, slot.field.signer.split('.'));
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.filter((n) => typeof n === 'string' || typeof n === 'number').map(String);
}

/** Two spellings of one name: spaces inside a Chinese name (`王 芳`) do not make another person. */
export { sameName } from '../values/text.js';

/** The signature written in a slot, as the schema read it. */
export const signatureIn = (values: Record<string, unknown>, slot: SignatureSlot) =>
  valueAt(values, slot.path) as Signature | undefined;

/**
 * The record's values without any signature, blanks left out, a map left empty by that omitted:
 * what a signature vouches for. Walks the form's definitions, so a signature is found wherever it is.
 */
function unsigned(fields: Fields, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    if (field.kind === 'signature' || !Object.hasOwn(value, key)) continue;
    const v = value[key];
    if (v === undefined || v === null || v === '') continue;
    if (field.kind === 'group' && isMap(v)) {
      const inner = unsigned(field.fields, v);
      if (Object.keys(inner).length > 0) out[key] = inner;
    } else if (field.kind === 'table' && Array.isArray(v)) {
      out[key] = v.map((row) => (isMap(row) ? unsigned(field.fields, row) : null));
    } else {
      out[key] = v;
    }
  }
  return out;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** JSON with every map's keys sorted (by UTF-16 code units, as Array.prototype.sort does), no spaces. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (isMap(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The canonical text of a record: its form key and its normalised values without signatures. */
export function canonicalRecord(form: Form, values: Record<string, unknown>): string {
  return canonicalJson({ form: form.key, ...unsigned(form.fields, values) });
}

/** `sha256:` + the hex SHA-256 of the canonical record's UTF-8 bytes. */
export function recordDigest(form: Form, values: Record<string, unknown>): string {
  return `sha256:${createHash('sha256').update(canonicalRecord(form, values), 'utf8').digest('hex')}`;
}
