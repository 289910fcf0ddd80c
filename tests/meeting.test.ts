/**
 * The experts' side of the handbook (Part 1 §1, §4), on the real binary over temporary folders: the
 * `meeting` form (new, check, export), each 行政协同督导's yearly meetings in `quota` and `status`,
 * and `expert-title` on kmsw.yaml, in both languages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { check as runCheck } from '../src/commands/check.js';
import { CONFIG, forRuns, kmsw, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

interface Diag {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
  field?: string;
}

/** A meeting record's path and text; 陈建国 is CONFIG's 行政协同督导 (line 8 of kmsw.yaml). */
function meeting(
  kind: string,
  opts: { date?: string; title?: string; attendees?: string[]; content?: string } = {},
): Record<string, string> {
  const date = opts.date ?? '2026-11-16';
  const title = opts.title ?? `${kind}记录`;
  const [year, month] = date.split('-');
  const attendees = (opts.attendees ?? ['陈建国', '王芳', '李明']).join(', ');
  const content = opts.content ?? '  通报年度考核安排，决定12月安排一次全市线上团体督导。\n';
  return {
    [`${year}/${month}/meeting/${date}-${title}.yaml`]:
      `form: meeting\nkind: ${kind}\ntitle: ${title}\ndate: ${date}\nplace: 督导中心会议室\n` +
      `attendees: [${attendees}]\ncontent: |\n${content}author: 李明\n`,
  };
}

const BOTH = { ...meeting('督导中心工作会议'), ...meeting('社工站点活动', { date: '2026-11-26' }) };

function check(dir: string, today: string, args: string[] = [], lang = 'zh'): { code: number; diags: Diag[] } {
  const run = kmsw(['--dir', dir, '--today', today, '--lang', lang, 'check', '--format', 'json', ...args]);
  expect(run.code, run.stderr).toBeLessThan(2);
  return { code: run.code, diags: (JSON.parse(run.stdout) as { diagnostics: Diag[] }).diagnostics };
}

/**
 * The same in-process: check(), whose result `check --format json` prints as it is (and exit 1 when it holds
 * an error). The spawned `check` above runs in the first two tests of the quota, the English ones and the
 * export; a spawn costs ~0.25 s of CPU.
 */
async function checked(dir: string, today: string, args: string[] = []): Promise<{ code: number; diags: Diag[] }> {
  const opts: { year?: number; rules?: string[] } = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--year') opts.year = Number(args[++i]);
    else if (args[i] === '--rule') (opts.rules ??= []).push(args[++i]!);
    else throw new Error(`checked: ${args[i]} is not an option it knows`);
  }
  const result = await runCheck({ root: dir, today, ...opts });
  return { code: result.summary.errors > 0 ? 1 : 0, diags: result.diagnostics };
}

/** The quota findings about the experts (not the counties' sessions). */
const dutyFindings = (diags: Diag[]) => diags.filter((d) => d.rule === 'quota' && d.field?.startsWith('experts.'));

