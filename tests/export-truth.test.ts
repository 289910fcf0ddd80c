/**
 * Export and tally tell the whole truth (issue 11 §1, §5; issue 12 §3, §4, §6): every record file of
 * the month is in a document or named with its reason; an export is put in place whole or not at
 * all and says which files are new; a record's text stays text (control characters, placeholders);
 * a template that is not one is refused by name; exports are kept out of Git.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ExcelJSType from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { commitAll, stage, type CommitFailure } from '../src/records/write.js';
import { CONFIG, EXAMPLE, forRuns, kmsw, snapshot, tempFolder, type Run } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';
import { textOf } from '../src/values/text.js';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSType;
const TODAY = { KMSW_TODAY: '2026-12-02' };
const TEMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

// As root, permissions do not stop reads or writes: those cases run kmsw as nobody.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function example(): string {
  const dir = tempFolder({}, 'kmsw-truth-');
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** Opens every folder and file of `dir` to everyone: nobody (see asUser) can then read and write it. */
function openToAll(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) openToAll(full);
    else chmodSync(full, 0o666);
  }
  chmodSync(dir, 0o777);
}

/** The text of a .docx's body, tags dropped and character references read, as Word shows it. */
function docxText(file: string): string {
  const xml = strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);
  return decode(xml.replace(/<w:br\/>/g, '\n').replace(/<[^>]+>/g, ''));
}

const decode = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Throws unless `xml` is well-formed XML 1.0 (saxes checks every character, as Word does). */
function strictXml(xml: string): void {
  new SaxesParser({ xmlns: true }).write(xml).close();
}

/** A valid log of the example's folder, with `text` in its content. */
const log = (author: string, date: string, text = '') => `form: log
author: ${author}
date: ${date}
content: |
  ${text}${'今天整理督导资料，核对站点台账和社工的服务记录，并与站点负责人沟通下周的督导安排。'.repeat(10)}
plan:
  - 跟进站点的督导需求
`;

