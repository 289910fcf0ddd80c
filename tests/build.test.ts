/**
 * kmsw's one build (docs/build.md): two files that hold every module once between them, each run
 * once per process, and nothing else in dist/ that a script could load instead.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BIN, EXAMPLE, put, ROOT, tempFolder } from './helpers.js';

const DIST = path.join(ROOT, 'dist');
/** kmsw's own folders, from which nothing is required: the build is read and run by bin/kmsw.cjs. */
const OWN = [DIST, path.join(ROOT, 'src')].map((dir) => dir + path.sep);

/** The modules a part of the build holds, by the `// src/i18n.ts` line esbuild writes above each. */
function modulesIn(file: string): string[] {
  const text = readFileSync(path.join(DIST, file), 'utf8');
  return [...text.matchAll(/^\/\/ ((?:src|node_modules)\/\S+|shared:\S+)$/gm)].map((m) => m[1]!);
}

describe('the build', () => {
  it('is two files and their code caches, nothing a script could load beside them', () => {
    expect(readdirSync(DIST).sort()).toEqual(['commands.cjs', 'commands.cjs.cache', 'kmsw.cjs', 'kmsw.cjs.cache']);
  });

  it('is pure ASCII, so that Node holds each part as a one-byte string', () => {
    for (const file of ['kmsw.cjs', 'commands.cjs'])
      expect(readFileSync(path.join(DIST, file), 'latin1')).toMatch(/^[\x00-\x7f]*$/);
  });

  it('writes non-ASCII regular expressions, String.raw templates and comments in ASCII, meaning the same', async () => {
    const { toAscii } = (await import(path.join(ROOT, 'scripts/ascii.mjs'))) as {
      toAscii: (code: string, file: string) => string;
    };
    const code = [
      '// 年：a comment',
      "const year = new RegExp(String.raw`(\\d{4})\\s*年${'-'}[日号]?`, 'u');",
      'const emoji = /^[：😀]+$/u; const plain = /[、,，]/;',
      'const label = `第 ${1} 行：`;',
      'return [year.exec("2025 年-日")?.[0], emoji.test("😀：😀"), emoji.test("\\ud83d"), "a、b".split(plain), label];',
    ].join('\n');
    const ascii = toAscii(code, 'probe.js');
    expect(ascii).toMatch(/^[\x00-\x7f]*$/);
    const run = (text: string) => (runInThisContext(`(function () {\n${text}\n})`) as () => unknown)();
    expect(run(ascii)).toEqual(run(code));
    expect(run(ascii)).toEqual(['2025 年-日', true, false, ['a', 'b'], '第 1 行：']);
    expect(() => toAscii('const x = tag`年`;', 'probe.js')).toThrow(/tagged/);
  });

  it('holds each module once: the commands take what the command line holds from it', () => {
    const cli = modulesIn('kmsw.cjs');
    const commands = modulesIn('commands.cjs');
    const own = commands.filter((m) => !m.startsWith('shared:'));
    const all = [...cli, ...own];
    expect(all.filter((m, i) => all.indexOf(m) !== i)).toEqual([]);
    const taken = commands.filter((m) => m.startsWith('shared:')).map((m) => m.slice('shared:'.length));
    expect(taken).toContain('src/i18n.ts');
    expect(taken).toContain('src/errors.ts');
    for (const m of taken) expect(cli).toContain(m);
    expect(cli).toEqual(expect.arrayContaining(['src/cli.ts', 'src/cli/check.ts', 'src/i18n.ts']));
    expect(own).toEqual(expect.arrayContaining(['src/commands/check.ts', 'src/forms/index.ts', 'src/internals.ts']));
    expect(cli).not.toContain('src/commands/check.ts');
    // echarts (several MB) stays in node_modules, required by the report's renderer alone.
    expect(all.filter((m) => /node_modules\/(echarts|zrender)\//.test(m))).toEqual([]);
    // Of zod's languages, only its default (English) and kmsw's (Chinese): not the 50 `z.locales` holds.
    const zodLocales = all.filter((m) => m.startsWith('node_modules/zod/v4/locales/'));
    expect(zodLocales.sort()).toEqual(['node_modules/zod/v4/locales/en.js', 'node_modules/zod/v4/locales/zh-CN.js']);
    // The command line's messages are in the first part, the commands' in the second (src/i18n.ts).
    expect(cli).toEqual(expect.arrayContaining(['src/messages/zh-cli.ts', 'src/messages/en-cli.ts']));
    expect(own).toEqual(expect.arrayContaining(['src/messages/zh.ts', 'src/messages/en.ts']));
  });

  it('gives every command’s help in both languages from the first part alone (new’s lists the forms)', () => {
    const probe = `
      const k = require(${JSON.stringify(BIN)}).loadKmsw();
      const w = process.stdout.write; process.stdout.write = () => true;
      (async () => {
        let help = '';
        process.stdout.write = (text) => { help += text; return true; };
        await k.main(['--lang', 'en', '--help']);
        process.stdout.write = () => true;
        const names = [...help.split('Commands:')[1].matchAll(/^  ([a-z]+)/gm)].map((m) => m[1]);
        const loaded = [];
        for (const lang of ['zh', 'en']) {
          for (const command of [[], ...names.map((name) => [name])]) {
            if (command[0] === 'new') continue;
            await k.main(['--lang', lang, ...command, '--help']);
            loaded.push(lang + ' ' + command.join() + ': ' + Object.keys(k.scripts).join());
          }
        }
        process.stdout.write = w;
        process.stdout.write(JSON.stringify(loaded));
      })();`;
    const run = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const loaded = JSON.parse(run.stdout) as string[];
    expect(loaded.length).toBeGreaterThan(10);
    for (const line of loaded) expect(line).toMatch(/: cli$/);
  });

  it('runs each part once per process, the commands only when one runs, for the CLI and a script alike', () => {
    // Counts the scripts compiled and lists the modules required from kmsw's own folders.
    const probe = `
      const vm = require('node:vm'); const Module = require('node:module');
      const compiled = []; const Script = vm.Script;
      vm.Script = function (source, options) {
        compiled.push(require('node:path').basename(options.filename));
        return new Script(source, options);
      };
      const required = []; const load = Module._load;
      Module._load = function (request, parent, isMain) {
        const file = Module._resolveFilename(request, parent, isMain);
        if (${JSON.stringify(OWN)}.some((dir) => file.startsWith(dir))) required.push(file);
        return load.apply(this, arguments);
      };
      const bin = require(${JSON.stringify(BIN)});
      const k = bin.loadKmsw();
      const w = process.stdout.write; process.stdout.write = () => true;
      (async () => {
        await k.main(['--help']);
        const afterHelp = compiled.join();
        await k.main(['--dir', ${JSON.stringify(EXAMPLE)}, '--today', '2026-11-30', 'check']);
        const again = bin.loadKmsw();
        const forms = again.internals.FORMS.length === k.internals.FORMS.length && again.internals.formByKey('log').key;
        process.stdout.write = w;
        process.stdout.write(JSON.stringify({ afterHelp, compiled, same: again === k, forms, required }));
      })();`;
    const run = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      afterHelp: 'kmsw.cjs',
      compiled: ['kmsw.cjs', 'commands.cjs'],
      same: true,
      forms: 'log',
      required: [],
    });
  });
});

