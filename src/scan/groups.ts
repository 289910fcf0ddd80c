/**
 * The groups of the folder rules (rules/index.ts's FOLDER_REACH) a record is in, as the cache keeps them beside its
 * result: 64 bits of a Bloom filter, two per group key, so that `check --staged` finds the records of a staged
 * record's groups without reading every record's facts. A record whose bits hold a key's two may be in its group
 * (it is then read, and its groups looked at); one whose bits do not is not in it.
 */
import { FOLDER_REACH } from '../rules/index.js';
import type { RecordFacts } from '../rules/types.js';

/** Two 32-bit words. */
export type GroupBits = readonly [number, number];

export const NO_GROUPS: GroupBits = [0, 0];

/** A key's two bits (FNV-1a of its UTF-16 code units, 6 bits of it each). */
export function keyBits(key: string): GroupBits {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  const bits = [0, 0];
  for (const n of [h & 63, (h >>> 6) & 63]) bits[n >> 5]! |= 1 << (n & 31);
  return [bits[0]! >>> 0, bits[1]! >>> 0];
}

/** Every group of every rule with a reach that the record is in, as bits. */
export function recordBits(r: RecordFacts): GroupBits {
  let [lo, hi] = [0, 0];
  for (const reach of FOLDER_REACH.values())
    for (const key of reach.groups(r)) {
      const [a, b] = keyBits(key);
      [lo, hi] = [lo | a, hi | b];
    }
  return [lo >>> 0, hi >>> 0];
}

/** Whether bits `of` a record hold all of `key`'s: the record may be in its group. */
export const mayHold = (of: GroupBits, key: GroupBits): boolean =>
  (of[0] & key[0]) >>> 0 === key[0] && (of[1] & key[1]) >>> 0 === key[1];
