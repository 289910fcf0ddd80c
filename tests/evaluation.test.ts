/**
 * The effect evaluation (Part 2 §5) on the real binary: what kmsw counts for an expert and period
 * (group sessions once, surveys with and without a session), the evaluation-count warning, the exit
 * rule (two consecutive 不合格), `status`, `new evaluation` and the yearly Word document.
 */
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { check as runCheck } from '../src/commands/check.js';
import { EXAMPLE, forRuns, kmsw, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const TODAY = ['--today', '2026-11-30'];

/**
 * records.example without its evaluations, plus a second record of the 11-20 group session (shorter,
 * so the session keeps its 3 hours) and a survey that names no session.
 */
function folder(): string {
  const dir = tempFolder({}, 'kmsw-evaluation-');
  cpSync(EXAMPLE, dir, { recursive: true });
  rmSync(path.join(dir, '2026/11/evaluation'), { recursive: true, force: true });
  const group = readFileSync(path.join(dir, '2026/11/group/2026-11-20-五华区.yaml'), 'utf8');
  // 赵雪's record of the same session, written by hand: a typed signature (the example's digest is of the 3-hour record).
  const hers = group.replace('3小时', '2.5小时').replace(/, digest: sha256:[0-9a-f]+/, '');
  writeFileSync(path.join(dir, '2026/11/group/2026-11-20-五华区-赵雪.yaml'), hers);
  writeFileSync(
    path.join(dir, '2026/11/survey/2026-11-21-盘龙区.yaml'),
    'form: survey\ncounty: 盘龙区\ndate: 2026-11-21\nresponses:\n  - [2, 2, 2, 2, 2, 2, 2]\n',
  );
  return dir;
}

interface Evaluation {
  expert: string;
  date: string;
  from: string;
  to: string;
  result: '合格' | '不合格';
  done?: number;
  satisfaction?: number | string;
}

function writeEvaluation(dir: string, e: Evaluation): string {
  const file = `${e.date.slice(0, 4)}/${e.date.slice(5, 7)}/evaluation/${e.date}-${e.expert}.yaml`;
  const evaluator = e.expert === '王芳' ? '陈建国' : '王芳';
  const lines = [
    'form: evaluation',
    `expert: ${e.expert}`,
    `period: { from: ${e.from}, to: ${e.to} }`,
    `date: ${e.date}`,
    `self_report: ${'本评估期内按照督导方案开展督导工作。'.repeat(20)}`,
    'onsite: 到站点实地考核。',
    'files: 查阅了督导记录表。',
    'targets:',
    '  - { target: 每月开展督导, status: 部分达成 }',
    `quantity: { planned: 3${e.done === undefined ? '' : `, done: ${e.done}`} }`,
    'improvement: 社工的实务能力有所提高。',
    ...(e.satisfaction === undefined ? [] : [`satisfaction: ${e.satisfaction}`]),
    `result: ${e.result}`,
    `evaluators: [${evaluator}]`,
    `signature: { name: ${evaluator}, date: ${e.date} }`,
  ];
  mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
  writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
  return file;
}

interface Diagnostic {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
  field?: string;
}

function check(dir: string, ...args: string[]): { code: number; diagnostics: Diagnostic[] } {
  const run = kmsw(['--dir', dir, ...TODAY, 'check', '--format', 'json', ...args]);
  return { code: run.code, diagnostics: (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics };
}

/**
 * The same in-process: check(), whose result `check --format json` prints as it is (exit 1 when it holds an
 * error). The first test of the warnings spawns the command; a spawn costs ~0.25 s of CPU.
 */
async function checked(dir: string, ...args: string[]): Promise<{ code: number; diagnostics: Diagnostic[] }> {
  const year = args[0] === '--year' ? Number(args[1]) : undefined;
  expect(args.length).toBe(year === undefined ? 0 : 2);
  const result = await runCheck({ root: dir, today: TODAY[1]!, year });
  return { code: result.summary.errors > 0 ? 1 : 0, diagnostics: result.diagnostics };
}

const ours = (d: Diagnostic[]) => d.filter((x) => x.rule === 'expert-exit' || x.rule === 'evaluation-count');

/** The paragraphs of a .docx's body, as text. */
function docxParagraphs(file: string): string[] {
  const xml = strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, '').replace(/\u2060/g, ''),
  );
}

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

