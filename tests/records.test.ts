import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMS } from '../src/forms/index.js';
import { decode } from '../src/records/decode.js';
import { findFolder } from '../src/records/folder.js';
import { readRegular } from '../src/records/inside.js';
import { listRecordFiles, loadFile } from '../src/records/load.js';
import { recordBase, toSlug } from '../src/records/paths.js';
import { validateRecord } from '../src/forms/validate.js';
import { createExclusive, createUnique, writeAtomic } from '../src/records/write.js';
import { locate, parseYaml } from '../src/records/yaml.js';
import { CONFIG, tempFolder } from './helpers.js';

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('decode', () => {
  it('reads UTF-8, with or without a BOM', () => {
    expect(decode(Buffer.from('form: log\n作者: 李明\n'))).toEqual({ ok: true, text: 'form: log\n作者: 李明\n' });
    expect(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('form: log')]))).toEqual({
      ok: true,
      text: 'form: log',
    });
  });

  it('names the encoding of a file saved as GBK or UTF-16', () => {
    // 督导工作日志 in GBK, as Notepad on a Chinese Windows saves "ANSI".
    const gbk = Buffer.from([
      0x66, 0x6f, 0x72, 0x6d, 0x3a, 0x20, 0xb6, 0xbd, 0xb5, 0xbc, 0xb9, 0xa4, 0xd7, 0xf7, 0xc8, 0xd5, 0xd6, 0xbe,
    ]);
    expect(decode(gbk)).toEqual({ ok: false, encoding: 'GBK/GB18030' });
    expect(decode(utf16le('form: log\n'))).toEqual({ ok: false, encoding: 'UTF-16 LE' });
    expect(decode(Buffer.from('form: log\nauthor: x\n', 'utf16le'))).toEqual({ ok: false, encoding: 'UTF-16' });
  });

  it('tells each file saved by mistake by its magic number, and reads a Buffer and a bare Uint8Array alike', () => {
    const magic = ['89504e47', 'ffd8ff', '47494638', '25504446', '504b0304', 'd0cf11e0'];
    for (const hex of magic)
      expect([hex, decode(Buffer.concat([Buffer.from(hex, 'hex'), Buffer.from('form: log\n')]))]).toEqual([
        hex,
        { ok: false, encoding: '二进制文件' },
      ]);
    // One byte short of a magic number, or only its first byte: text.
    for (const text of ['GIF7: x\n', 'PK: x\n', '%PD: x\n', 'G', ''])
      expect(decode(Buffer.from(text))).toEqual({ ok: true, text });
    const bytes = Buffer.from('# 日志\nform: log\n');
    const bare = new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    expect(decode(bare)).toEqual(decode(bytes));
    expect(decode(bytes)).toEqual({ ok: true, text: '# 日志\nform: log\n' });
  });
});

