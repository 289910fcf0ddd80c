/**
 * The cache's detail file, `.kmsw/details.jsonl` (scan/cache.ts): each record's detail line (the hash of the bytes
 * checked, the facts), kept apart from the index so that a run that checked one file again appends one line and
 * rewrites the index only, not every line. Append-only: a line, once the index names it, never changes.
 *
 *   {"kmsw":"details","id":"<16 hex>"}      (the file's first line: which file the index names)
 *   {"h":"<32 hex>","facts":{…}}            (a line per result, where the index says: start and length)
 *   …
 *
 * The index (cache.json) gives each row its line's start, its length and a check (the first 32 bits of its `h`),
 * and names the detail file by its id. A line is used only when the file's first line names that id, the line lies
 * within the file, begins with `{"h":"`, ends with `}` and its `h` begins with the check (scan/cache.ts then
 * checks its facts against their digest). So a torn append, a truncated or foreign file, or an index pointing past
 * the end only leaves rows without their line: those files are checked again when their line is needed.
 *
 * Appending: opened without following links, as a regular file under CACHE_CAP whose first line is the one the
 * index named; the lines are written at its end (O_APPEND) and the file's size must then be its size before plus
 * exactly the bytes written, or another run wrote meanwhile and the index is not written (the lines stay, dead).
 * The file is written again whole (compacted: the live lines only, under a new id, beside it and renamed into
 * place) when its dead bytes (lines no row names any more) outgrow its live ones and COMPACT_FROM.
 *
 * The journal: the file past the bytes the index covers (its header's `end`). A run whose rows are the stored ones,
 * some checked again, writes no index (the folder rules' results are a file of their own): it appends, in one write,
 * each result's detail line followed by `#<digest of the JSON><JSON>` (the row's columns and the file's name, the
 * detail line's length and check; scan/cache.ts's Patch). A reader reads the journal (up to JOURNAL_CAP, else none
 * of it) and puts each result that reads back whole (digest, JSON, its detail line right before it) in the row of
 * its file, the last one for a file winning. Two runs appending at once each write whole results; a torn append is
 * a line no digest matches. A run whose journal would pass JOURNAL_CAP writes the index again (its `end` then the
 * file's size), which folds the journal in.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { withRegular } from '../records/inside.js';

export const DETAILS_FILE = 'details.jsonl';
/** The dead bytes a detail file may hold (besides as many as its live ones) before it is written again. */
export const COMPACT_FROM = 256 * 1024;
/** The journal's bytes (the file past what the index covers) beyond which a run writes the index again. */
export const JOURNAL_CAP = 128 * 1024;
/** How many lines are read one at a time before the whole file is read instead. */
const SINGLE_READS = 64;

/** The detail file's first line, naming its id. */
export const headLine = (id: string) => `{"kmsw":"details","id":"${id}"}\n`;
export const newId = () => randomBytes(8).toString('hex');
/** A detail line's check: the first 32 bits of its hash of the bytes checked (the line's `h`). */
export const checkOf = (line: Buffer | string): number =>
  typeof line === 'string' ? parseInt(line.slice(6, 14), 16) : parseInt(line.toString('latin1', 6, 14), 16);

/** Whether `line` is a detail line whose `h` begins with `check`. */
export function lineHolds(line: Buffer, check: number): boolean {
  return (
    line.length >= 40 &&
    line.toString('latin1', 0, 6) === '{"h":"' &&
    line[line.length - 1] === 0x7d &&
    /^[0-9a-f]{8}$/.test(line.toString('latin1', 6, 14)) &&
    checkOf(line) === check
  );
}

/** Reads `length` bytes from `start` of an open file; undefined when it has fewer. */
function readAt(fd: number, start: number, length: number): Buffer | undefined {
  const bytes = Buffer.allocUnsafe(length);
  let n = 0;
  for (let got = 1; n < length && got > 0; n += got) got = readSync(fd, bytes, n, length - n, start + n);
  return n === length ? bytes : undefined;
}

/**
 * The detail file an index names, read when a line is first asked for: a line at a time at first (a run that
 * checks a few files again reads only theirs), the whole file once more are asked for (the folder rules' facts).
 */
export class DetailReader {
  /** The whole file (from its first line), once read; null when it could not be read as the file named. */
  private whole?: Buffer | null;
  /** The journal (the file from `tailAt` on), as journal() read it. */
  private tail?: Buffer;
  private tailAt = 0;
  private singles = 0;
  private readonly head: string;

  constructor(
    private readonly file: string,
    readonly id: string,
    private readonly cap: number,
  ) {
    this.head = headLine(id);
  }