describe('export and tally name every record file of the month they leave out', () => {
  const leftOut: Array<[string, string]> = [
    ['2026/11/log/2026-11-24-李明.yaml', 'unreadable'],
    ['2026/11/log/2026-11-25-赵雪.yaml', 'yaml-syntax'],
    ['2026/11/log/2026-11-26-赵雪.yaml', 'misplaced'],
    ['2026/11/log/2026-11-27-李明.yaml', 'fullwidth-syntax'],
    ['2026/11/log/2026-11-28-赵雪.yaml', 'encoding'],
    ['2026/11/log/2026-11-29-李明.yaml', 'unreadable'],
    ['2026/11/log/2026-11-30-李明.yaml', 'invalid-value'],
    ['2026/11/roster/2026-11-28-坏表.yaml', 'unknown-form'],
  ];
  let dir = '';
  let run: Run;
  beforeAll(() => {
    dir = example();
    const logs = path.join(dir, '2026/11/log');
    // The issue's two (a date that does not exist, a full-width colon), and their siblings.
    writeFileSync(
      path.join(logs, '2026-11-30-李明.yaml'),
      readFileSync(path.join(logs, '2026-11-30-李明.yaml'), 'utf8').replace('date: 2026-11-30', 'date: 2026-11-31'),
    );
    writeFileSync(
      path.join(logs, '2026-11-27-李明.yaml'),
      readFileSync(path.join(logs, '2026-11-27-李明.yaml'), 'utf8').replace('plan:', 'plan：'),
    );
    writeFileSync(
      path.join(logs, '2026-11-26-赵雪.yaml'),
      readFileSync(path.join(logs, '2026-11-26-赵雪.yaml'), 'utf8').replace('date: 2026-11-26', 'date: 2026-12-01'),
    );
    writeFileSync(path.join(logs, '2026-11-25-赵雪.yaml'), 'form: log\nauthor: 赵雪\ndate: [unclosed\n');
    writeFileSync(path.join(logs, '2026-11-28-赵雪.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    writeFileSync(path.join(dir, '2026/11/roster/2026-11-28-坏表.yaml'), 'form: rooster\ncounty: 五华区\n');
    symlinkSync('/etc/hostname', path.join(logs, '2026-11-29-李明.yaml'));
    writeFileSync(path.join(logs, '2026-11-24-李明.yaml'), readFileSync(path.join(logs, '2026-11-24-李明.yaml')));
    chmodSync(path.join(logs, '2026-11-24-李明.yaml'), 0o000);
    // A record filed in the wrong month's folder still belongs to its own day: it is exported with November.
    mkdirSync(path.join(dir, '2026/12/log'), { recursive: true });
    writeFileSync(path.join(dir, '2026/12/log/2026-11-29-赵雪.yaml'), log('赵雪', '2026-11-29', 'STRAYTOKEN'));
    openToAll(dir);
    chmodSync(path.join(logs, '2026-11-24-李明.yaml'), 0o000);
    run = kmsw(['export', '--month', '2026-11'], { cwd: dir, env: TODAY, ...asUser });
  });

  it('export: exit 1, the summary counts them, and each is named at the end with its reason', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`^已导出 13 个文件，共 \\d+ 份记录；另有 ${leftOut.length} 个记录文件没有导出（见文末）：`),
    );
    const tail = run.stdout.slice(run.stdout.indexOf('没有导出：'));
    expect(tail).toMatch(new RegExp(`以下 ${leftOut.length} 个记录文件不在任何导出的文件里`));
    for (const [file, rule] of leftOut) expect(tail).toMatch(new RegExp(`\\n  ${file}:\\d+:\\d+  .+  \\(${rule}\\)`));
    expect(tail).toContain('2026年11月没有31日');
    expect(tail).toContain('符号链接');
    // 12 logs in the example, 5 of them now broken, and the stray one from December's folder.
    expect(run.stdout).toContain('督导工作日志-2026年11月.docx（8 份）');
  });

  it('export: the documents hold every other record, and the stray one dated in November', () => {
    const text = docxText(path.join(dir, 'exports/2026-11/督导工作日志-2026年11月.docx'));
    expect(text).toContain('STRAYTOKEN');
  });

  it('check reports every file export left out', () => {
    const check = kmsw(['check', '--format', 'json'], { cwd: dir, env: TODAY, ...asUser });
    const files = new Set(
      (JSON.parse(check.stdout) as { diagnostics: Array<{ file: string }> }).diagnostics.map((d) => d.file),
    );
    for (const [file] of leftOut) expect(files.has(file), file).toBe(true);
  });

  it('tally: the same files, and the stray one (in the document, but with an error: not counted), with their reasons, exit 1', () => {
    // The count holds only records without errors: the stray log is misplaced, so it is not counted either.
    const notCounted: Array<[string, string]> = [...leftOut, ['2026/12/log/2026-11-29-赵雪.yaml', 'misplaced']];
    const text = kmsw(['tally', '--month', '2026-11'], { cwd: dir, env: TODAY, ...asUser });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`另有 ${notCounted.length} 个本月的文件没有计入`));
    for (const [file, rule] of notCounted)
      expect(text.stdout).toMatch(new RegExp(`${file}:\\d+:\\d+  .+  \\(${rule}\\)`));
    const json = kmsw(['tally', '--month', '2026-11', '--format', 'json'], { cwd: dir, env: TODAY, ...asUser });
    expect(json.code).toBe(1);
    const result = JSON.parse(json.stdout) as {
      rows: Array<{ form: string; count: number }>;
      leftOut: Array<{ file: string; rule: string; message: string }>;
    };
    expect(result.leftOut.map((l) => [l.file, l.rule])).toEqual(notCounted);
    for (const l of result.leftOut) expect(l.message.length).toBeGreaterThan(4);
    expect(result.rows.find((r) => r.form === 'log')!.count).toBe(7);
  });

  it('the workbooks too: a roster that cannot be read is named, the others are in the workbook', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'exports/2026-11/乡镇（街道）社工站点人员情况统计总表-2026年11月.xlsx'));
    expect(wb.worksheets.length).toBe(3);
  });

  it('a month whose only records cannot be exported: nothing written, each named, exit 1', async () => {
    const only = tempFolder({ 'kmsw.yaml': CONFIG, '2026/10/log/2026-10-09-李明.yaml': log('李明', '2026-10-32') });
    // In-process, through main(), which the binary runs (tests/support/in-process.ts), as the other exports here
    // that need neither another user nor a process of their own: a spawned export costs ~0.4 s more CPU.
    const r = await kmswInProcess(['export', '--month', '2026-10'], { cwd: only, env: TODAY });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('2026-10 没有可以导出的记录，什么也没有导出；有 1 个记录文件无法导出');
    expect(r.stdout).toMatch(/2026\/10\/log\/2026-10-09-李明\.yaml:3:7 .+\(invalid-value\)/);
    expect(existsSync(path.join(only, 'exports'))).toBe(false);
    // By year, October is not called a month without records: its file is named instead.
    mkdirSync(path.join(only, '2026/11/log'), { recursive: true });
    writeFileSync(path.join(only, '2026/11/log/2026-11-27-李明.yaml'), log('李明', '2026-11-27'));
    const year = await kmswInProcess(['export', '--year', '2026'], { cwd: only, env: TODAY });
    expect(year.code).toBe(1);
    expect(year.stdout).toMatch(/没有记录的月份：.*2026-09/);
    expect(year.stdout).not.toMatch(/没有记录的月份：.*2026-10/);
    expect(year.stdout).toMatch(/2026\/10\/log\/2026-10-09-李明\.yaml:3:7 .+\(invalid-value\)/);
  });
});

