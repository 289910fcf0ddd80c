/**
 * lstat without fs.Stats, for the cache's look at every record file (issue 17). Node 20's lstatSync builds a
 * Stats and four Dates for each call: over the 27,000 files of a decade's folder, as much CPU as the calls
 * themselves (half of a cached run's lstat time, and its garbage). The binding under lstatSync fills one
 * shared array of numbers, read here into a small object: the same call, the same path, the same errors.
 *
 * That binding is Node's own and undocumented, so it is used only when it answers as lstatSync does: checked
 * once against lstatSync (the same file, every field the cache compares), and not at all under the permission
 * model (lstatSync checks it, the binding does not) or `--pending-deprecation` (process.binding would warn).
 * Otherwise, and for a path lstatSync would refuse (a NUL in it), lstatSync itself.
 */
import { constants, lstatSync } from 'node:fs';
import path from 'node:path';
import { fsBinding, type Look } from '../records/inside.js';

export type { Look };

/** The binding's lstat: fills and returns its shared array (undefined for a missing path when told). */
type RawLstat = (file: string, bigint: false, req: undefined, throwIfNoEntry: boolean) => Float64Array | undefined;

/** Node's fs binding's lstat, undefined when it may not or cannot be used; worked out once. */
let raw: RawLstat | undefined | null = null;

/** A Float64Array of lstatSync's layout: dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, then times. */
function fromRaw(a: Float64Array): Look {
  return {
    mode: a[1]!,
    ino: a[7]!,
    size: a[8]!,
    mtimeMs: a[12]! * 1e3 + a[13]! / 1e6,
    ctimeMs: a[14]! * 1e3 + a[15]! / 1e6,
  };
}

/** The binding, when allowed here and when it answers for `probe` just as lstatSync does. */
function rawLstat(probe: string): RawLstat | undefined {
  const call = fsBinding('lstat') as RawLstat | undefined;
  if (!call) return undefined;
  try {
    const a = call(path.toNamespacedPath(probe), false, undefined, false);
    // Read before lstatSync, which refills the same shared array: else the two would agree by construction.
    const look = a instanceof Float64Array && a.length >= 16 ? fromRaw(a) : undefined;
    const s = lstatSync(probe, { throwIfNoEntry: false });
    if (!look || !s) return undefined;
    const same =
      look.mode === s.mode &&
      look.ino === s.ino &&
      look.size === s.size &&
      look.mtimeMs === s.mtimeMs &&
      look.ctimeMs === s.ctimeMs;
    return same ? call : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What lstat says of `file` (absolute), undefined when nothing is there; throws as lstatSync does (a folder
 * on the way that is a file, no permission). `probe` is a path that exists, to check the binding on first use.
 */
export function look(file: string, probe: string): Look | undefined {
  if (raw === null) raw = rawLstat(probe);
  if (raw !== undefined && !file.includes('\u0000')) {
    const a = raw(path.toNamespacedPath(file), false, undefined, false);
    return a === undefined ? undefined : fromRaw(a);
  }
  const s = lstatSync(file, { throwIfNoEntry: false });
  return s && { mode: s.mode, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
}

/**
 * look(), into `into` (mode, size, mtimeMs, ctimeMs, ino, as a Look's fields) rather than a new object, for a
 * look at every file: false when nothing is there.
 */
export function lookInto(file: string, probe: string, into: Float64Array): boolean {
  if (raw === null) raw = rawLstat(probe);
  const a = raw !== undefined && !file.includes('\u0000') && raw(path.toNamespacedPath(file), false, undefined, false);
  if (a) {
    into[0] = a[1]!;
    into[1] = a[8]!;
    into[2] = a[12]! * 1e3 + a[13]! / 1e6;
    into[3] = a[14]! * 1e3 + a[15]! / 1e6;
    into[4] = a[7]!;
    return true;
  }
  const l = a === false ? look(file, probe) : undefined;
  if (l) into.set([l.mode, l.size, l.mtimeMs, l.ctimeMs, l.ino]);
  return l !== undefined;
}

/** Whether a mode (a Look's) is a regular file's. */
export const isFile = (mode: number) => (mode & constants.S_IFMT) === constants.S_IFREG;