  /** `length` bytes from `start`, when the file there is still the one named and has them; else undefined. */
  read(start: number, length: number): Buffer | undefined {
    if (start < this.head.length || length <= 0) return undefined;
    const { tail, tailAt } = this;
    if (tail && start >= tailAt)
      return start + length <= tailAt + tail.length
        ? tail.subarray(start - tailAt, start - tailAt + length)
        : undefined;
    if (this.whole === undefined && ++this.singles > SINGLE_READS) this.whole = this.all() ?? null;
    if (this.whole === null) return undefined;
    if (this.whole) return start + length <= this.whole.length ? this.whole.subarray(start, start + length) : undefined;
    return this.open((fd, size) => (start + length <= size ? readAt(fd, start, length) : undefined));
  }

  /** The whole file, when it is the one named (read once). */
  all(): Buffer | undefined {
    if (this.whole === undefined) this.whole = this.open((fd, size) => readAt(fd, 0, size)) ?? null;
    return this.whole ?? undefined;
  }

  /**
   * The journal: the file from `from` (where the index's lines end) to its end, when it is the file named and the
   * journal is at most JOURNAL_CAP bytes; else undefined (the rows it would change are then checked again).
   */
  journal(from: number): Buffer | undefined {
    const tail = this.open((fd, size) =>
      size >= from && size - from <= JOURNAL_CAP ? readAt(fd, from, size - from) : undefined,
    );
    if (tail) [this.tail, this.tailAt] = [tail, from];
    return tail;
  }

  /** Opens the file as withRegular does (no link followed, a regular file under the cap), when it is the one named. */
  private open(use: (fd: number, size: number) => Buffer | undefined): Buffer | undefined {
    try {
      return withRegular(this.file, this.cap, { noFollow: true }, (fd, stat) => {
        const head = readAt(fd, 0, this.head.length);
        return head?.toString('latin1') === this.head ? use(fd, stat.size) : undefined;
      });
    } catch {
      return undefined;
    }
  }
}

/**
 * The detail file at `file`, opened to append, when it is the one named `id` (no link followed, a regular file
 * under the cap, its first line naming `id`): its descriptor and size. Undefined otherwise (the file is then
 * written again whole).
 */
export function openToAppend(file: string, id: string, cap: number): { fd: number; size: number } | undefined {
  let fd: number;
  try {
    const flags = constants.O_RDWR | constants.O_APPEND | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0);
    fd = openSync(file, flags);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    const head = headLine(id);
    if (stat.isFile() && stat.size <= cap && readAt(fd, 0, head.length)?.toString('latin1') === head)
      return { fd, size: stat.size };
  } catch {
    // Unreadable: written again whole.
  }
  closeSync(fd);
  return undefined;
}

/** Writes `parts` whole at the descriptor's place (its end, opened to append). */
export function writeAll(fd: number, parts: Buffer[]): number {
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  return done;
}

/**
 * Appends `parts` (lists of bytes, each written whole, in turn) to the file opened by openToAppend, which was `size`
 * bytes long; throws when the file is not then exactly those bytes longer (another run appended meanwhile: where
 * these lines went is not known for sure).
 */
