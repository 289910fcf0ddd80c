/**
 * `kmsw check --fix` and `--fix-dry-run` on the real binary, over copies of records.example with slips
 * put in: each kind of fix, byte for byte (comments, CRLF, BOM kept), a dry run that changes nothing,
 * `git mv` in a repository and a plain rename outside one, a move that would land on a file, a file
 * changed while kmsw holds it, a selection, and fixing twice.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, CONFIG, EXAMPLE, forRuns, kmsw, put, snapshot, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const TODAY = ['--today', '2026-11-30'];
const example = (rel: string) => readFileSync(path.join(EXAMPLE, rel), 'utf8');
const git = (cwd: string, ...args: string[]) =>
  spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, encoding: 'utf8' }).stdout;

const A = '2026/11/log/2026-11-24-李明.yaml';
const A_SLIPPED = '2026/11/log/2026年11月24日-李明.yaml';
const B = '2026/11/log/2026-11-25-赵雪.yaml';
const C = '2026/11/individual/2026-11-25-周强.yaml';
const D = '2026/11/log/2026-11-30-赵雪.yaml';
const D_SLIPPED = '2026/11/group/2026-11-30-赵雪.yaml';
const E = '2026/11/case/2026-11-26-李明.yaml';
const F = '2026/11/log/2026-11-27-赵雪.yaml';

/** What each fixed file must read, byte for byte: the example with its comments, CRLF and BOM as written. */
const clean = {
  a: () => `# 李明补写\n${example(A).replace('date: 2026-11-24', 'date: 2026-11-24  # 补写的日期')}`,
  b: () => `\uFEFF${example(B).replace(/\n/g, '\r\n')}`,
  c: () => example(C),
  d: () => example(D),
};

