/**
 * `kmsw report`: every number the page shows is the one status, tally and check give for the same
 * period (read back from the page's `data-k` cells), the page fetches nothing, and `--pdf` without a
 * browser says so and still writes the HTML. The page in a real browser is tests/report-browser.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, forRuns, kmswAsync, tempFolder, type Run } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

/** The page's numbers by key: `<td data-k="quota.五华区.face-to-face">3</td>`, or `data-v` where it is said in words. */
export function numbersOf(html: string): Map<string, string> {
  const numbers = new Map<string, string>();
  for (const m of html.matchAll(/data-k="([^"]+)"(?: data-v="([^"]*)")?[^>]*>([^<]*)</g))
    numbers.set(m[1]!.replace(/&amp;/g, '&'), m[2] ?? m[3]!);
  return numbers;
}

const ON_EXAMPLE = ['--dir', EXAMPLE, '--today', '2026-11-30'];

interface Diagnostic {
  rule: string;
  severity: string;
  file: string;
  field?: string;
}

/** check's diagnostics by rule: `{errors, warnings}`. */
function byRule(diagnostics: Diagnostic[]): Map<string, { errors: number; warnings: number }> {
  const rules = new Map<string, { errors: number; warnings: number }>();
  for (const d of diagnostics) {
    const r = rules.get(d.rule) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') r.errors++;
    else r.warnings++;
    rules.set(d.rule, r);
  }
  return rules;
}