export function append(fd: number, size: number, parts: Array<Iterable<Buffer>>): void {
  try {
    let length = 0;
    for (const some of parts)
      if (Array.isArray(some)) length += writeAll(fd, some as Buffer[]);
      else for (const bytes of some) length += writeAll(fd, [bytes]);
    if (fstatSync(fd).size !== size + length) throw new Error('the detail file grew meanwhile');
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of this run's detail lines the spool keeps in memory before it writes them to its file. Tests only:
 * `KMSW_TEST_SPOOL_CHUNK=<n>` lowers it, so that a small folder's run takes the path of a big one's.
 */
const SPOOL_CHUNK = Math.min(Math.max(Math.trunc(Number(process.env.KMSW_TEST_SPOOL_CHUNK)) || 1 << 20, 1), 1 << 20);

/**
 * This run's detail lines, written out as they come (a scan that checks every file of a big folder would otherwise
 * hold each file's line until the cache is written): kept in memory up to SPOOL_CHUNK, then in a temp file beside the
 * detail file, `.details.jsonl.<pid>.<random>.tmp` (records/write.ts's tempName: a killed run's is tidied by
 * removeStaleTemps), which begins with its own id's first line. When the cache is written, the spool either becomes
 * the new detail file (renamed into place: `place()`), or its lines are copied to the end of the stored one.
 * A folder it cannot write into keeps the lines in memory.
 */
export class Spool {
  readonly id = newId();
  /** The bytes not yet written (from `pendingAt` in the spool), `used` of them: one buffer, written over each time. */
  private readonly buffer = Buffer.allocUnsafe(SPOOL_CHUNK);
  private used = 0;
  private pendingAt = 0;
  /** The lines, when the temp file could not be made: kept in memory, a chunk each. */
  private readonly held: Buffer[] = [];
  /** The temp file, once the lines outgrew SPOOL_CHUNK; null when it could not be made (all stays in memory). */
  private fd?: number | null;
  private temp?: string;
  /** A write to the temp file failed (a full disk): the lines are gone, and this run writes no cache. */
  private failed = false;
  /** The spool's bytes: its first line and every line added (each with its newline). */
  size = 0;

  constructor(
    /** Makes the temp file: the cache's folder (made if needed, as write() does) and the file's name in it. */
    private readonly make: () => { fd: number; temp: string } | undefined,
  ) {
    this.add(headLine(this.id).slice(0, -1));
  }

  /** Adds a detail line: its start and length in the spool. */
  add(line: string | Buffer): [number, number] {
    const length = typeof line === 'string' ? Buffer.byteLength(line) : line.length;
    if (this.used + length + 1 > this.buffer.length) this.flush();
    const start = this.size;
    if (length + 1 > this.buffer.length) {
      // Longer than the buffer: written (or held) on its own.
      this.keep(Buffer.concat([typeof line === 'string' ? Buffer.from(line) : line, NEWLINE]));
      this.pendingAt = this.size += length + 1;
      return [start, length];
    }
    if (typeof line === 'string') this.buffer.write(line, this.used, 'utf8');
    else line.copy(this.buffer, this.used);
    this.buffer[this.used + length] = 0x0a;
    this.used += length + 1;
    this.size += length + 1;
    return [start, length];
  }

  /** Writes the bytes in the buffer to the temp file (made on the first call), or holds a copy of them. */
  private flush(): void {
    if (this.used === 0) return;
    this.keep(this.buffer.subarray(0, this.used));
    this.pendingAt += this.used;
    this.used = 0;
  }

  /** Writes `bytes` at the temp file's end (made on the first call), or holds a copy when it cannot be made. */
  private keep(bytes: Buffer): void {
    if (this.failed) return;
    if (this.fd === undefined) {
      let made: ReturnType<Spool['make']>;
      try {
        made = this.make();
      } catch {
        made = undefined;
      }
      this.fd = made ? made.fd : null;
      this.temp = made?.temp;
    }
    if (this.fd === null) this.held.push(Buffer.from(bytes));
    else
      try {
        writeAll(this.fd, [bytes]);
      } catch {
        // The check goes on; the cache is not written (read, chunks and place throw, and save gives up on them).
        this.discard();
        this.failed = true;
      }
  }

  /** Throws when a write to the temp file failed: its lines cannot be read back. */
  private whole(): void {
    if (this.failed) throw new Error('the spool could not be written');
  }

  /** `length` bytes from `start` (a line add() gave), a copy. */
  read(start: number, length: number): Buffer {
    this.whole();
    if (start >= this.pendingAt)
      return Buffer.from(this.buffer.subarray(start - this.pendingAt, start - this.pendingAt + length));
    const bytes = this.fd === null ? this.heldAt(start, length) : readAt(this.fd!, start, length);
    if (!bytes) throw new Error('the spool is shorter than its lines');
    return bytes;
  }

  /** `length` bytes from `start` of the lines held in memory. */
  private heldAt(start: number, length: number): Buffer | undefined {
    // Joined once after lines were added, not copied again on every read.
    if (this.held.length > 1) this.held.splice(0, this.held.length, Buffer.concat(this.held));
    const all = this.held[0] ?? Buffer.alloc(0);
    return start + length <= all.length ? Buffer.from(all.subarray(start, start + length)) : undefined;
  }

  /** The spool's lines from `from` to its end, a chunk at a time (its first line is at 0). */
  *chunks(from: number): Generator<Buffer> {
    this.whole();
    if (this.fd === null) {
      const all = Buffer.concat(this.held);
      if (from < all.length) yield all.subarray(from);
    } else
      for (let at = from; at < this.pendingAt; at += 1 << 20) {
        const bytes = readAt(this.fd!, at, Math.min(1 << 20, this.pendingAt - at));
        if (!bytes) throw new Error('the spool is shorter than its lines');
        yield bytes;
      }
    if (this.used > 0) yield this.buffer.subarray(Math.max(0, from - this.pendingAt), this.used);
  }

  /** Makes the spool the file `file` (written out, renamed into place); throws when it cannot. */
  place(file: string, cap: number): void {
    this.whole();
    if (this.size > cap) throw new Error('detail file over its cap');
    this.flush();
    if (typeof this.fd !== 'number') throw new Error('the spool has no file');
    closeSync(this.fd);
    this.fd = undefined;
    renameSync(this.temp!, file);
    this.temp = undefined;
  }

  /** Removes the temp file, if any (the cache was not written, or was written from memory). */
  discard(): void {
    if (typeof this.fd === 'number') {
      try {
        closeSync(this.fd);
      } catch {
        // Closed already.
      }
      this.fd = undefined;
    }
    if (this.temp) {
      try {
        unlinkSync(this.temp);
      } catch {
        // Gone already.
      }
      this.temp = undefined;
    }
  }
}
const NEWLINE = Buffer.from('\n');