describe('each 行政协同督导 attends a 督导中心工作会议 and a 社工站点活动 a year (quota)', () => {
  it(
    'without a meeting: a warning per kind while the year runs, on the expert’s line of kmsw.yaml',
    async () => {
      const dir = tempFolder({ 'kmsw.yaml': CONFIG });
      const found = dutyFindings(check(dir, '2026-11-30', ['--year', '2026']).diags);
      expect(found).toEqual([
        expect.objectContaining({
          file: 'kmsw.yaml',
          line: 8,
          severity: 'warning',
          field: 'experts.1',
          message: '行政协同督导 陈建国 2026年参加督导中心工作会议 0/1次，尚未达到要求',
        }),
        expect.objectContaining({
          line: 8,
          severity: 'warning',
          message: '行政协同督导 陈建国 2026年参加社工站点活动 0/1次，尚未达到要求',
        }),
      ]);
      // Without --year the yearly requirement is not checked.
      expect(dutyFindings((await checked(dir, '2026-11-30')).diags)).toEqual([]);
    },
    forRuns(2),
  );

  it(
    'without a meeting, once the year has ended: errors, and check fails',
    () => {
      const dir = tempFolder({ 'kmsw.yaml': CONFIG, ...meeting('社工站点活动') });
      const { code, diags } = check(dir, '2027-01-05', ['--year', '2026', '--rule', 'quota']);
      expect(code).toBe(1);
      expect(dutyFindings(diags)).toEqual([
        expect.objectContaining({
          severity: 'error',
          message: '行政协同督导 陈建国 2026年参加督导中心工作会议 0/1次，未达到要求',
        }),
      ]);
    },
    forRuns(1),
  );

  it(
    'with both: no finding; a meeting of another year, one he did not attend, or one with errors does not count',
    async () => {
      const both = tempFolder({ 'kmsw.yaml': CONFIG, ...BOTH });
      expect(dutyFindings((await checked(both, '2027-01-05', ['--year', '2026'])).diags)).toEqual([]);
      const none = tempFolder({
        'kmsw.yaml': CONFIG,
        ...meeting('督导中心工作会议', { date: '2025-12-20' }),
        ...meeting('社工站点活动', { attendees: ['王芳', '李明'] }),
        // An empty scaffold is no meeting held.
        ...meeting('督导中心工作会议', { date: '2026-11-20', title: '空白', content: '  \n' }),
      });
      const messages = dutyFindings((await checked(none, '2027-01-05', ['--year', '2026'])).diags).map(
        (d) => d.message,
      );
      expect(messages).toEqual([
        '行政协同督导 陈建国 2026年参加督导中心工作会议 0/1次，未达到要求',
        '行政协同督导 陈建国 2026年参加社工站点活动 0/1次，未达到要求',
      ]);
    },
    forRuns(2),
  );

  it(
    'the thresholds are kmsw.yaml’s rules: quota: centre-meeting / station-activity',
    async () => {
      const config = CONFIG + 'rules:\n  quota: { centre-meeting: 2, station-activity: 0 }\n';
      const dir = tempFolder({ 'kmsw.yaml': config, ...meeting('督导中心工作会议') });
      const messages = dutyFindings((await checked(dir, '2026-11-30', ['--year', '2026'])).diags).map((d) => d.message);
      expect(messages).toEqual(['行政协同督导 陈建国 2026年参加督导中心工作会议 1/2次，尚未达到要求']);
    },
    forRuns(1),
  );

  it(
    'in English, with the hint that says what to write',
    async () => {
      const dir = tempFolder({ 'kmsw.yaml': CONFIG });
      const run = kmsw(['--dir', dir, '--today', '2027-01-05', '--lang', 'en', 'check', '--year', '2026']);
      expect(run.stdout).toContain(
        '陈建国 (administrative expert): 0/1 centre work meetings (督导中心工作会议) attended in 2026: ' +
          'the requirement was not met',
      );
      expect(run.stdout).toContain(
        '陈建国 (administrative expert): 0/1 station activities (社工站点活动) attended in 2026',
      );
      expect(run.stdout).toContain(
        'after attending a 社工站点活动, write a meeting record (kmsw new meeting --set kind=社工站点活动) naming 陈建国',
      );
      // Chinese in-process, through main(), which the binary runs (tests/support/in-process.ts).
      const zh = await kmswInProcess(['--dir', dir, '--today', '2027-01-05', 'check', '--year', '2026']);
      expect(zh.stdout).toContain(
        '提示：参加督导中心工作会议后写一份会议与活动记录（kmsw new meeting --set kind=督导中心工作会议），参加人员中写上 陈建国',
      );
    },
    forRuns(2),
  );

  it(
    'status --year shows each 行政协同督导’s meetings, in both languages and in JSON',
    async () => {
      // Chinese through the real binary; English, JSON and the year without 行政协同督导 in-process, through main().
      const dir = tempFolder({ 'kmsw.yaml': CONFIG, ...meeting('督导中心工作会议') });
      const zh = kmsw(['--dir', dir, '--today', '2026-11-30', 'status', '--year', '2026']);
      expect(zh.code, zh.stderr).toBe(0);
      const lines = zh.stdout.split('\n');
      const at = lines.indexOf('行政协同督导（每年至少参加）');
      expect(at).toBeGreaterThan(0);
      expect(lines[at + 1]).toMatch(/^ {2}督导专家 +督导中心工作会议 +社工站点活动$/);
      expect(lines[at + 2]).toMatch(/^ {2}陈建国 +██████████ 1\/1 ✓ +░░░░░░░░░░ 0\/1$/);
      // 王芳 is a 专业技术督导: the duty is not hers (she has lines in other sections, such as the evaluations).
      const section = lines.slice(at, lines.indexOf('', at));
      expect(section.join('\n')).not.toMatch(/^ {2}王芳 /m);
      const en = await kmswInProcess([
        '--dir',
        dir,
        '--today',
        '2026-11-30',
        '--lang',
        'en',
        'status',
        '--year',
        '2026',
      ]);
      expect(en.stdout).toContain('Administrative experts (行政协同督导, at least each year)');
      expect(en.stdout).toMatch(/^ {2}Expert +Centre meetings +Station activities$/m);
      const json = JSON.parse(
        (await kmswInProcess(['--dir', dir, '--today', '2026-11-30', 'status', '--year', '2026', '--format', 'json']))
          .stdout,
      ) as { duties: unknown[] };
      expect(json.duties).toEqual([
        { expert: '陈建国', index: 1, what: 'centre-meeting', count: 1, target: 1, files: [expect.any(String)] },
        { expert: '陈建国', index: 1, what: 'station-activity', count: 0, target: 1, files: [] },
      ]);
      // A year without 行政协同督导 has no such section.
      const noAdmin = tempFolder({ 'kmsw.yaml': CONFIG.replace(/\n {2}- \{ name: 陈建国.*\n/, '\n') });
      const plain = await kmswInProcess(['--dir', noAdmin, '--today', '2026-11-30', 'status']);
      expect(plain.code, plain.stderr).toBe(0);
      expect(plain.stdout).not.toContain('行政协同督导');
    },
    forRuns(1),
  );
});

describe('expert-title: a 专业技术督导 below 中级 (warning on kmsw.yaml)', () => {
  // [title as written in kmsw.yaml, whether it is 中级 or above]
  const TITLES: Array<[string, boolean]> = [
    ['中级社会工作师', true],
    ['社会工作师', true],
    ['高级社会工作师', true],
    ['副高级', true],
    ['正高级社会工作师', true],
    ['讲师', true],
    ['副教授', true],
    ['教授', true],
    ['副研究员', true],
    ['研究员', true],
    ['社会工作专业 讲 师', true],
    ['助理社会工作师', false],
    ['社会工作者', false],
    ['助教', false],
    ['助理研究员', true],
    ['研究实习员', false],
    ['无', false],
    ['""', false],
    ['~', false],
    ['', false],
  ];
  const entry = (i: number, title: string) =>
    `  - { name: 专家${i}, kind: 专业技术督导${title === '' ? '' : `, title: ${title}`} }\n`;
  const config = (rules = '') =>
    CONFIG.replace('experts:\n', `experts:\n${TITLES.map(([t], i) => entry(i, t)).join('')}`) + rules;
  let found: Diag[] = [];
  beforeAll(async () => {
    found = (await checked(tempFolder({ 'kmsw.yaml': config() }), '2026-11-30', ['--rule', 'expert-title'])).diags;
  }, forRuns(1));

  it.each(TITLES.map(([title, ok], i) => [title, ok, i] as const))('%s → 中级或以上: %s', (title, ok, i) => {
    const mine = found.filter((d) => d.field === `experts.${i}.title`);
    if (ok) return expect(mine).toEqual([]);
    expect(mine).toEqual([
      expect.objectContaining({
        file: 'kmsw.yaml',
        severity: 'warning',
        rule: 'expert-title',
        // The expert's own line: the title's key when there is one, else the name's.
        line: 7 + i,
        column: title === '' ? 7 : entry(i, title).indexOf('title:') + 1,
        message:
          title === '' || title === '""' || title === '~'
            ? `专业技术督导 专家${i} 没有写职称（title）`
            : `专业技术督导 专家${i} 的职称“${title}”低于中级`,
      }),
    ]);
  });

  it('a 行政协同督导 with no title, and 王芳 (中级社会工作师), have no warning', () => {
    expect(
      found.filter((d) => !d.field?.startsWith('experts.') || Number(d.field.split('.')[1]) >= TITLES.length),
    ).toEqual([]);
    expect(found).toHaveLength(TITLES.filter(([, ok]) => !ok).length);
  });

  it(
    'rules: expert-title: accept: adds titles; a 助理 title still does not pass through a word it holds',
    async () => {
      const titles = ['主治医师', '社会工作师', '助理社会工作师'];
      const yaml = CONFIG.replace('experts:\n', `experts:\n${titles.map((t, i) => entry(i, t)).join('')}`).concat(
        'rules:\n  expert-title: { accept: [主治医师, 社会工作师] }\n',
      );
      const diags = (await checked(tempFolder({ 'kmsw.yaml': yaml }), '2026-11-30', ['--rule', 'expert-title'])).diags;
      expect(diags.map((d) => d.message)).toEqual(['专业技术督导 专家2 的职称“助理社会工作师”低于中级']);
      // One word alone is a list of one.
      const one = yaml.replace('[主治医师, 社会工作师]', '社会工作师');
      expect(
        (await checked(tempFolder({ 'kmsw.yaml': one }), '2026-11-30', ['--rule', 'expert-title'])).diags,
      ).toHaveLength(2);
    },
    forRuns(2),
  );

  it(
    'a wrong accept: is refused before anything runs, with its line, in both languages',
    async () => {
      // Chinese through the real binary; English and the misspelt key in-process, through main().
      const bad = CONFIG + 'rules:\n  expert-title:\n    accept: [主治医师, ""]\n';
      const dir = tempFolder({ 'kmsw.yaml': bad });
      const zh = kmsw(['--dir', dir, '--today', '2026-11-30', 'check']);
      expect(zh.code).toBe(2);
      expect(zh.stderr).toContain(
        'kmsw.yaml:17:5: rules.expert-title.accept：应为职称（或职称中的词）的列表，如 accept: [主治医师, 高级工程师]',
      );
      const en = await kmswInProcess(['--dir', dir, '--today', '2026-11-30', '--lang', 'en', 'check']);
      expect(en.code).toBe(2);
      expect(en.stderr).toContain(
        'should be a list of titles (or words of titles), e.g. accept: [主治医师, 高级工程师]',
      );
      const typo = tempFolder({ 'kmsw.yaml': CONFIG + 'rules:\n  expert-title: { acept: [主治医师] }\n' });
      const run = await kmswInProcess(['--dir', typo, '--today', '2026-11-30', 'check']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('accept');
    },
    forRuns(3),
  );

  it(
    'says it in English too, with what to do',
    async () => {
      const yaml = CONFIG.replace('experts:\n', `experts:\n${entry(0, '助理社会工作师')}${entry(1, '')}`);
      const run = kmsw(['--dir', tempFolder({ 'kmsw.yaml': yaml }), '--today', '2026-11-30', '--lang', 'en', 'check']);
      expect(run.stdout).toContain(
        'professional expert (专业技术督导) 专家0 has the title “助理社会工作师”, below 中级 (intermediate)  expert-title',
      );
      expect(run.stdout).toContain('professional expert (专业技术督导) 专家1 has no title  expert-title');
      expect(run.stdout).toContain('expert-title: { accept: [主治医师] }');
      // Chinese in-process, through main() (English above is the binary's).
      const zh = await kmswInProcess(['--dir', tempFolder({ 'kmsw.yaml': yaml }), '--today', '2026-11-30', 'check']);
      expect(zh.stdout).toContain('提示：手册：严格上专业技术督导应具备中级及以上职称。');
    },
    forRuns(2),
  );
});

/** The text of a .docx's body, paragraphs on lines, as Word shows it (word joiners dropped). */
function docxText(file: string): string {
  const xml = strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/\u2060/g, '');
}

describe('the meeting form', () => {
  it(
    'kmsw new meeting writes the scaffold at <year>/<month>/meeting/<date>-<title>, and check reads it',
    async () => {
      const dir = tempFolder({ 'kmsw.yaml': CONFIG });
      const set = ['kind=社工站点活动', 'title=红云站 敬老活动', 'place=红云街道社工站', 'attendees=陈建国、张丽'];
      const run = kmsw(
        ['--dir', dir, '--today', '2026-12-03', 'new', 'meeting', '--as', '李明', '--yes'].concat(
          set.flatMap((s) => ['--set', s]),
        ),
      );
      expect(run.code, run.stderr).toBe(0);
      const [name] = readdirSync(path.join(dir, '2026/12/meeting'));
      expect(name).toBe('2026-12-03-红云站敬老活动-李明.yaml');
      const text = readFileSync(path.join(dir, '2026/12/meeting', name!), 'utf8');
      expect(text).toContain(
        'form: meeting\n# 类别（督导中心工作会议 | 社工站点活动 | 培训 | 论坛）\nkind: 社工站点活动\n',
      );
      expect(text).toContain('attendees:\n  - 陈建国\n  - 张丽\n');
      expect(text).toContain('author: 李明\n');
      // What is left to write: the content; 张丽 is no one kmsw.yaml or a roster knows.
      const { diags } = await checked(dir, '2026-12-03', ['--rule', 'required', '--rule', 'unknown-person']);
      expect(diags.map((d) => [d.rule, d.field])).toEqual([
        ['unknown-person', 'attendees.1'],
        ['required', 'content'],
      ]);
      // In-process, through main() (kmsw new --help is spawned in tests/cli-new.test.ts).
      expect((await kmswInProcess(['new', '--help'])).stdout).toContain('meeting');
    },
    forRuns(3),
  );

  it(
    'a wrong kind, an unknown county or station are reported like any form’s',
    async () => {
      const record = meeting('例会')['2026/11/meeting/2026-11-16-例会记录.yaml']!.replace(
        'place: 督导中心会议室\n',
        'place: 督导中心会议室\ncounty: 五华\nstation: 红云社工站\n',
      );
      const dir = tempFolder({ 'kmsw.yaml': CONFIG, '2026/11/meeting/2026-11-16-例会记录.yaml': record });
      const { diags } = await checked(dir, '2026-11-30', ['--rule', 'invalid-value', '--rule', 'unknown-place']);
      expect(diags.map((d) => [d.rule, d.field])).toEqual([
        ['invalid-value', 'kind'],
        ['unknown-place', 'county'],
        ['unknown-place', 'station'],
      ]);
    },
    forRuns(1),
  );

  it(
    'exports 会议与活动记录-YYYY年MM月.docx: one record a page, in date order, with the form’s labels',
    () => {
      const later = meeting('社工站点活动', {
        date: '2026-11-26',
        title: '普吉站活动',
        attendees: ['陈建国', '赵雪'],
        content: '  走访三户参加活动的老人。\n',
      });
      const dir = tempFolder({ 'kmsw.yaml': CONFIG, ...later, ...meeting('督导中心工作会议') });
      const run = kmsw(['--dir', dir, '--today', '2026-11-30', 'export', '--month', '2026-11', '--only', 'meeting']);
      expect(run.code, run.stderr).toBe(0);
      const file = path.join(dir, 'exports/2026-11/会议与活动记录-2026年11月.docx');
      const text = docxText(file);
      const pages = text.split('会议与活动记录\n').slice(1);
      expect(pages).toHaveLength(2);
      for (const label of ['类别', '名称', '日期', '地点', '县（市、区）', '社工站', '参加人员', '内容', '记录人'])
        expect(pages[0]).toContain(label);
      expect(pages[0]).toContain('√督导中心工作会议 □社工站点活动 □培训 □论坛');
      expect(pages[0]).toContain('2026年11月16日');
      expect(pages[0]).toContain('陈建国、王芳、李明');
      expect(pages[0]).toContain('通报年度考核安排');
      expect(pages[1]).toContain('□督导中心工作会议 √社工站点活动 □培训 □论坛');
      expect(pages[1]).toContain('普吉站活动');
      expect(pages[1]).toContain('走访三户参加活动的老人。');
      expect(pages[1]).toContain('行政协同督导每年至少参加1次督导中心工作会议');
      const xml = strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);
      expect(xml.match(/w:pageBreakBefore|w:type="page"/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    },
    forRuns(1),
  );
});
