/**
 * Issue 17's fast path: records/fast-yaml.ts reads most records without building yaml's Document, and
 * check builds it only for a file that has something to say. The two paths must never disagree. Over
 * records.example and generated records, as written and mutated (lines dropped or doubled, characters
 * swapped, full-width punctuation, indentation changed, anchors, aliases, tags, comments, odd scalars,
 * a BOM, CRLF…):
 * - whenever the fast reader answers, yaml reads the text without error, to the same value, and `locate`
 *   gives the same line and column for every path;
 * - checkFile gives the same findings and the same facts on both paths;
 * - the real binary's `check --format json` is the same, byte for byte, with the fast path and without it
 *   (KMSW_TEST_FULL_PARSE=1, test only).
 * Seeded and counted runs: nothing here depends on how fast the machine is.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { fastParse, hasOddChar, locateFast } from '../src/records/fast-yaml.js';
import { countChars } from '../src/values/chars.js';
import { walkFieldDefs, type Field } from '../src/forms/fields.js';
import { FORMS, formByKey } from '../src/forms/index.js';
import { loadBytes } from '../src/records/load.js';
import { locate, parseYaml } from '../src/records/yaml.js';
import type { FolderContext } from '../src/rules/types.js';
import { checkFile } from '../src/scan/file.js';
import { recordRules } from '../src/scan/folder.js';
import { openFolder } from '../src/scan/open.js';
import { EXAMPLE, EXAMPLE_RECORDS, kmsw, tempFolder } from './helpers.js';
import { countCharsSlowly } from './support/count-chars-slowly.js';

interface Base {
  root: string;
  file: string;
  text: string;
}

/** Pieces of YAML and of what people type, inserted anywhere. */
const SNIPPETS = [
  '：',
  '，',
  '\u3000',
  ' ',
  '#',
  ' # 注',
  '&a ',
  '*a',
  '!!str ',
  '<<: *a',
  '---',
  '...',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ': ',
  '- ',
  '|',
  '|-',
  '>',
  '\\',
  '\t',
  '\r\n',
  '\n',
  '  ',
  '~',
  'yes',
  'no',
  '0o17',
  '1e3',
  '.5',
  '+1',
  '007',
  'null',
  'true',
  '@',
  '`',
  '%',
  '?',
  '! ',
  ',',
  '\ufeff',
  '\u0085',
  '\u2028',
  'key: v\n',
  '__proto__: 1\n',
];
/** Values put in place of one: what the core schema reads as anything but text, and odd ways to write text. */
const SCALARS = [
  'yes',
  'no',
  'on',
  'off',
  '~',
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'FALSE',
  '0o17',
  '0x1F',
  '1e3',
  '-1.5e-3',
  '.inf',
  '-.Inf',
  '.NaN',
  '007',
  '+12',
  '-0',
  '0',
  '12',
  '3.14',
  '1.',
  '2026-11-24',
  '2026-11-24T10:00:00Z',
  '12:30',
  '1-2',
  '-1-2',
  '1e-3',
  '+1:30',
  '0x1e-5',
  '1_000',
  '"2026-11-24"',
  "'it''s'",
  '"a\\tb"',
  '"a b"',
  '[a, b]',
  '{ a: 1 }',
  '{ }',
  '[]',
  '[ ]',
  '|',
  '|-',
  '>-',
  '- x',
  'a: b',
  'a #b',
  'a#b',
  '""',
  "''",
  '&x v',
  '*x',
  '!!int 3',
  '!!str 3',
  '<<',
  '[photos/a.png, photos/b.png]',
  '{ name: 王芳, date: }',
  '{ name: 王芳, date:}',
  '[a, , b]',
  '[a, b, ]',
  '{ a: [b] }',
  '{ a: [b, c], d: e }',
  '{ a: [], b: {} }',
  '{ a: { b: 1 }, c: [d] }',
  '{ a: [[b]] }',
  '{ a: [b] c }',
  '{ a: [b]c }',
  '{ a: [b,] }',
  '[a, [b]]',
  '[[a], { b: c }]',
  '[ [a ] , b ]',
  '{ photos: [photos/a.png, "photos/b c.png"] }',
  '"未闭合',
  '王芳，李明',
];