describe('an export is whole or not at all, and says which files are new', () => {
  /**
   * records.example with an earlier export in `out` and one more log since: exported once for the
   * tests below, which each change their own copy of it (the copy's bytes are the export's). Three
   * documents of both kinds (a Word form, a form's workbook, the checklist, last) go through the one
   * commit every export goes through, for a third of the CPU of all 13.
   */
  const ONLY = ['log', 'roster', 'checklist'];
  let exportedOnce = '';
  beforeAll(async () => {
    exportedOnce = example();
    const out = path.join(exportedOnce, 'out');
    const args = ['export', '--month', '2026-11', '--only', ONLY.join(','), '--out', out];
    expect((await kmswInProcess(args, { cwd: exportedOnce, env: TODAY })).code).toBe(0);
    expect(readdirSync(out)).toHaveLength(ONLY.length);
    // A new export differs from the old in every file: one more log.
    writeFileSync(path.join(exportedOnce, '2026/11/log/2026-11-28-李明.yaml'), log('李明', '2026-11-28', 'NEWTOKEN'));
  });

  /** A folder of its own with an earlier export in `out` (a copy of the one above), and what it held. */
  function exported(): { dir: string; out: string; before: Map<string, string> } {
    const dir = tempFolder({}, 'kmsw-truth-');
    cpSync(exportedOnce, dir, { recursive: true });
    const out = path.join(dir, 'out');
    return { dir, out, before: snapshot(out) };
  }

  it('a folder in place of one document: refused before anything is written, exit 2, no temp file', async () => {
    const { dir, out } = exported();
    const target = path.join(out, '督导资料清单汇总表-2026年11月.xlsx');
    spawnSync('rm', ['-f', target]);
    mkdirSync(target);
    const before = snapshot(out);
    const args = ['export', '--month', '2026-11', '--only', ONLY.join(','), '--out', out];
    const r = await kmswInProcess(args, { cwd: dir, env: TODAY });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${target} 是一个文件夹`);
    expect(r.stderr).toContain('什么也没有写入');
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(out).filter((n) => TEMP.test(n))).toEqual([]);
  });

  it('a read-only export folder: exit 2, the old export as it was, no temp file', () => {
    const { dir, out, before } = exported();
    openToAll(dir);
    chmodSync(out, 0o555);
    const args = ['export', '--month', '2026-11', '--only', ONLY.join(','), '--out', out];
    const r = kmsw(args, { cwd: dir, env: TODAY, ...asUser });
    chmodSync(out, 0o755);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toMatch(/无法写入 .*（EACCES）/);
    expect(r.stderr).toContain('已有的文件都没有改动');
    expect(snapshot(out)).toEqual(before);
  });

  it.each([
    ['--month', '2026-11'],
    ['--year', '2026'],
  ])('--out naming a file (%s): exit 2, the file named, nothing written', async (...period) => {
    const dir = example();
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'x');
    const before = snapshot(dir);
    // --month through the real binary, --year through main() in-process (tests/support/in-process.ts).
    const args = ['export', ...period, '--out', file];
    const r =
      period[0] === '--month'
        ? kmsw(args, { cwd: dir, env: TODAY })
        : await kmswInProcess(args, { cwd: dir, env: TODAY });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file} 已存在，但不是文件夹`);
    expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a folder appears in place of the last document while the others are written: the ones replaced are put back, and the message says so', async () => {
    const { exportMonth } = await import('../src/commands/export.js');
    const { dir, out } = exported();
    const last = path.join(out, '督导资料清单汇总表-2026年11月.xlsx');
    let before = new Map<string, string>();
    const failure = await exportMonth({
      root: dir,
      today: '2026-12-02',
      month: '2026-11',
      out,
      only: ONLY,
      // Once every document is staged, after the checks: the last target becomes a folder.
      onProgress: (done, total) => {
        if (done !== total) return;
        spawnSync('rm', ['-f', last]);
        mkdirSync(last);
        before = new Map([...snapshot(out)].filter(([f]) => !TEMP.test(f)));
      },
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(failure?.name).toBe('KmswError');
    expect(failure?.message).toContain(`无法替换 ${last}（EISDIR）：那里是一个文件夹`);
    expect(failure?.message).toContain('已有的文件都恢复成了导出前的样子');
    expect(failure?.message).toContain('没有留下临时文件');
    // Every document the commit had replaced is the earlier export's again, byte for byte, and no temp is left.
    expect(before.size).toBe(ONLY.length - 1);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(out).filter((n) => TEMP.test(n))).toEqual([]);
    expect(docxText(path.join(out, '督导工作日志-2026年11月.docx'))).not.toContain('NEWTOKEN');
  });

  // --out /proc/x, where no folder can be made: tests/untrusted-folder.test.ts, with a timeout on the
  // spawn (an endless loop fails there instead of blocking the test process).

  it('commitAll: a target that cannot be replaced midway puts back those already replaced, and says so', async () => {
    const { dir, failure } = await commitFailingOnC({ 'a.txt': 'old a', 'b.txt': 'old b', 'c.txt': 'old c' });
    expect(failure?.file).toBe(path.join(dir, 'c.txt'));
    expect(failure?.replaced).toEqual([]);
    expect(failure?.unchanged).toEqual(['a.txt', 'b.txt', 'c.txt'].map((f) => path.join(dir, f)));
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('old a');
    expect(readFileSync(path.join(dir, 'b.txt'), 'utf8')).toBe('old b');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('commitAll: a file that did not exist before is named absent, not restored', async () => {
    const { dir, failure } = await commitFailingOnC({ 'a.txt': 'old a', 'c.txt': 'old c' });
    expect(failure?.replaced).toEqual([]);
    expect(failure?.absent).toEqual([path.join(dir, 'b.txt')]);
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('old a');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'c.txt']);
  });

  it('commitAll: all in place, no backup left', async () => {
    const dir = tempFolder({ 'a.txt': 'old a' });
    await commitAll([await stage(path.join(dir, 'a.txt'), 'new a'), await stage(path.join(dir, 'b.txt'), 'new b')]);
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('new a');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt']);
  });
});

