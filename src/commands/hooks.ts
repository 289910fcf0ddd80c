/**
 * `kmsw hooks install|uninstall`: Git's pre-commit hook that runs `kmsw check --staged`, so that a
 * record with an error is not committed. A hook kmsw did not write is never overwritten nor removed:
 * the user's own steps go in `pre-commit.local`, which kmsw's hook runs first (and uninstall puts back). One hook
 * checks every records folder of the repository it was installed for; it is never installed in a hooks folder
 * outside the repository (a global core.hooksPath), where it would run for every repository.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
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
  /** Whether the hooks folder lies inside this repository (its work tree or its .git): a hook elsewhere is shared. */
  own: boolean;
}

export interface HookResult extends HookPlace {
  /**
   * installed: written anew; updated: kmsw's own hook rewritten; narrowed: it no longer checks `dir` but still checks
   * others (`dirs`); removed; absent: there was none of kmsw's.
   */
  action: 'installed' | 'updated' | 'narrowed' | 'removed' | 'absent';
  /** The records folders the hook checks now (installed, updated, narrowed). */
  dirs?: string[];
  /** Folders the hook checked that hold no kmsw.yaml any more (moved, renamed): no longer checked. */
  dropped?: string[];
  /** removed: the user's own hook, `pre-commit.local`, was put back as `pre-commit`. */
  restored?: string;
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

/** When Git last wrote the repository's index (0 when there is none, or no repository). */
export function gitIndexTime(root: string): number {
  try {
    return statSync(path.resolve(root, git(root, ['rev-parse', '--git-path', 'index']))).mtimeMs;
  } catch {
    return 0;
  }
}

/** A path with its links resolved as far as it exists (a hooks folder not made yet: its nearest parent's). */
function physical(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const parent = path.dirname(file);
    return parent === file ? file : path.join(physical(parent), path.basename(file));
  }
}

const within = (file: string, dir: string) => {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Where the hook goes, and the folder it checks. `git rev-parse --git-path hooks` knows core.hooksPath. */
export function hookPlace(root: string): HookPlace {
  const args = ['rev-parse', '--show-toplevel', '--git-common-dir', '--git-path', 'hooks'];
  const [top = '', common = '', hooks = ''] = git(root, args).split('\n');
  const dir = path.relative(realpathSync(top), realpathSync(root)).split(path.sep).join('/') || '.';
  const hooksDir = physical(path.resolve(root, hooks));
  // A core.hooksPath outside the repository (a global one) is every repository's: a hook there runs for them all.
  const own = within(hooksDir, realpathSync(top)) || within(hooksDir, physical(path.resolve(root, common)));
  return { file: path.join(path.resolve(root, hooks), 'pre-commit'), dir, own };
}

/** A word as sh reads it, whatever it holds: `'…'`, each `'` written `'\''`. */
export const shQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** A word shQuote wrote, read back; undefined when it is not one. */
const shUnquote = (word: string) =>
  /^'(?:[^']|'\\'')*'$/.test(word) ? word.slice(1, -1).replace(/'\\''/g, "'") : undefined;

/** The line of the hook that checks one records folder. */
const checkLine = (dir: string) => `kmsw_check ${shQuote(dir)} || status=$?`;

/** The records folders a hook of kmsw's checks: its `kmsw_check` lines (an older hook's single `dir=` line). */
export function hookFolders(script: string): string[] {
  const dirs: string[] = [];
  for (const line of script.split('\n')) {
    const word = /^kmsw_check ('.*') \|\| status=\$\?$/.exec(line)?.[1] ?? /^dir=('.*')$/.exec(line)?.[1];
    const dir = word === undefined ? undefined : shUnquote(word);
    if (dir !== undefined && !dirs.includes(dir)) dirs.push(dir);
  }
  return dirs;
}

/**
 * The hook: POSIX sh, no colour, no terminal; pre-commit.local first; then, in the repository it was installed in
 * only, kmsw as found (see the README) on each records folder it was installed for.
 */
export function hookScript(runner: Runner, dirs: readonly string[]): string {
  const run = `--no-color --dir "$1" check --staged`;
  return [
    '#!/bin/sh',
    `${HOOK_MARK}: kmsw hooks install wrote it, kmsw hooks uninstall removes it.`,
    `# ${msg().hooks.scriptWhat}`,
    `# ${msg().hooks.scriptSkip}`,
    'here=${0%/*}',
    'if [ -x "$here/pre-commit.local" ]; then',
    '  "$here/pre-commit.local" "$@" || exit $?',
    'fi',
    // Git runs a hook at the top of the work tree; this one lies in that repository's work tree or .git, unless
    // a core.hooksPath made it another repository's too.
    'top=$(pwd -P)',
    'hooks=$(cd "$here" && pwd -P)',
    'common=$(cd "$(git rev-parse --git-common-dir)" && pwd -P)',
    'case "$hooks/" in',
    '"$top"/* | "$common"/*) ;;',
    `*) echo ${shQuote(msg().hooks.otherRepository)} >&2; exit 0 ;;`,
    'esac',
    `node=${shQuote(runner.node)}`,
    `bin=${shQuote(runner.bin ?? '')}`,
    'kmsw_check() {',
    '  if [ -x "$node" ] && [ -f "$bin" ]; then',
    `    "$node" "$bin" ${run}`,
    '  elif command -v kmsw >/dev/null 2>&1; then',
    `    kmsw ${run}`,
    '  elif command -v npx >/dev/null 2>&1 && npx --no-install kmsw --version >/dev/null 2>&1; then',
    `    npx --no-install kmsw ${run}`,
    '  else',
    `    echo ${shQuote(msg().hooks.notFound)} >&2`,
    '  fi',
    '}',
    'status=0',
    ...dirs.map(checkLine),
    'exit $status',
    '',
  ].join('\n');
}

/** The text of `file` when it is a hook kmsw wrote; undefined when there is none; someone else's stops the command. */
function ours(file: string, refusal: (file: string) => string): string | undefined {
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return undefined;
  }
  const text = stat.isFile() && stat.size < 1024 * 1024 ? readFileSync(file, 'utf8') : '';
  if (!text.includes(HOOK_MARK)) throw new KmswError(refusal(file));
  return text;
}

