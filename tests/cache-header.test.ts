/**
 * The cache's header is untrusted like the rest of `.kmsw/`: a size or an offset in it that is not a count (a
 * negative `end`, which a read takes for "the current position") makes the whole cache another's, rebuilt.
 */
import { appendFileSync, cpSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, kmsw as spawned, tempFolder } from './helpers.js';
import { ON } from './support/no-cache.js';

/** kmsw with the cache on, whatever the suite's environment says (KMSW_NO_CACHE=1 runs the suite without it). */
const kmsw = (args: string[]) => spawned(args, { env: ON });

describe('the cache header', () => {
  it.each(['end', 'rest', 'names'])('is not trusted with a negative %s', (field) => {
    const dir = tempFolder({}, 'kmsw-cache-header-');
    cpSync(EXAMPLE, dir, { recursive: true });
    const args = ['--dir', dir, '--today', '2026-11-30', 'check', '--format', 'json'];
    const first = kmsw(args);
    const index = path.join(dir, '.kmsw/cache.json');
    const written = readFileSync(index, 'utf8');
    const pattern = new RegExp(`"${field}":\\d+`);
    expect(written).toMatch(pattern);
    // In place: the same file, so its device and inode still match the header's.
    writeFileSync(index, written.replace(pattern, `"${field}":-1`));
    const again = kmsw(args);
    expect([again.code, again.stdout]).toEqual([first.code, first.stdout]);
    // Read as no cache, so written again whole.
    expect(readFileSync(index, 'utf8')).not.toContain(`"${field}":-1`);
  });
});

describe('the cache folder', () => {
  it('keeps its own .gitignore, also when a run only appends to the journal', () => {
    const dir = tempFolder({}, 'kmsw-cache-ignore-');
    cpSync(EXAMPLE, dir, { recursive: true });
    const args = ['--dir', dir, '--today', '2026-11-30', 'check'];
    kmsw(args);
    const ignore = path.join(dir, '.kmsw/.gitignore');
    expect(readFileSync(ignore, 'utf8')).toBe('*\n');
    rmSync(ignore);
    // One log changed, dated back (a file changed within 2 s of a check is hashed again), so the run appends.
    const log = path.join(dir, '2026/11/log/2026-11-26-李明.yaml');
    appendFileSync(log, '# 补充\n');
    const then = new Date(Date.now() - 10_000);
    utimesSync(log, then, then);
    const index = readFileSync(path.join(dir, '.kmsw/cache.json'));
    kmsw(args);
    expect(readFileSync(path.join(dir, '.kmsw/cache.json')).equals(index)).toBe(true);
    expect(readFileSync(ignore, 'utf8')).toBe('*\n');
  });
});

describe('the folder rules’ file', () => {
  it('is trusted only as the file it names (a copy, a commit of it is ignored)', () => {
    const dir = tempFolder({}, 'kmsw-cache-folder-file-');
    cpSync(EXAMPLE, dir, { recursive: true });
    const args = ['--dir', dir, '--today', '2026-11-30', 'check', '--format', 'json'];
    const first = kmsw(args);
    const file = path.join(dir, '.kmsw/folder.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { folder: Array<{ r: Record<string, unknown> }> };
    const forged = { rule: 'duplicate', file: '2026/11/log/2026-11-26-李明.yaml', line: 1, column: 1, message: '伪造' };
    stored.folder[0]!.r.duplicate = [forged];
    // Another file (a new inode) naming the old one's device and inode: not this folder's own.
    const copy = `${file}.copy`;
    writeFileSync(copy, JSON.stringify(stored));
    renameSync(copy, file);
    const again = kmsw(args);
    expect([again.code, again.stdout]).toEqual([first.code, first.stdout]);
    // The same bytes written in place (its own device and inode) are read: the forged finding shows, so the copy's
    // was ignored, not missed.
    const own = JSON.parse(readFileSync(file, 'utf8')) as { dev: number; ino: number };
    writeFileSync(file, JSON.stringify({ ...stored, dev: own.dev, ino: own.ino }));
    expect(kmsw(args).stdout).toContain('伪造');
  });
});