type Op =
  | { kind: 'drop' | 'dup' | 'tab' | 'anchor' | 'alias'; at: number }
  | { kind: 'swap'; at: number }
  | { kind: 'insert'; at: number; what: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'value'; at: number; what: number }
  | { kind: 'comment'; at: number; indent: number }
  | { kind: 'crlf' | 'bom' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop', 'dup', 'tab', 'anchor', 'alias'), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap'), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert'), at: fc.nat(), what: fc.nat() }),
  fc.record({ kind: fc.constant('indent'), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('value'), at: fc.nat(), what: fc.nat() }),
  fc.record({ kind: fc.constant('comment'), at: fc.nat(), indent: fc.nat({ max: 6 }) }),
  fc.record({ kind: fc.constantFrom('crlf', 'bom') }),
);

/** One mutation of a record's text. */
function mutate(text: string, o: Op): string {
  const lines = text.split('\n');
  const i = 'at' in o ? o.at % lines.length : 0;
  const line = lines[i]!;
  const valueAt = line.indexOf(': ');
  switch (o.kind) {
    case 'drop':
      lines.splice(i, 1);
      break;
    case 'dup':
      lines.splice(i, 0, line);
      break;
    case 'tab':
      lines[i] = line.replace(/^ +/, '\t');
      break;
    case 'anchor':
      if (valueAt > 0) lines[i] = `${line.slice(0, valueAt + 2)}&a ${line.slice(valueAt + 2)}`;
      break;
    case 'alias':
      if (valueAt > 0) lines[i] = `${line.slice(0, valueAt + 2)}*a`;
      break;
    case 'swap': {
      const p = o.at % Math.max(1, text.length - 1);
      return text.slice(0, p) + (text[p + 1] ?? '') + (text[p] ?? '') + text.slice(p + 2);
    }
    case 'insert': {
      const p = o.at % (text.length + 1);
      return text.slice(0, p) + SNIPPETS[o.what % SNIPPETS.length]! + text.slice(p);
    }
    case 'indent':
      lines[i] = o.by >= 0 ? ' '.repeat(o.by) + line : line.replace(new RegExp(`^ {0,${-o.by}}`), '');
      break;
    case 'value':
      if (valueAt > 0) lines[i] = line.slice(0, valueAt + 2) + SCALARS[o.what % SCALARS.length]!;
      break;
    case 'comment':
      lines.splice(i, 0, `${' '.repeat(o.indent)}# 注释：备注`);
      break;
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'bom':
      return `\ufeff${text}`;
  }
  return lines.join('\n');
}

/** Every path into a value, and a few that lead nowhere. */
function paths(value: unknown, at: PropertyKey[] = [], out: PropertyKey[][] = []): PropertyKey[][] {
  out.push(at, [...at, 'nope'], [...at, 0], [...at, 99]);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) paths(v, [...at, k], out);
  return out;
}

/** What the fast reader says of a text, held against yaml: undefined when it does not answer, else true. */
function sameReading(text: string): boolean | undefined {
  const fast = fastParse(text);
  if (!fast) return undefined;
  const full = parseYaml(text);
  expect(full.errors).toEqual([]);
  expect(fast.root.value).toStrictEqual(full.value);
  for (const p of paths(full.value))
    for (const at of ['value', 'key'] as const)
      expect([p, at, locateFast(fast, p, at)]).toEqual([p, at, locate(full, p, at)]);
  return true;
}

const bases: Base[] = [];
const contexts = new Map<string, FolderContext>();
const rules = recordRules(() => true);
let generated = '';

