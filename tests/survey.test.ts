/**
 * Surveys as a new user writes them (found trying kmsw): a survey whose `session:` names no group record (the
 * template's example had no author, the file `kmsw new group` wrote had one) passed check while its satisfaction
 * silently left the expert's evaluation; a survey with one bad rating left the evaluation saying there was no survey;
 * the exported sheet said 问卷份数：4 over counts adding up to 3; check called the 4th questionnaire's 4th rating
 * `问卷 第4项 第4项`.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, forRuns, kmsw, put, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const TODAY = ['--today', '2026-11-30'];
const GROUP = '2026/10/group/2026-10-20-五华区-刘洋.yaml';
const SURVEY = '2026/10/survey/2026-10-20-五华区-刘洋.yaml';

interface Diagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
  hint?: string;
}

/** A rating row as YAML. */
const row = (ratings: ReadonlyArray<number | string>) => `  - [${ratings.join(', ')}]`;

/** A survey of 2026-10-20 in 五华区 naming `session`, with `rows`. */
const survey = (session: string, rows: ReadonlyArray<ReadonlyArray<number | string>>) =>
  [
    'form: survey',
    'county: 五华区',
    'date: 2026-10-20',
    `session: ${session}`,
    'responses:',
    ...rows.map(row),
    '',
  ].join('\n');

const GOOD = [
  [5, 5, 5, 4, 3, 5, 5],
  [5, 4, 5, 4, 3, 4, 5],
  [4, 5, 4, 5, 2, 4, 4],
];

/**
 * records.example with 刘洋's record of a session 王芳 led on 2026-10-20 (the example's group session, moved, its
 * signature typed: the digest is of the November record), as `kmsw new group --as 刘洋` names it.
 */
function folder(): string {
  const dir = tempFolder({}, 'kmsw-survey-');
  cpSync(EXAMPLE, dir, { recursive: true });
  const group = readFileSync(path.join(EXAMPLE, '2026/11/group/2026-11-20-五华区.yaml'), 'utf8')
    .replace(/2026-11-2\d/g, '2026-10-20')
    .replace(/^experts: .*$/m, 'experts: [王芳]')
    .replace(/, digest: sha256:[0-9a-f]+/, '');
  put(dir, GROUP, group);
  return dir;
}

/** `kmsw new evaluation` of 王芳 for October, written by 李明 on 2026-10-31. */
const evaluationOf = (dir: string) => [
  ...['--dir', dir, ...TODAY, 'new', 'evaluation', '--yes', '--as', '李明', '--set', 'expert=王芳'],
  ...['--set', 'period.from=2026-10-01', '--set', 'period.to=2026-10-31', '--set', 'date=2026-10-31'],
];

