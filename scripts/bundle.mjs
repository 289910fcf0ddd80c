#!/usr/bin/env node
/**
 * The one-file build that `bin/kmsw.cjs` runs: esbuild bundles src/ with commander, chalk, yaml and
 * zod into dist/kmsw.cjs (loading one file instead of ~250 modules saves ~100 ms a run). docx,
 * exceljs, fflate, @inquirer/prompts and chinese-days' data stay outside: only export, the prompts
 * and check's calendar load them, and only when they run.
 *
 * Then the code cache: the bundle runs check, status, tally, list and export once on
 * records.example with its output thrown away, and V8's compiled code is written to
 * dist/kmsw.cjs.cache (see bin/kmsw.cjs).
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { BUNDLE, CODE_CACHE, loadKmsw } = createRequire(import.meta.url)('../bin/kmsw.cjs');

await build({
  entryPoints: [path.join(root, 'src/cli.ts')],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // A vm.Script cannot import(): every dynamic import becomes a require (Node ≥ 20.19 requires
  // ES modules such as @inquirer/prompts), and import.meta.url is the bundle's own file.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__kmswUrl' },
  banner: { js: "const __kmswUrl = require('node:url').pathToFileURL(__filename).href;" },
  external: ['docx', 'exceljs', 'fflate', '@inquirer/prompts', 'chinese-days'],
  legalComments: 'none',
  logLevel: 'warning',
});

// Warm-up: the commands a supervision assistant runs every day, on the example folder, silently.
rmSync(CODE_CACHE, { force: true });
const { main, script } = loadKmsw({ cache: false });
const out = mkdtempSync(path.join(os.tmpdir(), 'kmsw-warm-'));
const common = ['--dir', path.join(root, 'records.example'), '--today', '2026-11-30', '--no-color'];
const write = { out: process.stdout.write, err: process.stderr.write };
process.stdout.write = process.stderr.write = () => true;
try {
  for (const args of [['check'], ['check', '--format', 'json'], ['status'], ['tally', '--month', '2026-11'], ['list'], ['export', '--month', '2026-11', '--out', out]]) {
    await main([...common, ...args]);
  }
} finally {
  Object.assign(process.stdout, { write: write.out });
  Object.assign(process.stderr, { write: write.err });
  rmSync(out, { recursive: true, force: true });
}
process.exitCode = 0;
writeFileSync(`${CODE_CACHE}.tmp`, script.createCachedData());
renameSync(`${CODE_CACHE}.tmp`, CODE_CACHE);
