/**
 * The records as staged in Git's index, for `kmsw check --staged` (the pre-commit hook): which files
 * a commit adds or changes, and their bytes as staged, never the work tree's. Two git processes
 * whatever the number of files: one lists the staged entries with their blob ids, one reads every blob.
 * The index is as untrusted as the folder: each blob passes the same size cap as a file on disk.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';
import { CAPS, readRegular, type Look } from './inside.js';
import { gitEnv, MAX_DIFF_BYTES, startConfigDiff, startStagedDiff, type GitRun } from './staged-diff.js';
import { inMonthFolder, isRecordPath, tooLarge, type LoadedFile, type SkippedLink } from './load.js';

export interface StagedRecords {
  /** Every staged path kmsw reports on (records, links, strays of a month's folder), relative to the folder. */
  paths: Set<string>;
  /**
   * The staged record files, read from the index: their bytes (StagedFile, parsed only when checked: the cache may
   * hold the result for the same bytes), or what reading them gave (too large, missing).
   */
  read: Map<string, LoadedFile | StagedFile>;
  /** Staged symbolic links where a record could be, with their target as staged. */
  links: SkippedLink[];
  /** kmsw.yaml's bytes when it is staged, or the index's when only its work-tree copy was edited. */
  config?: Buffer;
  /** kmsw.yaml has edits that are not staged: the records were checked by the index's kmsw.yaml (`config`). */
  configFromIndex?: boolean;
}

/** A staged record file's bytes, not parsed yet. */
export interface StagedFile {
  bytes: Buffer;
  /**
   * When the work tree's file holds these very bytes: what lstat said of it before they were read from it, so that
   * the folder's cache may keep the result for the work tree's file too.
   */
  worktree?: Look & { at: number };
}

/** Whether a staged record is its bytes, not yet parsed (else what reading it gave). */
export const isStagedFile = (f: LoadedFile | StagedFile): f is StagedFile => 'bytes' in f;

interface Entry {
  mode: string;
  oid: string;
  file: string;
}

type Blob = { bytes: Buffer; worktree?: StagedFile['worktree'] } | { size: number } | { missing: true };

/** The staged entries, as `git diff --cached` (started by the command line: `diff`, else here) lists them. */
async function stagedEntries(root: string, diff?: Promise<GitRun>): Promise<Entry[]> {
  const run = await (diff ?? startStagedDiff(root));
  if (run.error?.code === 'ENOBUFS') throw new KmswError(msg().staged.diffTooLong(MAX_DIFF_BYTES / 1024 / 1024));
  if (run.error) throw new KmswError(msg().staged.noGit(String(run.error.code)));
  if (run.status !== 0) {
    const inside = spawnSync('git', ['rev-parse', '--git-dir'], { cwd: root, env: gitEnv() });
    if (inside.status !== 0) throw new KmswError(msg().staged.notARepository(root));
    throw new KmswError(msg().staged.gitFailed(run.stderr.toString('utf8').trim()));
  }
  const parts = run.stdout.toString('utf8').split('\0');
  const entries: Entry[] = [];
  // `:100644 100644 <old> <new> M`, then the path: one pair per entry.
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [, mode = '', , oid = ''] = parts[i]!.slice(1).split(' ');
    entries.push({ mode, oid, file: parts[i + 1]! });
  }
  return entries;
}

/** Every blob named, through one `git cat-file --batch`; a blob over `cap` is counted, not kept. */
function readBlobs(root: string, oids: readonly string[], cap: number): Promise<Blob[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, env: gitEnv() });
    const blobs: Blob[] = [];
    let header = Buffer.alloc(0);
    let left = -1;
    let size = 0;
    let parts: Buffer[] | undefined;
    const take = (chunk: Buffer): void => {
      for (let at = 0; at < chunk.length;) {
        if (left < 0) {
          const nl = chunk.indexOf(10, at);
          header = Buffer.concat([header, chunk.subarray(at, nl < 0 ? chunk.length : nl)]);
          if (nl < 0) return;
          at = nl + 1;
          const [, type, n] = header.toString('latin1').split(' ');
          header = Buffer.alloc(0);
          if (type === 'missing' || n === undefined) blobs.push({ missing: true });
          else [size, left, parts] = [Number(n), Number(n) + 1, Number(n) <= cap ? [] : undefined];
          continue;
        }
        const piece = chunk.subarray(at, at + left);
        parts?.push(piece);
        at += piece.length;
        left -= piece.length;
        if (left > 0) continue;
        left = -1;
        blobs.push(parts ? { bytes: Buffer.concat(parts).subarray(0, size) } : { size });
      }
    };
    let stderr = '';
    child.stdout.on('data', take);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (e) => reject(new KmswError(msg().staged.noGit(String((e as NodeJS.ErrnoException).code)))));
    child.on('close', (code) =>
      code === 0 && blobs.length === oids.length
        ? resolve(blobs)
        : reject(new KmswError(msg().staged.gitFailed(stderr.trim() || `cat-file ${code}`))),
    );
    child.stdin.end(oids.map((o) => `${o}\n`).join(''));
  });
}