async function check(dir: string, ...args: string[]): Promise<Diagnostic[]> {
  const run = await kmswInProcess(['--dir', dir, ...TODAY, ...args, 'check', '--format', 'json']);
  return (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
}

describe('a survey whose session names no group record', () => {
  it(
    'is said on its session line, with the group record of its day and county; and not when it names one',
    async () => {
      const dir = folder();
      put(dir, SURVEY, survey('2026-10-20-五华区.yaml', GOOD));
      // The file alone, as the user ran it: spawned.
      const run = kmsw(['--dir', dir, ...TODAY, 'check', '--format', 'json', SURVEY]);
      expect(run.code, run.stderr).toBe(0);
      const found = (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
      expect(found.map((d) => [d.file, d.line, d.column, d.rule, d.severity])).toEqual([
        [SURVEY, 4, 10, 'unknown-session', 'warning'],
      ]);
      expect(found[0]!.message).toBe(
        '所评督导写的是 2026-10-20-五华区.yaml，但没有这个文件名的团体督导记录：这份调研表的满意度不会计入任何督导的成效评估',
      );
      expect(found[0]!.hint).toMatch(/^是不是 2026-10-20-五华区-刘洋\.yaml？/);
      // The whole folder says the same, in English too.
      expect((await check(dir)).filter((d) => d.rule === 'unknown-session')).toEqual(found);
      const en = (await check(dir, '--lang', 'en')).find((d) => d.rule === 'unknown-session')!;
      expect(en.message).toMatch(/^所评督导 \(session\) says 2026-10-20-五华区\.yaml, but no group record has that/);
      expect(en.hint).toMatch(/^did you mean 2026-10-20-五华区-刘洋\.yaml\?/);
      // A day with no group record says so; the path of the file, or its name, is found.
      put(dir, SURVEY, survey('2026-10-21-五华区.yaml', GOOD).replace('date: 2026-10-20', 'date: 2026-10-21'));
      const none = (await check(dir)).filter((d) => d.rule === 'unknown-session');
      expect(none.map((d) => d.hint)).toEqual([
        '2026-10-21 没有团体督导记录：请核对日期和文件名，或先写那次团体督导的记录（kmsw new group）',
      ]);
      for (const named of [GROUP, '2026-10-20-五华区-刘洋.yaml']) {
        put(dir, SURVEY, survey(named, GOOD));
        expect((await check(dir)).filter((d) => d.rule === 'unknown-session')).toEqual([]);
      }
    },
    forRuns(2),
  );

  it('the survey template gives a file name as kmsw new group writes it', async () => {
    const dir = folder();
    const args = ['--dir', dir, ...TODAY, 'new'];
    const group = ['group', '--yes', '--as', '李明', '--set', 'county=盘龙区', '--set', 'date=2026-11-02'];
    expect((await kmswInProcess([...args, ...group, '--set', 'experts=王芳', '--set', 'mode=线下'])).code).toBe(0);
    const made = await kmswInProcess([...args, 'survey', '--yes', '--as', '李明', '--set', 'county=盘龙区']);
    expect(made.code, made.stderr).toBe(0);
    const text = readFileSync(path.join(dir, '2026/11/survey/2026-11-30-盘龙区-李明.yaml'), 'utf8');
    const example = /^# 所评督导.*?如 (\S+\.yaml)/m.exec(text)?.[1];
    // The shape of the file kmsw new group wrote: day, county, author.
    expect(example).toMatch(/^\d{4}-\d\d-\d\d-[^-]+-[^-.]+\.yaml$/);
    expect(readFileSync(path.join(dir, '2026/11/group/2026-11-02-盘龙区-李明.yaml'), 'utf8')).toMatch(/^form: group/m);
  });
});

describe('a survey with a bad rating', () => {
  const BAD = [...GOOD, [5, 5, 5, 6, 5, 5, 5]];

  it('check names the questionnaire and the question, in Chinese and in English', async () => {
    const dir = folder();
    put(dir, SURVEY, survey('2026-10-20-五华区-刘洋.yaml', [...BAD, [4, 4, 4, 4, 4, 4]]));
    const found = (await check(dir)).filter((d) => d.file === SURVEY);
    expect(found.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '9:15 第4份问卷 第4题：评分应为1到5（或 非常不满意、很不满意、一般、很满意、非常满意）',
      '10:5 第5份问卷：每份问卷应有7个评分，依次对应7个问题',
    ]);
    const en = (await check(dir, '--lang', 'en')).filter((d) => d.file === SURVEY);
    expect(en.map((d) => d.message.split(':')[0])).toEqual(['questionnaire 4 question 4', 'questionnaire 5']);
  });

  it(
    "the evaluation says the survey is left out for its errors, never that there is none; export's docx too",
    async () => {
      const dir = folder();
      put(dir, SURVEY, survey('2026-10-20-五华区-刘洋.yaml', BAD));
      const made = kmsw(evaluationOf(dir));
      expect(made.code, made.stderr).toBe(0);
      const file = path.join(dir, '2026/10/evaluation/2026-10-31-王芳-李明.yaml');
      const left = `1 份调研表有错误，未计入：${SURVEY}`;
      expect(readFileSync(file, 'utf8')).toContain(`#   满意度：无（${left}）`);
      // A satisfaction written: the warning says why no survey counts.
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^satisfaction:.*$/m, 'satisfaction: 4.5'));
      const warned = (await check(dir)).filter((d) => d.rule === 'evaluation-count');
      expect(warned.map((d) => d.message)).toEqual([
        '满意度写的是 4.5，但评估期内该督导所督导场次的 1 份满意度调研表都有错误，未计入',
      ]);
      const run = await kmswInProcess(['--dir', dir, ...TODAY, 'export', '--month', '2026-10', '--only', 'evaluation']);
      expect(run.code, run.stderr).toBe(0);
      expect(docxText(path.join(dir, 'exports/2026-10/督导成效评估表-2026年.docx'))).toContain(`无（${left}）`);
      // With a good survey of the session beside it: its mean, and the other named.
      put(dir, '2026/10/survey/2026-10-20-五华区-赵雪.yaml', survey(GROUP, GOOD));
      await kmswInProcess(['--dir', dir, ...TODAY, 'export', '--month', '2026-10', '--only', 'evaluation']);
      expect(docxText(path.join(dir, 'exports/2026-10/督导成效评估表-2026年.docx'))).toContain(
        `4.29（1 份调研表，21 个评分）；另有 ${left}`,
      );
    },
    forRuns(1),
  );
});

/** The text of a .docx's body. */
function docxText(file: string): string {
  const xml = strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);
  return xml.replace(/<[^>]+>/g, '').replace(/\u2060/g, '');
}

/** A seeded generator (mulberry32): the same surveys on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A questionnaire as written, and whether it is valid. */
function questionnaire(next: () => number): { yaml: string; valid: boolean } {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const ratings: Array<number | string> = Array.from({ length: 7 }, () => pick([1, 2, 3, 4, 5, '很满意', '一般']));
  const fault = next() < 0.35 ? pick(['range', 'word', 'short', 'long', 'text']) : undefined;
  if (fault === 'range') ratings[Math.floor(next() * 7)] = pick([0, 6, 9]);
  if (fault === 'word') ratings[Math.floor(next() * 7)] = '好';
  if (fault === 'short') ratings.pop();
  if (fault === 'long') ratings.push(5);
  if (fault === 'text') return { yaml: `  - ${ratings.join(' ')}`, valid: false };
  return { yaml: row(ratings), valid: fault === undefined };
}

