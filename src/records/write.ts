import { constants } from 'node:fs';
import { copyFile, link, lstat, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { makeFolder } from './inside.js';

/**
 * `.<name>.<pid>.<8 hex digits>.tmp`. The digits need only differ between one process's temp files (each is opened
 * with `wx`, so a clash fails, never overwrites): Math.random, not node:crypto, which `kmsw new` would load for it
 * alone.
 */
export function tempName(file: string): string {
  const random = Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${random}.tmp`);
}

/** `.<name>.<pid>.<random>.tmp`: a temp file of ours, and the process that wrote it. */
const TEMP = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * A complete copy of `content` beside `file`, flushed to disk; on any failure (a full disk) nothing is left behind.
 * `mode`: the permission bits the copy takes (those of the file it replaces); else the default (umask).
 */
async function writeTemp(file: string, content: string | Uint8Array, mode?: number): Promise<string> {
  const temp = tempName(file);
  try {
    // One folder at a time: a recursive mkdir says ENOENT on a read-only mount and may loop on /proc.
    makeFolder(path.dirname(file));
    const handle = await open(temp, 'wx');
    try {
      // chmod, not open's mode: the umask would take bits off (a 0775 file in a group's folder).
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(content);
      await handle.sync();
    } catch (e) {
      await handle.close().catch(() => {});
      await unlink(temp).catch(() => {});
      throw e;
    }
    await handle.close();
    return temp;
  } catch (e) {
    // Say which file could not be written, not which temp name (or none, for a full disk).
    throw Object.assign(e as NodeJS.ErrnoException, { path: file });
  }
}

/**
 * Removes the temp files that a killed kmsw left in `dir` (a process that is gone cannot finish
 * them). They are hidden and never read as records; this only tidies up.
 */
export async function removeStaleTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(TEMP.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) await unlink(path.join(dir, name)).catch(() => {});
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Replaces `file` in one step: a reader, or a crash, sees the old file or the new one, never half of one. The new file
 * keeps the old one's permissions (a private 0600 record stays private, an executable one executable).
 */
export async function writeAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await (await stage(file, content, await modeOf(file))).commit();
}

/** The permission bits of the file at `file` (links followed, as rename replaces what the name holds); else none. */
async function modeOf(file: string): Promise<number | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? info.mode & 0o777 : undefined;
}

/** A file written in full beside its target, not yet in its place. */
export interface Staged {
  /** The target. */
  file: string;
  /** Puts it in place, in one step. */
  commit(): Promise<void>;
  /** Removes it, leaving the target as it was. */
  discard(): Promise<void>;
}

/**
 * Writes `content` in full beside `file` and returns it staged: several files can be written first
 * and then put in place together (commitAll), so a set of files (an export) is replaced in
 * milliseconds, not over the seconds its writing took.
 */
export async function stage(file: string, content: string | Uint8Array, mode?: number): Promise<Staged> {
  const temp = await writeTemp(file, content, mode);
  const discard = () => unlink(temp).catch(() => {});
  return {
    file,
    async commit() {
      try {
        await rename(temp, file);
      } catch (e) {
        await discard();
        throw Object.assign(e as NodeJS.ErrnoException, { path: file });
      }
    },
    discard,
  };
}

/** Why a set of staged files could not be put in place, and where each target now stands. */
export class CommitFailure extends Error {
  constructor(
    /** The error of the target that could not be replaced (EBUSY: open in Word or WPS). */
    readonly cause: NodeJS.ErrnoException,
    readonly file: string,
    /** Targets that hold what they held before: every one, unless a roll-back itself failed. */
    readonly unchanged: string[],
    /** Targets already replaced that could not be put back (a roll-back that failed). */
    readonly replaced: string[],
    /** Of `unchanged`, those that did not exist before: still not there (nothing was created). */
    readonly absent: string[] = [],
  ) {
    super(cause.message);
    this.name = 'CommitFailure';
  }
}

/**
 * Keeps the current `file` aside under a temp name, as a hard link (it stays in its place meanwhile,
 * so a kill never leaves the target missing) or, where the file system has none, a copy.
 */
async function keepAside(file: string): Promise<string | undefined> {
  const backup = tempName(file);
  try {
    await link(file, backup);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    await copyFile(file, backup, constants.COPYFILE_EXCL);
  }
  return backup;
}

/**
 * Puts every staged file in place, or none: each target is kept aside first, and when one cannot be
 * replaced (held open on Windows, a folder in its way) those already replaced are put back, the
 * temps removed, and a CommitFailure says where each target stands. A kill meanwhile leaves each
 * target whole, old or new; what it leaves aside is a stale temp the next run removes.
 * `onReplaced` is told how many targets are in place after each one.
 */
export async function commitAll(
  staged: readonly Staged[],
  opts: { onReplaced?: (done: number) => void } = {},
): Promise<void> {
  const done: Array<{ file: string; backup?: string }> = [];
  let failure: { e: NodeJS.ErrnoException; file: string } | undefined;
  // Which targets were there before: a roll-back restores those and leaves the others absent.
  const existed = new Set<string>();
  for (const s of staged) if (await lstat(s.file).catch(() => undefined)) existed.add(s.file);
  for (const s of staged) {
    let backup: string | undefined;
    try {
      const info = await lstat(s.file).catch(() => undefined);
      if (info && !info.isFile())
        throw Object.assign(new Error(`${s.file} is not a file`), {
          code: info.isDirectory() ? 'EISDIR' : 'EEXIST',
          path: s.file,
        });
      backup = await keepAside(s.file);
      await s.commit();
      done.push({ file: s.file, backup });
      opts.onReplaced?.(done.length);
    } catch (e) {
      if (backup) await unlink(backup).catch(() => {});
      failure = { e: e as NodeJS.ErrnoException, file: s.file };
      break;
    }
  }
  if (!failure) {
    await Promise.all(done.flatMap((d) => (d.backup ? [unlink(d.backup).catch(() => {})] : [])));
    return;
  }
  const replaced: string[] = [];
  for (const d of done.reverse()) {
    try {
      if (d.backup) await rename(d.backup, d.file);
      else await unlink(d.file);
    } catch {
      replaced.push(d.file);
      if (d.backup) await unlink(d.backup).catch(() => {});
    }
  }
  await Promise.all(staged.map((s) => s.discard()));
  const unchanged = staged.map((s) => s.file).filter((f) => !replaced.includes(f));
  throw new CommitFailure(
    failure.e,
    failure.file,
    unchanged,
    replaced.reverse(),
    unchanged.filter((f) => !existed.has(f)),
  );
}

/**
 * Creates `file` only if nothing is there, atomically: the complete temp file is hard-linked to its
 * name, which fails if the name is taken, even by a process racing us. Returns false when taken.
 */
export async function createExclusive(file: string, content: string | Uint8Array): Promise<boolean> {
  const temp = await writeTemp(file, content);
  try {
    await link(temp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Some file systems (FAT on a USB stick, some network shares) have no hard links: O_EXCL instead.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      return await createWithExcl(file, content);
    }
    throw e;
  } finally {
    await unlink(temp).catch(() => {});
  }
}

async function createWithExcl(file: string, content: string | Uint8Array): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Creates `<dir>/<base>.yaml`, or `<base>-2.yaml`, `<base>-3.yaml`… when taken. Never overwrites.
 * Returns the path written.
 */
export async function createUnique(dir: string, base: string, ext: string, content: string): Promise<string> {
  for (let n = 1; ; n++) {
    const file = path.join(dir, `${base}${n === 1 ? '' : `-${n}`}${ext}`);
    if (await createExclusive(file, content)) return file;
  }
}