describe("the build's stamp (scripts/build-stamp.mjs: the tests build again only when it no longer matches)", () => {
  it('matches the build of the inputs as they are, and no longer after an edit of an input or of dist/', async () => {
    const { writeStamp, isBuilt } = await import('../scripts/build-stamp.mjs');
    const root = tempFolder({}, 'kmsw-stamp-');
    const files = ['src/a.ts', 'bin/kmsw.cjs', 'scripts/bundle.mjs', 'scripts/ascii.mjs', 'scripts/build-stamp.mjs'];
    files.push('package.json', 'package-lock.json', 'tsconfig.json');
    for (const file of [...files, 'dist/kmsw.cjs']) put(root, file, file);
    expect(isBuilt(root)).toBe(false);
    writeStamp(root);
    expect(isBuilt(root)).toBe(true);
    // Any input edited, or a new file under src/: built again.
    for (const [file, text] of [...files.map((f) => [f, `${f} edited`]), ['src/b.ts', 'new']]) {
      put(root, file!, text!);
      expect(isBuilt(root), file).toBe(false);
      writeStamp(root);
    }
    // dist/ changed by anything but the build.
    put(root, 'dist/kmsw.cjs', 'by hand');
    expect(isBuilt(root)).toBe(false);
    writeStamp(root);
    rmSync(path.join(root, 'dist'), { recursive: true });
    expect(isBuilt(root)).toBe(false);
  });

  it('is current for the build the suite runs (its globalSetup built it, or found it built)', async () => {
    const { isBuilt } = await import('../scripts/build-stamp.mjs');
    expect(isBuilt(ROOT)).toBe(true);
  });
});
