/**
 * kmsw's zip reader and writer over Node's zlib (src/render/zip.ts): what it writes, `unzip -t`, fflate and
 * Python read back whole; what it reads is held to what the zip declares, a zip bomb stopped at its declared size.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, kmsw, ROOT, tempFolder } from './helpers.js';
import { unzip, zip, zipEntries, ZipTooMany } from '../src/render/zip.js';

/** Bytes deflate cannot shrink, as a photo's. */
const NOISE = new Uint8Array(randomBytes(4096));

const parts = () => ({
  '[Content_Types].xml': strToU8('<Types/>'.repeat(200)),
  'word/document.xml': strToU8('<w:body>督导工作日志 {{content}}</w:body>'.repeat(500)),
  'word/media/空.bin': new Uint8Array(0),
  'word/media/noise.bin': NOISE,
});

const has = (tool: string) => spawnSync(tool, ['-h'], { stdio: 'ignore' }).error === undefined;

describe('zip', () => {
  it('writes zips that unzip -t, fflate and itself read back to the same parts, at every level', () => {
    const unzipHere = has('unzip');
    for (const level of [0, 1, 6, 9]) {
      const bytes = zip(parts(), { level });
      expect(unzipSync(bytes)).toEqual(parts());
      expect(unzip(bytes)).toEqual(parts());
      if (unzipHere) {
        const file = path.join(tempFolder(), 'out.zip');
        writeFileSync(file, bytes);
        const r = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
        expect(r.status, r.stdout + r.stderr).toBe(0);
        expect(r.stdout).toContain('No errors detected');
      }
    }
  });

  it('deflates what deflating makes smaller, stores the rest; names outside ASCII carry the UTF-8 flag', () => {
    const entries = zipEntries(zip(parts(), { level: 6 }));
    const of = (name: string) => entries.find((e) => e.name === name)!;
    expect(of('word/document.xml').compression).toBe(8);
    expect(of('word/document.xml').size).toBeLessThan(of('word/document.xml').originalSize / 10);
    expect(of('word/media/noise.bin').compression).toBe(0);
    expect(of('word/media/空.bin').flags & 0x800).toBe(0x800);
    expect(of('word/document.xml').flags & 0x800).toBe(0);
  });

  it('reads the zips fflate writes (kmsw’s own templates), part for part as fflate reads them', () => {
    const templates = path.join(ROOT, 'templates');
    for (const name of ['督导工作日志.docx', '督导资料清单汇总表.xlsx']) {
      const bytes = new Uint8Array(readFileSync(path.join(templates, name)));
      expect(unzip(bytes)).toEqual(unzipSync(bytes));
    }
    expect(unzip(zipSync(parts(), { level: 9 }))).toEqual(parts());
  });

  it('refuses an entry whose data is more than it declares, inflating no further than the declared size', () => {
    const bytes = zipSync({ 'word/document.xml': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    // Declare 1 KiB unpacked, in the local header and the central directory, as a crafted zip would.
    const entry = zipEntries(bytes)[0]!;
    const view = new DataView(bytes.buffer);
    view.setUint32(entry.offset + 22, 1024, true);
    const central = bytes.length - 22 - (46 + 'word/document.xml'.length);
    view.setUint32(central + 24, 1024, true);
    expect(zipEntries(bytes)[0]!.originalSize).toBe(1024);
    expect(() => unzip(bytes)).toThrow(/larger than|not what the zip declares/);
  });

  it('refuses an entry whose data is not what its CRC says, and a file that is not a zip', () => {
    const bytes = zipSync({ 'a.xml': strToU8('<a/>') }, { level: 0 });
    bytes[30 + 'a.xml'.length] = 'b'.charCodeAt(0);
    expect(() => unzip(bytes)).toThrow(/not what the zip declares/);
    expect(() => zipEntries(strToU8('PK\u0003\u0004 not a zip at all'))).toThrow(/invalid zip data/);
    expect(() => unzip(zip(parts(), { level: 6 }).subarray(0, 200))).toThrow();
  });

  it('refuses a zip that declares more entries than its reader takes before it reads one, and an over-long name', () => {
    const bytes = zip(parts(), { level: 6 });
    const end = bytes.length - 22; // the end of central directory record (no comment)
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(v.getUint32(end, true)).toBe(0x06054b50);
    v.setUint16(end + 8, 60000, true);
    v.setUint16(end + 10, 60000, true);
    expect(() => zipEntries(bytes, 1000)).toThrow(ZipTooMany);
    // Without a cap, the four entries there are read and the fifth is not there.
    expect(() => zipEntries(bytes)).toThrow(/bad central directory/);
    expect(() => zip({ ['a'.repeat(65536)]: new Uint8Array(1) }, { level: 0 })).toThrow(RangeError);
    expect(unzip(zip({ ['a'.repeat(65535)]: new Uint8Array(1) }, { level: 0 }))).toEqual({
      ['a'.repeat(65535)]: new Uint8Array(1),
    });
  });

  it('reads a zip whose local header carries a zip64 field (Python’s zipfile, forced), when Python is here', () => {
    const file = path.join(tempFolder(), 'z64.zip');
    const script = [
      'import sys, zipfile',
      "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:",
      "    with z.open('xl/workbook.xml', 'w', force_zip64=True) as f: f.write(b'<workbook/>' * 100)",
    ].join('\n');
    // The first Python found runs the script (no `-h` probe first: a pyenv shim takes ~0.6 s of CPU to start).
    const python = (name: string) => spawnSync(name, ['-c', script, file], { encoding: 'utf8' });
    let r = python('python3');
    if (r.error) r = python('python');
    if (r.error) return;
    expect(r.status, r.stderr).toBe(0);
    expect(unzip(new Uint8Array(readFileSync(file)))).toEqual({
      'xl/workbook.xml': strToU8('<workbook/>'.repeat(100)),
    });
  });
});

describe('export and its timers', () => {
  it('an export of Excel forms waits on no zero-delay setTimeout (exceljs’s browser nextTick), each ≥ 1 ms idle', () => {
    const dir = tempFolder({}, 'kmsw-zip-');
    cpSync(EXAMPLE, dir, { recursive: true });
    // Counts, in the spawned kmsw, every setTimeout whose delay is zero, as the process exits.
    const counter = path.join(dir, 'count-timeouts.cjs');
    const counts = path.join(dir, 'timeouts.txt');
    writeFileSync(
      counter,
      [
        'const real = setTimeout; let zero = 0;',
        'globalThis.setTimeout = function (fn, ms, ...args) { if (!ms) zero++; return real(fn, ms, ...args); };',
        `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(counts)}, String(zero)));`,
      ].join('\n'),
    );
    const out = path.join(dir, 'out');
    const args = ['export', '--month', '2026-11', '--out', out, '--only', 'roster,survey,checklist'];
    const r = kmsw(args, { cwd: dir, env: { KMSW_TODAY: '2026-11-30', NODE_OPTIONS: `--require ${counter}` } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('督导资料清单汇总表');
    expect(Number(readFileSync(counts, 'utf8'))).toBe(0);
  });
});