describe('parseYaml and locate', () => {
  const text =
    'form: record\r\nsupervisee: 张丽\r\nsignatures:\r\n  worker: { name: 张丽, date: 2026-11-26 }\r\n  supervisor:\r\n';

  it('keeps the line and column of every node, CRLF or not', () => {
    const parsed = parseYaml(text);
    expect(parsed.errors).toEqual([]);
    expect(locate(parsed, ['supervisee'])).toEqual({ line: 2, column: 13 });
    expect(locate(parsed, ['signatures', 'worker', 'date'])).toEqual({ line: 4, column: 29 });
    // A key without a value: its key. A key that is not there: the nearest map that should hold it.
    expect(locate(parsed, ['signatures', 'supervisor'])).toEqual({ line: 5, column: 3 });
    expect(locate(parsed, ['signatures', 'supervisor', 'date'])).toEqual({ line: 5, column: 3 });
    expect(locate(parsed, ['content'])).toEqual({ line: 1, column: 1 });
  });

  it('reads dates as text, never as time-zone-shifted timestamps', () => {
    expect(parseYaml('date: 2026-11-28\nmonth: 2026-11\nno: no\n').value).toEqual({
      date: '2026-11-28',
      month: '2026-11',
      no: 'no',
    });
  });

  it('reports a syntax error at its line, and refuses an alias bomb', () => {
    expect(parseYaml('a: 1\nb: [1, 2\n').errors[0]).toMatchObject({ line: 3 });
    expect(parseYaml('a: 1\na: 2\n').errors[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/同一个键写了两次/),
    });
    expect(parseYaml('a: "open\nb: 1\n').errors[0]).toMatchObject({
      line: 1,
      column: 4,
      message: expect.stringMatching(/引号没有收尾/),
    });
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(parseYaml(bomb).errors).toEqual([expect.objectContaining({ kind: 'aliases' })]);
    // An alias to nothing is a plain syntax error, not a bomb.
    expect(parseYaml('b: 1\na: *nothing\n').errors).toEqual([
      { line: 2, column: 4, message: expect.stringMatching(/引用 \*nothing 前面没有对应的 &nothing/) },
    ]);
  });

  it('never throws, and validation never throws, on any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const parsed = parseYaml(text);
        for (const form of FORMS) validateRecord(form, parsed);
      }),
      { numRuns: 300 },
    );
  });

  it('places every issue on a line of the file, for any value (property)', () => {
    const yaml = fc
      .anything({ maxDepth: 3 })
      .map((value) =>
        JSON.stringify({ form: 'x', ...((typeof value === 'object' && value) || { v: value }) }, null, 1),
      );
    fc.assert(
      fc.property(yaml, fc.constantFrom(...FORMS), (text, form) => {
        const { issues } = validateRecord(form, parseYaml(text));
        const lines = text.split('\n').length;
        for (const issue of issues) {
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.line).toBeLessThanOrEqual(lines);
          expect(['required', 'invalid-value']).toContain(issue.rule);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the records folder', () => {
  it('is found by walking up from a subfolder', () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG, '2026/11/log/.keep': '' });
    expect(findFolder(undefined, path.join(dir, '2026/11/log'))).toBe(dir);
    expect(() => findFolder(undefined, tempFolder())).toThrow(/找不到 kmsw\.yaml/);
    expect(() => findFolder('elsewhere', dir)).toThrow(/没有 kmsw\.yaml/);
  });

  it('lists record files only: not settings, templates, exports, photos, hidden files or links', async () => {
    const dir = tempFolder({
      'kmsw.yaml': CONFIG,
      '2026/11/log/2026-11-28-李明.yaml': 'form: log\n',
      '2026/11/log/.2026-11-28-李明.yaml.123.tmp': '',
      '2026/11/log/notes.txt': '',
      '2026/11/group/2026-11-20-五华区.yml': 'form: group\n',
      'stray.yaml': 'form: log\n',
      'templates/x.yaml': '',
      'exports/2026-11/x.yaml': '',
      'photos/a.yaml': '',
      '.git/config.yaml': '',
    });
    const outside = tempFolder({ 'secret.yaml': 'form: log\n' });
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, '2026/11/log/link.yaml'));
    symlinkSync(outside, path.join(dir, '2026/linked'));
    expect(await listRecordFiles(dir)).toEqual([
      '2026/11/group/2026-11-20-五华区.yml',
      '2026/11/log/2026-11-28-李明.yaml',
      'stray.yaml',
    ]);
  });

  it('loads a file, or says why it cannot', () => {
    const dir = tempFolder({ 'a.yaml': 'form: log\n', 'b.yaml': 'form: [log\n' });
    writeFileSync(path.join(dir, 'c.yaml'), utf16le('form: log\n'));
    writeFileSync(path.join(dir, 'd.yaml'), Buffer.alloc(1024 * 1024 + 1, 0x61));
    expect(loadFile(dir, 'a.yaml').parsed?.value).toEqual({ form: 'log' });
    expect(loadFile(dir, 'b.yaml').problem).toMatchObject({ rule: 'yaml-syntax', line: 2 });
    expect(loadFile(dir, 'c.yaml').problem).toMatchObject({
      rule: 'encoding',
      message: expect.stringContaining('UTF-16 LE'),
    });
    expect(loadFile(dir, 'd.yaml').problem).toMatchObject({ rule: 'too-large' });
  });
});

describe('paths and writes', () => {
  it('keeps file names safe on every system', () => {
    expect(toSlug('李明')).toBe('李明');
    expect(toSlug('../../etc/passwd')).toBe('etcpasswd');
    expect(toSlug('a\\b:c*d?e"f<g>h|i\u0007')).toBe('abcdefghi');
    expect(toSlug('  红云 街道 ')).toBe('红云街道');
    const log = FORMS[0]!;
    expect(recordBase(log, '2026-11-28', '李明')).toEqual({ dir: '2026/11/log', base: '2026-11-28-李明' });
    expect(recordBase(log, '2026-11-28', '///')).toEqual({ dir: '2026/11/log', base: '2026-11-28-督导工作日志' });
  });

  it('creates exclusively and replaces atomically, leaving no temp files', async () => {
    const dir = tempFolder();
    const file = path.join(dir, 'a', 'x.yaml');
    expect(await createExclusive(file, 'one')).toBe(true);
    expect(await createExclusive(file, 'two')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('one');
    await writeAtomic(file, 'three');
    expect(readFileSync(file, 'utf8')).toBe('three');
    expect(await createUnique(path.join(dir, 'a'), 'x', '.yaml', 'four')).toBe(path.join(dir, 'a', 'x-2.yaml'));
    expect(readdirSync(path.join(dir, 'a')).sort()).toEqual(['x-2.yaml', 'x.yaml']);
  });
});

describe('readRegular', () => {
  // A file that holds more than its size said when it was opened (one that grew meanwhile; /proc's files say 0): read
  // to its end, never cut at the size it said plus one byte. Before, /proc/self/status read as one byte.
  it('reads a file to its end when it holds more than its size said', () => {
    const expected = readFileSync('/proc/self/status', 'utf8');
    for (const into of [undefined, Buffer.alloc(64 * 1024 + 1)]) {
      const text = readRegular('/proc/self/status', 64 * 1024, { into }).toString('utf8');
      expect(text.startsWith('Name:')).toBe(true);
      expect(text.split('\n').length).toBe(expected.split('\n').length);
    }
  });

  it('still refuses a file that holds more than the cap', () => {
    expect(() => readRegular('/proc/self/status', 16)).toThrow(/16|limit|上限/);
  });
});
