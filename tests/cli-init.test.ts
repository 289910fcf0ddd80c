import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KUNMING_COUNTIES } from '../src/config.js';
import { kmsw, tempFolder, type Run } from './helpers.js';

describe('kmsw init', () => {
  // One `kmsw init` into an empty folder: the first test looks at what it made; the others each work in a copy
  // of it (.git and all), as they would in a folder of their own that init made.
  let made = '';
  let run: Run;
  beforeAll(() => {
    made = tempFolder();
    run = kmsw(['init', made]);
  });
  const initialised = () => {
    const copy = tempFolder();
    cpSync(made, copy, { recursive: true });
    return copy;
  };

  it('makes a records folder: kmsw.yaml with the 14 counties, a Git repository, exports ignored', () => {
    const dir = made;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('kmsw.yaml');
    const config = parse(readFileSync(path.join(dir, 'kmsw.yaml'), 'utf8'));
    expect(config.city).toBe('昆明市');
    expect(Object.keys(config.counties)).toEqual([...KUNMING_COUNTIES]);
    // `stations:` stands empty above its commented examples, so that uncommenting one keeps the file valid (tests/new-safety.test.ts).
    expect(
      Object.values(config.counties).every((c) => ((c as { stations: string[] | null }).stations ?? []).length === 0),
    ).toBe(true);
    expect(readFileSync(path.join(dir, 'kmsw.yaml'), 'utf8')).toMatch(/#\s+- \{ name: 王芳, kind: 专业技术督导/);
    expect(existsSync(path.join(dir, '.git'))).toBe(true);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8').split('\n')).toEqual(
      expect.arrayContaining(['exports/', '.kmsw/']),
    );
  });

  it('refuses to run twice and changes nothing', () => {
    expect(run.code, run.stderr).toBe(0);
    const dir = initialised();
    writeFileSync(path.join(dir, 'kmsw.yaml'), 'city: 昆明市\n# 我的设置\n');
    const again = kmsw(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在');
    expect(readFileSync(path.join(dir, 'kmsw.yaml'), 'utf8')).toBe('city: 昆明市\n# 我的设置\n');
  });

  it('keeps an existing .gitignore and does not nest a repository inside one', () => {
    const outer = tempFolder({ '.gitignore': 'node_modules/' });
    expect(kmsw(['init', outer]).code).toBe(0);
    expect(readFileSync(path.join(outer, '.gitignore'), 'utf8')).toBe('node_modules/\nexports/\n.kmsw/\n');
    // A Git repository that is not a records folder (init refuses to make one inside a records folder).
    const repo = tempFolder();
    expect(spawnSync('git', ['init', '-q'], { cwd: repo }).status).toBe(0);
    const inner = path.join(repo, '督导资料 2026');
    const run = kmsw(['init', inner]);
    expect(run.code).toBe(0);
    expect(existsSync(path.join(inner, 'kmsw.yaml'))).toBe(true);
    expect(existsSync(path.join(inner, '.git'))).toBe(false);
  });

  it('the folder it makes is one kmsw new can work in', () => {
    const dir = initialised();
    const run = kmsw(['new', 'log', '--yes', '--as', '李明', '--today', '2026-11-28'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(existsSync(path.join(dir, '2026/11/log/2026-11-28-李明.yaml'))).toBe(true);
  });
});