beforeAll(async () => {
  for (const file of EXAMPLE_RECORDS)
    bases.push({ root: EXAMPLE, file, text: readFileSync(path.join(EXAMPLE, file), 'utf8') });
  generated = tempFolder({}, 'kmsw-fast-');
  generate({ out: generated, assistants: 2, from: '2025-06-01', to: '2025-06-30' });
  const own = readFileSync(path.join(generated, 'kmsw.yaml'), 'utf8');
  expect(own).toContain('assistants');
  for (const file of readdirRecords(generated))
    bases.push({ root: generated, file, text: readFileSync(path.join(generated, file), 'utf8') });
  for (const root of [EXAMPLE, generated]) contexts.set(root, (await openFolder({ root, today: '2026-12-01' })).ctx);
});

const readdirRecords = (root: string): string[] =>
  readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => /^\d{4}\/.*\.yaml$/.test(f))
    .sort();

/** checkFile on one path, with each record's form as its key (a form holds functions). */
function checked(base: Base, text: string, fast: boolean) {
  const result = checkFile(loadBytes(base.file, Buffer.from(text), fast), contexts.get(base.root)!, rules, () => true);
  return { ...result, facts: result.facts && { ...result.facts, form: result.facts.form.key } };
}

describe('the fast path reads as yaml does', () => {
  it('reads every record of records.example and of a generated folder, as yaml does', () => {
    let fast = 0;
    for (const base of bases) if (sameReading(base.text)) fast++;
    // Every one, the sites' lists inside `{ }` too.
    expect(fast).toBe(bases.length);
    expect(bases.filter((b) => b.root === EXAMPLE).every((b) => fastParse(b.text))).toBe(true);
    // kmsw.yaml too (config.ts reads it on the fast path): county names are keys.
    for (const root of [EXAMPLE, generated])
      expect(sameReading(readFileSync(path.join(root, 'kmsw.yaml'), 'utf8'))).toBe(true);
  });

  it('reads every odd scalar and snippet, in each place a value or a line can stand, as yaml does, or not at all', () => {
    const record = [
      '# 督导工作日志',
      'form: log',
      'author: X',
      'org: { name: X, head: 赵敏 }',
      'plan:',
      '  - X',
      '  - name: X',
      '    office: 独用',
      'photos: [X, b.png]',
      'content: |',
      '  第一行',
      '',
      '  第二行',
      'tail: 1',
      '',
    ].join('\n');
    let answered = 0;
    const places = record.split('X').length - 1;
    for (const scalar of SCALARS)
      for (let k = 0; k < places; k++) {
        let n = -1;
        if (sameReading(record.replace(/X/g, () => (++n === k ? scalar : 'x')))) answered++;
      }
    // Each snippet at the start of each line and after each `: `.
    const spots = [...record.matchAll(/^|: /gm)].map((m) => m.index + (m[0] === ': ' ? 2 : 0));
    for (const snippet of SNIPPETS)
      for (const at of spots) if (sameReading(record.slice(0, at) + snippet + record.slice(at))) answered++;
    expect(answered).toBeGreaterThan(100);
  });

  it('reads keys of every shape as yaml does, or not at all; ASCII and Chinese keys and the longest one it takes', () => {
    const keys = [
      'a',
      '_a',
      'a-b',
      'a_1',
      'A1',
      'Zz',
      '1a',
      '-a',
      'a.b',
      'a b',
      "a'",
      '王芳',
      'a王',
      '王a',
      'é',
      '𠀀a',
    ];
    keys.push(
      'n',
      'f',
      'tt',
      'null',
      'Null',
      'true',
      'no',
      'NULL',
      'TRUE',
      'False',
      'FALSE',
      'nulls',
      'falsey',
      'form',
      '__proto__',
      'k'.repeat(201),
      'k'.repeat(202),
      '王'.repeat(202),
    );
    const shapes = [
      'K: v',
      'K:',
      'K:  v',
      'K:v',
      'K :v',
      'K: v # c',
      'x: 1\nK: 2',
      '- K: v',
      'm: { K: v }',
      'm: {K: v}',
    ];
    const answered = new Set<string>();
    for (const key of keys)
      for (const shape of shapes) if (sameReading(`${shape.replace('K', key)}\n`)) answered.add(key);
    // Not vacuous: the reader's own keys, ASCII or not, up to 201 characters; never a longer one.
    const fast = [
      'a',
      '_a',
      'a-b',
      'a_1',
      'A1',
      'Zz',
      '王芳',
      'a王',
      '王a',
      'é',
      '𠀀a',
      'tt',
      'nulls',
      'falsey',
      'form',
    ];
    for (const key of [...fast, 'k'.repeat(201)]) expect([key, answered.has(key)]).toEqual([key, true]);
    for (const key of ['1a', '-a', 'null', 'true', 'NULL', 'TRUE', 'False', 'FALSE', 'k'.repeat(202), '王'.repeat(202)])
      expect([key, answered.has(key)]).toEqual([key, false]);
  });

  it('leaves every text with a control, a BOM, a Unicode line break or a non-character to yaml, and only those', () => {
    const odd = (c: number) =>
      c <= 0x09 ||
      (c >= 0x0b && c <= 0x1f) ||
      (c >= 0x7f && c <= 0x9f) ||
      [0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff].includes(c);
    // Each UTF-16 code unit (lone surrogates too), alone and at either end of a line of Chinese.
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `王芳：${ch}`, `${ch}王芳\n`, `a\n${ch}`])
        if (hasOddChar(text) !== odd(c)) expect([c.toString(16), text, hasOddChar(text)]).toEqual([c, text, odd(c)]);
    }
    expect(hasOddChar('')).toBe(false);
    expect(hasOddChar('form: log\n内容：“好”…—·\n')).toBe(false);
  });

  it('reads by offsets into the one text: nothing on a later line changes how a line reads', () => {
    // The reader works on the whole text, not on each line's copy: a `|` text of one line is one slice of it (its
    // line break too), and a search for a colon, a quote, ` #` or a bracket must stop at the line's end.
    const read = [
      'content: |\n  一行\nplan:\n  - a\n',
      'content: |\n  一行\n\n\nx: 1\n',
      'content: |-\n  一行\nx: 1\n',
      'content: |\n  一行\n   二行\nx: 1\n',
      'content: |\n  一行 # 不是注释\n',
      'a: b\nc: d # e\n',
      'a: b\n# c: d\n',
      'plan:\n  - 王芳，李明\nk: v\n',
      'plan:\n  - 王芳：李明\n  - x\nk: "v"\n',
      'plan:\n  - 王芳: x\n    李明: y\nk:\n',
      "a: 'b'\nc: 'd'\n",
      'a: [b]\nc: { d: e }\n',
      // Chinese text, with spaces or without (the reader looks for ` #` and `: ` only in a text with a space).
      'plan:\n  - 王芳 # 注\n  - 李明：x\n',
      'a: 王芳 李明\nb: 王芳 \nc: 王芳：x #y\nd: 王芳#y\n',
      'a: [王芳, 李明]\nb: { c: 王芳, d: 李明 }\nc: ·王芳\n',
    ];
    const left = [
      'content: |\n  一行',
      'content: |\n  一行\n  \n',
      'content: |\n',
      'content: |',
      'a: "b\nc"\n',
      "a: 'b\n'\n",
      'a: [b,\n c]\n',
      'a: {b:\n c}\n',
      'a: {b: c\n}\n',
      'plan:\n  - 王芳\n  李明: x\n',
      'a: b\n  c\n',
      'a: 王芳: x\n',
      'a: 王芳:\n',
      'plan:\n  - 王芳: x: y\n',
    ];
    for (const text of read) expect([text, sameReading(text)]).toEqual([text, true]);
    for (const text of left) {
      expect([text, fastParse(text)]).toEqual([text, undefined]);
      sameReading(text);
    }
  });

  it('answers only when yaml reads the mutated text to the same value and places', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(op, { minLength: 1, maxLength: 3 }), (b, ops) => {
        const text = ops.reduce(mutate, bases[b % bases.length]!.text);
        if (sameReading(text)) answered++;
      }),
      { seed: 1717, numRuns: 400 },
    );
    // Not vacuous: many mutations (a comment, a doubled line of a list, a plain value) still read fast.
    expect(answered).toBeGreaterThan(150);
  });

  it('checks each record, mutated or not, to the same findings and facts', () => {
    let withFindings = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(op, { minLength: 0, maxLength: 2 }), (b, ops) => {
        const base = bases[b % bases.length]!;
        const text = ops.reduce(mutate, base.text);
        const full = checked(base, text, false);
        if (full.findings.length > 0) withFindings++;
        expect(checked(base, text, true)).toStrictEqual(full);
      }),
      { seed: 1718, numRuns: 200 },
    );
    expect(withFindings).toBeGreaterThan(30);
  });

  it('gives the same `check --format json`, byte for byte, with and without the fast path', () => {
    const dir = tempFolder({}, 'kmsw-fast-check-');
    // records.example, each record mutated once (seeded), beside the unchanged ones.
    cpSync(EXAMPLE, dir, { recursive: true });
    const mutations = fc.sample(fc.array(op, { minLength: 1, maxLength: 2 }), { seed: 1719, numRuns: bases.length });
    bases
      .filter((b) => b.root === EXAMPLE)
      .forEach((b, i) => {
        const file = path.join(dir, b.file.replace(/\.yaml$/, '-改.yaml'));
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, mutations[i]!.reduce(mutate, b.text));
      });
    const args = ['--dir', dir, '--today', '2026-12-01', 'check', '--format', 'json'];
    const fast = kmsw(args);
    const full = kmsw(args, { env: { KMSW_TEST_FULL_PARSE: '1' } });
    expect(fast.stderr).toBe(full.stderr);
    expect(fast.code).toBe(1);
    expect(full.code).toBe(1);
    expect(fast.stdout).toBe(full.stdout);
    expect((JSON.parse(fast.stdout) as { diagnostics: unknown[] }).diagnostics.length).toBeGreaterThan(10);
    expect(isDeepStrictEqual(JSON.parse(fast.stdout), JSON.parse(full.stdout))).toBe(true);
  });
});