/**
 * The staged file's bytes read from the work tree, when Git's id of them (its object format's hash of `blob <size>\0`
 * and the bytes) is the staged blob's: the same bytes. Undefined otherwise (changed since staged, a link, too large).
 */
function workTreeBlob(root: string, e: Entry): Blob | undefined {
  const algorithm = e.oid.length === 40 ? 'sha1' : e.oid.length === 64 ? 'sha256' : undefined;
  if (!algorithm) return undefined;
  const file = path.join(root, e.file);
  let bytes: Buffer;
  let before: StagedFile['worktree'];
  try {
    // Looked at before the read (and the time before the look): a change after it shows in the next run's look.
    const at = Date.now();
    const s = lstatSync(file, { throwIfNoEntry: false });
    if (s?.isFile()) before = { mode: s.mode, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino, at };
    bytes = readRegular(file, CAPS.record, { noFollow: true });
  } catch {
    return undefined;
  }
  const id = createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  return id === e.oid ? { bytes, worktree: before } : undefined;
}

/** The index's mode and id of kmsw.yaml when `git diff` (index against work tree) lists it; else undefined. */
function indexSide(run: GitRun): { mode: string; oid: string } | undefined {
  if (run.status !== 0) return undefined;
  // `:100644 100644 <index> <work tree, zeros> M`, then the path.
  const [line = '', file] = run.stdout.toString('utf8').split('\0');
  // The first mode and id are the index's (git diff compares the index with the work tree).
  const [mode = '', , oid = ''] = line.slice(1).split(' ');
  const listed = file === 'kmsw.yaml' && mode !== '000000' && /^[0-9a-f]{40,64}$/.test(oid) && !/^0+$/.test(oid);
  return listed ? { mode, oid } : undefined;
}

/** Whether a staged path is kmsw's business: a record, kmsw.yaml, or anything in a month's folder. */
const concerns = (file: string) => file === 'kmsw.yaml' || isRecordPath(file) || inMonthFolder(file);

/**
 * What a commit would add or change in the records folder at `root`, read from Git's index; undefined
 * when it touches no record and not kmsw.yaml. Outside a Git repository: a KmswError.
 */