describe("a record's text stays text in the export", () => {
  let dir = '';
  let run: Run;
  let out = '';
  beforeAll(async () => {
    dir = example();
    const weird = 'A\u000bB\u0001C\u001b[31mD\u0000E';
    writeFileSync(
      path.join(dir, '2026/11/log/2026-11-28-李明.yaml'),
      log(
        '李明',
        '2026-11-28',
        `CTRL${JSON.stringify(weird).slice(1, -1)} INJECT{{@supervisor}}|{{date}}|{{author}}|{{r0@signatures.worker.image}}|$&|$'|\${x}`,
      ).replace(
        /content: \|\n {2}(.*)\n/,
        (_, line: string) =>
          `content: "${line
            .replace(/\\u000b/g, '\\v')
            .replace(/\\u0001/g, '\\x01')
            .replace(/\\u001b/g, '\\e')
            .replace(/\\u0000/g, '\\0')}"\n`,
      ),
    );
    const roster = path.join(dir, '2026/11/roster');
    const rosterFile = path.join(roster, readdirSync(roster)[0]!);
    writeFileSync(
      rosterFile,
      readFileSync(rosterFile, 'utf8').replace('note: 站长 }', 'note: "X\\vY\\x01Z\\e{{county}}" }'),
    );
    // The log and the roster hold the planted text: their documents are the ones to read.
    run = await kmswInProcess(['export', '--month', '2026-11', '--only', 'log,roster'], { cwd: dir, env: TODAY });
    out = path.join(dir, 'exports/2026-11');
  });

  it('control characters: document.xml and every sheet are well-formed XML 1.0; a vertical tab is a line break', () => {
    expect(run.code, run.stderr).toBe(0);
    const docx = unzipSync(readFileSync(path.join(out, '督导工作日志-2026年11月.docx')));
    for (const [name, bytes] of Object.entries(docx)) if (name.endsWith('.xml')) strictXml(strFromU8(bytes));
    const text = docxText(path.join(out, '督导工作日志-2026年11月.docx'));
    expect(text).toContain('CTRLA\nBC[31mDE');
    for (const file of readdirSync(out).filter((f) => f.endsWith('.xlsx'))) {
      for (const [name, bytes] of Object.entries(unzipSync(readFileSync(path.join(out, file)))))
        if (name.endsWith('.xml')) strictXml(strFromU8(bytes));
    }
  });

  it('placeholders and replacement patterns in a record are shown as written, never filled in', async () => {
    const text = docxText(path.join(out, '督导工作日志-2026年11月.docx'));
    expect(text).toContain("INJECT{{@supervisor}}|{{date}}|{{author}}|{{r0@signatures.worker.image}}|$&|$'|${x}");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, '乡镇（街道）社工站点人员情况统计总表-2026年11月.xlsx'));
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void cells.push(textOf(cell.value)))));
    expect(cells).toContain('X\nYZ{{county}}');
  });
});

