/**
 * `kmsw hooks install|uninstall`: Git's pre-commit hook that runs `kmsw check --staged`, so that a
 * record with an error is not committed. A hook kmsw did not write is never overwritten nor removed:
 * the user's own steps go in `pre-commit.local`, which kmsw's hook runs first.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';
import { writeAtomic } from '../records/write.js';

/** The line that makes a pre-commit hook kmsw's own: only such a hook is rewritten or removed. */
export const HOOK_MARK = '# kmsw pre-commit hook';

export interface HookPlace {
  /** The hook file: `<hooks dir>/pre-commit`, core.hooksPath respected. */
  file: string;
  /** The records folder, relative to the repository's top (where Git runs hooks); `.` when it is the top. */
  dir: string;
}

export interface HookResult extends HookPlace {
  /** installed: written anew; updated: kmsw's own hook rewritten; removed; absent: there was none of kmsw's. */
  action: 'installed' | 'updated' | 'removed' | 'absent';
}

/** How the hook starts this kmsw: the node binary and bin/kmsw.cjs as installed now. */
export interface Runner {
  node: string;
  bin?: string;
}

function git(root: string, args: string[]): string {
  const run = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (run.error) throw new KmswError(msg().staged.noGit(String((run.error as NodeJS.ErrnoException).code)));
  if (run.status !== 0) throw new KmswError(msg().staged.notARepository(root));
  return run.stdout.replace(/\n$/, '');
}

/** Where the hook goes, and the folder it checks. `git rev-parse --git-path hooks` knows core.hooksPath. */
export function hookPlace(root: string): HookPlace {
  const [top = '', hooks = ''] = git(root, ['rev-parse', '--show-toplevel', '--git-path', 'hooks']).split('\n');
  const dir = path.relative(realpathSync(top), realpathSync(root)).split(path.sep).join('/') || '.';
  return { file: path.join(path.resolve(root, hooks), 'pre-commit'), dir };
}

/** A word as sh reads it, whatever it holds: `'…'`, each `'` written `'\''`. */
export const shQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** The hook: POSIX sh, no colour, no terminal; pre-commit.local first; then kmsw as found (see the README). */
export function hookScript(runner: Runner, dir: string): string {
  const run = `--no-color --dir "$dir" check --staged`;
  return [
    '#!/bin/sh',
    `${HOOK_MARK}: kmsw hooks install wrote it, kmsw hooks uninstall removes it.`,
    `# ${msg().hooks.scriptWhat}`,
    `# ${msg().hooks.scriptSkip}`,
    'here=${0%/*}',
    'if [ -x "$here/pre-commit.local" ]; then',
    '  "$here/pre-commit.local" "$@" || exit $?',
    'fi',
    `node=${shQuote(runner.node)}`,
    `bin=${shQuote(runner.bin ?? '')}`,
    `dir=${shQuote(dir)}`,
    'if [ -x "$node" ] && [ -f "$bin" ]; then',
    `  exec "$node" "$bin" ${run}`,
    'elif command -v kmsw >/dev/null 2>&1; then',
    `  exec kmsw ${run}`,
    'elif command -v npx >/dev/null 2>&1 && npx --no-install kmsw --version >/dev/null 2>&1; then',
    `  exec npx --no-install kmsw ${run}`,
    'fi',
    `echo ${shQuote(msg().hooks.notFound)} >&2`,
    'exit 0',
    '',
  ].join('\n');
}

/** Whether `file` is a hook kmsw wrote; a hook of someone else's stops the command, untouched. */
function ours(file: string, refusal: (file: string) => string): boolean {
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return false;
  }
  const text = stat.isFile() && stat.size < 1024 * 1024 ? readFileSync(file, 'utf8') : '';
  if (!text.includes(HOOK_MARK)) throw new KmswError(refusal(file));
  return true;
}

/** Writes kmsw's pre-commit hook into the repository that holds `root`. */
export async function installHook(root: string, runner: Runner): Promise<HookResult> {
  const place = hookPlace(root);
  const mine = ours(place.file, (f) => msg().hooks.foreign(f, path.join(path.dirname(f), 'pre-commit.local')));
  mkdirSync(path.dirname(place.file), { recursive: true });
  await writeAtomic(place.file, hookScript(runner, place.dir));
  chmodSync(place.file, 0o755);
  return { ...place, action: mine ? 'updated' : 'installed' };
}

/** Removes kmsw's pre-commit hook; another hook stays, with a message saying so. */
export function uninstallHook(root: string): HookResult {
  const place = hookPlace(root);
  if (!ours(place.file, (f) => msg().hooks.foreignKept(f))) return { ...place, action: 'absent' };
  unlinkSync(place.file);
  return { ...place, action: 'removed' };
}

/** This kmsw, as the hook should start it: Node's own binary, and bin/kmsw.cjs when that is what runs. */
export function thisKmsw(argv1: string | undefined): Runner {
  let bin: string | undefined;
  try {
    const real = argv1 ? realpathSync(argv1) : undefined;
    if (real && /kmsw\.c?js$/.test(real) && existsSync(real)) bin = real;
  } catch {
    // Not a file: the hook finds kmsw on PATH or through npx.
  }
  return { node: process.execPath, ...(bin ? { bin } : {}) };
}