describe('check --fix in a Git repository', () => {
  let dir = '';
  let before = new Map<string, string>();
  beforeAll(() => {
    dir = tempFolder({}, 'kmsw-fix-');
    cpSync(EXAMPLE, dir, { recursive: true });
    rmSync(path.join(dir, A));
    rmSync(path.join(dir, B));
    put(
      dir,
      A_SLIPPED,
      clean
        .a()
        .replace('author: 李明', 'author：李明')
        .replace('date: 2026-11-24', 'date: 2026年11月24日')
        .replace('\nplan:', '\npln:'),
    );
    put(dir, B, clean.b().replace('author: 赵雪', 'author:\u3000赵雪').replace('content:', 'contnet:'));
    put(dir, C, clean.c().replace('worker: { name: 周强, date', 'worker: { name: 周强，date'));
    mkdirSync(path.join(dir, '2026/11/group'), { recursive: true });
    renameSync(path.join(dir, D), path.join(dir, D_SLIPPED));
    // Where misplaced would move this one, its twin is: it stays where it is.
    put(dir, E, example('2026/11/log/2026-11-26-李明.yaml'));
    // `dat` is one edit from `date`, which the record has: which one is meant is a guess.
    put(dir, F, `${example(F)}dat: 备注\n`);
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
      ['commit', '-qm', 'records'],
    ])
      spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: dir });
    before = snapshot(dir);
  });

  it('--fix-dry-run prints the diff and the moves, and changes no byte', () => {
    const r = kmsw(['check', '--fix-dry-run', ...TODAY], { cwd: dir });
    expect(r.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    expect(r.stdout).toContain(`diff --git a/${A_SLIPPED} b/${A}\nrename from ${A_SLIPPED}\nrename to ${A}\n`);
    expect(r.stdout).toContain('-author：李明\n+author: 李明\n');
    expect(r.stdout).toContain('-date: 2026年11月24日  # 补写的日期\n+date: 2026-11-24  # 补写的日期\n');
    expect(r.stdout).toContain('-contnet: |\n+content: |\n');
    expect(r.stdout).toContain(`rename from ${D_SLIPPED}\nrename to ${D}\n`);
    expect(r.stdout).not.toContain(`b/${F}`);
    // The words go to stderr: stdout is the patch alone.
    expect(r.stderr).toContain('--fix 会修正 4 个文件');
    expect(r.stderr).toContain('2026/11/log/2026-11-26-李明.yaml 已有文件');
  });

  it('--fix mends each slip in place, moves with git mv, leaves what it cannot fix, and says so', () => {
    const r = kmsw(['check', '--fix', ...TODAY], { cwd: dir });
    // The copy at E stays a duplicate of its twin, an error: the exit follows what remains.
    expect(r.code).toBe(1);
    expect(readFileSync(path.join(dir, A), 'utf8')).toBe(clean.a());
    expect(readFileSync(path.join(dir, B), 'utf8')).toBe(clean.b());
    expect(readFileSync(path.join(dir, C), 'utf8')).toBe(clean.c());
    expect(readFileSync(path.join(dir, D), 'utf8')).toBe(clean.d());
    expect(existsSync(path.join(dir, A_SLIPPED)) || existsSync(path.join(dir, D_SLIPPED))).toBe(false);
    expect(readFileSync(path.join(dir, E), 'utf8')).toBe(example('2026/11/log/2026-11-26-李明.yaml'));
    expect(readFileSync(path.join(dir, F), 'utf8')).toContain('\ndat: 备注\n');
    const status = git(dir, 'status', '--porcelain');
    expect(status).toMatch(new RegExp(`^R. ${A_SLIPPED} -> ${A}$`, 'm'));
    expect(status).toMatch(new RegExp(`^R  ${D_SLIPPED} -> ${D}$`, 'm'));
    expect(r.stdout).toContain('已修正 4 个文件');
    expect(r.stdout).toContain(`移到 ${A}（git mv）`);
    expect(r.stdout).toContain('第 11 行：键 pln 改为 plan');
    expect(r.stdout).toContain('留着没有改');
    expect(r.stdout).toContain('2026/11/log/2026-11-26-李明.yaml 已有文件');
    const remains = r.stdout.slice(r.stdout.indexOf('修正之后仍有的问题'));
    expect(remains).not.toContain('fullwidth-syntax');
    expect(remains.match(/misplaced/g)).toHaveLength(1);
    expect(remains.match(/unknown-field/g)).toHaveLength(1);
    expect(remains).toContain(E);
  });

  // In-process, through main(), which the binary runs (tests/support/in-process.ts): the --fix above is the binary's.
  it('fixing again changes nothing (--lang en)', async () => {
    const after = snapshot(dir);
    const r = await kmswInProcess(['check', '--fix', '--lang', 'en', ...TODAY], { cwd: dir });
    expect(r.code).toBe(1);
    expect(snapshot(dir)).toEqual(after);
    expect(r.stdout).toContain('Nothing that can be fixed automatically.');
    expect(r.stdout).toContain('Left as they are:');
    expect(r.stdout).toContain('exists already: not moved');
  });

  it('refuses --staged, and --fix with --fix-dry-run', async () => {
    const staged = kmsw(['check', '--fix', '--staged'], { cwd: dir });
    expect(staged.code).toBe(2);
    expect(staged.stderr).toContain('不能与 --staged 一起用');
    // In-process, through main() (the refusal of --staged above is the binary's).
    const both = await kmswInProcess(['check', '--fix', '--fix-dry-run', '--lang', 'en'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --fix or --fix-dry-run, not both');
  });
});

describe('check --fix outside Git', () => {
  const slipped = (rel: string) => example(rel).replace(/^author: /m, 'author：');
  const L1 = '2026/11/log/2026-11-23-李明.yaml';
  const L2 = '2026/11/log/2026-11-23-赵雪.yaml';
  const L3 = '2026/11/log/2026-11-24-赵雪.yaml';
  const L2_SLIPPED = '2026/11/meeting/2026-11-23-赵雪.yaml';
  let dir = '';
  beforeAll(() => {
    dir = tempFolder({ 'kmsw.yaml': CONFIG, [L1]: slipped(L1), [L2_SLIPPED]: slipped(L2), [L3]: slipped(L3) });
  });

  // In-process, through main(), which the binary runs (--fix is spawned above and below).
  it('--month of another month fixes nothing', async () => {
    const before = snapshot(dir);
    await kmswInProcess(['check', '--fix', '--month', '2026-10', ...TODAY], { cwd: dir });
    expect(snapshot(dir)).toEqual(before);
  });

  it(
    'leaves a file that changed while it held it, fixes and renames the files named, and no other',
    async () => {
      const resume = path.join(dir, '.resume');
      const child = spawn(process.execPath, [BIN, 'check', '--fix', ...TODAY, L1, L2_SLIPPED], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', KMSW_TEST_PAUSE: 'fix-read', KMSW_TEST_RESUME: resume },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      const paused = new Promise<void>((resolve) =>
        child.stderr.on('data', (d) => {
          stderr += d;
          if (stderr.includes('KMSW_TEST_PAUSED fix-read')) resolve();
        }),
      );
      const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
      await paused;
      // Someone saves L1 in an editor meanwhile: their text wins.
      const theirs = `${slipped(L1)}# 编辑器里保存的\n`;
      writeFileSync(path.join(dir, L1), theirs);
      writeFileSync(resume, '');
      const code = await exited;
      rmSync(resume);
      expect(code).toBe(1);
      expect(readFileSync(path.join(dir, L1), 'utf8')).toBe(theirs);
      expect(readFileSync(path.join(dir, L2), 'utf8')).toBe(example(L2));
      expect(existsSync(path.join(dir, L2_SLIPPED))).toBe(false);
      // Not named: left with its slip.
      expect(readFileSync(path.join(dir, L3), 'utf8')).toBe(slipped(L3));
      expect(stdout).toContain(`移到 ${L2}\n`);
      expect(stdout).toContain(`${L1}\n    读取之后文件被改过`);
    },
    forRuns(1),
  );
});

describe('check --fix: full-width runs, a comment meant, a flow after key：, a move that cannot be', () => {
  const LOG = '2026/11/log/2026-11-25-李明.yaml';
  const GUARD = '2026/11/individual/2026-11-25-周强.yaml';
  const RUNON = '2026/11/log/2026-11-24-李明.yaml';
  const GROUP = '2026/11/group/2026-11-20-五华区.yaml';
  const MEETING = '2026/11/meeting/2026-11-16-督导中心11月工作会议.yaml';
  const TWIN = '2026/10/log/2026-11-28-李明.yaml';
  const HERE = '2026/11/log/2026-11-28-李明.yaml';
  const slipped = {
    log: () => example(LOG).replace('  - 到华山', '\u3000\u3000-\u3000到华山').replace('  - 提醒', '  -\u3000提醒'),
    // A text runs on over a line with a full-width space in its layout, which check does not flag in a file that
    // reads: mended for the signature's slip, the record might read other than meant, so it is left.
    guard: () =>
      example(GUARD)
        .replace('worker: { name: 周强', 'worker: { name:\u3000周强')
        .replace(/^(location: .*)$/m, '$1\n  \u3000-\u3000另约面谈'),
    // Mended, the dash's line would run on from `plan: 跟进…` as one text: no list, so it is left.
    runOn: () =>
      example(RUNON)
        .replace('author: 李明', 'author:\u3000李明')
        .replace(/plan:\n {2}- (.*)\n {2}- /, 'plan: $1\n  \u3000-\u3000'),
    group: () =>
      example(GROUP)
        .replace('supervisees: [张丽, 刘洋, 马晓燕, 李娜]', 'supervisees：[张丽，刘洋, 马晓燕，李娜]')
        .replace('duration: 3小时', 'duration: 3小时\u3000# 时长：3小时')
        // In a block text a `#` after a full-width space is text.
        .replace('content: |\n  围绕', 'content: |\n  围绕\u3000# 不是注释'),
    meeting: () => example(MEETING).replace(/^place: .*$/m, 'place: 三楼会议室\u3000# 待确认：是否改到三楼'),
  };
  const twin = () => example('2026/11/log/2026-11-27-李明.yaml');
  let dir = '';
  let before = new Map<string, string>();
  beforeAll(() => {
    dir = tempFolder({}, 'kmsw-fix2-');
    cpSync(EXAMPLE, dir, { recursive: true });
    put(dir, LOG, slipped.log());
    put(dir, GUARD, slipped.guard());
    put(dir, RUNON, slipped.runOn());
    put(dir, GROUP, slipped.group());
    put(dir, MEETING, slipped.meeting());
    put(dir, TWIN, twin().replace(/^date: .*$/m, 'date: 2026年11月28日'));
    put(dir, HERE, twin().replace(/^date: .*$/m, 'date: 2026/11/28'));
    before = snapshot(dir);
  });

  it('check reports each slip of a line, and the dry run shows no change to a record that cannot move', async () => {
    const r = kmsw(['check', ...TODAY], { cwd: dir });
    const at = (file: string, ...places: string[]) => {
      const part = r.stdout.slice(r.stdout.indexOf(`${file}\n`)).split('\n\n')[0]!;
      for (const p of places) expect(part).toMatch(new RegExp(`^ {2}${p} .*fullwidth-syntax$`, 'm'));
    };
    at(LOG, '11:1', '12:4');
    at(GROUP, '10:12', '10:16', '10:24', '18:14');
    at(MEETING, '6:13');
    expect(r.stdout).toContain('YAML 把“#”和后面的文字读成值的一部分，不是注释');
    at(GUARD, '20:18');
    // The dry run in-process, through main() (check above is the binary's, and the first dry run of this file).
    const dry = await kmswInProcess(['check', '--fix-dry-run', ...TODAY], { cwd: dir });
    expect(snapshot(dir)).toEqual(before);
    expect(dry.stdout).not.toContain(`a/${TWIN}`);
    expect(dry.stdout).toContain(`-  -\u3000提醒`);
  });

  it('--fix mends runs and comments, leaves a file that could read wrong and a file that cannot move', () => {
    const r = kmsw(['check', '--fix', ...TODAY], { cwd: dir });
    const read = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');
    expect(read(LOG)).toBe(example(LOG));
    expect(read(GROUP)).toBe(
      example(GROUP)
        .replace('duration: 3小时', 'duration: 3小时 # 时长：3小时')
        .replace('content: |\n  围绕', 'content: |\n  围绕\u3000# 不是注释'),
    );
    expect(read(MEETING)).toBe(example(MEETING).replace(/^place: .*$/m, 'place: 三楼会议室 # 待确认：是否改到三楼'));
    expect(read(GUARD)).toBe(slipped.guard());
    expect(read(RUNON)).toBe(slipped.runOn());
    expect(r.stdout).toContain(`${RUNON}\n    全角符号改过之后，第 11 行的缩进或列表的“-”仍读不成 YAML 的层次`);
    expect(r.stdout).toContain(`${GUARD}\n    全角符号改过之后，第 10 行的缩进`);
    expect(read(TWIN)).toBe(twin().replace(/^date: .*$/m, 'date: 2026年11月28日'));
    expect(r.stdout).toContain('第 11 行：全角空格改为半角空格');
    const fixed = r.stdout.slice(0, r.stdout.indexOf('留着没有改'));
    expect(fixed).not.toContain(TWIN);
    const remains = r.stdout.slice(r.stdout.indexOf('修正之后仍有的问题'));
    expect(remains.match(/fullwidth-syntax/g)).toHaveLength(3);
    expect(remains).not.toContain('unknown-person');
  });
});

describe('check --fix with nothing left', () => {
  it('ends with the check summary alone, and the date rewrite says the file moves', () => {
    const L = '2026/11/log/2026-11-23-李明.yaml';
    const dir = tempFolder({
      'kmsw.yaml': CONFIG.replace('  - { name: 赵雪, since: 2026-11-23 }\n', ''),
      '2026/10/log/2026-11-23-李明.yaml': example(L)
        .replace(/^author: /m, 'author：')
        .replace('2026-11-23', '2026/11/23'),
    });
    const r = kmsw(['check', '--fix', '--today', '2026-11-23'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('修正之后仍有的问题');
    expect(r.stdout).toMatch(/\n\n检查了 1 个文件：没有发现问题。\n$/);
    expect(r.stdout).toContain('日期 2026/11/23 写作 2026-11-23（文件移到日期所指的文件夹）');
    expect(r.stdout).toContain('“：”改为 YAML 用的英文符号');
    expect(readFileSync(path.join(dir, L), 'utf8')).toBe(example(L));
  });
});

describe('plain check says how many of its problems --fix would fix', () => {
  it('counts what the planner would change, not the fixable rules; says nothing when none would be', async () => {
    const L = '2026/11/log/2026-11-23-李明.yaml';
    const M = '2026/11/log/2026-11-24-李明.yaml';
    const config = CONFIG.replace('  - { name: 赵雪, since: 2026-11-23 }\n', '');
    // `authr:` beside `author:` is an unknown-field that --fix leaves (the field it is near is there): not counted.
    const unfixable = example(M).replace(/^author: (.*)$/m, 'author: $1\nauthr: $1');
    const dir = tempFolder({ 'kmsw.yaml': config, [L]: example(L).replace(/^author: /m, 'author：'), [M]: unfixable });
    const only = tempFolder({ 'kmsw.yaml': config, [M]: unfixable });
    // The first through the binary, the other two in-process, through main(), which the binary runs.
    const args = (folder: string, ...rest: string[]) => ['--dir', folder, '--today', '2026-11-24', ...rest];
    const both = kmsw(args(dir, 'check'));
    const en = await kmswInProcess(args(dir, '--lang', 'en', 'check', '--month', '2026-11'));
    const none = await kmswInProcess(args(only, 'check'));
    expect(both.stdout).toContain('fullwidth-syntax');
    expect(both.stdout).toContain('unknown-field');
    // The command repeats the folder, as typed, and the period: copied and run, it fixes what was counted.
    expect(both.stdout).toMatch(
      /个警告。\n其中 1 个问题可以用 kmsw --dir (\S+) check --fix 自动修复（先用 --fix-dry-run 查看改动）。\n$/,
    );
    expect(both.stdout).toContain(`kmsw --dir ${dir} check --fix 自动修复`);
    expect(en.stdout).toMatch(
      /\n1 of these problems can be fixed by kmsw --dir \S+ check --fix --month 2026-11 \(see the changes first with --fix-dry-run\)\.\n$/,
    );
    expect(none.stdout).toContain('unknown-field');
    expect(none.stdout).not.toContain('--fix');
    expect(none.stdout).not.toContain('自动修复');
  });
});

describe('check --fix keeps what Git and the file system know of a file', () => {
  const L = '2026/11/log/2026-11-23-李明.yaml';
  const M = '2026/11/log/2026-11-24-李明.yaml';
  const slipped = (rel: string) => example(rel).replace(/^author: /m, 'author：');
  const gitIn = (cwd: string, ...args: string[]) =>
    spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', '-c', 'core.quotePath=false', ...args], {
      cwd,
      encoding: 'utf8',
    });

  it('keeps each file mode: a 0600 record stays 0600, a 0755 one shows no mode change in Git', () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG, [L]: slipped(L), [M]: slipped(M) });
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
      ['update-index', '--chmod=+x', M],
      ['commit', '-qm', 'r'],
    ])
      gitIn(dir, ...args);
    chmodSync(path.join(dir, L), 0o600);
    chmodSync(path.join(dir, M), 0o755);
    const r = kmsw(['check', '--fix', ...TODAY], { cwd: dir });
    expect(r.stdout).toContain('已修正 2 个文件');
    expect(readFileSync(path.join(dir, L), 'utf8')).toBe(example(L));
    expect(statSync(path.join(dir, L)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, M)).mode & 0o777).toBe(0o755);
    expect(gitIn(dir, 'diff', '--summary').stdout).not.toContain('mode change');
    expect(gitIn(dir, 'diff', '--name-only').stdout.trim().split('\n').sort()).toEqual([L, M]);
  });

  it('--fix-dry-run quotes a name as Git does (a tab, a quote), so that git apply takes the diff', () => {
    const T = '2026/11/log/2026-11-23-李\t"明.yaml';
    const dir = tempFolder({ 'kmsw.yaml': CONFIG, [T]: slipped(L) });
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
      ['commit', '-qm', 'r'],
    ])
      gitIn(dir, ...args);
    const r = kmsw(['check', '--fix-dry-run', ...TODAY], { cwd: dir });
    const quoted = '2026/11/log/2026-11-23-李\\t\\"明.yaml';
    expect(r.stdout).toContain(`diff --git "a/${quoted}" "b/${quoted}"\n--- "a/${quoted}"\n+++ "b/${quoted}"\n`);
    const patch = path.join(tempFolder({}, 'kmsw-patch-'), 'fix.patch');
    writeFileSync(patch, r.stdout);
    const applied = gitIn(dir, 'apply', patch);
    expect(applied.status, applied.stderr).toBe(0);
    expect(readFileSync(path.join(dir, T), 'utf8')).toBe(example(L));
  });
});
