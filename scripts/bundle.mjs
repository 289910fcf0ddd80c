#!/usr/bin/env node
/**
 * The build that `bin/kmsw.cjs` runs, in two files, each with V8's code cache beside it:
 *
 * - dist/kmsw.cjs: the command line itself (src/cli.ts with commander, the messages and errors):
 *   all that `kmsw --help` needs;
 * - dist/commands.cjs: everything the commands load when they run (check, export, the forms, the
 *   rules, yaml, zod), each module initialised only when first used.
 *
 * Loading two files instead of ~250 modules saves ~100 ms a run, and keeping the commands apart
 * saves `--help` another ~35 ms. errors, i18n and format/table live in the first file only, so a
 * KmswError thrown by a command is the class cli.ts catches and the language set once holds for
 * both. docx, exceljs, fflate, @inquirer/prompts and chinese-days' data stay in node_modules: only
 * export, the prompts and the calendar load them.
 *
 * Then the code caches: the build runs check, status, tally, list and export once on
 * records.example with their output thrown away, and writes what V8 compiled (see bin/kmsw.cjs).
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const { PARTS, loadKmsw } = createRequire(import.meta.url)('../bin/kmsw.cjs');

/** Modules of the first file that the second one uses: it takes them from the first, never a copy. */
const SHARED = { errors: 'errors.ts', i18n: 'i18n.ts', table: 'format/table.ts' };
const tsPath = (dir, spec) => path.resolve(dir, spec).replace(/\.js$/, '.ts');

const common = {
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
};

/** What cli.ts imports lazily (`await import('./commands/check.js')`): served by the second file. */
const lazyFromCli = [];

await build({
  ...common,
  stdin: {
    contents: `module.exports = { ...require('./cli.ts'), shared: { ${Object.entries(SHARED).map(([k, f]) => `${k}: require('./${f}')`).join(', ')} } };`,
    resolveDir: src,
    loader: 'js',
    sourcefile: 'kmsw-entry.js',
  },
  outfile: PARTS.cli,
  plugins: [
    {
      name: 'commands-apart',
      setup(b) {
        b.onResolve({ filter: /^\./ }, (args) => {
          if (!/[/\\]src[/\\]cli(\.ts$|[/\\])/.test(args.importer) || args.kind !== 'dynamic-import') return undefined;
          const fromSrc = `./${path.relative(src, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/')}`;
          lazyFromCli.push(fromSrc);
          return { path: fromSrc, namespace: 'commands' };
        });
        b.onLoad({ filter: /.*/, namespace: 'commands' }, (args) => ({ contents: `module.exports = __kmsw.commands()[${JSON.stringify(args.path)}]();`, loader: 'js' }));
      },
    },
  ],
});

await build({
  ...common,
  stdin: {
    contents: `module.exports = { ${[...new Set(lazyFromCli)].map((p) => `${JSON.stringify(p)}: () => require(${JSON.stringify(p.replace(/\.js$/, '.ts'))})`).join(', ')} };`,
    resolveDir: src,
    loader: 'js',
    sourcefile: 'commands-entry.js',
  },
  outfile: PARTS.commands,
  plugins: [
    {
      name: 'shared-with-cli',
      setup(b) {
        const shared = new Map(Object.entries(SHARED).map(([k, f]) => [path.join(src, f), k]));
        b.onResolve({ filter: /^\./ }, (args) => {
          const key = shared.get(tsPath(args.resolveDir, args.path));
          return key ? { path: key, namespace: 'shared' } : undefined;
        });
        b.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({ contents: `module.exports = __kmsw.shared.${args.path};`, loader: 'js' }));
      },
    },
  ],
});

// Warm-up: the commands a supervision assistant runs every day, on the example folder, silently.
const kmsw = loadKmsw({ cache: false });
const out = mkdtempSync(path.join(os.tmpdir(), 'kmsw-warm-'));
const onExample = ['--dir', path.join(root, 'records.example'), '--today', '2026-11-30', '--no-color'];
const write = { out: process.stdout.write, err: process.stderr.write };
process.stdout.write = process.stderr.write = () => true;
try {
  await kmsw.main(['--help']);
  for (const args of [['check'], ['check', '--format', 'json'], ['status'], ['tally', '--month', '2026-11'], ['list'], ['export', '--month', '2026-11', '--out', out]]) {
    await kmsw.main([...onExample, ...args]);
  }
} finally {
  Object.assign(process.stdout, { write: write.out });
  Object.assign(process.stderr, { write: write.err });
  rmSync(out, { recursive: true, force: true });
}
process.exitCode = 0;
for (const [part, script] of Object.entries(kmsw.scripts)) {
  writeFileSync(`${PARTS[part]}.cache.tmp`, script.createCachedData());
  renameSync(`${PARTS[part]}.cache.tmp`, `${PARTS[part]}.cache`);
}
