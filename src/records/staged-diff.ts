/**
 * The one git process `check --staged` waits for before anything else: `git diff --cached`, which lists what a commit
 * adds or changes. The command line starts it (src/cli/check.ts) before kmsw's second part loads, so that the ~50 ms
 * of that load run while git does; records/staged.ts reads its answer. In the build's first part: keep it small.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

/** What a git process said: its exit status (null when it did not run: `error`), its output and its errors. */
export interface GitRun {
  status: number | null;
  stdout: Buffer;
  stderr: Buffer;
  error?: NodeJS.ErrnoException;
}

/**
 * A hook runs with GIT_DIR and GIT_INDEX_FILE possibly relative to where Git started it (`git commit
 * <path>` stages into a temporary index): made absolute, they still hold when git runs in the records folder.
 */
export function gitEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE'] as const)
    if (env[key]) env[key] = path.resolve(process.cwd(), env[key]);
  return env;
}

/** The staged additions and changes below the records folder (deletions are not checked), as `-z` gives them. */
export const STAGED_DIFF = ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACMT'];

/** What `git diff --cached` may print (the folder is untrusted): past it, the run ends with ENOBUFS, as spawnSync's. */
export const MAX_DIFF_BYTES = 256 * 1024 * 1024;

/** Runs `git diff --cached` in `root` (STAGED_DIFF, relative to it), without waiting for it. */
export function startStagedDiff(root: string): Promise<GitRun> {
  return startGit(root, [...STAGED_DIFF, '--relative']);
}

/**
 * Runs `git diff` of kmsw.yaml in `root`, without waiting for it: a line when the work tree's differs from the index's
 * (an edit not staged), whose first id is the index's, what the commit holds.
 */
export function startConfigDiff(root: string): Promise<GitRun> {
  // --relative: a records folder below the repository's top names its kmsw.yaml `kmsw.yaml`, as staged.ts reads it.
  return startGit(root, ['diff', '--raw', '-z', '--no-abbrev', '--no-renames', '--relative', '--', 'kmsw.yaml']);
}

/** Runs git with `args` in `root`, its output capped at MAX_DIFF_BYTES. */
function startGit(root: string, args: string[]): Promise<GitRun> {
  return new Promise((resolve) => {
    const [out, err]: [Buffer[], Buffer[]] = [[], []];
    const child = spawn('git', args, { cwd: root, env: gitEnv() });
    let size = Number(process.env.KMSW_TEST_DIFF_CAP) ? MAX_DIFF_BYTES - Number(process.env.KMSW_TEST_DIFF_CAP) : 0;
    child.stdout.on('data', (d: Buffer) => {
      if ((size += d.length) <= MAX_DIFF_BYTES) return void out.push(d);
      child.kill();
      const error = Object.assign(new Error('git diff --cached: output over its cap'), { code: 'ENOBUFS' });
      resolve({ status: null, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), error });
    });
    child.stderr.on('data', (d: Buffer) => err.push(d));
    // A git that cannot be started: 'error' (and maybe 'close' after it, which changes nothing then).
    child.on('error', (error) => resolve({ status: null, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), error }));
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}
