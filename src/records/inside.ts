/**
 * The records folder is shared through Git, so a teammate can commit a symbolic link (`2026 ->
 * /elsewhere`, `signatures -> /x`) or a special file (a FIFO, a link to /dev/zero). Every path kmsw
 * reads or writes inside the folder goes through `insideFolder`, and every file it reads through
 * `readRegular`: nothing outside the folder is read or written, and only regular files of a stated
 * size are read.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  rmdirSync,
  statSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';

/** What kmsw reads at most, by kind of file: a file larger than this is not what it should be. */
export const CAPS = {
  record: 1024 * 1024,
  config: 1024 * 1024,
  picture: 10 * 1024 * 1024,
  template: 20 * 1024 * 1024,
} as const;

export type Where = { ok: true; file: string } | { ok: false; link: string; target: string; message: string };

const MiB = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MiB`;

/**
 * Where `rel` (relative to the records folder, or absolute) is, when every existing part of it
 * stays in the folder. A link that points inside the folder is fine; one that leaves it (or points
 * nowhere: writing through it would create its target) is named. Never throws.
 */
export function whereInside(root: string, rel: string): Where {
  const abs = path.resolve(root, rel);
  const relative = path.relative(root, abs);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return { ok: false, link: rel, target: abs, message: msg().inside.isNotInsideThe(rel) };
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const within = (p: string) =>
    p === realRoot || p.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
  let at = root;
  // One step per part of the path: the loop ends.
  for (const part of relative.split(path.sep).filter(Boolean)) {
    at = path.join(at, part);
    let isLink: boolean;
    try {
      isLink = lstatSync(at).isSymbolicLink();
    } catch {
      // Nothing there yet (a folder `new` will make): nothing below can be a link either.
      break;
    }
    if (!isLink) continue;
    const shown = path.relative(root, at).split(path.sep).join('/');
    let target: string;
    try {
      target = readlinkSync(at);
    } catch {
      target = '?';
    }
    let real: string | undefined;
    try {
      real = realpathSync(at);
    } catch {
      real = undefined;
    }
    if (real === undefined || !within(real)) {
      return {
        ok: false,
        link: shown,
        target,
        message: msg().inside.isASymbolicLink(shown, target, part),
      };
    }
  }
  return { ok: true, file: abs };
}

/** The same, for a command: a path that leaves the folder stops it (exit 2), naming the link. */
export function insideFolder(root: string, rel: string, opts: { for: 'read' | 'write' }): string {
  const where = whereInside(root, rel);
  if (where.ok) return where.file;
  throw new KmswError(opts.for === 'write' ? msg().inside.nothingWritten(where.message) : where.message);
}

/** A file that is not a regular file, or too large to read: why, in the user's words. */
export class UnsafeFile extends KmswError {
  constructor(
    message: string,
    readonly reason: 'not-regular' | 'too-large',
    readonly size = 0,
  ) {
    super(message);
  }
}

function kindName(stat: import('node:fs').Stats): string {
  if (stat.isDirectory()) return msg().inside.aFolder;
  if (stat.isFIFO()) return msg().inside.aFifoNamedPipe;
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return msg().inside.aDevice;
  if (stat.isSocket()) return msg().inside.aSocket;
  return msg().inside.aSpecialFile;
}

/** An open file's kind (mode) and size: what withRegular looks at before reading a byte. */
interface Kind {
  mode: number;
  size: number;
}

/** Node's fs binding's fstat: fills and returns its shared array of numbers (lstatSync's layout, scan/stat.ts). */
type RawFstat = (fd: number, bigint: false, req: undefined, throwIfNoEntry: boolean) => Float64Array | undefined;

/** The binding's fstat once it answered as fstatSync does, undefined when it may not or cannot be used. */
let rawFstat: RawFstat | undefined | null = null;

/**
 * fstat without fs.Stats (issue 17): Node 20's fstatSync builds a Stats and four Dates for each call, read once per
 * record (27,000 on a decade's folder) for its kind and size only. The binding under fstatSync fills one shared array,
 * read here at once. Used only when it answers for the first file as fstatSync does, and not under the permission
 * model or `--pending-deprecation` (as scan/stat.ts's lstat); else fstatSync.
 */
function kindOf(fd: number): Kind {
  if (rawFstat === null) rawFstat = checkedRawFstat(fd);
  const a = rawFstat?.(fd, false, undefined, true);
  if (a) return { mode: a[1]!, size: a[8]! };
  const s = fstatSync(fd);
  return { mode: s.mode, size: s.size };
}

/**
 * What the cache compares of a file (scan/stat.ts looks, check --staged notes a work-tree file's): its kind (mode),
 * size, mtime, ctime (ms, as Stats gives them), inode.
 */
export interface Look {
  mode: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * Node's fs binding's `name`, bound, when it may be used here: not under the permission model (the public calls check
 * it, the binding does not) nor `--pending-deprecation` (process.binding would warn). It is Node's own and
 * undocumented: a caller checks its first answer against the public call's before trusting it.
 */
export function fsBinding(name: 'lstat' | 'fstat'): unknown {
  // Node reads `--pending_deprecation` as `--pending-deprecation`.
  const pending = (v: string | undefined) =>
    v !== undefined && v.replaceAll('_', '-').includes('--pending-deprecation');
  if ((process as { permission?: unknown }).permission !== undefined) return undefined;
  if (process.execArgv.some(pending) || pending(process.env.NODE_OPTIONS)) return undefined;
  if (['1', 'true'].includes(process.env.NODE_PENDING_DEPRECATION ?? '')) return undefined;
  try {
    const binding = (process as unknown as { binding(name: string): Record<string, unknown> }).binding('fs');
    const call = binding[name];
    return typeof call === 'function' ? (call as (...args: unknown[]) => unknown).bind(binding) : undefined;
  } catch {
    return undefined;
  }
}

function checkedRawFstat(fd: number): RawFstat | undefined {
  const call = fsBinding('fstat') as RawFstat | undefined;
  if (!call) return undefined;
  try {
    const a = call(fd, false, undefined, true);
    // Read before fstatSync, which refills the same shared array: else the two would agree by construction.
    const seen = a instanceof Float64Array && a.length >= 16 ? [a[1], a[7], a[8]] : undefined;
    const s = fstatSync(fd);
    return seen && seen[0] === s.mode && seen[1] === s.ino && seen[2] === s.size ? call : undefined;
  } catch {
    return undefined;
  }
}

const isRegular = (mode: number) => (mode & constants.S_IFMT) === constants.S_IFREG;

type RegularOptions = {
  shown?: string;
  noFollow?: boolean;
  onStat?: (stat: Stats) => void;
  /** A buffer of at least cap + 1 bytes to read into: the bytes returned are then a view of it, until its next use. */
  into?: Buffer;
};

/**
 * Opens a regular file of at most `cap` bytes and hands its descriptor and stat to `use`, closing it after.
 * It is opened without waiting (a FIFO would block forever otherwise) and its type and size are taken
 * from the open file, before a byte is read: a link to /dev/zero or a FIFO is refused, not read.
 * `shown` names the file in messages.
 */
export function withRegular<T>(
  file: string,
  cap: number,
  opts: RegularOptions,
  use: (fd: number, stat: Stats) => T,
): T {
  return openRegular(file, cap, opts, fstatSync, use);
}

/** withRegular, with the open file looked at by `look` (fstatSync, or kindOf when only its kind and size matter). */
function openRegular<S extends Kind, T>(
  file: string,
  cap: number,
  opts: RegularOptions,
  look: (fd: number) => S,
  use: (fd: number, stat: S) => T,
): T {
  const shown = opts.shown ?? file;
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (opts.noFollow ? constants.O_NOFOLLOW : 0));
  try {
    const stat = look(fd);
    // The open file's own stat, for a caller that must know which file it read (the cache: its device and inode).
    // With onStat, `look` is fstatSync (readRegular): the stat is a Stats.
    opts.onStat?.(stat as unknown as Stats);
    if (!isRegular(stat.mode)) {
      throw new UnsafeFile(msg().inside.isNotARegular(shown, kindName(fstatSync(fd))), 'not-regular');
    }
    if (stat.size > cap) {
      throw new UnsafeFile(msg().inside.isOverTheLimit(shown, MiB(stat.size), MiB(cap)), 'too-large', stat.size);
    }
    return use(fd, stat);
  } finally {
    closeSync(fd);
  }
}

/** Reads from `fd` into `buffer` from `length` until `want` bytes are there or the file ends; the bytes there then. */
function readUpTo(fd: number, buffer: Buffer, length: number, want: number): number {
  for (let n, asked; length < want; length += n) {
    asked = want - length;
    n = readSync(fd, buffer, length, asked, null);
    // A regular file gives all it has up to the bytes asked: a short read is its end (one read call, not two).
    if (n < asked) return length + n;
  }
  return length;
}

/** Reads a regular file of at most `cap` bytes, as withRegular opens it. */
export function readRegular(file: string, cap: number, opts: RegularOptions = {}): Buffer {
  return openRegular(file, cap, opts, opts.onStat ? fstatSync : kindOf, (fd, stat) => {
    // Read at most cap + 1 bytes even if the file grows meanwhile.
    // Unfilled: only the bytes read are returned. One spare byte tells a file that grew past its size.
    // Into `into` itself, up to `want`: a view of it for the reads too would cost ~1,200 instructions a record.
    const want = Math.min(stat.size, cap) + 1;
    let buffer = opts.into ?? Buffer.allocUnsafe(want);
    let length = readUpTo(fd, buffer, 0, want);
    if (length === want && want <= cap) {
      // The spare byte came: the file holds more than its size said (it grew meanwhile). Read on to its end, up to
      // the cap's spare byte, rather than return the first size + 1 bytes of it as if they were the whole file.
      if (buffer.length < cap + 1) buffer = Buffer.concat([buffer.subarray(0, length)], cap + 1);
      length = readUpTo(fd, buffer, length, cap + 1);
    }
    if (length > cap) {
      throw new UnsafeFile(msg().inside.grewWhileBeingRead(opts.shown ?? file, MiB(cap)), 'too-large', length);
    }
    return buffer.subarray(0, length);
  });
}

/**
 * Makes `dir` and the folders above it that are missing, one at a time (a bounded loop, where a
 * recursive mkdir may loop on /proc), after checking that the nearest existing one is a folder.
 * Adds the folders it made to `made`, the highest first, also when it then fails.
 */
export function makeFolder(dir: string, made: string[] = []): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    let stat;
    try {
      stat = statSync(at);
    } catch (e) {
      // ENOTDIR: a file stands higher up (`notes.txt/2026-11`); walking up finds it and names it.
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw Object.assign(e as NodeJS.ErrnoException, { path: at });
      const up = path.dirname(at);
      if (up === at) break;
      missing.unshift(at);
      at = up;
      continue;
    }
    if (!stat.isDirectory()) {
      throw new KmswError(msg().inside.existsAndIsNot(at));
    }
    break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
      made.push(folder);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST' && statSync(folder).isDirectory()) continue;
      // Permissions and full disks are said by main(); anything else (/proc, a vanished parent) here.
      if (['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT'].includes(code))
        throw Object.assign(e as NodeJS.ErrnoException, { path: folder });
      throw new KmswError(msg().inside.cannotMakeTheFolder(folder, code));
    }
  }
}

/** Removes those of `made` (makeFolder's, highest first) that are still empty; a folder with anything in it stays. */
export function removeEmptyFolders(made: readonly string[]): void {
  for (const folder of [...made].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      // Not empty (or gone): left as it is.
    }
  }
}

/** The brands of an ISO media file (`ftyp`) that an iPhone or another phone writes a HEIC/HEIF photo under. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

/**
 * A picture's type by its first bytes: what a phone, a scanner or a screenshot writes, PNG, JPEG, GIF, BMP,
 * WebP, TIFF, an iPhone's HEIC (HEIF) or AVIF.
 */
export function pictureType(head: Uint8Array): string | undefined {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const text = (from: number, to: number) => b.toString('latin1', from, to);
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 6 && /^GIF8[79]a$/.test(text(0, 6))) return 'gif';
  if (b.length >= 14 && text(0, 2) === 'BM') return 'bmp';
  if (b.length >= 12 && text(0, 4) === 'RIFF' && text(8, 12) === 'WEBP') return 'webp';
  if (b.length >= 4 && (text(0, 4) === 'II*\0' || text(0, 4) === 'MM\0*')) return 'tiff';
  if (b.length >= 12 && text(4, 8) === 'ftyp') {
    const brand = text(8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (HEIF_BRANDS.has(brand)) return 'heic';
  }
  return undefined;
}

/** A picture type as people name it: JPG, PNG, WebP, HEIC… */
const typeName = (type: string) => (type === 'jpeg' ? 'JPG' : type === 'webp' ? 'WebP' : type.toUpperCase());

/**
 * What each export can embed, and in which document: a signature picture in a Word form (PNG and JPEG, the two
 * kmsw can size), a station's photo in the sites workbook (JPEG and PNG, the two it can decode and scale).
 * check (missing-photo) and export read the same table, so that check names every picture export leaves out.
 */
export const EMBEDDABLE = {
  signature: { types: ['png', 'jpeg'], document: 'word', megapixels: Infinity },
  // A photo is decoded to be scaled: a phone's 50-megapixel photo decodes, a larger one (or a bomb) is refused.
  photo: { types: ['jpeg', 'png'], document: 'excel', megapixels: 50 },
} as const;

type Read = (at: number, length: number) => Uint8Array;

/**
 * A PNG's or a JPEG's size in pixels, as its header says (IHDR; the frame's SOFn, found by walking the segments
 * before it, a phone's EXIF and colour profile among them): read a few bytes at a time, never the whole file.
 */
export function pictureSize(read: Read): { width: number; height: number } | undefined {
  const head = read(0, 24);
  const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
  const u32 = (b: Uint8Array, i: number) => u16(b, i) * 65536 + u16(b, i + 2);
  const type = pictureType(head);
  if (type === 'png') return head.length >= 24 ? { width: u32(head, 16), height: u32(head, 20) } : undefined;
  if (type !== 'jpeg') return undefined;
  for (let at = 2, segments = 0; segments < 1000; segments++) {
    const h = read(at, 9);
    if (h.length < 4 || h[0] !== 0xff) return undefined;
    const marker = h[1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return h.length < 9 ? undefined : { height: u16(h, 5), width: u16(h, 7) };
    // The image data (or its end) before any frame: a file kmsw does not read further.
    if (marker === 0xda || marker === 0xd9) return undefined;
    at += 2 + u16(h, 2);
  }
  return undefined;
}

/** Why a picture of this size cannot go in (no pixels, or more than its export decodes), and what to do. */
function sizeProblem(embed: keyof typeof EMBEDDABLE, size: ReturnType<typeof pictureSize>): PictureCheck | undefined {
  if (!size) return undefined;
  if (size.width === 0 || size.height === 0) return { ok: false, why: 'not-a-picture', message: msg().photos.empty };
  if (size.width * size.height <= EMBEDDABLE[embed].megapixels * 1e6) return undefined;
  return { ok: false, why: 'not-a-picture', message: msg().photos.tooManyPixels, hint: msg().inside.shrinkIt };
}

export type PictureCheck =
  | { ok: true; bytes: Buffer }
  | { ok: false; why: 'outside' | 'missing' | 'not-a-picture'; message: string; hint?: string };

/** A picture of a type its export cannot embed: which type, which document, and what to do (HEIC: save as JPG). */
function unembeddable(type: string, embed: keyof typeof EMBEDDABLE, allowed: string): PictureCheck {
  const { document } = EMBEDDABLE[embed];
  const message = msg().inside.isAPictureOnly(typeName(type), allowed, document);
  const hint =
    type === 'heic' ? msg().inside.saveHeicAsJpg : msg().inside.saveAs(EMBEDDABLE[embed].types.map(typeName));
  return { ok: false, why: 'not-a-picture', message, hint };
}

/**
 * Whether the photo or signature picture `rel` (a path relative to the records folder) is one kmsw
 * may use: inside the folder and not through a link out of it, a regular file under the cap, and
 * a picture its export can embed (`embed`), by its first bytes. `head` reads only those first bytes (check);
 * else the whole file.
 */
export function inspectPicture(
  root: string,
  rel: string,
  opts: { head?: boolean; embed: keyof typeof EMBEDDABLE },
): PictureCheck {
  const p = rel.replace(/\\/g, '/');
  if (p === '' || path.isAbsolute(p) || /^[A-Za-z]:/.test(p) || path.posix.normalize(p).split('/')[0] === '..') {
    // Said by the caller, who knows whether it is a photo or a signature.
    return { ok: false, why: 'outside', message: '' };
  }
  const where = whereInside(root, p);
  if (!where.ok) return { ok: false, why: 'outside', message: where.message };
  let stat;
  try {
    stat = statSync(where.file);
  } catch {
    return { ok: false, why: 'missing', message: msg().inside.thereIsNoSuch };
  }
  if (stat.isDirectory()) return { ok: false, why: 'not-a-picture', message: msg().inside.itIsAFolder };
  let bytes: Buffer;
  let size: ReturnType<typeof pictureSize>;
  try {
    if (opts.head) ({ head: bytes, size } = readHead(where.file));
    else {
      const whole = (bytes = readRegular(where.file, CAPS.picture, { shown: p }));
      size = pictureSize((at, length) => whole.subarray(at, at + length));
    }
  } catch (e) {
    const message =
      e instanceof UnsafeFile ? e.message : msg().inside.cannotBeRead((e as NodeJS.ErrnoException).code ?? String(e));
    return { ok: false, why: 'not-a-picture', message };
  }
  const type = pictureType(bytes);
  const types: readonly string[] = EMBEDDABLE[opts.embed].types;
  const allowed = types.map(typeName).join(msg().inside.comma);
  if (!type) return { ok: false, why: 'not-a-picture', message: msg().inside.notAPicture(allowed) };
  if (!types.includes(type)) return unembeddable(type, opts.embed, allowed);
  return sizeProblem(opts.embed, size) ?? { ok: true, bytes };
}

/**
 * A picture's first bytes, enough to tell its type, and its size as its header says: a regular file under the
 * picture cap, opened without waiting.
 */
function readHead(file: string): { head: Buffer; size: ReturnType<typeof pictureSize> } {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw new UnsafeFile(msg().inside.notARegularFile(kindName(s)), 'not-regular');
    if (s.size > CAPS.picture)
      throw new UnsafeFile(msg().inside.overTheLimitFor(MiB(s.size), MiB(CAPS.picture)), 'too-large');
    const read = (at: number, length: number) => {
      const bytes = Buffer.alloc(length);
      return bytes.subarray(0, readSync(fd, bytes, 0, length, at));
    };
    return { head: read(0, 24), size: pictureSize(read) };
  } finally {
    closeSync(fd);
  }
}

/** A signature picture's bytes for export, or nothing when check would call it missing-photo. */
export function readPicture(root: string, rel: string): Buffer | undefined {
  const found = inspectPicture(root, rel, { embed: 'signature' });
  return found.ok ? found.bytes : undefined;
}
