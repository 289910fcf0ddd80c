/**
 * What a review of issues 11 and 12 found still silent or overstated, each case on the real binary:
 * a linked month folder, a quota that counted group records with errors, links and strays inside a
 * folder named on check's command line, two YAML spellings of a private key, and `new` reading a
 * record through a link.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, kmsw, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const TODAY = { KMSW_TODAY: '2026-11-30' };

function example(): string {
  const dir = tempFolder({}, 'kmsw-review-');
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

describe('a linked month folder (2026/11 -> elsewhere) is named by every command that would count or export it', () => {
  it('tally, export, check --month and status name the link; none says the month is empty or complete', async () => {
    const dir = example();
    const elsewhere = tempFolder({}, 'kmsw-elsewhere-');
    renameSync(path.join(dir, '2026/11'), path.join(elsewhere, '11'));
    symlinkSync(path.join(elsewhere, '11'), path.join(dir, '2026/11'));
    const link = /^ {2}2026\/11:1:1 {2}这是一个符号链接/m;
    const tally = kmsw(['tally', '--month', '2026-11'], { cwd: dir, env: TODAY });
    expect(tally.code).toBe(1);
    expect(tally.stdout).toMatch(link);
    const exported = kmsw(['export', '--month', '2026-11'], { cwd: dir, env: TODAY });
    expect(exported.code).toBe(1);
    expect(exported.stdout).toMatch(link);
    expect(exported.stdout).not.toMatch(/没有记录，什么也没有导出/);
    const check = kmsw(['check', '--month', '2026-11', '--format', 'json'], { cwd: dir, env: TODAY });
    expect(
      JSON.parse(check.stdout)
        .diagnostics.filter((d: { rule: string }) => d.rule === 'unreadable')
        .map((d: { file: string }) => d.file),
    ).toEqual(['2026/11']);
    const status = kmsw(['status'], { cwd: dir, env: TODAY });
    expect(status.stdout).toMatch(
      /kmsw 读不了的文件和文件夹（1 个，上面的数字没有计入它们）\n {2}2026\/11 {2}符号链接/,
    );
    // status's JSON in-process, through main(), which the binary runs (tests/support/in-process.ts).
    const json = await kmswInProcess(['status', '--format', 'json'], { cwd: dir, env: TODAY });
    expect(JSON.parse(json.stdout).unread).toEqual([{ file: '2026/11', message: expect.stringContaining('符号链接') }]);
  });
});

describe('a quota counts only group sessions without errors', () => {
  it('an empty scaffold and a session dated after today do not fill a county', async () => {
    const dir = example();
    mkdirSync(path.join(dir, '2026/10/group'), { recursive: true });
    mkdirSync(path.join(dir, '2026/12/group'), { recursive: true });
    writeFileSync(
      path.join(dir, '2026/10/group/2026-10-15-五华区.yaml'),
      'form: group\ncounty: 五华区\nmode: 线下\ndate: 2026-10-15\nduration: 3小时\n',
    );
    writeFileSync(
      path.join(dir, '2026/12/group/2026-12-25-盘龙区.yaml'),
      'form: group\ncounty: 盘龙区\nmode: 线下\ndate: 2026-12-25\nduration: 3小时\n',
    );
    const { quotas } = JSON.parse(kmsw(['status', '--format', 'json'], { cwd: dir, env: TODAY }).stdout) as {
      quotas: Array<{ county?: string; what: string; count: number }>;
    };
    const count = (county: string, what: string) => quotas.find((q) => q.county === county && q.what === what)!.count;
    // The example's one session in 五华区; nothing real in 盘龙区.
    expect(count('五华区', 'on-site')).toBe(1);
    expect(count('盘龙区', 'face-to-face')).toBe(0);
    // check in-process, through main() (status above is the binary's).
    const year = await kmswInProcess(['check', '--year', '2026', '--format', 'json', '--rule', 'quota'], {
      cwd: dir,
      env: TODAY,
    });
    const messages = JSON.parse(year.stdout)
      .diagnostics.map((d: { message: string }) => d.message)
      .join('\n');
    expect(messages).toMatch(/五华区 2026年实地团体督导（线下）1\/2次/);
    expect(messages).toMatch(/盘龙区 2026年面对面团体督导（线下、不少于2小时）0\/1次/);
  });
});

describe('check with a folder or a file named on the command line', () => {
  it('reports a link and a stray file inside the folder, and accepts the link named by its path', async () => {
    const dir = example();
    const logs = path.join(dir, '2026/11/log');
    const outside = path.join(tempFolder({}, 'kmsw-ext-'), 'ext.yaml');
    renameSync(path.join(logs, '2026-11-30-李明.yaml'), outside);
    symlinkSync(outside, path.join(logs, '2026-11-30-李明.yaml'));
    renameSync(path.join(logs, '2026-11-27-李明.yaml'), path.join(logs, '2026-11-27-李明.yaml.txt'));
    const folder = kmsw(['check', '--format', 'json', '2026/11/log'], { cwd: dir, env: TODAY });
    expect(folder.code).toBe(1);
    expect(
      JSON.parse(folder.stdout)
        .diagnostics.filter((d: { rule: string }) => d.rule === 'unreadable')
        .map((d: { file: string }) => d.file),
    ).toEqual(['2026/11/log/2026-11-27-李明.yaml.txt', '2026/11/log/2026-11-30-李明.yaml']);
    // The link named by its path in-process, through main() (the folder above is the binary's).
    const one = await kmswInProcess(['check', '2026/11/log/2026-11-30-李明.yaml'], { cwd: dir, env: TODAY });
    expect(one.code, one.stderr).toBe(1);
    expect(one.stdout).toMatch(/符号链接/);
  });
});

describe('personal data under keys the text does not show', () => {
  it('an escaped quoted key ("\\u0061ge") and an explicit key (? age) are starred in the excerpt', async () => {
    const dir = example();
    const file = path.join(dir, '2026/11/roster/2026-11-10-五华区.yaml');
    const head = readFileSync(file, 'utf8').split('\n').slice(0, 8).join('\n');
    writeFileSync(
      file,
      `${head}\n  - { station: 红云街道社工站, name: 张丽, gender: 女性, "\\u0061ge": 29, hired: 2024-03, major: 社会工作, education: 本科 }\n  - station: 红云街道社工站\n    name: 刘洋\n    gender: 男人\n    ? age\n    : 29岁半\n    hired: 2024-03\n    major: 社会工作\n    education: 本科\n`,
    );
    const args = ['check', '2026/11/roster/2026-11-10-五华区.yaml'];
    const human = (await kmswInProcess(args, { cwd: dir, env: TODAY })).stdout;
    expect(human).toMatch(/invalid-value/);
    expect(human).not.toMatch(/29/);
  });
});

describe('new never reads a record through a link', () => {
  it("a link in the log folder to a file outside is not taken for the day's log", () => {
    const dir = example();
    const logs = path.join(dir, '2026/11/log');
    const outside = path.join(tempFolder({}, 'kmsw-secret-'), 'secret.yaml');
    writeFileSync(outside, readFileSync(path.join(logs, '2026-11-30-李明.yaml')));
    unlinkSync(path.join(logs, '2026-11-30-李明.yaml'));
    symlinkSync(outside, path.join(logs, '2026-11-30-李明的.yaml'));
    const r = kmsw(['new', 'log', '--yes', '--as', '李明'], { cwd: dir, env: TODAY });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2026-11-30-李明\.yaml/);
  });
});

describe('the git-ignore advice of export names the export folder, never a records folder above it', () => {
  it('--out 2026/11/导出 in a repository: echo 2026/11/导出/ >> .gitignore, not 2026/', () => {
    const dir = example();
    expect(spawnSync('git', ['init', '-q', '.'], { cwd: dir }).status).toBe(0);
    const r = kmsw(['export', '--month', '2026-11', '--out', '2026/11/导出'], { cwd: dir, env: TODAY });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('echo 2026/11/导出/ >> .gitignore');
    expect(r.stdout).not.toContain('echo 2026/ >>');
  });
});

describe('a file name with glob characters', () => {
  it('check 2026/11/log/…李明[1].yaml checks that file, not a file the pattern [1] would match', async () => {
    const dir = example();
    const logs = path.join(dir, '2026/11/log');
    writeFileSync(path.join(logs, '2026-11-30-李明[1].yaml'), 'form: log\nauthor: 李明\ndate: 2026-11-31\n');
    const args = ['check', '--format', 'json', '2026/11/log/2026-11-30-李明[1].yaml'];
    const r = await kmswInProcess(args, { cwd: dir, env: TODAY });
    expect(r.stderr).toBe('');
    const files = new Set(JSON.parse(r.stdout).diagnostics.map((d: { file: string }) => d.file));
    expect([...files]).toEqual(['2026/11/log/2026-11-30-李明[1].yaml']);
    expect(JSON.parse(r.stdout).summary.files).toBe(1);
  });
});

describe('a file that is not a record file, anywhere in a month folder', () => {
  it('directly in 2026/11/ or in a sub-folder of a form folder: named by check and tally', async () => {
    const dir = example();
    mkdirSync(path.join(dir, '2026/11/log/备份'));
    renameSync(
      path.join(dir, '2026/11/log/2026-11-27-李明.yaml'),
      path.join(dir, '2026/11/log/备份/2026-11-27-李明.yaml.txt'),
    );
    renameSync(path.join(dir, '2026/11/log/2026-11-26-李明.yaml'), path.join(dir, '2026/11/2026-11-26-李明.YAML.bak'));
    const strays = ['2026/11/2026-11-26-李明.YAML.bak', '2026/11/log/备份/2026-11-27-李明.yaml.txt'];
    const check = kmsw(['check', '--format', 'json'], { cwd: dir, env: TODAY });
    const diagnostics = JSON.parse(check.stdout).diagnostics as Array<{ file: string; rule: string }>;
    expect(diagnostics.filter((d) => d.rule === 'unreadable').map((d) => d.file)).toEqual(strays);
    // tally in-process, through main() (check above is the binary's).
    const tally = await kmswInProcess(['tally', '--month', '2026-11'], { cwd: dir, env: TODAY });
    expect(tally.code).toBe(1);
    for (const stray of strays) expect(tally.stdout).toContain(`  ${stray}:1:1  `);
  });
});