describe('min-chars counts on its fast loop as it counted before', () => {
  it('gives the same count, and stops at `enough` only once the count reaches it', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '督导',
        '，',
        '。',
        ' ',
        '\u3000',
        '\u00a0',
        '\n',
        'PPT',
        'e-mail',
        '2026',
        '—',
        '…',
        '😀',
        '\ud800',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.nat({ max: 60 }), (pieces, enough) => {
        const text = pieces.join('');
        const count = countCharsSlowly(text);
        expect(countChars(text)).toBe(count);
        const capped = countChars(text, enough);
        expect(capped >= enough ? count >= enough : capped === count).toBe(true);
      }),
      { seed: 1720, numRuns: 2000 },
    );
  });

  // A minimum of millions (kmsw.yaml takes any) is counted without the pattern, whose repetitions would overflow V8's
  // regex stack: before, this threw a RangeError.
  it('counts up to a minimum of millions without throwing', () => {
    expect(countChars('中'.repeat(3_000_000), 2_900_000)).toBeGreaterThanOrEqual(2_900_000);
    expect(countChars('中'.repeat(100), 2_900_000)).toBe(100);
  });
});

/** Values no record of the generator holds, put in every field's place. */
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  '\u3000',
  0,
  7,
  -1,
  1.5,
  true,
  false,
  'x',
  '是',
  '否',
  '√',
  '2026-11-30',
  '2026-02-30',
  '2026-11',
  '90分钟',
  '1.5小时',
  '２９岁',
  '4.5',
  'a\u000bb',
  '\u0007',
  '王芳、陈建国',
  '1、第一\n2、第二',
  [],
  [''],
  ['a'],
  [null],
  [1, 2],
  [[5, 4, 3]],
  {},
  { name: '王芳' },
  { name: null, date: '' },
  { name: '王芳', date: '2026-11-30', extra: 1 },
  [{}],
  [{ name: '王芳' }],
];

