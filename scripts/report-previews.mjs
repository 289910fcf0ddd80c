#!/usr/bin/env node
/**
 * Renders every page of records.example's year report to docs/previews/report/page-<n>.png, as it
 * prints: kmsw report --pdf (through the local Chromium, Chrome or Edge; KMSW_CHROME names one),
 * then pdftoppm to PNG. `npm run previews:report`.
 *
 * Needs a browser and poppler-utils: apt-get install chromium poppler-utils
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const previews = path.join(root, 'docs', 'previews', 'report');
if (spawnSync('sh', ['-c', 'command -v pdftoppm']).status !== 0) {
  console.error('pdftoppm is missing: apt-get install poppler-utils');
  process.exit(1);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'kmsw-report-previews-'));
try {
  const example = ['--dir', path.join(root, 'records.example'), '--today', '2026-11-30'];
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'bin', 'kmsw.cjs'), ...example, 'report', '--year', '2026', '--out', work, '--pdf'],
    { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (run.status !== 0) process.exit(run.status ?? 2);
  // 60 dpi: an A4 page is 496 × 702 pixels, enough to read the charts, small enough to commit.
  execFileSync('pdftoppm', ['-png', '-r', '60', path.join(work, '督导工作报告-2026年.pdf'), path.join(work, 'page')]);
  rmSync(previews, { recursive: true, force: true });
  mkdirSync(previews, { recursive: true });
  for (const name of readdirSync(work).filter((n) => n.endsWith('.png'))) {
    // pdftoppm numbers `page-1.png` or `page-01.png` by the page count: always `page-<n>.png` here.
    const n = Number(/(\d+)\.png$/.exec(name)[1]);
    renameSync(path.join(work, name), path.join(previews, `page-${n}.png`));
  }
  console.log(`${readdirSync(previews).length} pages in ${path.relative(root, previews)}/`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