interface Sheet {
  name: string;
  total: number;
  left: number;
  /** Each question's count of each rating, and its mean. */
  rows: Array<{ counts: number[]; mean: unknown }>;
}

async function sheetsOf(file: string): Promise<Sheet[]> {
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book.worksheets.map((ws) => {
    const header = ws.getCell('A2').text;
    const total = Number(/问卷份数：(\d+)/.exec(header)?.[1]);
    const note = /（其中 (\d+) 份未计入下表：(.*)）$/.exec(header);
    // Each left-out questionnaire is named with its reason.
    if (note) expect(note[2]!.split('；')).toHaveLength(Number(note[1]));
    const rows = [4, 5, 6, 7, 8, 9, 10].map((r) => ({
      counts: [3, 4, 5, 6, 7].map((c) => Number(ws.getCell(r, c).value)),
      mean: ws.getCell(r, 8).value,
    }));
    return { name: ws.name, total, left: note ? Number(note[1]) : 0, rows };
  });
}

describe('the survey sheet agrees with itself', () => {
  it(
    "问卷份数 is each question's counts plus the questionnaires named as left out, over generated surveys",
    async () => {
      const dir = tempFolder({}, 'kmsw-survey-sheet-');
      cpSync(EXAMPLE, dir, { recursive: true });
      let leftOut = 0;
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const next = random(seed);
        const expected = new Map<string, { total: number; valid: number }>();
        const days = 1 + Math.floor(next() * 3);
        for (let d = 1; d <= days; d++) {
          const list = Array.from({ length: 1 + Math.floor(next() * 12) }, () => questionnaire(next));
          const day = `2026-0${seed}-0${d}`;
          const yaml = ['form: survey', 'county: 盘龙区', `date: ${day}`, 'responses:', ...list.map((q) => q.yaml)];
          put(dir, `2026/0${seed}/survey/${day}-盘龙区.yaml`, `${yaml.join('\n')}\n`);
          expected.set(`${day.slice(5)}盘龙区`, { total: list.length, valid: list.filter((q) => q.valid).length });
        }
        const month = `2026-0${seed}`;
        const run = await kmswInProcess(['--dir', dir, ...TODAY, 'export', '--month', month, '--only', 'survey']);
        expect(run.code, run.stderr).toBe(0);
        const sheets = await sheetsOf(path.join(dir, `exports/${month}/督导满意度调研表-2026年0${seed}月.xlsx`));
        const all = [...expected.values()];
        if (days > 1)
          expected.set('合计', {
            total: all.reduce((n, e) => n + e.total, 0),
            valid: all.reduce((n, e) => n + e.valid, 0),
          });
        expect(sheets.map((s) => s.name).sort(), `seed ${seed}`).toEqual([...expected.keys()].sort());
        for (const s of sheets) {
          const want = expected.get(s.name)!;
          expect([s.total, s.total - s.left], `seed ${seed} ${s.name}`).toEqual([want.total, want.valid]);
          leftOut += s.left;
          for (const r of s.rows) {
            expect(r.counts.reduce((a, b) => a + b, 0) + s.left, `seed ${seed} ${s.name}`).toBe(s.total);
            const mean = r.counts.reduce((sum, n, i) => sum + n * (i + 1), 0) / (s.total - s.left);
            if (s.total === s.left) expect([null, ''], `seed ${seed} ${s.name}`).toContain(r.mean);
            else expect(r.mean, `seed ${seed} ${s.name}`).toBe(Math.round(mean * 100) / 100);
          }
        }
      }
      // The generated surveys did hold bad questionnaires.
      expect(leftOut).toBeGreaterThan(5);
    },
    forRuns(6),
  );
});

describe('a session written with spaces, or blank', () => {
  it('counts for the expert exactly when unknown-session is quiet on it; a blank one for its county', async () => {
    const figures = async (session: string) => {
      const dir = folder();
      put(dir, SURVEY, survey(session, GOOD));
      const found = (await check(dir)).filter((d) => d.file === SURVEY).map((d) => d.rule);
      const made = await kmswInProcess(evaluationOf(dir));
      expect(made.code, made.stderr).toBe(0);
      const text = readFileSync(path.join(dir, '2026/10/evaluation/2026-10-31-王芳-李明.yaml'), 'utf8');
      return { found, satisfaction: /^# {3}满意度：(.*)$/m.exec(text)?.[1] };
    };
    const plain = await figures('2026-10-20-五华区-刘洋.yaml');
    expect(plain.found).not.toContain('unknown-session');
    expect(plain.satisfaction).toMatch(/^4\.\d+（1 份调研表/);
    const spaced = await figures('"  2026-10-20-五华区-刘洋.yaml  "');
    expect(spaced).toEqual(plain);
    const blank = await figures('"   "');
    expect(blank.found).not.toContain('unknown-session');
    expect(blank.satisfaction).toMatch(/^无/);
  });
});