describe('a template that is not one: the template named, exit 2, nothing written', () => {
  const bomb = () =>
    zipSync(
      { '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': new Uint8Array(60 * 1024 * 1024) },
      { level: 9 },
    );
  // Each case is the folder's template of another form, all in one folder: export says every problem at
  // once, each naming its template, so one export refuses them all and each case is told apart by its name.
  // (A template linked out of the folder is refused before any is read: below, a folder of its own.)
  const cases: Array<[string, string, (file: string) => void, RegExp]> = [
    ['a text file', '督导工作日志.docx', (f) => writeFileSync(f, '这不是 Word 文件\n'), /不是 Word（\.docx）文件/],
    [
      'an old .doc',
      '督导工作月度总结.docx',
      (f) =>
        writeFileSync(f, Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)])),
      /旧版的 \.doc 文件/,
    ],
    [
      'a zip without word/document.xml',
      '督导记录表.docx',
      (f) => writeFileSync(f, zipSync({ '[Content_Types].xml': strToU8('<Types/>') })),
      /没有 Word 文档的正文/,
    ],
    ['a zip bomb (60 MiB of zeros)', '团体督导记录表.docx', (f) => writeFileSync(f, bomb()), /解压后超过 50 MiB/],
    [
      'an .xlsx without a sheet',
      '督导资料清单汇总表.xlsx',
      (f) =>
        writeFileSync(
          f,
          zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') }),
        ),
      /没有工作表/,
    ],
  ];
  let dir = '';
  let r: Run;
  beforeAll(() => {
    dir = example();
    mkdirSync(path.join(dir, 'templates'));
    for (const [, name, make] of cases) make(path.join(dir, 'templates', name));
    r = kmsw(['export', '--month', '2026-11'], { cwd: dir, env: TODAY });
  });

  it('exit 2, nothing written, no internal error', () => {
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
    expect(existsSync(path.join(dir, 'exports'))).toBe(false);
  });

  it.each(cases)('%s', (_, name, _make, message) => {
    const said = r.stderr.split('\n').filter((line) => line.includes(`templates/${name}`));
    expect(said, r.stderr).toHaveLength(1);
    expect(said[0]).toMatch(message);
    expect(said[0]).toContain(`模板 ${path.join(dir, 'templates', name)} 不能用：`);
  });

  // A template linked to /dev/zero: tests/untrusted-folder.test.ts ('a template that is a FIFO or a link to
  // /dev/zero'), the same folder and export, with the link and its target named and a timeout on the spawn.
  it('a template linked from outside the folder', async () => {
    const dir = example();
    const target = path.join(tempFolder(), 'x.docx');
    cpSync(path.join(EXAMPLE, '..', 'templates', '督导工作日志.docx'), target);
    mkdirSync(path.join(dir, 'templates'));
    symlinkSync(target, path.join(dir, 'templates', '督导工作日志.docx'));
    const r = await kmswInProcess(['export', '--month', '2026-11'], { cwd: dir, env: TODAY });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/资料文件夹以外/);
    expect(existsSync(path.join(dir, 'exports'))).toBe(false);
  });
});

