/**
 * `kmsw report`: every number the page shows is the one status, tally and check give for the same
 * period (read back from the page's `data-k` cells), the page fetches nothing, and `--pdf` without a
 * browser says so and still writes the HTML. The page in a real browser is tests/report-browser.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, forRuns, kmswAsync, tempFolder, type Run } from './helpers.js';

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
  const out = { year: '', month: '', failing: '' };
  const runs: Record<string, Run> = {};

  beforeAll(async () => {
    out.year = tempFolder({}, 'kmsw-report-');
    out.month = tempFolder({}, 'kmsw-report-');
    out.failing = tempFolder({}, 'kmsw-report-');
    const [year, month, status, checkYear, checkMonth, tally, failing, wrongPath] = await Promise.all([
      kmswAsync([...ON_EXAMPLE, 'report', '--year', '2026', '--out', out.year]),
      // No browser on purpose: the HTML is still written, and kmsw says why there is no PDF.
      kmswAsync([...ON_EXAMPLE, 'report', '--month', '2026-11', '--out', out.month, '--pdf'], {
        env: { KMSW_CHROME: 'none' },
      }),
      kmswAsync([...ON_EXAMPLE, 'status', '--format', 'json']),
      kmswAsync([...ON_EXAMPLE, 'check', '--year', '2026', '--format', 'json']),
      kmswAsync([...ON_EXAMPLE, 'check', '--month', '2026-11', '--format', 'json']),
      kmswAsync([...ON_EXAMPLE, 'tally', '--month', '2026-11', '--format', 'json']),
      // A "browser" that fails, and one that is not there.
      kmswAsync([...ON_EXAMPLE, 'report', '--out', out.failing, '--pdf'], { env: { KMSW_CHROME: '/bin/false' } }),
      kmswAsync([...ON_EXAMPLE, 'report', '--out', out.failing, '--pdf'], {
        env: { KMSW_CHROME: '/nowhere/chrome' },
      }),
    ]);
    Object.assign(runs, { year, month, status, checkYear, checkMonth, tally, failing, wrongPath });
  }, forRuns(8));

  const page = (which: 'year' | 'month', name: string) => readFileSync(path.join(out[which], name), 'utf8');

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

  it('a browser that fails is named (exit 2), leaving the HTML and no PDF or half of one; a wrong KMSW_CHROME stops', () => {
    expect(runs.failing!.code).toBe(2);
    expect(runs.failing!.stderr).toContain('用 /bin/false 生成 PDF 失败');
    expect(runs.wrongPath!.code).toBe(2);
    expect(runs.wrongPath!.stderr).toContain('KMSW_CHROME 指定的浏览器不存在：/nowhere/chrome');
    expect(readdirSync(out.failing)).toEqual(['督导工作报告-2026年.html']);
  });

  it('writes into exports/ by default; a file it cannot read is named, in English with --lang en', async () => {
    const dir = tempFolder({
      'kmsw.yaml': readFileSync(path.join(EXAMPLE, 'kmsw.yaml'), 'utf8'),
      '2026/11/log/2026-11-27-李明.yaml': 'form: log\ndate: [2026-11-27\n',
    });
    const run = await kmswAsync(['--dir', dir, '--today', '2026-11-30', '--lang', 'en', 'report']);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'exports', '2026', '督导工作报告-2026年.html'))).toBe(true);
    const html = readFileSync(path.join(dir, 'exports', '2026', '督导工作报告-2026年.html'), 'utf8');
    expect(html).toContain('supervision report (2026)');
    expect(html).toMatch(/Files not counted[\s\S]*<li>2026\/11\/log\/2026-11-27-李明\.yaml/);
    expect(numbersOf(html).get('check.yaml-syntax.errors')).toBe('1');
  });
});
