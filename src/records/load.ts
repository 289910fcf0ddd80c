import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { say } from '../i18n.js';
import { decode } from './decode.js';
import { CAPS, readRegular, UnsafeFile } from './inside.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

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
  for (let i = 0; i < bytes.length; ) {
    const n = utf8Length(bytes, i);
    if (n > 0) {
      out += bytes.subarray(i, i + n).toString('utf8');
      i += n;
    } else out += `\\x${bytes[i++]!.toString(16).padStart(2, '0').toUpperCase()}`;
  }
  return out.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
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
  if ((c === 0xe0 && d < 0xa0) || (c === 0xed && d > 0x9f) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f)) return 0;
  return n;
}

const isUtf8 = (name: Buffer) => {
  for (let i = 0; i < name.length; ) {
    const n = utf8Length(name, i);
    if (n === 0) return false;
    i += n;
  }
  return true;
};

/** A file anywhere in a month's folder: `2026/11/log/…`, but also `2026/11/…` or `2026/11/log/备份/…`. */
const FORM_FOLDER_FILE = /^\d{4}\/\d{2}\/./;
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
    return say('这是一个隐藏文件（名字以“.”开头），kmsw 不把它当作记录：若它是一份记录，请去掉名字开头的“.”；否则把它移出记录文件夹', 'this is a hidden file (its name starts with "."), which kmsw does not read as a record: if it is one, remove the leading "."; otherwise move it out of the records');
  }
  if (/\.ya?ml$/i.test(name)) return undefined;
  const ext = /\.[^.]*$/.exec(name)?.[0];
  const shown = ext === undefined ? say('没有扩展名', 'has no extension') : /\s$/.test(name) ? say('末尾有空格', 'ends in a space') : say(`以“${ext}”结尾`, `ends in "${ext}"`);
  return say(
    `文件名${shown}，不是 .yaml，kmsw 不把它当作记录（不检查、不统计、不导出）：若它是一份记录，请改名为以 .yaml 结尾；否则把它移出记录文件夹`,
    `the file name ${shown}, not .yaml, so kmsw does not read it as a record (not checked, counted or exported): if it is one, rename it to end in .yaml; otherwise move it out of the records`,
  );
}

/**
 * Every YAML file of the records folder but kmsw.yaml, templates, exports and photos, sorted, with
 * `/`. Links are not followed: a record is a file in the folder that Git shares, and a link may
 * point anywhere on the disk. What was skipped (links, special files, folders that cannot be
 * opened, names that are not UTF-8) is added to `links`, for check to report; nothing else stops
 * the listing. A plain walk: loading a glob library would cost more start-up time than this whole listing.
 */
export async function listRecordFiles(root: string, links?: SkippedLink[]): Promise<string[]> {
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
      skip(`${rel}/`, '', say(`无法打开这个文件夹（${code}）：其中的记录都没有检查、统计或导出。请检查文件夹的权限（chmod）`, `cannot open this folder (${code}): none of its records were checked, counted or exported. Check the folder's permissions (chmod)`));
      return;
    }
    for (const entry of entries) {
      const folder = visitEntry(entry, dir, rel, files, skip);
      if (folder) walk(path.join(dir, folder), rel ? `${rel}/${folder}` : folder);
    }
  };
  walk(root, '');
  links?.sort((a, b) => (a.file < b.file ? -1 : 1));
  return files.sort();
}