describe('kmsw report on records.example', () => {
  const out = { year: '', month: '', failing: '', en: '', future: '', errors: '' };
  const runs: Record<string, Run> = {};

  beforeAll(async () => {
    out.year = tempFolder({}, 'kmsw-report-');
    out.month = tempFolder({}, 'kmsw-report-');
    out.failing = tempFolder({}, 'kmsw-report-');
    out.en = tempFolder({}, 'kmsw-report-');
    out.future = tempFolder({}, 'kmsw-report-');
    out.errors = withErrors();
    const ON_ERRORS = ['--dir', out.errors, '--today', '2026-11-30'];
    // The year's page from the binary; the other pages, and what status, check and tally say of the same folders for
    // the report to match number for number, in-process through main(), which the binary runs (tests/support/
    // in-process.ts: a spawned report costs ~1 s of CPU, most of it loading echarts; each command is spawned in its
    // own test file, and the last test here spawns a report too), one after the other (main() borrows stdout).
    const spawned = kmswAsync([...ON_EXAMPLE, 'report', '--year', '2026', '--out', out.year]);
    // No browser on purpose: the HTML is still written, and kmsw says why there is no PDF.
    const month = await kmswInProcess([...ON_EXAMPLE, 'report', '--month', '2026-11', '--out', out.month, '--pdf'], {
      env: { KMSW_CHROME: 'none' },
    });
    // A "browser" that fails, and one that is not there.
    const failing = await kmswInProcess([...ON_EXAMPLE, 'report', '--out', out.failing, '--pdf'], {
      env: { KMSW_CHROME: '/bin/false' },
    });
    const wrongPath = await kmswInProcess([...ON_EXAMPLE, 'report', '--out', out.failing, '--pdf'], {
      env: { KMSW_CHROME: '/nowhere/chrome' },
    });
    const en = await kmswInProcess([...ON_EXAMPLE, '--lang', 'en', 'report', '--year', '2026', '--out', out.en]);
    const future = await kmswInProcess([...ON_EXAMPLE, 'report', '--month', '2026-12', '--out', out.future]);
    const errors = await kmswInProcess([...ON_ERRORS, 'report', '--year', '2026']);
    const status = await kmswInProcess([...ON_EXAMPLE, 'status', '--format', 'json']);
    const checkYear = await kmswInProcess([...ON_EXAMPLE, 'check', '--year', '2026', '--format', 'json']);
    const checkMonth = await kmswInProcess([...ON_EXAMPLE, 'check', '--month', '2026-11', '--format', 'json']);
    const tally = await kmswInProcess([...ON_EXAMPLE, 'tally', '--month', '2026-11', '--format', 'json']);
    const errorsStatus = await kmswInProcess([...ON_ERRORS, 'status', '--format', 'json']);
    const errorsTally = await kmswInProcess([...ON_ERRORS, 'tally', '--month', '2026-11', '--format', 'json']);
    const year = await spawned;
    Object.assign(runs, { year, month, status, checkYear, checkMonth, tally, failing, wrongPath });
    Object.assign(runs, { en, future, errors, errorsStatus, errorsTally });
  }, forRuns(7));

  const page = (which: keyof typeof out, name: string) => readFileSync(path.join(out[which], name), 'utf8');

  it('writes the year’s page under its name, and nothing else', () => {
    expect(runs.year!.code, runs.year!.stderr).toBe(0);
    expect(readdirSync(out.year)).toEqual(['督导工作报告-2026年.html']);
    expect(runs.year!.stdout).toContain('督导工作报告-2026年.html');
    const html = page('year', '督导工作报告-2026年.html');
    expect(html).toContain('昆明市社会工作服务站督导中心 督导工作报告（2026年）');
  });

  it('is self-contained: no script, nothing fetched, a chart per section drawn as inline SVG', () => {
    const html = page('year', '督导工作报告-2026年.html');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    // Links only within the page; the only http is SVG's own namespace.
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.startsWith('#'))).not.toContain(false);
    expect(html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]+"/g, '')).not.toMatch(/https?:/);
    const figures = [...html.matchAll(/<figure class="chart" data-chart="([^"]+)"><svg[\s\S]*?<\/svg><\/figure>/g)];
    expect(new Set(figures.map((f) => f[1]))).toEqual(
      new Set(['quota', 'online', 'log', 'signatures', 'experts', 'tally', 'problems']),
    );
    expect(html.match(/<section /g)).toHaveLength(7);
    expect(html).toContain('@page { size: A4');
  });

  it('shows status’s quotas and pending signatures, tally’s counts, check’s problems, number for number', () => {
    const numbers = numbersOf(page('year', '督导工作报告-2026年.html'));
    const status = JSON.parse(runs.status!.stdout) as {
      quotas: Array<{ county?: string; what: string; quarter?: number; count: number }>;
      signatures: Array<{ overdue: boolean }>;
    };
    for (const q of status.quotas) {
      const key =
        q.what === 'online-quarter'
          ? `quota.online.q${q.quarter}`
          : q.what === 'online-year'
            ? 'quota.online.year'
            : `quota.${q.county}.${q.what}`;
      expect(numbers.get(key), key).toBe(String(q.count));
    }
    expect(numbers.get('sign.pending')).toBe(String(status.signatures.length));
    expect(numbers.get('sign.pending-overdue')).toBe(String(status.signatures.filter((s) => s.overdue).length));

    const tally = JSON.parse(runs.tally!.stdout) as { rows: Array<{ form: string; count: number }> };
    for (const row of tally.rows) expect(numbers.get(`tally.2026-11.${row.form}`), row.form).toBe(String(row.count));
    // The example holds November only: every other month of the year counts nothing.
    const others = [...numbers].filter(([k]) => /^tally\.2026-(0\d|10)\./.test(k));
    expect(others.length).toBe(10 * tally.rows.length);
    expect(others.filter(([, v]) => v !== '0')).toEqual([]);

    const check = JSON.parse(runs.checkYear!.stdout) as { diagnostics: Diagnostic[]; summary: { errors: number } };
    expect(numbers.get('check.errors')).toBe(String(check.summary.errors));
    for (const [rule, n] of byRule(check.diagnostics)) {
      expect(numbers.get(`check.${rule}.errors`), rule).toBe(String(n.errors));
      expect(numbers.get(`check.${rule}.warnings`), rule).toBe(String(n.warnings));
    }
    const missing = check.diagnostics.filter((d) => d.rule === 'missing-log');
    for (const [i, name] of ['李明', '赵雪'].entries())
      expect(numbers.get(`log.${name}.missing`)).toBe(
        String(missing.filter((d) => d.field === `assistants.${i}`).length),
      );
  });

  it('--month: the month’s page, logs as status counts the month, problems as check --month', () => {
    expect(runs.month!.code, runs.month!.stderr).toBe(1);
    expect(runs.month!.stderr).toContain('没有找到 Chromium、Chrome 或 Edge，没有生成 PDF');
    expect(readdirSync(out.month)).toEqual(['督导工作报告-2026年11月.html']);
    const numbers = numbersOf(page('month', '督导工作报告-2026年11月.html'));
    const status = JSON.parse(runs.status!.stdout) as {
      logs: {
        month: string;
        assistants: Array<{ name: string; expected: number; written: number; missing: string[]; faulty: unknown[] }>;
      };
    };
    expect(status.logs.month).toBe('2026-11');
    for (const a of status.logs.assistants) {
      expect(numbers.get(`log.${a.name}.expected`)).toBe(String(a.expected));
      expect(numbers.get(`log.${a.name}.written`)).toBe(String(a.written));
      expect(numbers.get(`log.${a.name}.missing`)).toBe(String(a.missing.length));
      expect(numbers.get(`log.${a.name}.faulty`)).toBe(String(a.faulty.length));
    }
    const check = JSON.parse(runs.checkMonth!.stdout) as { diagnostics: Diagnostic[] };
    for (const [rule, n] of byRule(check.diagnostics))
      expect(numbers.get(`check.${rule}.errors`), rule).toBe(String(n.errors));
    expect([...numbers.keys()].filter((k) => k.startsWith('tally.2026-') && !k.startsWith('tally.2026-11.'))).toEqual(
      [],
    );
  });

  it('names every column in its reader’s words, and the check that gives the problems’ numbers', () => {
    const year = page('year', '督导工作报告-2026年.html');
    expect(year).toContain('<th>专家</th><th>场次</th><th>时长（分钟）</th><th>时长</th>');
    expect(year).toContain('<thead><tr><th>签名</th><th>数量</th></tr></thead>');
    expect(year).not.toMatch(/<th><\/th>|<th>min<\/th>/);
    expect(year).toContain('运行 kmsw check --year 2026 查看');
    expect(page('month', '督导工作报告-2026年11月.html')).toContain('运行 kmsw check --month 2026-11 查看');
  });

  it('--lang en: no Chinese but the records’ own (names, counties, forms, results, file names)', () => {
    expect(runs.en!.code, runs.en!.stderr).toBe(0);
    const html = page('en', '督导工作报告-2026年.html');
    expect(html).toContain('Face-to-face (2 h+)');
    expect(html).toContain('<th>Expert</th><th>Sessions</th><th>Minutes</th><th>Duration</th>');
    expect(html).toContain('5 h 30 min');
    expect(html).toContain('Run kmsw check --year 2026 for each place');
    const status = JSON.parse(runs.status!.stdout) as {
      centre: string;
      quotas: Array<{ county?: string }>;
      experts: Array<{ name: string }>;
      logs: { assistants: Array<{ name: string }> };
      evaluations: Array<{ evaluations: Array<{ result?: string }> }>;
    };
    const tally = JSON.parse(runs.tally!.stdout) as { rows: Array<{ name: string }> };
    const theirs = [
      status.centre,
      ...status.quotas.map((q) => q.county ?? ''),
      ...status.experts.map((e) => e.name),
      ...status.logs.assistants.map((a) => a.name),
      ...status.evaluations.flatMap((e) => e.evaluations.map((v) => v.result ?? '')),
      ...tally.rows.map((r) => r.name),
    ]
      .filter((t) => t !== '')
      .sort((a, b) => b.length - a.length);
    const texts = [...html.replace(/<style>[\s\S]*?<\/style>/, '').matchAll(/>([^<]+)</g)].map((m) => m[1]!);
    const leaks = texts
      .filter((t) => !t.includes('/')) // a file name
      .map((t) => theirs.reduce((rest, word) => rest.split(word).join(''), t))
      .filter((t) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(t));
    expect(leaks).toEqual([]);
  });

  it('a month not begun is written, and said (exit 1)', () => {
    expect(runs.future!.code).toBe(1);
    expect(runs.future!.stderr).toContain('2026年12月还没有开始（今天是 2026-11-30），报告里的数字都是 0');
    expect(readdirSync(out.future)).toEqual(['督导工作报告-2026年12月.html']);
  });

  it('signatures are counted as status counts them, records with errors too, and the note says so', () => {
    expect(runs.errors!.code, runs.errors!.stderr).toBe(0);
    const html = readFileSync(path.join(out.errors, 'exports', '2026', '督导工作报告-2026年.html'), 'utf8');
    const numbers = numbersOf(html);
    // The record with an error is in check's problems, and its two signatures are counted.
    expect(Number(numbers.get('check.errors'))).toBeGreaterThan(0);
    expect(html).toMatch(/<td class="files">[^<]*2026\/11\/individual\/2026-11-25-周强\.yaml/);
    expect(numbers.get('sign.signed')).toBe('2');
    const status = JSON.parse(runs.errorsStatus!.stdout) as { signatures: Array<{ overdue: boolean }> };
    expect(status.signatures).toHaveLength(4); // two records, not signed
    expect(numbers.get('sign.pending')).toBe(String(status.signatures.length));
    expect(numbers.get('sign.pending-overdue')).toBe(String(status.signatures.filter((s) => s.overdue).length));
    expect(html).toContain('有错误的记录也计入（与 kmsw status 的待签名相同）');
  });

  it('counts the checklist from status’s scan as tally does from its own, a record filed under another year too', () => {
    const numbers = numbersOf(
      readFileSync(path.join(out.errors, 'exports', '2026', '督导工作报告-2026年.html'), 'utf8'),
    );
    const tally = JSON.parse(runs.errorsTally!.stdout) as {
      rows: Array<{ form: string; count: number }>;
      leftOut: Array<{ file: string }>;
    };
    for (const row of tally.rows) expect(numbers.get(`tally.2026-11.${row.form}`), row.form).toBe(String(row.count));
    // Every record here has an error (the one filed under 2025 is misplaced): none is counted.
    expect(tally.leftOut.map((l) => l.file)).toContain('2025/12/individual/2026-11-12-周强.yaml');
    expect(numbers.get('tally.2026-11.individual')).toBe('0');
  });

  it('the month’s calendar numbers its days; each state prints a different grey, and the legend names it', () => {
    const html = page('month', '督导工作报告-2026年11月.html');
    const calendar = html.match(/data-chart="log">(<svg[\s\S]*?<\/svg>)/)![1]!;
    const days = new Set([...calendar.matchAll(/<text[^>]*>(\d+)(?:\n[^<]*)?<\/text>/g)].map((m) => m[1]));
    for (let d = 1; d <= 30; d++) expect(days.has(String(d)), `day ${d}`).toBe(true);
    const legend = [...html.matchAll(/<i style="background:(#[0-9a-f]{6})"><\/i>([^<]+)</g)];
    expect(legend.map((l) => l[2])).toEqual(['已写', '有错误', '缺写', '节假日（休）', '周末', '不需写']);
    const greys = legend.map((l) => grey(l[1]!)).sort((a, b) => a - b);
    for (let i = 1; i < greys.length; i++) expect(greys[i]! - greys[i - 1]!).toBeGreaterThanOrEqual(25);
    expect(html).toContain('<b>班</b> 调休上班日');
  });

  it('a browser that fails is named (exit 2), leaving the HTML and no PDF or half of one; a wrong KMSW_CHROME stops', () => {
    expect(runs.failing!.code).toBe(2);
    expect(runs.failing!.stderr).toMatch(
      /用 \/bin\/false 生成 PDF 失败（浏览器以代码 1 退出）。网页版报告已写好：.*督导工作报告-2026年\.html，可以在浏览器里打开后打印成 PDF/,
    );
    expect(runs.wrongPath!.code).toBe(2);
    expect(runs.wrongPath!.stderr).toContain('KMSW_CHROME 指定的浏览器不存在：/nowhere/chrome');
    expect(readdirSync(out.failing)).toEqual(['督导工作报告-2026年.html']);
  });

  it('writes into exports/ by default; a file it cannot read or date is named on the page and last on the terminal, exit 1', async () => {
    const log = readFileSync(path.join(EXAMPLE, '2026/11/log/2026-11-23-李明.yaml'), 'utf8');
    const dir = tempFolder({
      'kmsw.yaml': readFileSync(path.join(EXAMPLE, 'kmsw.yaml'), 'utf8'),
      '2026/11/log/2026-11-27-李明.yaml': 'form: log\ndate: [2026-11-27\n',
      '2026/11/log/2026-11-23-李明.yaml': log.replace('date: 2026-11-23', 'date: 2026-13-23'),
    });
    const run = await kmswAsync(['--dir', dir, '--today', '2026-11-30', '--lang', 'en', 'report']);
    // As tally and export: written, but not the whole year, so 1, and each file with its reason last.
    expect(run.code, run.stderr).toBe(1);
    const html = readFileSync(path.join(dir, 'exports', '2026', '督导工作报告-2026年.html'), 'utf8');
    expect(run.stdout).toContain(path.join(dir, 'exports', '2026', '督导工作报告-2026年.html'));
    expect(run.stdout.trimEnd().split('\n').slice(-3)).toEqual([
      expect.stringMatching(/^Not counted: these 2 files could not be read or dated/),
      // Named for their day and assistant: the log calendar counts those days as with errors, and says so.
      '  2026/11/log/2026-11-23-李明.yaml:4:7  日期: there is no month 13 (the log calendar counts 李明 2026-11-23 as with errors)  (invalid-value)',
      '  2026/11/log/2026-11-27-李明.yaml:3:1  a [ ] or { } is not closed (the log calendar counts 李明 2026-11-27 as with errors)  (yaml-syntax)',
    ]);
    expect(html).toContain('supervision report (2026)');
    expect(html).toMatch(
      /Files not counted[\s\S]*<li>2026\/11\/log\/2026-11-23-李明\.yaml: 日期: there is no month 13 \(the log calendar counts 李明 2026-11-23 as with errors\)<\/li>/,
    );
    expect(html).toContain(
      '<li>2026/11/log/2026-11-27-李明.yaml: a [ ] or { } is not closed (the log calendar counts 李明 2026-11-27 as with errors)</li>',
    );
    expect(numbersOf(html).get('check.yaml-syntax.errors')).toBe('1');
  });
});

/** A folder whose one signed record has an error, and one record is not signed yet. */
function withErrors(): string {
  const signed = readFileSync(path.join(EXAMPLE, '2026/11/individual/2026-11-25-周强.yaml'), 'utf8');
  const unsigned = signed.replace('date: 2026-11-25', 'date: 2026-11-10').replace(/signatures:[\s\S]*$/, '');
  return tempFolder({
    'kmsw.yaml': readFileSync(path.join(EXAMPLE, 'kmsw.yaml'), 'utf8'),
    '2026/11/individual/2026-11-25-周强.yaml': signed.replace('method: 电话', 'method: 飞鸽传书'),
    '2026/11/individual/2026-11-10-周强.yaml': unsigned,
    // Filed under another year but dated in November: tally counts it there, and so must the report.
    '2025/12/individual/2026-11-12-周强.yaml': unsigned.replace('date: 2026-11-10', 'date: 2026-11-12'),
  });
}

/** The grey a colour prints as (0 black, 255 white). */
const grey = (hex: string) =>
  [0.299, 0.587, 0.114].reduce((sum, w, i) => sum + w * parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16), 0);
