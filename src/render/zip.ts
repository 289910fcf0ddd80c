/**
 * Zip files as Word and Excel write them (.docx and .xlsx are zips of XML parts), read and written over
 * Node's own zlib: an export's deflating in native code takes a fraction of the CPU of a JavaScript
 * deflate (fflate, ~250 ms of an export of records.example, most of it re-zipping templates).
 *
 * Reading trusts nothing: a template is a file of the records folder. Every entry is listed from the
 * central directory first, so a caller can check the sizes the zip declares before anything is inflated;
 * inflating is then bounded by the declared size (zlib stops at `maxOutputLength`), and an entry whose
 * data is not the declared size or CRC is refused as damaged.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** An entry as the zip's central directory declares it. */
export interface ZipEntry {
  name: string;
  /** Declared size once inflated. */
  originalSize: number;
  /** Size in the zip. */
  size: number;
  /** 0 stored, 8 deflated. */
  compression: number;
  crc: number;
  /** Where its local header starts. */
  offset: number;
  flags: number;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const MAX32 = 0xffffffff;
const UTF8_NAME = 0x800;

class ZipDamage extends Error {
  override name = 'ZipDamage';
}

/** A zip of more entries than its reader takes (zipEntries' `max`). */
export class ZipTooMany extends Error {
  override name = 'ZipTooMany';
  constructor(readonly count: number) {
    super(`a zip of ${count} entries`);
  }
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A uint64 that a template could hold: beyond 2^53 it is no size a file of ours has. */
function u64(v: DataView, at: number): number {
  const n = v.getBigUint64(at, true);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

/** The central directory's place and length, from the end record (and its zip64 form when it says so). */
function centralDirectory(bytes: Uint8Array, v: DataView): { at: number; count: number } {
  let end = bytes.length - 22;
  while (end >= 0 && v.getUint32(end, true) !== END) {
    if (bytes.length - end > 65557) end = -1;
    else end--;
  }
  if (end < 0) throw new ZipDamage('invalid zip data: no end of central directory');
  let count = v.getUint16(end + 10, true);
  let at = v.getUint32(end + 16, true);
  if ((count === 0xffff || at === MAX32) && end >= 20 && v.getUint32(end - 20, true) === END64_LOCATOR) {
    const end64 = u64(v, end - 12);
    if (end64 + 56 > bytes.length || v.getUint32(end64, true) !== END64)
      throw new ZipDamage('invalid zip data: bad zip64 end of central directory');
    count = u64(v, end64 + 32);
    at = u64(v, end64 + 48);
  }
  return { at, count };
}

/** The sizes and offset a zip64 extra field holds, for those the entry marks with 0xFFFFFFFF. */
function zip64Fields(v: DataView, extra: number, extraEnd: number, entry: ZipEntry): void {
  for (let at = extra; at + 4 <= extraEnd; at += 4 + v.getUint16(at + 2, true)) {
    if (v.getUint16(at, true) !== 1) continue;
    let field = at + 4;
    const next = () => {
      if (field + 8 > extraEnd) throw new ZipDamage('invalid zip data: short zip64 field');
      const n = u64(v, field);
      field += 8;
      return n;
    };
    if (entry.originalSize === MAX32) entry.originalSize = next();
    if (entry.size === MAX32) entry.size = next();
    if (entry.offset === MAX32) entry.offset = next();
    return;
  }
}

/** Every entry the central directory lists, nothing inflated. Throws on a zip it cannot read. */
export function zipEntries(bytes: Uint8Array, max = Infinity): ZipEntry[] {
  const v = view(bytes);
  const { at: start, count } = centralDirectory(bytes, v);
  // A zip64 end record may declare any count: more than the caller takes is refused before one entry is read.
  if (count > max) throw new ZipTooMany(count);
  const entries: ZipEntry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || v.getUint32(at, true) !== CENTRAL)
      throw new ZipDamage('invalid zip data: bad central directory');
    const flags = v.getUint16(at + 8, true);
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLength).toString(
      flags & UTF8_NAME ? 'utf8' : 'latin1',
    );
    const entry: ZipEntry = {
      name,
      flags,
      compression: v.getUint16(at + 10, true),
      crc: v.getUint32(at + 16, true),
      size: v.getUint32(at + 20, true),
      originalSize: v.getUint32(at + 24, true),
      offset: v.getUint32(at + 42, true),
    };
    zip64Fields(v, at + 46 + nameLength, at + 46 + nameLength + extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + v.getUint16(at + 32, true);
  }
  return entries;
}

/** Raw deflate data inflated to at most `size` bytes (zlib throws past it), as a plain Uint8Array. */
function inflated(data: Uint8Array, size: number): Uint8Array {
  const out = inflateRawSync(data, { maxOutputLength: size });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/**
 * One entry's bytes, inflated at most to its declared size, and checked against that size and its CRC.
 * A stored entry is a view into `bytes`, not a copy.
 */
export function unzipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const v = view(bytes);
  const { offset } = entry;
  if (offset + 30 > bytes.length || v.getUint32(offset, true) !== LOCAL)
    throw new ZipDamage(`invalid zip data: bad local header of ${entry.name}`);
  if (entry.flags & 1) throw new ZipDamage(`${entry.name} is encrypted`);
  const from = offset + 30 + v.getUint16(offset + 26, true) + v.getUint16(offset + 28, true);
  if (from + entry.size > bytes.length) throw new ZipDamage(`unexpected end of data in ${entry.name}`);
  const data = bytes.subarray(from, from + entry.size);
  let out: Uint8Array;
  if (entry.compression === 0) out = data;
  else if (entry.compression === 8)
    out = entry.originalSize === 0 ? new Uint8Array(0) : inflated(data, entry.originalSize);
  else throw new ZipDamage(`unknown compression type ${entry.compression} in ${entry.name}`);
  if (out.length !== entry.originalSize || (out.length > 0 && crc32(out) !== entry.crc))
    throw new ZipDamage(`${entry.name} is not what the zip declares (size or CRC)`);
  return out;
}

/** Every entry's bytes by name (a later entry of the same name wins, as with any unzip). */
export function unzip(bytes: Uint8Array, entries: readonly ZipEntry[] = zipEntries(bytes)): Record<string, Uint8Array> {
  const parts: Record<string, Uint8Array> = {};
  for (const entry of entries) parts[entry.name] = unzipEntry(bytes, entry);
  return parts;
}

/** A date and time as a zip holds them (MS-DOS: local time, two-second steps, from 1980). */
function dosTime(date: Date): { time: number; day: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107) - 1980;
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >>> 1),
    day: (year << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

interface Packed {
  name: Buffer;
  /** Whether the name needs the UTF-8 flag (a name in plain ASCII does not). */
  utf8: boolean;
  data: Uint8Array;
  compression: number;
  crc: number;
  originalSize: number;
  offset: number;
}

/** The fields a local header and a central directory entry share, from "version needed" to the extra's length. */
function common(v: DataView, at: number, p: Packed, when: { time: number; day: number }): void {
  v.setUint16(at, 20, true);
  v.setUint16(at + 2, p.utf8 ? UTF8_NAME : 0, true);
  v.setUint16(at + 4, p.compression, true);
  v.setUint16(at + 6, when.time, true);
  v.setUint16(at + 8, when.day, true);
  v.setUint32(at + 10, p.crc, true);
  v.setUint32(at + 14, p.data.length, true);
  v.setUint32(at + 18, p.originalSize, true);
  v.setUint16(at + 22, p.name.length, true);
  v.setUint16(at + 24, 0, true);
}

/**
 * A zip of the parts, in their order: deflated at `level` (1–9; 0 stores), or stored where deflating would not
 * make a part smaller. `mtime` is every entry's time (now, unless given).
 */
export function zip(parts: Record<string, Uint8Array>, opts: { level: number; mtime?: Date }): Uint8Array {
  const when = dosTime(opts.mtime ?? new Date());
  const packed: Packed[] = [];
  let offset = 0;
  for (const [name, original] of Object.entries(parts)) {
    if (Buffer.byteLength(name, 'utf8') > 0xffff) throw new RangeError(`a zip entry's name is over 65,535 bytes`);
    const deflated = opts.level > 0 ? deflateRawSync(original, { level: opts.level }) : undefined;
    const stored = !deflated || deflated.length >= original.length;
    const p: Packed = {
      name: Buffer.from(name, 'utf8'),
      utf8: !/^[\x20-\x7e]*$/.test(name),
      data: stored ? original : deflated,
      compression: stored ? 0 : 8,
      crc: crc32(original),
      originalSize: original.length,
      offset,
    };
    packed.push(p);
    offset += 30 + p.name.length + p.data.length;
  }
  const central = packed.reduce((n, p) => n + 46 + p.name.length, 0);
  if (offset + central > MAX32 || packed.length > 0xffff) throw new RangeError('zip too large');
  const out = Buffer.allocUnsafe(offset + central + 22);
  const v = view(out);
  let at = 0;
  for (const p of packed) {
    v.setUint32(at, LOCAL, true);
    common(v, at + 4, p, when);
    out.set(p.name, at + 30);
    at += 30 + p.name.length;
    out.set(p.data, at);
    at += p.data.length;
  }
  for (const p of packed) {
    v.setUint32(at, CENTRAL, true);
    v.setUint16(at + 4, 20, true);
    common(v, at + 6, p, when);
    out.fill(0, at + 32, at + 42);
    v.setUint32(at + 42, p.offset, true);
    out.set(p.name, at + 46);
    at += 46 + p.name.length;
  }
  v.setUint32(at, END, true);
  v.setUint32(at + 4, 0, true);
  v.setUint16(at + 8, packed.length, true);
  v.setUint16(at + 10, packed.length, true);
  v.setUint32(at + 12, central, true);
  v.setUint32(at + 16, offset, true);
  v.setUint16(at + 20, 0, true);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