/** A value's variants: itself; a map with each key dropped, blanked or doubled under another name; a list's halves. */
function variants(value: unknown): unknown[] {
  if (Array.isArray(value)) return [value, value.slice(0, 1), value.slice(1), [...value, ...value]];
  if (value === null || typeof value !== 'object') return [value];
  const out: unknown[] = [value];
  for (const key of Object.keys(value)) {
    const { [key]: dropped, ...rest } = value as Record<string, unknown>;
    out.push(rest, { ...rest, [key]: null }, { ...rest, [key]: '' }, { ...value, [`${key}2`]: dropped });
  }
  return out;
}

/** Holds a field's fast reader to zod on `value`, then its parts to theirs; counts the values read fast. */
function sameField(field: Field, value: unknown): number {
  let fast = 0;
  for (const v of variants(value)) {
    const read = field.read?.(v);
    const zod = field.schema.safeParse(v);
    if (read) {
      fast++;
      expect(zod.success).toBe(true);
      expect(read.value).toStrictEqual(zod.data);
    }
  }
  if ('fields' in field) {
    const rows = Array.isArray(value) ? value : [value];
    for (const row of rows)
      for (const [key, sub] of Object.entries(field.fields))
        fast += sameField(
          sub,
          row !== null && typeof row === 'object' ? (row as Record<string, unknown>)[key] : undefined,
        );
  }
  return fast;
}

