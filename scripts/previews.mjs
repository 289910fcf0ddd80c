#!/usr/bin/env node
/**
 * Renders the first page of every export of records.example to docs/previews/<form>.png, the way
 * a person will see it: kmsw export, then LibreOffice to PDF, then pdftoppm to PNG.
 *
 * Needs Debian's libreoffice-writer, libreoffice-calc, poppler-utils and fonts-arphic-uming:
 *   apt-get install libreoffice-writer libreoffice-calc poppler-utils fonts-arphic-uming
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

// The outputs table from kmsw's own build (docs/build.md).
const { OUTPUTS } = createRequire(import.meta.url)('../bin/kmsw.cjs').loadKmsw().internals;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const previews = path.join(root, 'docs', 'previews');
for (const tool of ['soffice', 'pdftoppm']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.error(
      `${tool} is missing: apt-get install libreoffice-writer libreoffice-calc poppler-utils fonts-arphic-uming`,
    );
    process.exit(1);
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), 'kmsw-previews-'));
const exports = path.join(work, 'exports');
execFileSync(
  process.execPath,
  [
    path.join(root, 'bin', 'kmsw.cjs'),
    '--dir',
    path.join(root, 'records.example'),
    '--today',
    '2026-11-30',
    'export',
    '--month',
    '2026-11',
    '--out',
    exports,
  ],
  { stdio: 'inherit' },
);

/** Each export's title → its output key, the preview's name: from the forms table (npm run build first). */
const NAMES = Object.fromEntries(OUTPUTS.map((o) => [o.title, o.key]));
const env = { ...process.env, FONTCONFIG_FILE: path.join(root, 'scripts', 'fonts.conf'), HOME: work };
const files = readdirSync(exports).map((f) => path.join(exports, f));
execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, ...files], { env, stdio: 'ignore' });
mkdirSync(previews, { recursive: true });
for (const file of files) {
  const base = path.basename(file).replace(/-\d{4}年(\d{2}月)?\.(docx|xlsx)$/, '');
  const key = NAMES[base];
  const pdf = path.join(work, path.basename(file).replace(/\.(docx|xlsx)$/, '.pdf'));
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(work, key)]);
  renameSync(path.join(work, `${key}.png`), path.join(previews, `${key}.png`));
  console.log(`docs/previews/${key}.png  ← ${path.basename(file)}`);
}
rmSync(work, { recursive: true, force: true });
