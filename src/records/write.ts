import { randomBytes } from 'node:crypto';
import { link, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { makeFolder } from './inside.js';

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** `.<name>.<pid>.<random>.tmp`: a temp file of ours, and the process that wrote it. */
const TEMP = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** A complete copy of `content` beside `file`, flushed to disk; on any failure (a full disk) nothing is left behind. */
async function writeTemp(file: string, content: string | Uint8Array): Promise<string> {
  const temp = tempName(file);
  try {
    // One folder at a time: a recursive mkdir says ENOENT on a read-only mount and may loop on /proc.
    makeFolder(path.dirname(file));
    const handle = await open(temp, 'wx');
    try {
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

/** Replaces `file` in one step: a reader, or a crash, sees the old file or the new one, never half of one. */
export async function writeAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await (await stage(file, content)).commit();
}

/** A file written in full beside its target, not yet in its place. */
export interface Staged {
  /** Puts it in place, in one step. */
  commit(): Promise<void>;
  /** Removes it, leaving the target as it was. */
  discard(): Promise<void>;
}

/**
 * Writes `content` in full beside `file` and returns it staged: several files can be written first
 * and then put in place together, so a set of files (an export) is replaced in milliseconds, not
 * over the seconds its writing took.
 */
export async function stage(file: string, content: string | Uint8Array): Promise<Staged> {
  const temp = await writeTemp(file, content);
  const discard = () => unlink(temp).catch(() => {});
  return {
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
      return createWithExcl(file, content);
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