describe('fields read without zod as zod reads them', () => {
  it("reads each field of records as written, mutated or replaced by odd values, to zod's value or not", () => {
    let fast = 0;
    for (const form of FORMS)
      for (const field of Object.values(form.fields)) for (const v of ODD_VALUES) fast += sameField(field, v);
    const records = [...bases.map((b) => b.text)];
    fc.sample(fc.tuple(fc.nat(), fc.array(op, { minLength: 1, maxLength: 2 })), { seed: 1721, numRuns: 300 }).forEach(
      ([b, ops]) => records.push(ops.reduce(mutate, bases[b % bases.length]!.text)),
    );
    for (const text of records) {
      const raw = parseYaml(text).value as Record<string, unknown> | undefined;
      const form = raw && typeof raw === 'object' ? formByKey(raw.form) : undefined;
      if (form) for (const [key, field] of Object.entries(form.fields)) fast += sameField(field, raw![key]);
    }
    // Not vacuous: most fields of most records read fast.
    expect(fast).toBeGreaterThan(5000);
  });

  it("has a fast reader for every field, a table with a row rule and a survey's ratings included", () => {
    const zodOnly = FORMS.flatMap((form) =>
      walkFieldDefs(form.fields).flatMap(([key, field]) => (field.read ? [] : [`${form.key}.${key}`])),
    );
    expect(zodOnly).toEqual([]);
    // A roster's row without age or birth still reads through zod, which names the fault.
    const staff = formByKey('roster')!.fields.staff!;
    const row = {
      station: '盘龙站',
      name: '王芳',
      gender: '女',
      hired: '2024-03',
      major: '社会工作',
      education: '本科',
    };
    expect(staff.read!([row])).toBeUndefined();
    expect(staff.read!([{ ...row, age: 30 }])).toEqual({ value: [{ ...row, age: 30 }] });
  });
});