describe('what kmsw counts for an evaluation', () => {
  it(
    'new evaluation: quotes Part 2 §5, counts a group session once, and keeps unattributed surveys apart',
    async () => {
      const dir = folder();
      const run = kmsw([
        '--dir',
        dir,
        ...TODAY,
        'new',
        'evaluation',
        '--yes',
        '--set',
        'expert=王芳',
        '--set',
        'period.from=2026-11-01',
        '--as',
        '李明',
      ]);
      expect(run.code, run.stderr).toBe(0);
      const text = readFileSync(path.join(dir, '2026/11/evaluation/2026-11-30-王芳-李明.yaml'), 'utf8');
      // The handbook's words.
      expect(text).toContain('# （四）退出机制：在督导工作成效评估中连续 2 次不合格的，取消督导者资格。');
      expect(text).toContain('机构与被督导者满意度测评');
      // Two records of the 11-20 session are one session of 3 hours; with the record (1.5 h) and individual (1 h).
      expect(text).toContain('督导场次：3 场（团体督导 1、督导记录表 1、个别督导登记表 1），共 5小时30分钟');
      // The survey that names the session (4.375); the one without a session is counted per county only.
      expect(text).toContain('满意度：4.38（1 份调研表，56 个评分）');
      expect(text).toContain('未写明所评督导（session）的调研表，按区县计、未计入：盘龙区 1 份（平均 2）');
      expect(text).toMatch(/\nperiod:\n {2}# 评估期起（如 2026-11-28）\n {2}from: 2026-11-01\n/);
      expect(text).toMatch(/\n {2}done:\n/);
      // 陈建国 led only the group session. His and the later one in-process, through main(), which the binary runs
      // (tests/support/in-process.ts); 王芳's above through the binary.
      const other = await kmswInProcess([
        '--dir',
        dir,
        ...TODAY,
        'new',
        'evaluation',
        '--yes',
        '--set',
        'expert=陈建国',
        '--as',
        '李明',
      ]);
      expect(other.code, other.stderr).toBe(0);
      const his = readFileSync(path.join(dir, '2026/11/evaluation/2026-11-30-陈建国-李明.yaml'), 'utf8');
      expect(his).toContain('评估期 2026-01-01 至 2026-11-30');
      expect(his).toContain('督导场次：1 场（团体督导 1），共 3小时');
      // A later evaluation of 王芳 starts, unless told, the day after her last evaluated period of the year
      // ends (2026-11-30): the November sessions are not counted a second time.
      const later = [
        '--today',
        '2026-12-20',
        'new',
        'evaluation',
        '--yes',
        '--set',
        'expert=王芳',
        '--set',
        'date=2026-12-20',
        '--as',
        '李明',
      ];
      expect((await kmswInProcess(['--dir', dir, ...later])).code).toBe(0);
      const december = readFileSync(path.join(dir, '2026/12/evaluation/2026-12-20-王芳-李明.yaml'), 'utf8');
      expect(december).toMatch(/\nperiod:\n {2}# 评估期起（如 2026-11-28）\n {2}from: 2026-12-01\n/);
      expect(december).toContain('评估期 2026-12-01 至 2026-12-20');
      expect(december).toContain('督导场次：0 场');
    },
    forRuns(3),
  );

  it(
    'a written done or satisfaction that the records do not bear out is an evaluation-count warning',
    () => {
      const dir = folder();
      const good = writeEvaluation(dir, {
        expert: '王芳',
        date: '2026-11-30',
        ...NOVEMBER,
        result: '合格',
        done: 3,
        satisfaction: 4.4,
      });
      const bad = writeEvaluation(dir, {
        expert: '陈建国',
        date: '2026-11-30',
        ...NOVEMBER,
        result: '合格',
        done: 2,
        satisfaction: 4.3,
      });
      const { code, diagnostics } = check(dir);
      expect(code).toBe(0);
      const found = ours(diagnostics);
      expect(found.filter((d) => d.file === good)).toEqual([]);
      expect(found.filter((d) => d.file === bad).map((d) => [d.rule, d.severity, d.field, d.line])).toEqual([
        ['evaluation-count', 'warning', 'quantity.done', 10],
        ['evaluation-count', 'warning', 'satisfaction', 12],
      ]);
      expect(found.map((d) => d.message)).toEqual([
        '完成次数写的是 2 次，记录统计为 1 次',
        '满意度写的是 4.3，1 份满意度调研表的平均分为 4.38',
      ]);
      const en = kmsw(['--dir', dir, ...TODAY, '--lang', 'en', 'check']);
      expect(en.stdout).toContain('sessions done says 2, the records count 1');
      expect(en.stdout).toContain('satisfaction says 4.3, the mean of 1 survey(s) is 4.38');
      expect(en.stdout).toContain('leave it blank to use the count');
    },
    forRuns(2),
  );
});

describe('expert-exit (Part 2 §5 退出机制)', () => {
  it(
    'two consecutive 不合格 then a session: an error on the session and on the expert in kmsw.yaml',
    async () => {
      const dir = folder();
      writeEvaluation(dir, {
        expert: '陈建国',
        date: '2026-06-30',
        from: '2026-01-01',
        to: '2026-06-30',
        result: '不合格',
      });
      const second = writeEvaluation(dir, {
        expert: '陈建国',
        date: '2026-09-30',
        from: '2026-07-01',
        to: '2026-09-30',
        result: '不合格',
      });
      const { code, diagnostics } = await checked(dir);
      expect(code).toBe(1);
      const exits = diagnostics.filter((d) => d.rule === 'expert-exit');
      const configLine =
        readFileSync(path.join(dir, 'kmsw.yaml'), 'utf8')
          .split('\n')
          .findIndex((l) => l.includes('陈建国')) + 1;
      expect(exits.map((d) => [d.file, d.severity, d.line])).toEqual([
        ['kmsw.yaml', 'error', configLine],
        ['2026/11/group/2026-11-20-五华区-赵雪.yaml', 'error', 7],
        ['2026/11/group/2026-11-20-五华区.yaml', 'error', 7],
      ]);
      expect(exits[1]!.message).toBe(
        `陈建国 在 2026-06-30、2026-09-30 连续 2 次督导成效评估不合格（${second}），已取消督导者资格，却仍主持了 2026-11-20 的这次督导`,
      );
      expect(exits[0]!.message).toBe(
        '陈建国 在 2026-06-30、2026-09-30 连续 2 次督导成效评估不合格，已取消督导者资格；此后仍主持了 2 次督导',
      );
      // 王芳 passed: her sessions are hers to lead.
      expect(exits.some((d) => d.message.startsWith('王芳'))).toBe(false);
      // English check and status in-process, through main() (English check is spawned above, status here).
      const en = await kmswInProcess(['--dir', dir, ...TODAY, '--lang', 'en', 'check']);
      expect(en.stdout).toContain('陈建国 failed two consecutive effect evaluations (2026-06-30, 2026-09-30; ');
      expect(en.stdout).toContain('yet led this session on 2026-11-20');
      expect(en.stdout).toContain('no longer qualifies; 2 session(s) led since');
      expect(en.stdout).toContain('remove this expert from experts');

      const status = kmsw(['--dir', dir, ...TODAY, 'status']);
      expect(status.stdout).toMatch(
        /督导成效评估\n {2}王芳 +（暂无评估）\n {2}陈建国 +2026-06-30 {2}评估期 2026-01-01 至 2026-06-30 {2}不合格\n/,
      );
      expect(status.stdout).toContain('2026-09-30  评估期 2026-07-01 至 2026-09-30  不合格');
      expect(status.stdout).toContain('连续 2 次不合格（2026-09-30），已取消督导者资格');
      // The session he led after the exit is no session held: 五华区's only face-to-face session is not counted
      // (the example's folder counts it: 1/1, see status.test.ts), in status and in check --year alike.
      expect(status.stdout).toMatch(/\n {2}五华区 +░░░░░░░░░░ 0\/1 +░░░░░░░░░░ 0\/2\n/);
      const year = (await checked(dir, '--year', '2026')).diagnostics.filter((d) => d.rule === 'quota');
      expect(year.some((d) => d.message.includes('五华区') && d.message.includes('0/1'))).toBe(true);
      const statusEn = await kmswInProcess(['--dir', dir, ...TODAY, '--lang', 'en', 'status']);
      expect(statusEn.stdout).toContain('Effect evaluations');
      expect(statusEn.stdout).toContain('(none yet)');
      expect(statusEn.stdout).toContain('2026-06-30  period 2026-01-01 to 2026-06-30  不合格');
      expect(statusEn.stdout).toContain('failed twice in a row (2026-09-30): no longer qualifies');
    },
    forRuns(4),
  );

  it(
    '不合格, 合格, 不合格 is not two in a row: no exit',
    async () => {
      const dir = folder();
      writeEvaluation(dir, {
        expert: '陈建国',
        date: '2026-06-30',
        from: '2026-01-01',
        to: '2026-06-30',
        result: '不合格',
      });
      writeEvaluation(dir, {
        expert: '陈建国',
        date: '2026-08-31',
        from: '2026-07-01',
        to: '2026-08-31',
        result: '合格',
      });
      writeEvaluation(dir, {
        expert: '陈建国',
        date: '2026-09-30',
        from: '2026-09-01',
        to: '2026-09-30',
        result: '不合格',
      });
      const { diagnostics } = await checked(dir);
      expect(diagnostics.filter((d) => d.rule === 'expert-exit')).toEqual([]);
      // In-process, through main() (status is spawned in the test above).
      expect((await kmswInProcess(['--dir', dir, ...TODAY, 'status'])).stdout).not.toContain('已取消督导者资格');
    },
    forRuns(2),
  );
});

describe('督导成效评估表-YYYY年.docx', () => {
  it(
    "export --month writes the year's evaluations up to that month, one a page, with the counted figures",
    async () => {
      const dir = folder();
      writeEvaluation(dir, {
        expert: '陈建国',
        date: '2026-06-30',
        from: '2026-01-01',
        to: '2026-06-30',
        result: '不合格',
      });
      writeEvaluation(dir, { expert: '王芳', date: '2026-11-30', ...NOVEMBER, result: '合格', done: 3 });
      const run = kmsw(['--dir', dir, ...TODAY, 'export', '--month', '2026-11', '--only', 'evaluation']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('督导成效评估表-2026年.docx（2 份）（2026-01-01 至 2026-11-30 的全部评估）');
      const file = path.join(dir, 'exports/2026-11/督导成效评估表-2026年.docx');
      const paragraphs = docxParagraphs(file);
      const xml = strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);
      // One evaluation a page: the title twice, the second on a new page; June's first.
      expect(paragraphs.filter((p) => p === '督导成效评估表')).toHaveLength(2);
      expect(xml.match(/w:pageBreakBefore|w:type="page"/g)?.length).toBe(1);
      const text = paragraphs.join('\n');
      expect(text.indexOf('陈建国')).toBeLessThan(text.indexOf('王芳'));
      expect(paragraphs).toContain('2026年1月1日至 2026年6月30日');
      expect(paragraphs).toContain('□合格 √不合格');
      // Written beside counted: 3 written, 3 counted; the satisfaction counted from the named survey.
      expect(paragraphs).toContain(
        '督导场次：3 场（团体督导 1、督导记录表 1、个别督导登记表 1），共 5小时30分钟。所评督导的调研表：2026-11-20-五华区.yaml；' +
          '未写明所评督导（session）的调研表，按区县计、未计入：盘龙区 1 份（平均 2）',
      );
      expect(paragraphs).toContain('4.38（1 份调研表，56 个评分）');
      expect(paragraphs).toContain('1、每月开展督导');
      expect(paragraphs).toContain('1、部分达成');
      // 陈建国 led nothing in January–June.
      expect(paragraphs).toContain('督导场次：0 场，共 0分钟。所评督导的调研表：无');

      // June's export holds June's evaluation only; --year writes the document once, in November's folder. These
      // three in-process, through main(), which the binary runs (tests/support/in-process.ts): ~0.4 s less CPU each.
      const june = await kmswInProcess([
        '--dir',
        dir,
        ...TODAY,
        'export',
        '--month',
        '2026-06',
        '--only',
        'evaluation',
      ]);
      expect(june.stdout).toContain('（1 份）（2026-01-01 至 2026-06-30 的全部评估）');
      rmSync(path.join(dir, 'exports'), { recursive: true });
      const year = await kmswInProcess(['--dir', dir, ...TODAY, 'export', '--year', '2026', '--only', 'evaluation']);
      expect(year.code, year.stderr).toBe(0);
      expect(readdirSync(path.join(dir, 'exports'))).toEqual(['2026-11']);
      expect(year.stdout).toContain('（2 份）（2026-01-01 至 2026-11-30 的全部评估）');
      const args = ['--dir', dir, ...TODAY, '--lang', 'en', 'export', '--year', '2026', '--only', 'evaluation'];
      const en = await kmswInProcess(args);
      expect(en.stdout).toContain('(2) (every evaluation dated 2026-01-01 to 2026-11-30)');
    },
    forRuns(4),
  );
});

describe('the satisfaction field', () => {
  it(
    'reads a decimal from 1 to 5, and says so in both languages otherwise',
    async () => {
      const dir = folder();
      const file = writeEvaluation(dir, {
        expert: '王芳',
        date: '2026-11-30',
        ...NOVEMBER,
        result: '合格',
        satisfaction: '６',
      });
      const { diagnostics } = await checked(dir);
      const bad = diagnostics.filter((d) => d.file === file && d.rule === 'invalid-value');
      expect(bad.map((d) => d.field)).toEqual(['satisfaction']);
      expect(bad[0]!.message).toContain('应为 1–5 之间的数，如 4.5');
      // In-process (main(), tests/support/in-process.ts): an English human check is spawned above.
      const en = await kmswInProcess(['--dir', dir, ...TODAY, '--lang', 'en', 'check']);
      expect(en.stdout).toContain('should be a number from 1 to 5, e.g. 4.5');
    },
    forRuns(2),
  );
});