describe('exports stay out of Git', () => {
  const git = (dir: string, ...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  const hasGit = git('.', '--version').status === 0;
  // Whether exports/ is ignored is a question about the folder, the same for any form: the checklist
  // alone is written (about half the CPU of all 13 documents).
  const CHECKLIST = ['--only', 'checklist'];

  it('records.example ships a .gitignore that ignores exports/', () => {
    expect(readFileSync(path.join(EXAMPLE, '.gitignore'), 'utf8')).toMatch(/^exports\/$/m);
  });

  it.skipIf(!hasGit)(
    'a Git folder that does not ignore exports/: one warning naming the fix; none once it is ignored',
    async () => {
      const dir = example();
      spawnSync('rm', [path.join(dir, '.gitignore')]);
      git(dir, 'init', '-q');
      // A year's checklists: a document in each month's folder, and still one warning.
      const r = kmsw(['export', '--year', '2026', ...CHECKLIST], { cwd: dir, env: TODAY });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.match(/没有被 \.gitignore 忽略/g)).toHaveLength(1);
      expect(r.stdout).toContain('echo exports/ >> .gitignore');
      writeFileSync(path.join(dir, '.gitignore'), 'exports/\n');
      // The export that warns is spawned above; those that must not warn run through main() in-process
      // (tests/support/in-process.ts: the same command line, output and code, without a process of their own).
      const quiet = await kmswInProcess(['export', '--month', '2026-11', ...CHECKLIST], { cwd: dir, env: TODAY });
      expect(quiet.code, quiet.stderr).toBe(0);
      expect(quiet.stdout).not.toContain('.gitignore');
    },
  );

  // Through main() in-process (tests/support/in-process.ts), as the quiet export of the test above.
  it.skipIf(!hasGit)('not a Git folder, or an export outside the folder: no warning', async () => {
    const dir = example();
    spawnSync('rm', [path.join(dir, '.gitignore')]);
    const plain = await kmswInProcess(['export', '--month', '2026-11', ...CHECKLIST], { cwd: dir, env: TODAY });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toContain('.gitignore');
    git(dir, 'init', '-q');
    const out = tempFolder();
    const args = ['export', '--month', '2026-11', ...CHECKLIST, '--out', out];
    const outside = await kmswInProcess(args, { cwd: dir, env: TODAY });
    expect(outside.code, outside.stderr).toBe(0);
    expect(outside.stdout).not.toContain('.gitignore');
    expect(statSync(out).isDirectory()).toBe(true);
  });
});

