/**
 * kmsw.yaml's own slips, on the real binary: a full-width `：` typed with the Chinese input method stops
 * every command, so the error names it (not only "wrong indentation or colon") and says that
 * `kmsw check --fix` mends it; a misspelt key (`sinse:`) that leaves a required one missing is named
 * beside the missing one; `--fix` mends both in place, byte for byte as meant, comments kept; `--fix-dry-run`
 * changes nothing and checks as --fix would leave the file; a rename that would be a guess is left alone.
 * Each kind of run (check stopped by kmsw.yaml, --fix, --fix-dry-run, check's count) goes through the binary at
 * least once; their siblings in-process, through main(), which the binary runs (tests/support/in-process.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, CONFIG, kmsw, put, snapshot, tempFolder, type Run } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

// The day before the assistants' `since`: no log is missing yet, so a clean kmsw.yaml checks clean.
const TODAY = ['--today', '2026-11-22'];

/** The helpers' kmsw.yaml with a comment, as the user meant it. */
const MEANT = `# 昆明市督导中心的设置\n${CONFIG}`;

/** MEANT with the slips of a Chinese input method and two misspelt keys. */
const SLIPPED = MEANT.replace('city: 昆明市', 'city： 昆明市')
  .replace('centre:', 'centr:')
  .replace('{ name: 李明, since:', '{ name: 李明, sinse:');

const folder = (config: string) => tempFolder({ 'kmsw.yaml': config });
const configOf = (dir: string) => readFileSync(path.join(dir, 'kmsw.yaml'), 'utf8');

