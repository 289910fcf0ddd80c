/**
 * A count never overstates what the records show: the checklist (tally, and the one export writes)
 * counts a form only when it has no error, and says which files it did not count and why. Found by
 * trying kmsw as a user: a second copy of one day's log, an empty scaffold, a teammate's log copied
 * with its author changed were all counted, and the export said nothing of the copies.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, kmsw, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';
import { textOf } from '../src/values/text.js';

const TODAY = { KMSW_TODAY: '2026-11-30' };

function example(): string {
  const dir = tempFolder({}, 'kmsw-counts-');
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

const logRow = (stdout: string) => Number(/《督导工作日志》\s+(\d+)/.exec(stdout)?.[1]);

describe('the checklist counts only the forms that pass check', () => {
  let dir = '';
  let made = { code: -1, stdout: '', stderr: '' };
  beforeAll(() => {
    dir = example();
    const log = (name: string) => path.join(dir, '2026/11/log', name);
    // A second copy of 赵雪's 11-25 log; 赵雪's 11-23 log made over as 李明's (李明 has his own); an empty scaffold.
    writeFileSync(log('2026-11-25-赵雪-2.yaml'), readFileSync(log('2026-11-25-赵雪.yaml')));
    writeFileSync(
      log('2026-11-23-赵雪.yaml'),
      readFileSync(log('2026-11-23-赵雪.yaml'), 'utf8').replace(/^author: .*$/m, 'author: 李明'),
    );
    made = kmsw(['new', 'log', '--yes', '--as', '李明', '--set', 'date=2026-11-29'], { cwd: dir, env: TODAY });
  });
  const faulty = [
    '2026/11/log/2026-11-23-赵雪.yaml',
    '2026/11/log/2026-11-25-赵雪-2.yaml',
    '2026/11/log/2026-11-29-李明.yaml',
  ];

  it('check: a log whose file name names one assistant and its author another is misplaced; the copy a duplicate', () => {
    expect(made.code, made.stderr).toBe(0);
    const r = kmsw(['check', '--format', 'json', '2026/11/log'], { cwd: dir, env: TODAY });
    const found = (JSON.parse(r.stdout).diagnostics as Array<{ file: string; rule: string; message: string }>).map(
      (d) => `${d.file} ${d.rule}`,
    );
    expect(found).toContain('2026/11/log/2026-11-23-赵雪.yaml misplaced');
    expect(found).toContain('2026/11/log/2026-11-25-赵雪-2.yaml duplicate');
    expect(found).toContain('2026/11/log/2026-11-29-李明.yaml required');
    expect(JSON.parse(r.stdout).diagnostics.find((d: { rule: string }) => d.rule === 'misplaced').message).toMatch(
      /文件名写的是 赵雪，填表人却是 李明/,
    );
  });

  it('tally: of 14 log files, the 11 without errors are counted, and each of the 3 others is named with its error; exit 1', async () => {
    const r = kmsw(['tally', '--month', '2026-11', '--format', 'json'], { cwd: dir, env: TODAY });
    expect(r.code).toBe(1);
    const tally = JSON.parse(r.stdout) as {
      rows: Array<{ form: string; count: number }>;
      leftOut: Array<{ file: string; rule: string }>;
    };
    expect(tally.rows.find((row) => row.form === 'log')!.count).toBe(11);
    expect(tally.leftOut.map((l) => l.file)).toEqual(faulty);
    expect(tally.leftOut.map((l) => l.rule)).not.toContain('unknown-person');
    // The text in-process, through main(), which the binary runs (tests/support/in-process.ts).
    expect(logRow((await kmswInProcess(['tally', '--month', '2026-11'], { cwd: dir, env: TODAY })).stdout)).toBe(11);
  });

  it('export: the document holds all 14 as written, the failing list names the 3, and the checklist counts 11', async () => {
    const r = kmsw(['export', '--month', '2026-11', '--only', 'log,checklist'], { cwd: dir, env: TODAY });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/督导工作日志-2026年11月\.docx（14 份）/);
    const notes = r.stdout.slice(r.stdout.indexOf('没有通过 kmsw check'));
    for (const file of faulty) expect(notes).toContain(file);
    expect(notes).toMatch(/督导资料清单汇总表的数量没有计入它们/);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'exports/2026-11/督导资料清单汇总表-2026年11月.xlsx'));
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((row) =>
      cells.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => textOf(v))
          .join('|'),
      ),
    );
    expect(cells.find((line) => line.includes('《督导工作日志》'))).toMatch(/《督导工作日志》\|11/);
  });
});

describe('the survey workbook counts only questionnaires it can match to the questions', () => {
  it('a row of 6 or 8 ratings is left out of every count and mean, named beside 问卷份数, and the file is named', async () => {
    const dir = example();
    const file = path.join(dir, '2026/11/survey/2026-11-20-五华区.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}  - [1, 1, 1, 1, 1, 1]\n  - [1, 1, 1, 1, 1, 1, 1, 1]\n`);
    // In-process, through main(), which the binary runs (tests/support/in-process.ts): the log's export above is spawned.
    const r = await kmswInProcess(['export', '--month', '2026-11', '--only', 'survey'], { cwd: dir, env: TODAY });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.slice(r.stdout.indexOf('没有通过 kmsw check'))).toMatch(
      /2026-11-20-五华区\.yaml .*每份问卷应有7个评分/,
    );
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'exports/2026-11/督导满意度调研表-2026年11月.xlsx'));
    const ws = book.worksheets[0]!;
    // The 10 questionnaires, the two bad rows named as left out: the counts are the example's 8, as before.
    expect(ws.getCell('A2').value).toMatch(
      /问卷份数：10（其中 2 份未计入下表：第9份（有6个评分，应为7个）；第10份（有8个评分，应为7个））$/,
    );
    for (const r of [4, 5, 6, 7, 8, 9, 10])
      expect([3, 4, 5, 6, 7].reduce((sum, c) => sum + Number(ws.getCell(r, c).value), 0)).toBe(8);
    expect(Number(ws.getCell(4, 3).value)).toBe(0);
  });
});
