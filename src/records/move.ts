/**
 * Moving a record to where it belongs (`check --fix` for misplaced): with `git mv` when the folder is a
 * Git work tree and the file is tracked, so that history follows it; a plain rename otherwise. Never
 * over an existing file.
 */
import { spawnSync } from 'node:child_process';
import { link, lstat, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { insideFolder, makeFolder } from './inside.js';

export type Moved = { ok: true; git: boolean } | { ok: false; exists: boolean; why: string };

/** Whether `root` is inside a Git work tree (and git can be run). */
export function inGitWorkTree(root: string): boolean {
  const run = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' });
  return run.status === 0 && run.stdout.trim() === 'true';
}

/** Whether Git's index holds `rel` (relative to `root`). */
export const isTracked = (root: string, rel: string) =>
  spawnSync('git', ['ls-files', '--error-unmatch', '--', rel], { cwd: root, stdio: 'ignore' }).status === 0;

/** Moves `from` to `to` (both relative to `root`, with `/`), making the folders on the way. */
export async function moveRecord(root: string, from: string, to: string, git: boolean): Promise<Moved> {
  try {
    // A folder on the way that is a link out of the records folder: refused, with its message.
    const source = insideFolder(root, from, { for: 'write' });
    const target = insideFolder(root, to, { for: 'write' });
    if (await lstat(target).catch(() => undefined)) return { ok: false, exists: true, why: to };
    makeFolder(path.dirname(target));
    if (git && isTracked(root, from)) {
      // git mv refuses a target that exists (no -f): a file made meanwhile is not overwritten.
      const run = spawnSync('git', ['mv', '--', from, to], { cwd: root, encoding: 'utf8' });
      if (run.status === 0) return { ok: true, git: true };
      return { ok: false, exists: false, why: run.stderr.trim() || `git mv: ${run.status}` };
    }
    await renameExclusive(source, target);
    return { ok: true, git: false };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, exists: code === 'EEXIST', why: (e as Error).message };
  }
}

/** A rename that fails when the target exists, even one made by a process racing us: link, then unlink. */
async function renameExclusive(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // File systems without hard links (FAT on a USB stick): the target was absent a moment ago.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    if (await lstat(target).catch(() => undefined)) throw Object.assign(new Error(target), { code: 'EEXIST' });
    return rename(source, target);
  }
  await unlink(source);
}
