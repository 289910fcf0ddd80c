/**
 * An export that fails after its folders were made leaves no empty folder behind: a user who opens
 * exports/ after an error finds the month's folder only when something was written into it.
 * kmsw's own templates fail here in a copy of the install whose templates/ holds a damaged file: the
 * one failure that comes after the targets are made (the folder's own templates are checked before).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, ROOT, kmsw, put, tempFolder } from './helpers.js';

/** A copy of kmsw's install (bin, dist, templates, package.json; node_modules linked) with one template damaged. */
function damagedInstall(template: string): string {
  const dir = tempFolder({}, 'kmsw-install-');
  for (const part of ['bin', 'dist', 'templates', 'package.json'])
    cpSync(path.join(ROOT, part), path.join(dir, part), {
      recursive: true,
    });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'templates', template), 'not a zip');
  return dir;
}

function run(install: string, args: string[]) {
  const r = spawnSync(process.execPath, [path.join(install, 'bin', 'kmsw.cjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KMSW_USER: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('an export that fails on kmsw’s own template', () => {
  let install: string;
  beforeAll(() => {
    install = damagedInstall('督导工作日志.docx');
  });

  it('names the template, writes nothing and leaves no empty exports/ or month folder', () => {
    const records = tempFolder({}, 'kmsw-cleanup-');
    cpSync(EXAMPLE, records, { recursive: true });
    const r = run(install, ['--dir', records, '--today', '2026-11-30', 'export', '--month', '2026-11']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('督导工作日志.docx');
    expect(existsSync(path.join(records, 'exports'))).toBe(false);
  });

  it('keeps a folder that already held something, and the files in it', () => {
    const records = tempFolder({}, 'kmsw-cleanup-');
    cpSync(EXAMPLE, records, { recursive: true });
    put(records, 'exports/2026-11/说明.txt', '上个月的备注');
    mkdirSync(path.join(records, 'exports', '2026-10'));
    const r = run(install, ['--dir', records, '--today', '2026-11-30', 'export', '--month', '2026-11']);
    expect(r.code).toBe(2);
    expect(readdirSync(path.join(records, 'exports')).sort()).toEqual(['2026-10', '2026-11']);
    expect(readdirSync(path.join(records, 'exports', '2026-11'))).toEqual(['说明.txt']);
  });

  it('removes only what it made: a --out folder two levels deep goes, its existing parent stays', () => {
    const records = tempFolder({}, 'kmsw-cleanup-');
    cpSync(EXAMPLE, records, { recursive: true });
    const out = tempFolder({}, 'kmsw-cleanup-out-');
    const args = ['--dir', records, '--today', '2026-11-30', 'export', '--month', '2026-11', '--out'];
    const r = run(install, [...args, path.join(out, 'a', 'b')]);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('an export whose folders cannot all be made', () => {
  it('removes the months it made before the one it could not make (--year, a file where 2026-11/ goes)', () => {
    const records = tempFolder({}, 'kmsw-cleanup-');
    cpSync(EXAMPLE, records, { recursive: true });
    const log = readFileSync(path.join(EXAMPLE, '2026/11/log/2026-11-23-李明.yaml'), 'utf8');
    put(records, '2026/10/log/2026-10-23-李明.yaml', log.replaceAll('2026-11-23', '2026-10-23'));
    const out = tempFolder({ '2026-11': 'a file, not a folder' }, 'kmsw-cleanup-out-');
    const r = kmsw(['--dir', records, '--today', '2026-11-30', 'export', '--year', '2026', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2026-11');
    expect(readdirSync(out)).toEqual(['2026-11']);
  });
});