type Skip = (file: string, target: string, message?: string) => void;

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
function visitEntry({ entry, name, raw }: Entry, dir: string, rel: string, files: string[], skip: Skip): string | undefined {
  if (name === undefined) {
    if (raw![0] === 0x2e) return undefined;
    const shown = (rel ? `${rel}/${showName(raw!)}` : showName(raw!)) + (entry.isDirectory() ? '/' : '');
    const what = entry.isDirectory() ? say('文件夹', 'folder') : say('文件', 'file');
    skip(shown, '', say(
      `这个${what}的名字不是 UTF-8 编码（多半来自中文 Windows 打包的 zip，原为 GBK）：kmsw 读不了它${entry.isDirectory() ? '里面的记录' : ''}。请在文件管理器里把它改成正确的中文名（或用 convmv -f gbk -t utf-8 批量改名）`,
      `this ${what}'s name is not UTF-8 (a zip made on a Chinese Windows, in GBK): kmsw cannot read ${entry.isDirectory() ? 'the records in it' : 'it'}. Rename it in a file manager (or convmv -f gbk -t utf-8)`,
    ));
    return undefined;
  }
  const relPath = rel ? `${rel}/${name}` : name;
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
    skip(relPath, '', say('这不是普通文件（而是命名管道、设备或套接字）：kmsw 不读它。请删除它，把记录文件本身放进文件夹', 'this is not a regular file (a FIFO, device or socket): kmsw does not read it. Delete it and put the record itself in the folder'));
  }
  return undefined;
}

/** Reads and parses one record (synchronously: one open, one fstat, one read); a file that cannot be decoded or parsed says why instead of throwing. */
export function loadFile(root: string, file: string): LoadedFile {
  let bytes: Buffer;
  try {
    // Not through a link, and only a regular file: a record swapped for a link to /dev/zero or a FIFO is refused unread.
    bytes = readRegular(path.join(root, file), MAX_FILE_BYTES, { shown: file, noFollow: true });
  } catch (e) {
    if (!(e instanceof UnsafeFile)) throw e;
    if (e.reason === 'not-regular') return { file, problem: { rule: 'unreadable', line: 1, column: 1, message: e.message } };
    const size = (e.size / 1048576).toFixed(1);
    const message = say(`文件有 ${size} MiB，超过 1 MiB：一份记录不会这么大`, `the file is ${size} MiB, over 1 MiB: no record is that large`);
    return { file, problem: { rule: 'too-large', line: 1, column: 1, message, hint: say('请检查是否放错了文件', 'is it the right file?') } };
  }
  const decoded = decode(bytes);
  if (!decoded.ok) {
    return { file, problem: { rule: 'encoding', line: 1, column: 1, ...encodingMessage(decoded.encoding) } };
  }
  const parsed = parseYaml(decoded.text);
  const [first] = parsed.errors;
  if (first) return { file, text: decoded.text, parsed, problem: { rule: 'yaml-syntax', line: first.line, column: first.column, message: first.message } };
  return { file, text: decoded.text, parsed };
}

/** What is wrong with a file that is not UTF-8 text, and what to do. */
function encodingMessage(encoding: string): { message: string; hint: string } {
  if (encoding === '二进制文件') {
    return {
      message: say('这不是文本文件（含有二进制内容），却以 .yaml 结尾：是不是把照片或 Word 文件改错了名字？', 'this is not a text file (it holds binary data) but ends in .yaml: a photo or Word file renamed by mistake?'),
      hint: say('请移出记录文件夹', 'move it out of the records'),
    };
  }
  if (encoding === 'NUL') {
    return {
      message: say('文件里有空字符（值为 0 的字节），YAML 不允许：多半是保存出错或从别的程序粘贴而来', 'the file holds NUL bytes, which YAML does not allow: usually a failed save or a paste from another program'),
      hint: say('请用 VS Code 打开（显示为红色的 NUL）删掉它们，再保存', 'open it in VS Code (they show as red NUL), delete them and save'),
    };
  }
  if (encoding === '未知编码') {
    return {
      message: say('文件不是 UTF-8 编码，也认不出是哪种编码', 'the file is not UTF-8 and its encoding is not recognised'),
      hint: say('请用记事本或 VS Code 打开，另存为 UTF-8', 'open it in Notepad or VS Code and save it as UTF-8'),
    };
  }
  return {
    message: say(`文件编码是 ${encoding}，不是 UTF-8`, `the file is ${encoding}, not UTF-8`),
    hint: say('请用 UTF-8 另存（记事本“另存为”→ 编码选 UTF-8）', 'save it as UTF-8 (Notepad: Save as → Encoding UTF-8)'),
  };
}
