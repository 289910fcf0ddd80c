/**
 * `kmsw report` in a real browser (Debian's chromium; `.ci/run` installs it): the page opens with
 * no console error and no request leaving the file, every chart's SVG has drawn shapes, the
 * screenshot is not blank, and `--pdf` prints one page per section at least (A4). Two browser
 * launches in all: kmsw's own for the PDF, and Playwright's for the page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzlibSync } from 'fflate';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, forRuns, kmswAsync, tempFolder, type Run } from './helpers.js';

const CANDIDATES = [process.env.KMSW_TEST_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
const BROWSER = CANDIDATES.find((b): b is string => !!b && existsSync(b));
const CI = process.env.CI === 'true';

/** The PNG's pixel rows, inflated: a blank page has a handful of distinct byte values, a drawn one many. */
export function distinctBytes(png: Uint8Array): number {
  const view = Buffer.from(png);
  const idat: Buffer[] = [];
  for (let at = 8; at < view.length;) {
    const length = view.readUInt32BE(at);
    if (view.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(view.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return new Set(unzlibSync(Buffer.concat(idat))).size;
}

/** Pages of a PDF: pdfinfo's count when poppler-utils is there, else its page objects. */
function pagesOf(pdf: string): number {
  try {
    return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  } catch {
    return (
      readFileSync(pdf)
        .toString('latin1')
        .match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0
    );
  }
}

describe('kmsw report in a real browser', () => {
  it('has a browser to test with (in CI, chromium must be installed: .ci/run installs it)', (ctx) => {
    if (!BROWSER && !CI) ctx.skip(/* no chromium here and not in CI: apt-get install chromium to run these */);
    expect(BROWSER, 'chromium is missing: .ci/run installs it').toBeDefined();
  });

  describe.skipIf(!BROWSER)('with chromium', () => {
    const out = { dir: '', html: '', pdf: '' };
    let run: Run;
    beforeAll(async () => {
      out.dir = tempFolder({}, 'kmsw-report-browser-');
      run = await kmswAsync(
        ['--dir', EXAMPLE, '--today', '2026-11-30', 'report', '--year', '2026', '--out', out.dir, '--pdf'],
        { env: { KMSW_CHROME: BROWSER! } },
      );
      out.html = path.join(out.dir, '督导工作报告-2026年.html');
      out.pdf = path.join(out.dir, '督导工作报告-2026年.pdf');
    }, forRuns(3));

    it('prints the PDF through the browser: A4, every section on a page of its own', () => {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('督导工作报告-2026年.pdf');
      expect(readFileSync(out.pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const sections = readFileSync(out.html, 'utf8').match(/<section /g)!.length;
      const pages = pagesOf(out.pdf);
      expect(pages).toBeGreaterThanOrEqual(sections);
      expect(pages).toBeLessThanOrEqual(sections * 3);
      try {
        // pdfinfo names the size: `Page size: 594.96 x 841.92 pts (A4)`.
        expect(execFileSync('pdfinfo', [out.pdf], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    });

    it('opens with no console error or request, every chart drawn, the screenshot not blank', async () => {
      const browser = await chromium.launch({ executablePath: BROWSER, args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const page = await browser.newPage({ viewport: { width: 760, height: 1100 } });
        const problems: string[] = [];
        page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('request', (r) => void (r.url().startsWith('file:') || problems.push(`request: ${r.url()}`)));
        await page.goto(pathToFileURL(out.html).href);
        const charts = await page.$$eval('figure.chart svg', (svgs) =>
          svgs.map((svg) => {
            const box = svg.getBoundingClientRect();
            const painted = [...svg.querySelectorAll('path, rect, text')].filter((e) => {
              const b = (e as SVGGraphicsElement).getBBox();
              return b.width > 0 && b.height > 0 && getComputedStyle(e).fill !== 'none';
            });
            return {
              name: svg.parentElement!.dataset.chart,
              width: box.width,
              height: box.height,
              painted: painted.length,
            };
          }),
        );
        expect(charts.length).toBeGreaterThanOrEqual(7);
        for (const c of charts) {
          expect(c.width, c.name).toBeGreaterThan(100);
          expect(c.height, c.name).toBeGreaterThan(50);
          expect(c.painted, c.name).toBeGreaterThan(5);
        }
        const shot = await page.screenshot({ fullPage: true });
        expect(distinctBytes(shot)).toBeGreaterThan(50);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });
});