export async function stagedRecords(root: string, diff?: Promise<GitRun>): Promise<StagedRecords | undefined> {
  const configDiff = startConfigDiff(root);
  // Submodules (160000) hold no record; regular files (100644, 100755) and links (120000) are read.
  const entries = (await stagedEntries(root, diff)).filter((e) => concerns(e.file) && e.mode !== '160000');
  if (entries.length === 0) return undefined;
  // kmsw.yaml edited in the work tree since it was staged (or committed): the commit holds the index's, and the
  // records are checked by it, read from the index when it is not staged.
  const index = indexSide(await configDiff);
  if (index && !entries.some((e) => e.file === 'kmsw.yaml')) entries.push({ ...index, file: 'kmsw.yaml' });
  const read = (e: Entry) => e.mode === '120000' || e.file === 'kmsw.yaml' || isRecordPath(e.file);
  const wanted = entries.filter(read);
  // Most commits stage the work tree's own file: its bytes, when Git's id of them is the staged one, spare a git
  // process.
  const own = wanted.map((e) => (e.mode === '120000' ? undefined : workTreeBlob(root, e)));
  const missing = wanted.filter((_, i) => !own[i]);
  const fromGit =
    missing.length > 0
      ? await readBlobs(
          root,
          missing.map((e) => e.oid),
          CAPS.record,
        )
      : [];
  const blobs = own.map((b) => b ?? fromGit.shift()!);
  const staged: StagedRecords = { paths: new Set(entries.map((e) => e.file)), read: new Map(), links: [] };
  if (index) staged.configFromIndex = true;
  wanted.forEach((e, i) => {
    const blob = blobs[i]!;
    if (e.mode === '120000') {
      const target = 'bytes' in blob ? blob.bytes.toString('utf8') : '?';
      return void staged.links.push({ file: e.file, target });
    }
    if (e.file === 'kmsw.yaml') {
      if ('bytes' in blob) return void (staged.config = blob.bytes);
      throw new KmswError(msg().staged.configUnreadable('size' in blob ? (blob.size / 1048576).toFixed(1) : '?'));
    }
    if ('bytes' in blob) staged.read.set(e.file, { bytes: blob.bytes, worktree: blob.worktree });
    else if ('size' in blob) staged.read.set(e.file, tooLarge(e.file, blob.size));
    else
      staged.read.set(e.file, {
        file: e.file,
        problem: { rule: 'unreadable', line: 1, column: 1, message: msg().staged.missing },
      });
  });
  return staged;
}

/**
 * The folder's listing with the staged entries as staged: a file staged as a record is read from the
 * index even when the work tree lacks it or holds a link there, and a link staged is a link. What is staged
 * in a records folder inside this one (`nested`, listRecordFiles's) is that folder's, not a record here.
 */
export function withStaged(
  files: readonly string[],
  links: readonly SkippedLink[],
  staged: StagedRecords,
  nested: readonly string[] = [],
): { files: string[]; links: SkippedLink[] } {
  const ours = (f: string) => !nested.some((folder) => f.startsWith(folder));
  const stagedLinks = staged.links.filter((l) => ours(l.file));
  const linked = new Set(stagedLinks.map((l) => l.file));
  const replaced = (f: string) => linked.has(f) || staged.read.has(f);
  return {
    files: [...new Set([...files.filter((f) => !linked.has(f)), ...[...staged.read.keys()].filter(ours)])].sort(),
    links: [...links.filter((l) => !replaced(l.file)), ...stagedLinks].sort((a, b) => (a.file < b.file ? -1 : 1)),
  };
}

/**
 * `check --staged --dir <folder>` (the hook) where the folder has no kmsw.yaml in the work tree: an orphan branch, the
 * folder renamed with git mv, kmsw.yaml deleted. `check`: the index holds kmsw.yaml all the same (its deletion not
 * staged), so the commit is checked by it. Else the note that says nothing was checked, and how many record files
 * the commit changes in the folder all the same (read from the index: the folder may be gone from the work tree).
 */
export function withoutConfig(root: string): { check: true } | { check: false; note: string } {
  let base = root;
  while (!existsSync(base) && path.dirname(base) !== base) base = path.dirname(base);
  const rel = path.relative(base, root).split(path.sep).join('/');
  const spec = rel ? [`:(literal)${rel}`] : [];
  const git = (args: string[]) => {
    const run = spawnSync('git', args, { cwd: base, env: gitEnv(), maxBuffer: MAX_DIFF_BYTES });
    if (run.error) throw new KmswError(msg().staged.noGit(String((run.error as NodeJS.ErrnoException).code)));
    if (run.status !== 0) throw new KmswError(msg().staged.notARepository(root));
    return run.stdout.toString('utf8').split('\0').filter(Boolean);
  };
  if (!rel && git(['ls-files', '-z', '--', ':(literal)kmsw.yaml']).length > 0) return { check: true };
  const staged = git([
    'diff',
    '--cached',
    '--name-only',
    '-z',
    '--no-renames',
    '--diff-filter=ACMT',
    '--relative',
    '--',
    ...spec,
  ]);
  const records = staged
    .map((f) => (rel ? f.slice(rel.length + 1) : f))
    .filter((f) => isRecordPath(f) || inMonthFolder(f));
  const note = records.length > 0 ? msg().hooks.noConfigRecords(root, records.length) : msg().hooks.noConfig(root);
  return { check: false, note };
}