/** Whether a records folder the hook names (relative to the repository's top) still holds kmsw.yaml. */
function stillThere(root: string, place: HookPlace, dir: string): boolean {
  const top = path.resolve(root, path.relative(place.dir, '.') || '.');
  return existsSync(path.join(top, dir, 'kmsw.yaml'));
}

/**
 * Writes kmsw's pre-commit hook into the repository that holds `root`; a hook of kmsw's there already keeps checking
 * the other records folders it was installed for, those that still hold kmsw.yaml.
 */
export async function installHook(root: string, runner: Runner): Promise<HookResult> {
  const place = hookPlace(root);
  if (!place.own) throw new KmswError(msg().hooks.sharedHooks(path.dirname(place.file)));
  const mine = ours(place.file, (f) => msg().hooks.foreign(f, path.join(path.dirname(f), 'pre-commit.local')));
  const before = mine === undefined ? [] : hookFolders(mine).filter((d) => d !== place.dir);
  const dropped = before.filter((d) => !stillThere(root, place, d));
  const dirs = [...before.filter((d) => !dropped.includes(d)), place.dir];
  mkdirSync(path.dirname(place.file), { recursive: true });
  await writeAtomic(place.file, hookScript(runner, dirs));
  chmodSync(place.file, 0o755);
  return { ...place, action: mine === undefined ? 'installed' : 'updated', dirs, dropped };
}

/**
 * Removes kmsw's pre-commit hook for this records folder: the hook stays for the other folders it checks; else it is
 * removed, and the user's own hook (`pre-commit.local`, which it ran) is put back as `pre-commit`. Another hook stays,
 * with a message saying so.
 */
export async function uninstallHook(root: string, runner: Runner): Promise<HookResult> {
  const place = hookPlace(root);
  const mine = ours(place.file, (f) => msg().hooks.foreignKept(f));
  if (mine === undefined) return { ...place, action: 'absent' };
  const all = hookFolders(mine);
  const dirs = all.filter((d) => d !== place.dir);
  if (dirs.length > 0 && dirs.length < all.length) {
    await writeAtomic(place.file, hookScript(runner, dirs));
    return { ...place, action: 'narrowed', dirs };
  }
  unlinkSync(place.file);
  const local = path.join(path.dirname(place.file), 'pre-commit.local');
  if (!existsSync(local) || lstatSync(place.file, { throwIfNoEntry: false })) return { ...place, action: 'removed' };
  renameSync(local, place.file);
  return { ...place, action: 'removed', restored: local };
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
