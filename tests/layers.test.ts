/**
 * The layers of src/ point one way: a module imports only from its own layer or the layers below.
 * The commands sit on the scan engine, never the other way; records finds and reads files without
 * knowing kmsw.yaml's meaning, and config reads kmsw.yaml with records' help.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/**
 * The allowed order, lowest first. A module's place is its first path segment under src/ (a folder,
 * or a file's name without `.ts`). Anything may import from its own layer and those above it here.
 */
const LAYERS: ReadonlyArray<readonly [layer: string, members: readonly string[]]> = [
  ['values', ['errors', 'i18n', 'messages', 'values', 'test-pause']], // words, errors, dates, durations, the test-only pause: no knowledge of records
  ['records', ['records']], // find the folder, read and parse files, write atomically
  ['config', ['config']], // kmsw.yaml
  ['forms', ['forms']], // each form's fields, schema and validation
  ['rules', ['rules']], // the rules table and each rule
  ['scan', ['scan']], // the engine: open the folder, check each file, scan a period; the result types
  ['render', ['render']], // docx and xlsx from templates
  ['format', ['format']], // printing results; the JSON schemas
  ['commands', ['commands']], // one module per command
  ['cli', ['cli', 'internals']], // registers the commands, maps errors to exit codes; what scripts take from the build
];

const SRC = path.join(ROOT, 'src');

interface Import {
  from: string;
  to: string;
}

/** Every relative import of every src/**\/*.ts: static, re-export, dynamic and `import('…').Type`. */
function importsOf(dir = SRC): Import[] {
  const found: Import[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...importsOf(file));
    else if (entry.name.endsWith('.ts')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g)) {
        found.push({ from: path.relative(SRC, file), to: path.relative(SRC, path.resolve(path.dirname(file), m[2]!)) });
      }
    }
  }
  return found;
}

/** The layer's index in LAYERS, by the module's first path segment; undefined for a module the table does not place. */
function rankOf(module: string): number | undefined {
  const head = module.split(/[\\/]/)[0]!.replace(/\.(ts|js)$/, '');
  const at = LAYERS.findIndex(([, members]) => members.includes(head));
  return at < 0 ? undefined : at;
}

/** The imports that point up the table, or leave src/, or come from or go to a module the table does not place. */
function violations(imports: readonly Import[]): string[] {
  return imports.flatMap(({ from, to }) => {
    const [a, b] = [rankOf(from), rankOf(to)];
    if (a === undefined || b === undefined) return [`${from} → ${to}: place ${a === undefined ? from : to} in LAYERS`];
    return b > a ? [`${from} (${LAYERS[a]![0]}) → ${to} (${LAYERS[b]![0]})`] : [];
  });
}

describe('layers', () => {
  const imports = importsOf();

  it('reads the imports (static, dynamic and type-only)', () => {
    const has = (from: string, to: string) => imports.some((i) => i.from === from && i.to === to);
    expect(has(path.join('cli', 'check.ts'), path.join('commands', 'check.js'))).toBe(true); // a dynamic import
    expect(has(path.join('format', 'status.ts'), path.join('scan', 'results.js'))).toBe(true); // import type
    expect(imports.length).toBeGreaterThan(200);
  });

  it('every module imports only from its own layer or those below it', () => {
    expect(violations(imports)).toEqual([]);
  });

  it('nothing below the commands imports a command or the command line', () => {
    const up = imports.filter(({ from, to }) => {
      const [a, b] = [rankOf(from)!, rankOf(to)!];
      return a < rankOf('commands')! && b >= rankOf('commands')!;
    });
    expect(up.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it('config and records do not depend on each other both ways: records never imports config', () => {
    const back = imports.filter(
      ({ from, to }) => from.startsWith(`records${path.sep}`) && to.replace(/\.js$/, '') === 'config',
    );
    expect(back.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
    expect(imports.some(({ from, to }) => from === 'config.ts' && to.startsWith(`records${path.sep}`))).toBe(true);
  });

  it('would catch an import that points up, and a module the table does not place', () => {
    expect(violations([{ from: path.join('render', 'sheets.ts'), to: path.join('commands', 'tally.js') }])).toEqual([
      `${path.join('render', 'sheets.ts')} (render) → ${path.join('commands', 'tally.js')} (commands)`,
    ]);
    expect(violations([{ from: path.join('records', 'folder.ts'), to: 'config.js' }])).toHaveLength(1);
    expect(violations([{ from: path.join('engine', 'x.ts'), to: path.join('values', 'date.js') }])).toHaveLength(1);
  });
});
