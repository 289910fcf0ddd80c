#!/usr/bin/env node
/**
 * Renders every page of every export to PNG, the way a person will see it printed: kmsw export,
 * then LibreOffice to PDF, then pdftoppm to PNG at 80 dpi.
 *
 * - records.example, 2026-11: docs/previews/<form>.png (page 1, what the README shows), then
 *   <form>-2.png, <form>-3.png… for the pages after it;
 * - the stress record set (scripts/stress-records.mjs: long texts, many photos, a 6 MB photo, a file
 *   that is no photo), 2026-12, built under a temp folder: docs/previews/stress/<form>[-N].png.
 *
 * docs/previews/manifest.json lists each export with its page count and its PNGs; tests/prints.test.ts
 * checks it against the exports of records.example without LibreOffice (CI has none).
 *
 * Needs Debian's libreoffice-writer, libreoffice-calc, poppler-utils and fonts-arphic-uming:
 *   apt-get install libreoffice-writer libreoffice-calc poppler-utils fonts-arphic-uming
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { makeStressFolder } from './stress-records.mjs';

// The outputs table from kmsw's own build (docs/build.md).
const { OUTPUTS } = createRequire(import.meta.url)('../bin/kmsw.cjs').loadKmsw().internals;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const previews = path.join(root, 'docs', 'previews');
const DPI = '80';
for (const tool of ['soffice', 'pdftoppm', 'pdfinfo']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.error(
      `${tool} is missing: apt-get install libreoffice-writer libreoffice-calc poppler-utils fonts-arphic-uming`,
    );
    process.exit(1);
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), 'kmsw-previews-'));
/** Each export's title → its output key, the preview's name: from the forms table (npm run build first). */
const NAMES = Object.fromEntries(OUTPUTS.map((o) => [o.title, o.key]));
const env = { ...process.env, FONTCONFIG_FILE: path.join(root, 'scripts', 'fonts.conf'), HOME: work };

/** Exports `month` of `dir` into a fresh folder; returns its files. */
function exportOf(dir, month, today) {
  const out = path.join(work, `exports-${month}`);
  execFileSync(
    process.execPath,
    [path.join(root, 'bin', 'kmsw.cjs'), '--dir', dir, '--today', today, 'export', '--month', month, '--out', out],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return readdirSync(out)
    .sort()
    .map((f) => path.join(out, f));
}

/** Every page of each file as `<key>.png`, `<key>-2.png`… in `into`; the manifest's entries. */
function render(files, into) {
  const pdfs = path.join(work, `pdf-${path.basename(into)}`);
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', pdfs, ...files], { env, stdio: 'ignore' });
  mkdirSync(into, { recursive: true });
  for (const old of readdirSync(into).filter((f) => f.endsWith('.png'))) {
    if (OUTPUTS.some((o) => new RegExp(`^${o.key}(-\\d+)?\\.png$`).test(old))) rmSync(path.join(into, old));
  }
  return files.map((file) => {
    const name = path.basename(file);
    const key = NAMES[name.replace(/-\d{4}年(\d{2}月)?\.(docx|xlsx)$/, '')];
    const pdf = path.join(pdfs, name.replace(/\.(docx|xlsx)$/, '.pdf'));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
    const pngs = [];
    for (let page = 1; page <= pages; page++) {
      const png = page === 1 ? `${key}.png` : `${key}-${page}.png`;
      const at = path.join(work, `page-${page}`);
      execFileSync('pdftoppm', ['-png', '-r', DPI, '-f', `${page}`, '-l', `${page}`, '-singlefile', pdf, at]);
      renameSync(`${at}.png`, path.join(into, png));
      pngs.push(png);
    }
    console.log(`${path.relative(root, into)}/${key}.png  ${pages} page(s)  ← ${name}`);
    return { export: name, output: key, pages, pngs };
  });
}

const example = render(exportOf(path.join(root, 'records.example'), '2026-11', '2026-11-30'), previews);
const stressDir = makeStressFolder(path.join(work, 'stress'));
const stress = render(exportOf(stressDir, '2026-12', '2026-12-31'), path.join(previews, 'stress'));
const manifest = {
  about: 'Written by npm run previews: every page of each export, as PNG at 80 dpi. tests/prints.test.ts reads it.',
  dpi: Number(DPI),
  'records.example 2026-11': example,
  'stress 2026-12': stress.map((e) => ({ ...e, pngs: e.pngs.map((p) => `stress/${p}`) })),
};
writeFileSync(path.join(previews, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