describe(
  'property: every record file of the month is in a document or named, and check names each one left out',
  // fast-check's 15 folders, each exported in-process: no more than the default timeout's hang guard.
  { timeout: forRuns(15) },
  () => {
    const KINDS = [
      'log',
      'roster',
      'broken',
      'misdated',
      'nextMonth',
      'stray',
      'binary',
      'unknownForm',
      'fullwidth',
      'link',
      'empty',
    ] as const;
    type Kind = (typeof KINDS)[number];
    const ROSTER = readFileSync(path.join(EXAMPLE, '2026/11/roster/2026-11-10-五华区.yaml'), 'utf8');

    /** A file of the folder: where it goes, what it holds, and the month its path says. */
    function fileOf(
      kind: Kind,
      i: number,
      day: number,
      author: string,
    ): { file: string; content?: string | Buffer; link?: string } {
      const d = String(day).padStart(2, '0');
      const token = `TOKEN${i}X`;
      const name = (month: string, date: string) => `2026/${month}/log/${date}-${author}-${i}.yaml`;
      switch (kind) {
        case 'log':
          return { file: name('11', `2026-11-${d}`), content: log(author, `2026-11-${d}`, token) };
        case 'roster':
          return {
            file: `2026/11/roster/2026-11-${d}-五华区-${i}.yaml`,
            content: ROSTER.replace('date: 2026-11-10', `date: 2026-11-${d}`).replace('note: 站长', `note: ${token}`),
          };
        case 'broken':
          return {
            file: name('11', `2026-11-${d}`),
            content: `${log(author, `2026-11-${d}`, token)}plan: [unclosed\n`,
          };
        case 'misdated':
          return { file: name('11', `2026-11-${d}`), content: log(author, `2026-11-${day + 30}`, token) };
        case 'nextMonth':
          return { file: name('11', `2026-11-${d}`), content: log(author, `2026-12-01`, token) };
        case 'stray':
          return { file: name('12', `2026-11-${d}`), content: log(author, `2026-11-${d}`, token) };
        case 'binary':
          return {
            file: name('11', `2026-11-${d}`),
            content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, i]),
          };
        case 'unknownForm':
          return {
            file: name('11', `2026-11-${d}`),
            content: log(author, `2026-11-${d}`, token).replace('form: log', 'form: lgo'),
          };
        case 'fullwidth':
          return {
            file: name('11', `2026-11-${d}`),
            content: log(author, `2026-11-${d}`, token).replace('date: ', 'date： '),
          };
        case 'link':
          return { file: name('11', `2026-11-${d}`), link: '/etc/hostname' };
        case 'empty':
          return { file: name('11', `2026-11-${d}`), content: '' };
      }
    }

    it('over generated folders (valid, broken, misdated, misplaced, junk)', async () => {
      const { default: fc } = await import('fast-check');
      const { exportMonth } = await import('../src/commands/export.js');
      const { check } = await import('../src/commands/check.js');
      const spec = fc.array(
        fc.record({
          kind: fc.constantFrom(...KINDS),
          day: fc.integer({ min: 2, max: 28 }),
          author: fc.constantFrom('李明', '赵雪'),
        }),
        { minLength: 1, maxLength: 8 },
      );
      await fc.assert(
        fc.asyncProperty(spec, async (specs) => {
          const root = tempFolder({ 'kmsw.yaml': CONFIG });
          const files = specs.map((s, i) => ({ ...s, i, ...fileOf(s.kind, i, s.day, s.author) }));
          for (const f of files) {
            mkdirSync(path.dirname(path.join(root, f.file)), { recursive: true });
            if (f.link) symlinkSync(f.link, path.join(root, f.file));
            else writeFileSync(path.join(root, f.file), f.content!);
          }
          const out = path.join(root, 'out');
          const result = await exportMonth({ root, today: '2026-12-02', month: '2026-11', out });
          // What the documents hold: the .docx text, and every cell of the .xlsx.
          let text = '';
          for (const w of result.written) {
            if (w.file.endsWith('.docx')) text += docxText(w.file);
            else {
              const wb = new ExcelJS.Workbook();
              await wb.xlsx.readFile(w.file);
              wb.eachSheet((ws) =>
                ws.eachRow((row) => row.eachCell((cell) => void (text += `${textOf(cell.value)}\n`))),
              );
            }
          }
          const named = new Set(result.leftOut.map((l) => l.file));
          const ofMonth = files.filter((f) => f.file.startsWith('2026/11/') || f.kind === 'stray');
          for (const f of ofMonth) {
            const inDocument = text.includes(`TOKEN${f.i}X`);
            expect(inDocument || named.has(f.file), `${f.kind} ${f.file}: in no document and not named`).toBe(true);
            expect(inDocument && named.has(f.file), `${f.kind} ${f.file}: exported and named as left out`).toBe(false);
          }
          // Nothing else is named, and the valid ones and the stray are in their documents.
          for (const file of named)
            expect(
              ofMonth.some((f) => f.file === file),
              file,
            ).toBe(true);
          for (const f of ofMonth.filter((f) => ['log', 'roster', 'stray'].includes(f.kind)))
            expect(named.has(f.file), f.file).toBe(false);
          const diagnosed = new Set((await check({ root, today: '2026-12-02' })).diagnostics.map((d) => d.file));
          for (const l of result.leftOut)
            expect(diagnosed.has(l.file), `check says nothing about ${l.file}, which export left out (${l.rule})`).toBe(
              true,
            );
        }),
        { numRuns: 15 },
      );
    });
  },
);

/**
 * Stages a new a.txt, b.txt and c.txt in a folder holding `before`, then makes c.txt a folder after
 * it was checked: the commit fails on it, after a and b.
 */
async function commitFailingOnC(before: Record<string, string>): Promise<{ dir: string; failure?: CommitFailure }> {
  const dir = tempFolder(before);
  const staged = [];
  for (const name of ['a', 'b', 'c']) staged.push(await stage(path.join(dir, `${name}.txt`), `new ${name}`));
  spawnSync('rm', [path.join(dir, 'c.txt')]);
  mkdirSync(path.join(dir, 'c.txt'));
  const failure = await commitAll(staged).then(
    () => undefined,
    (e: unknown) => e as CommitFailure,
  );
  return { dir, failure };
}