describe('kmsw.yaml that does not read', () => {
  it('names the full-width colon, the line YAML stopped at, and check --fix, for check and new alike', async () => {
    const dir = folder(SLIPPED);
    for (const args of [['check'], ['new', 'log', '--as', '李明']]) {
      // check through the binary, new in-process.
      const r =
        args[0] === 'check'
          ? kmsw(['--dir', dir, ...TODAY, ...args])
          : await kmswInProcess(['--dir', dir, ...TODAY, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('kmsw.yaml:2:1: 这一行的缩进或冒号不对');
      expect(r.stderr).toContain('kmsw.yaml:2:5: “city”后面是中文冒号“：”：YAML 需要英文冒号加空格，请改成 city:');
      expect(r.stderr).toContain('kmsw check --fix 可以改正 kmsw.yaml');
    }
    expect(configOf(dir)).toBe(SLIPPED);
  });

  it('names a misspelt key beside the required one it leaves missing, in English too', async () => {
    const dir = folder(MEANT.replace('{ name: 李明, since:', '{ name: 李明, sinse:'));
    const zh = kmsw(['--dir', dir, ...TODAY, 'check']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('assistants.0.since：since 应是日期');
    expect(zh.stderr).toMatch(/kmsw\.yaml:5:\d+: assistants\.0 没有“sinse”这一项.*是不是 since？/);
    expect(zh.stderr).toContain('kmsw check --fix 可以改正');
    const en = await kmswInProcess(['--dir', dir, ...TODAY, '--lang', 'en', 'check']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/assistants\.0 has no key "sinse"/);
    expect(en.stderr).toContain('kmsw check --fix can mend');
  });

  it('gives no --fix hint for a fault --fix cannot mend', async () => {
    const dir = folder(MEANT.replace('since: 2026-11-23 }', 'since: 2026-13-45 }'));
    const r = await kmswInProcess(['--dir', dir, ...TODAY, 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('assistants.0.since');
    expect(r.stderr).not.toContain('--fix');
  });
});

describe('check --fix on kmsw.yaml', () => {
  // One folder holding SLIPPED: the dry run first (it changes nothing), then --fix, then --fix again.
  const slipped = { dir: '', before: new Map<string, string>(), after: new Map<string, string>(), fixedTo: '' };
  let dry: Run;
  let fixed: Run;
  let again: Run;
  beforeAll(async () => {
    slipped.dir = folder(SLIPPED);
    slipped.before = snapshot(slipped.dir);
    dry = kmsw(['--dir', slipped.dir, ...TODAY, 'check', '--fix-dry-run']);
    slipped.after = snapshot(slipped.dir);
    fixed = kmsw(['--dir', slipped.dir, ...TODAY, 'check', '--fix']);
    slipped.fixedTo = configOf(slipped.dir);
    // The dry run and the fix through the binary; the second --fix in-process.
    again = await kmswInProcess(['--dir', slipped.dir, ...TODAY, 'check', '--fix']);
  });

  it('--fix-dry-run shows the diff, changes nothing, and checks kmsw.yaml as --fix would leave it', () => {
    const r = dry;
    expect(r.stdout).toContain('-city： 昆明市\n+city: 昆明市\n-centr: 昆明市社会工作服务站督导中心\n+centre:');
    expect(r.stdout).toContain('+  - { name: 李明, since: 2026-11-23 }');
    expect(r.stderr).toContain('--fix 会修正 1 个文件');
    expect(r.stderr).toMatch(/第 2 行：“：”改为 YAML 用的英文符号 {2}fullwidth-syntax/);
    expect(r.stderr).toMatch(/第 3 行：键 centr 改为 centre {2}unknown-field/);
    expect(r.stderr).toMatch(/第 5 行：键 sinse 改为 since {2}unknown-field/);
    // The folder as --fix would leave it has no error: the exit code follows that check, as for records.
    expect(r.code).toBe(0);
    expect(slipped.after).toEqual(slipped.before);
    // The diff applies: what it says is what --fix writes.
    expect(fixed.code).toBe(0);
    expect(slipped.fixedTo).toBe(MEANT);
  });

  it('--fix mends it byte for byte, comment and all, and a second --fix finds nothing', () => {
    // The folder --fix ran on was SLIPPED as written (the dry run before it changed nothing: above).
    expect(slipped.after).toEqual(slipped.before);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('已修正 1 个文件');
    expect(fixed.stdout).toContain('没有发现问题');
    expect(slipped.fixedTo).toBe(MEANT);
    expect(again.stdout).toContain('没有可以自动修正的问题');
    expect(configOf(slipped.dir)).toBe(MEANT);
  });

  it('check counts a misspelt key of kmsw.yaml among what --fix would fix', async () => {
    const dir = folder(MEANT.replace('centre:', 'centr:'));
    const r = await kmswInProcess(['--dir', dir, ...TODAY, 'check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kmsw.yaml 没有“centr”这一项');
    expect(r.stdout).toContain(`其中 1 个问题可以用 kmsw --dir ${dir} check --fix 自动修复`);
  });

  it('leaves a rename that would be a guess, or that kmsw.yaml turns off', async () => {
    // The key meant is there already: which of the two is right is the user's call.
    const both = MEANT.replace(
      'centre: 昆明市社会工作服务站督导中心',
      'centre: 昆明市社会工作服务站督导中心\ncentr: 督导中心',
    );
    const off = `${MEANT.replace('centre:', 'centr:')}rules:\n  unknown-field: off\n`;
    for (const config of [both, off]) {
      const dir = folder(config);
      const r = await kmswInProcess(['--dir', dir, ...TODAY, 'check', '--fix']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('没有可以自动修正的问题');
      expect(r.stdout).not.toContain('可以用 kmsw check --fix 自动修复');
      expect(configOf(dir)).toBe(config);
    }
  });

  it('--rule limits the fix to the rules named, and never writes a kmsw.yaml that would still not read', async () => {
    // The colon mended alone would leave since missing: nothing is written, and the check says why.
    const broken = SLIPPED.replace('centr:', 'centre:');
    const dir = folder(broken);
    const r = kmsw(['--dir', dir, ...TODAY, 'check', '--fix', '--rule', 'fullwidth-syntax']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('“city”后面是中文冒号');
    expect(configOf(dir)).toBe(broken);
    // A kmsw.yaml that reads: only the rule asked for is fixed.
    const both = MEANT.replace(
      'centre: 昆明市社会工作服务站督导中心',
      'centr: 昆明市社会工作服务站督导中心\u3000# 全称',
    );
    const readable = folder(both);
    const one = await kmswInProcess(['--dir', readable, ...TODAY, 'check', '--fix', '--rule', 'unknown-field']);
    expect(one.stdout).toContain('键 centr 改为 centre');
    expect(configOf(readable)).toBe(both.replace('centr:', 'centre:'));
  });
});

describe("check's count of what --fix would fix", () => {
  it('names the --fix that fixes them, copied as it is: the files and rules asked for, quoted for the shell', () => {
    const rel = '2026/11/log/2026-11-23 李明.yaml';
    const log = [
      'form: log',
      'date: 2026-11-23',
      'author: 李明',
      'work: 到红云街道社工站开展团体督导。',
      'plna: 整理督导记录',
      '',
    ].join('\n');
    const dir = folder(MEANT.replace('centre:', 'centr:'));
    writeFileSync(path.join(dir, 'kmsw.yaml'), MEANT.replace('centre:', 'centr:'));
    put(dir, rel, log);
    const r = kmsw([...TODAY, 'check', '--rule', 'unknown-field', rel], { cwd: dir });
    const command = `kmsw check --fix --rule unknown-field '${rel}'`;
    expect(r.stdout).toContain(`其中 1 个问题可以用 ${command} 自动修复`);
    // Run as the user would paste it: only that file's key is renamed, kmsw.yaml's is not.
    const shell = spawnSync(
      'sh',
      ['-c', `${command.replace(/^kmsw/, `'${process.execPath}' '${BIN}'`)} --today 2026-11-22`],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(shell.stdout).toContain('已修正 1 个文件');
    expect(readFileSync(path.join(dir, rel), 'utf8')).toBe(log.replace('plna:', 'plan:'));
    expect(configOf(dir)).toContain('centr:');
  });
});

describe('kmsw.yaml: --fix never writes what still cannot be read, and fixes only what check reports', () => {
  it('a slip beside a fault --fix cannot mend: nothing written, no --fix offered, the fault named', async () => {
    const config = SLIPPED.replace('kind: 专业技术督导', 'kind: 专业督导');
    const dir = folder(config);
    for (const args of [['check'], ['check', '--fix'], ['check', '--fix-dry-run']]) {
      // --fix through the binary, the other two in-process.
      const r =
        args[1] === '--fix'
          ? kmsw(['--dir', dir, ...TODAY, ...args])
          : await kmswInProcess(['--dir', dir, ...TODAY, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('“city”后面是中文冒号');
      expect(r.stderr).not.toContain('kmsw check --fix 可以改正');
    }
    expect(configOf(dir)).toBe(config);
  });

  it('--fix-dry-run plans the records with kmsw.yaml as --fix would leave it', () => {
    const dir = folder(SLIPPED);
    const log = ['form: log', 'date: 2026-11-23', 'autor: 李明', 'work: 到红云街道社工站开展团体督导。', ''].join('\n');
    put(dir, '2026/11/log/2026-11-23-李明.yaml', log);
    const before = snapshot(dir);
    const r = kmsw(['--dir', dir, ...TODAY, 'check', '--fix-dry-run']);
    expect(r.stderr).toContain('--fix 会修正 2 个文件');
    expect(r.stdout).toContain('+city: 昆明市');
    expect(r.stdout).toContain('-autor: 李明\n+author: 李明');
    expect(snapshot(dir)).toEqual(before);
  });

  it('check reports a full-width space before # in a kmsw.yaml that reads, counts it, and --fix mends it', async () => {
    const slipped = MEANT.replace(
      'centre: 昆明市社会工作服务站督导中心',
      'centre: 昆明市社会工作服务站督导中心\u3000# 全称',
    );
    const dir = folder(slipped);
    const r = kmsw(['--dir', dir, ...TODAY, 'check']);
    expect(r.stdout).toMatch(/kmsw\.yaml\n {2}3:\d+ .*fullwidth-syntax/);
    expect(r.stdout).toContain(`其中 1 个问题可以用 kmsw --dir ${dir} check --fix 自动修复`);
    const fixed = await kmswInProcess(['--dir', dir, ...TODAY, 'check', '--fix']);
    expect(fixed.stdout).toContain('已修正 1 个文件');
    expect(configOf(dir)).toBe(slipped.replace('\u3000#', ' #'));
  });
});
