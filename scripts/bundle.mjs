#!/usr/bin/env node
/**
 * kmsw's one build (`npm run build`; docs/build.md explains it): src/ bundled by esbuild into two
 * files that bin/kmsw.cjs runs for the command line, its worker threads, the benchmark and the
 * scripts alike, each with V8's code cache beside it:
 *
 * - dist/kmsw.cjs: the command line (src/cli.ts, src/cli/, commander, the messages): all that
 *   `kmsw --help` needs;
 * - dist/commands.cjs: what the command line reaches only through `await import()` (the commands,
 *   the forms, the rules, yaml, zod) and src/internals.ts, each module initialised when first used.
 *
 * Every module is in one of the two, once: the second takes each module the first holds from the
 * first (read from esbuild's metafile of the first, not from a list kept by hand), so a KmswError
 * thrown by a command is the class cli.ts catches and the language set once holds for both.
 * docx, exceljs, fflate, @inquirer/prompts, chinese-days and echarts stay in node_modules: only export, report,
 * the prompts and the calendar load them.
 *
 * Each part is minified, pure ASCII (scripts/ascii.mjs) and one function expression that bin/kmsw.cjs
 * compiles as read, ending with the list of the modules it holds: every start reads and compiles less.
 *
 * Then the code caches: the build runs --help, check, status, tally, list and export once on
 * records.example with their output thrown away, and writes what V8 compiled.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { toAscii } from './ascii.mjs';
import { writeStamp } from './build-stamp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const { PARTS, INTERNALS, loadKmsw } = createRequire(import.meta.url)('../bin/kmsw.cjs');

/**
 * The build's id: a hash of every source file and of the package and lock files, so that the folder
 * caches (src/scan/cache.ts) never reuse a result of another build, even at the same version.
 */
function buildId() {
  const hash = createHash('sha256');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort();
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(src, file)))
      .update('\0');
  for (const file of ['package.json', 'package-lock.json'])
    hash.update(`${file}\0`).update(readFileSync(path.join(root, file)));
  return hash.digest('hex').slice(0, 32);
}

/**
 * zod's namespaces re-export every language it speaks (`z.locales`, ~390 kB of its ~800): kmsw imports the one
 * it uses (src/forms/fields.ts, src/config.ts), so the build gives those namespaces the two zod itself and kmsw
 * load (English, zod's default; Chinese). Nothing in src/ reads `z.locales`; tests/build.test.ts checks that
 * no other language is in the build.
 */
