import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { msg } from '../i18n.js';
import { shellWord } from '../values/text.js';
import { decode } from './decode.js';
import { CAPS, readRegular, UnsafeFile } from './inside.js';
import { parseYaml, parseYamlFast, type ParsedYaml } from './yaml.js';

/** The spec's cap on a record file (1 MiB), kept with the other caps of what kmsw reads. */
export const MAX_FILE_BYTES = CAPS.record;

export interface FileProblem {
  rule: 'encoding' | 'yaml-syntax' | 'too-large' | 'unreadable';
  message: string;
  /** What to do about it, when there is something to say. */
  hint?: string;
  line: number;
  column: number;
}

export interface LoadedFile {
  /** Relative to the records folder, with `/` on every system. */
  file: string;
  problem?: FileProblem;
  /** The decoded text, when it decoded. */
  text?: string;
  parsed?: ParsedYaml;
}

/** Folders of a records folder that hold no records. */
const NOT_RECORDS = new Set(['templates', 'exports', 'photos', 'node_modules']);

/**
 * Something where a record or a folder of records could be that kmsw does not read: a symbolic
 * link (and where it points), a FIFO or device, a folder it may not open, a name that is not UTF-8.
 * `message` says why, when it is not a link.
 */
export interface SkippedLink {
  file: string;
  target: string;
  message?: string;
}

/**
 * Whether a file or folder of the records folder (a skipped entry too: `2026/11/log/x.yaml`, a linked
 * `2026/11`, an unreadable `2026/`) holds records of the period `prefix` names (`2026/11/` for a month,
 * `2026/` for a year): it lies in that folder, or it is that folder or one above it.
 */
export function coversPeriod(entry: string, prefix: string): boolean {
  const asFolder = entry.endsWith('/') ? entry : `${entry}/`;
  return asFolder.startsWith(prefix) || prefix.startsWith(asFolder);
}