const zodLocales = {
  name: 'zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[/\\]node_modules[/\\]zod[/\\]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), args.path), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';\nexport { default as zhCN } from './zh-CN.js';\n",
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * Node's modules that a start-up does not use but its modules import at the top: commander's child_process
 * (for subcommands kmsw does not have), the scan's worker_threads (for big folders), the staged check's and
 * signatures' child_process; fs/promises (only a run that writes: with it come fs/dir, fs/watchers and readline),
 * crypto (the cache's and signatures' digests: `new` needs none) and os. Each is a proxy that requires the module
 * the first time one of its members is read (~2 ms each at every start, with what they load: dgram,
 * internal/child_process, internal/worker; fs/promises ~4 ms; crypto, with its 17 modules, more).
 * Its names are listed without loading it (esbuild's import helpers list them), as this Node has them.
 */
const LAZY_BUILTINS = ['child_process', 'worker_threads', 'crypto', 'fs/promises', 'os'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
    // The proxy's own require is of the module itself.
    b.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-builtin'
        ? { path: args.path, external: true }
        : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => ({
      contents: [
        `const names = ${JSON.stringify(Object.keys(await import(`node:${args.path}`)).filter((n) => n !== 'default'))};`,
        `let real; const load = () => (real ??= require('node:${args.path}'));`,
        'module.exports = new Proxy({}, {',
        '  get: (_, key) => load()[key], has: (_, key) => names.includes(key), ownKeys: () => [...names],',
        '  getOwnPropertyDescriptor: (_, key) =>',
        '    names.includes(key) ? { value: undefined, writable: true, enumerable: true, configurable: true } : undefined,',
        '});',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * chalk's guess at the terminal's colours (its vendored supports-color: node:os, node:tty, the environment, run as
 * chalk loads): kmsw never asks it, as it makes each Chalk with the level it decided itself (`new Chalk({ level })`),
 * so the build gives chalk a guess of "no colour" for its default instances, which kmsw does not use.
 */
const chalkNoGuess = {
  name: 'chalk-no-guess',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /[/\\]node_modules[/\\]chalk[/\\]/.test(args.importer)
        ? { path: 'chalk', namespace: 'chalk-no-guess' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'chalk-no-guess' }, () => ({
      contents: 'export default { stdout: false, stderr: false };\n',
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  absWorkingDir: root,
  // A vm.Script cannot import(): every dynamic import becomes a require (Node ≥ 20.19 requires
  // ES modules such as @inquirer/prompts), and import.meta.url is the bundle's own file.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__kmswUrl', __KMSW_BUILD__: JSON.stringify(buildId()) },
  // Each part is one function expression that bin/kmsw.cjs runs as is (no copy of the text to wrap it):
  // CommonJS's parameters plus `__kmsw`, through which the parts reach each other.
  banner: {
    js:
      '(function (exports, require, module, __filename, __dirname, __kmsw) {' +
      "const __kmswUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  footer: { js: '})' },
  external: ['docx', 'exceljs', 'fflate', '@inquirer/prompts', 'chinese-days', 'jpeg-js', 'pngjs', 'echarts'],
  // Half the text to read at every start (dist/commands.cjs 1.30 -> 0.70 MB). Errors set their `name`
  // themselves (src/errors.ts), so no name is read from a minified class.
  // KMSW_NOMINIFY=1 npm run build: names kept, for a CPU profile that reads (never for a release).
  minify: !process.env.KMSW_NOMINIFY,
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * A part as written: in ASCII (scripts/ascii.mjs), so that Node reads it into a one-byte string, half the
 * size; and ending with the modules it holds, one `// src/i18n.ts` line each (`// shared:src/i18n.ts` for
 * one taken from the first part), from esbuild's metafile: minified, the part has no other trace of them,
 * and tests/build.test.ts reads them to prove each module is in the build once.
 */
function finish(file, metafile) {
  const modules = Object.keys(metafile.inputs).filter(
    (m) => /^(src|node_modules|shared:)/.test(m) && !m.endsWith('-entry.js'),
  );
  const code = toAscii(readFileSync(file, 'utf8'), path.relative(root, file));
  writeFileSync(file, `${code}\n// The modules of this part:\n${modules.map((m) => `// ${m}\n`).join('')}`);
}

/** `src/commands/check.ts` → `./commands/check.js`, as the second part's entry names it. */
const fromSrc = (file) => `./${path.relative(src, file).split(path.sep).join('/').replace(/\.ts$/, '.js')}`;
const inCli = (file) => file === path.join(src, 'cli.ts') || file.startsWith(path.join(src, 'cli') + path.sep);

/**
 * The commands' message catalogues: src/i18n.ts imports them, but reads them only for a group that a
 * command's module asks for, so the first part holds getters that take them from the second.
 */
const LATER = ['messages/zh.ts', 'messages/en.ts'].map((file) => path.join(src, file));

/** What a module exports, by name, as esbuild reads it. */
async function exportsOf(file) {
  const { metafile } = await build({ entryPoints: [file], write: false, metafile: true, logLevel: 'silent' });
  return Object.values(metafile.outputs)[0].exports;
}

/** A module of the second part seen from the first: each export a getter that loads the second part. */
const later = (key, names) =>
  [`const part = () => __kmsw.commands()[${JSON.stringify(key)}]();`]
    .concat(names.map((n) => `Object.defineProperty(exports, '${n}', { enumerable: true, get: () => part().${n} });`))
    .join('\n');

/**
 * The first part: what src/cli.ts and src/cli/ import lazily is left to the second part, and so are
 * the LATER modules, whose exports are read through getters.
 */
async function buildCli(entry, write) {
  const lazy = new Set();
  const result = await build({
    ...common,
    stdin: { contents: entry, resolveDir: src, loader: 'js', sourcefile: 'kmsw-entry.js' },
    outfile: PARTS.cli,
    write,
    metafile: true,
    plugins: [
      zodLocales,
      lazyBuiltins,
      chalkNoGuess,
      {
        name: 'commands-apart',
        setup(b) {
          b.onResolve({ filter: /^\./ }, (args) => {
            const file = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
            const deferred = LATER.includes(file);
            if (!deferred && (!inCli(args.importer) || args.kind !== 'dynamic-import')) return undefined;
            const key = fromSrc(file);
            lazy.add(key);
            return { path: key, namespace: deferred ? 'later' : 'commands', pluginData: file };
          });
          b.onLoad({ filter: /.*/, namespace: 'commands' }, (args) => ({
            contents: `module.exports = __kmsw.commands()[${JSON.stringify(args.path)}]();`,
            loader: 'js',
          }));
          b.onLoad({ filter: /.*/, namespace: 'later' }, async (args) => ({
            contents: later(args.path, await exportsOf(args.pluginData)),
            loader: 'js',
          }));
        },
      },
    ],
  });
  const modules = Object.keys(result.metafile.inputs).filter((input) => !input.includes(':'));
  return { lazy, modules: modules.map((input) => path.resolve(root, input)), metafile: result.metafile };
}

// Once to learn which modules the first part holds, then again exporting each of them.
const cli = await buildCli("module.exports = require('./cli.ts');", false);
const held = cli.modules.filter((file) => path.basename(file) !== 'kmsw-entry.js');
/** A module's name in the first part's `shared` exports: its path in the package, `src/i18n.ts`. */
const keyOf = (file) => path.relative(root, file).split(path.sep).join('/');
const requirePath = (file) => `./${path.relative(src, file).split(path.sep).join('/')}`.replace(/^\.\/\.\.\//, '../');
const getter = (key, file) => `${JSON.stringify(key)}: () => require(${JSON.stringify(file)})`;
const getters = held.map((file) => getter(keyOf(file), requirePath(file)));
rmSync(path.dirname(PARTS.cli), { recursive: true, force: true });
const first = await buildCli(`module.exports = { ...require('./cli.ts'), shared: { ${getters.join(', ')} } };`, true);
finish(PARTS.cli, first.metafile);

const lazy = [...cli.lazy, INTERNALS];
const second = await build({
  ...common,
  stdin: {
    contents: `module.exports = { ${lazy.map((p) => getter(p, p.replace(/\.js$/, '.ts'))).join(', ')} };`,
    resolveDir: src,
    loader: 'js',
    sourcefile: 'commands-entry.js',
  },
  outfile: PARTS.commands,
  metafile: true,
  plugins: [
    zodLocales,
    lazyBuiltins,
    chalkNoGuess,
    {
      name: 'shared-with-cli',
      setup(b) {
        const shared = new Set(held);
        b.onResolve({ filter: /.*/ }, async (args) => {
          if (args.kind === 'entry-point' || args.pluginData === 'resolving') return undefined;
          const { resolveDir, importer, kind } = args;
          const found = await b.resolve(args.path, { resolveDir, importer, kind, pluginData: 'resolving' });
          return shared.has(found.path) ? { path: keyOf(found.path), namespace: 'shared' } : undefined;
        });
        b.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({
          contents: `module.exports = __kmsw.shared[${JSON.stringify(args.path)}]();`,
          loader: 'js',
        }));
      },
    },
  ],
});

finish(PARTS.commands, second.metafile);

// Warm-up: the commands a supervision assistant runs every day, on the example folder, silently.
const kmsw = loadKmsw({ cache: false });
const out = mkdtempSync(path.join(os.tmpdir(), 'kmsw-warm-'));
const onExample = ['--dir', path.join(root, 'records.example'), '--today', '2026-11-30', '--no-color'];
const write = { out: process.stdout.write, err: process.stderr.write };
process.stdout.write = process.stderr.write = () => true;
// No .kmsw/ cache written into records.example by the build.
process.env.KMSW_NO_CACHE = '1';
try {
  await kmsw.main(['--help']);
  const runs = [['check'], ['check', '--format', 'json'], ['status'], ['tally', '--month', '2026-11'], ['list']];
  runs.push(['export', '--month', '2026-11', '--out', out]);
  // An expert's sign-off: the list, and a record signed already (so nothing is written into the example).
  runs.push(['sign', '--as', '王芳'], ['sign', '2026/11/record/2026-11-24-张丽.yaml', '--as', '王芳']);
  for (const args of runs) await kmsw.main([...onExample, ...args]);
  // check as users run it, with the folder's cache: written, then read (on a copy of the example).
  const copy = path.join(out, 'records');
  cpSync(path.join(root, 'records.example'), copy, { recursive: true });
  delete process.env.KMSW_NO_CACHE;
  for (let i = 0; i < 2; i++) await kmsw.main(['--dir', copy, '--today', '2026-11-30', '--no-color', 'check']);
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
// Last: dist/ as it now is, built from the inputs as they now are (the tests' globalSetup builds only when it is not).
writeStamp(root);