/** A file or folder name that is not UTF-8 (a zip made on a Chinese Windows: GBK), with its odd bytes as \xNN. */
export function showName(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const n = utf8Length(bytes, i);
    if (n > 0) {
      out += bytes.subarray(i, i + n).toString('utf8');
      i += n;
    } else out += `\\x${bytes[i++]!.toString(16).padStart(2, '0').toUpperCase()}`;
  }
  return out.replace(
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`,
  );
}

/** The length of the well-formed UTF-8 sequence at `i`, or 0. */
function utf8Length(b: Buffer, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
  const d = b[i + 1]!;
  if ((c === 0xe0 && d < 0xa0) || (c === 0xed && d > 0x9f) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f))
    return 0;
  return n;
}

const isUtf8 = (name: Buffer) => {
  for (let i = 0; i < name.length;) {
    const n = utf8Length(name, i);
    if (n === 0) return false;
    i += n;
  }
  return true;
};

/** A file anywhere in a month's folder: `2026/11/log/…`, but also `2026/11/…` or `2026/11/log/备份/…`. */
const FORM_FOLDER_FILE = /^\d{4}\/\d{2}\/./;
/**
 * Whether `rel` (relative to the records folder, with `/`) is a file listRecordFiles would list as a
 * record: a `.yaml` outside hidden folders, templates/, exports/, photos/, and not kmsw.yaml.
 */
export function isRecordPath(rel: string): boolean {
  const parts = rel.split('/');
  if (parts.some((p) => p.startsWith('.')) || (parts.length > 1 && NOT_RECORDS.has(parts[0]!))) return false;
  return /\.ya?ml$/i.test(rel) && rel !== 'kmsw.yaml';
}

/** Whether `rel` lies in a month's folder, where any file is a record or named as a stray. */
export const inMonthFolder = (rel: string) => FORM_FOLDER_FILE.test(rel);

/** What Windows, macOS and editors leave beside files; never a record. */
const LITTER = /^(?:thumbs\.db|desktop\.ini|\.ds_store)$|~$|^\..*\.(?:swp|swo|tmp)$|^~\$/i;

/**
 * Why a file of a form's folder is not read as a record, or undefined for a record file (`*.yaml`)
 * and for litter; `''` never. A hidden `.yaml` is named (a copy someone hid); other hidden files are not.
 */
function strayReason(name: string): string | undefined {
  if (LITTER.test(name)) return undefined;
  if (name.startsWith('.')) {
    if (!/\.ya?ml\s*$/i.test(name)) return undefined;
    return msg().load.thisIsAHidden;
  }
  if (/\.ya?ml$/i.test(name)) return undefined;
  const ext = /\.[^.]*$/.exec(name)?.[0];
  const shown =
    ext === undefined ? msg().load.hasNoExtension : /\s$/.test(name) ? msg().load.endsInASpace : msg().load.endsIn(ext);
  return msg().load.theFileNameNot(shown);
}

/**
 * Every YAML file of the records folder but kmsw.yaml, templates, exports and photos, sorted, with
 * `/`. Links are not followed: a record is a file in the folder that Git shares, and a link may
 * point anywhere on the disk. What was skipped (links, special files, folders that cannot be
 * opened, names that are not UTF-8) is added to `links`, for check to report; nothing else stops
 * the listing. A folder below root that holds its own kmsw.yaml is another records folder (a copy of
 * records.example, the real folder under an accidental `kmsw init` in its parent): none of its files
 * is listed, and it is added to `nested` (`示例/`), for the commands to name it. A plain walk: loading
 * a glob library would cost more start-up time than this whole listing.
 */
export async function listRecordFiles(
  root: string,
  links?: SkippedLink[],
  /**
   * Told after each folder how many record files are listed so far, and after each folder of the top level (a year)
   * what share of those has been listed: the caller can then guess the whole (10 years: 10 times the first).
   */
  progress?: (files: number, share?: number) => void,
  nested?: string[],
): Promise<string[]> {
  const files: string[] = [];
  const skip: Skip = (file, target, message) => links?.push({ file, target, ...(message ? { message } : {}) });
  // Synchronous: a CLI that waits for the listing anyway gains nothing from promises, and a
  // folder of 30,000 files lists several times faster without them.
  // Links are never followed, so the walk ends: every folder it enters is a real one below root.
  const walk = (dir: string, rel: string): void => {
    let entries: Entry[];
    try {
      entries = readEntries(dir);
    } catch (e) {
      if (rel === '') throw e;
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      // A folder is named with a trailing `/`: `2026/11/log/` is then in its month for `check --month`.
      skip(`${rel}/`, '', msg().load.cannotOpenThisFolder(code));
      return;
    }
    // Its records are that folder's: listed here, `check --fix` would move them into this folder's months.
    if (rel !== '' && entries.some(isConfigFile) && isRecordsFolder(dir, rel)) return void nested?.push(`${rel}/`);
    const folders: string[] = [];
    for (const entry of entries) {
      const folder = visitEntry(entry, dir, rel, files, skip);
      if (folder) folders.push(folder);
    }
    folders.forEach((folder, i) => {
      walk(path.join(dir, folder), rel ? `${rel}/${folder}` : folder);
      if (rel === '') progress?.(files.length, (i + 1) / folders.length);
    });
    progress?.(files.length);
  };
  walk(root, '');
  links?.sort((a, b) => (a.file < b.file ? -1 : 1));
  return files.sort();
}

type Skip = (file: string, target: string, message?: string) => void;

/** A kmsw.yaml that makes its folder a records folder of its own (a regular file: a link is reported as a link). */
const isConfigFile = ({ entry, name }: Entry) => name === 'kmsw.yaml' && entry.isFile();

/** A key only a kmsw.yaml has, at the start of a line: `city:`, `assistants:` (a full-width colon too). */
const CONFIG_KEY = /^(?:city|centre|assistants|experts|counties)[ \t]*[:：]/m;

/**
 * Whether a folder below the root whose kmsw.yaml was seen is a records folder of its own: not inside this folder's
 * year folders (a kmsw.yaml copied into `2026/11/` is a stray file there, checked as one), and its kmsw.yaml, read
 * as a regular file under the cap, names one of a kmsw.yaml's keys. Anything else is walked as this folder's.
 */
function isRecordsFolder(dir: string, rel: string): boolean {
  if (/^\d{4}(?:\/|$)/.test(rel)) return false;
  try {
    const text = readRegular(path.join(dir, 'kmsw.yaml'), CAPS.config, { noFollow: true }).toString('utf8');
    return CONFIG_KEY.test(text);
  } catch {
    return false;
  }
}

/**
 * What a command says of a records folder inside this one (listRecordFiles's `nested`): that its records were left
 * out, and the command to run on it (`args`: its period), with `--dir` as typed from the working folder.
 */
export function nestedNote(root: string, folder: string, command: string, args = ''): string {
  const dir = path.relative(process.cwd(), path.join(root, folder)) || '.';
  return msg().load.nestedFolder(folder, command, `kmsw --dir ${shellWord(dir)} ${command}${args ? ` ${args}` : ''}`);
}

/** A folder's entry, with its name as text (undefined when the name is not UTF-8, then `raw` holds its bytes). */
interface Entry {
  entry: import('node:fs').Dirent<string | Buffer>;
  name: string | undefined;
  raw?: Buffer;
}

/**
 * A folder's entries: names as text first (fast); a folder with a name that did not decode (U+FFFD)
 * is read again as bytes, to show and skip exactly the names that are not UTF-8.
 */
function readEntries(dir: string): Entry[] {
  const named = readdirSync(dir, { withFileTypes: true });
  if (!named.some((e) => e.name.includes('\uFFFD'))) return named.map((entry) => ({ entry, name: entry.name }));
  return readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }).map((entry) => {
    const raw = entry.name as unknown as Buffer;
    return { entry, raw, name: isUtf8(raw) ? raw.toString('utf8') : undefined };
  });
}

/**
 * One entry of the folder `rel`: a record file is added to `files`, what kmsw will not read is
 * skipped (with why, when someone may have meant it as a record), and a folder to walk into is returned.
 */
function visitEntry(
  { entry, name, raw }: Entry,
  dir: string,
  rel: string,
  files: string[],
  skip: Skip,
): string | undefined {
  if (name === undefined) {
    if (raw![0] === 0x2e) return undefined;
    const shown = (rel ? `${rel}/${showName(raw!)}` : showName(raw!)) + (entry.isDirectory() ? '/' : '');
    const what = entry.isDirectory() ? msg().load.folder : msg().load.file;
    skip(shown, '', msg().load.thisSNameIs(what, entry.isDirectory()));
    return undefined;
  }
  const relPath = rel ? `${rel}/${name}` : name;
  // Nearly every entry: a record file, listed at once (strayReason says nothing of a `.yaml` that is not hidden).
  if (entry.isFile() && name.charCodeAt(0) !== 0x2e && /\.ya?ml$/i.test(name)) {
    if (relPath !== 'kmsw.yaml') files.push(relPath);
    return undefined;
  }
  // A file in a form's folder that kmsw will not read as a record is named, never passed over:
  // `2026-11-27-李明.yaml.txt`, a name without `.yaml`, or a hidden copy would otherwise vanish.
  if (entry.isFile() && FORM_FOLDER_FILE.test(relPath)) {
    const why = strayReason(name);
    if (why) skip(relPath, '', why);
    if (why !== undefined || name.startsWith('.')) return undefined;
  }
  if (name.startsWith('.')) return undefined;
  if (entry.isDirectory()) return rel === '' && NOT_RECORDS.has(name) ? undefined : name;
  if (entry.isFile() && /\.ya?ml$/i.test(name) && relPath !== 'kmsw.yaml') {
    files.push(relPath);
  } else if (entry.isSymbolicLink() && !(rel === '' && NOT_RECORDS.has(name))) {
    let target = '?';
    try {
      target = readlinkSync(path.join(dir, name));
    } catch {
      // Gone meanwhile: still a link that was there.
    }
    skip(relPath, target);
  } else if (!entry.isFile() && !entry.isSymbolicLink() && /\.ya?ml$/i.test(name)) {
    skip(relPath, '', msg().load.thisIsNotA);
  }
  return undefined;
}

/**
 * Reads and parses one record (synchronously: one open, one fstat, one read); a file that cannot be decoded or parsed
 * says why instead of throwing.
 */
export function loadFile(root: string, file: string, fast = false): LoadedFile {
  let bytes: Buffer;
  try {
    // Not through a link, and only a regular file: a record swapped for a link to /dev/zero or a FIFO is refused
    // unread.
    bytes = readRegular(pathIn(root, file), MAX_FILE_BYTES, { shown: file, noFollow: true, into: scratch() });
  } catch (e) {
    if (!(e instanceof UnsafeFile)) throw e;
    if (e.reason === 'not-regular')
      return { file, problem: { rule: 'unreadable', line: 1, column: 1, message: e.message } };
    return tooLarge(file, e.size);
  }
  return loadBytes(file, bytes, fast);
}

/**
 * The buffer each record is read into, one per thread, reused: its bytes are decoded to text and dropped before the
 * next file is read (a folder of years would otherwise make tens of thousands of buffers for the collector).
 */
let buffer: Buffer | undefined;
const scratch = () => (buffer ??= Buffer.allocUnsafeSlow(MAX_FILE_BYTES + 1));

/**
 * A listed file's path: `file` is relative, with `/`, and holds no `.` or `..` part (listRecordFiles, selectFiles), so
 * no path.join is needed to normalise it (Windows takes `/` as well).
 */
const pathIn = (root: string, file: string) =>
  root === '' ? path.join(root, file) : root.endsWith(path.sep) ? root + file : root + path.sep + file;

/** A record over the cap (MAX_FILE_BYTES), named with its size, unread. */
export function tooLarge(file: string, bytes: number): LoadedFile {
  const message = msg().load.theFileIsMib((bytes / 1048576).toFixed(1));
  return { file, problem: { rule: 'too-large', line: 1, column: 1, message, hint: msg().load.isItTheRight } };
}

/**
 * KMSW_TEST_FULL_PARSE=1 (tests only): the full path alone, for tests/fast-yaml.test.ts and cli-list.test.ts to compare
 * the two (they set it for the process they start). Read once: process.env is a slow lookup, once a file adds up.
 */
const FULL_PARSE = process.env.KMSW_TEST_FULL_PARSE === '1';

/**
 * A record's bytes, however they were read (the disk, or Git's index for `check --staged`), decoded
 * and parsed; the caller has kept them under MAX_FILE_BYTES. `fast`: the fast path (parseYamlFast), for a caller
 * that builds the Document again when a file has something to say (scan/file.ts checkFile).
 */
export function loadBytes(file: string, bytes: Buffer, fast = false): LoadedFile {
  const decoded = decode(bytes);
  if (!decoded.ok) {
    return { file, problem: { rule: 'encoding', line: 1, column: 1, ...encodingMessage(decoded.encoding) } };
  }
  const parsed = fast && !FULL_PARSE ? parseYamlFast(decoded.text) : parseYaml(decoded.text);
  const first = parsed.errors[0];
  if (first)
    return {
      file,
      text: decoded.text,
      parsed,
      problem: { rule: 'yaml-syntax', line: first.line, column: first.column, message: first.message },
    };
  return { file, text: decoded.text, parsed };
}

/** What is wrong with a file that is not UTF-8 text, and what to do. */
function encodingMessage(encoding: string): { message: string; hint: string } {
  if (encoding === '二进制文件') {
    return {
      message: msg().load.thisIsNotAText,
      hint: msg().load.moveItOutOf,
    };
  }
  if (encoding === 'NUL') {
    return {
      message: msg().load.theFileHoldsNul,
      hint: msg().load.openItInVs,
    };
  }
  if (encoding === '未知编码') {
    return {
      message: msg().load.theFileIsNot,
      hint: msg().load.openItInNotepad,
    };
  }
  return {
    message: msg().load.theFileIsNotUtf(encoding),
    hint: msg().load.saveItAsUtf,
  };
}
