import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { say } from '../i18n.js';
import { decode } from './decode.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

export const MAX_FILE_BYTES = 1024 * 1024;

export interface FileProblem {
  rule: 'encoding' | 'yaml-syntax' | 'too-large';
  message: string;
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

/** A symbolic link where a record or a folder of records could be, and where it points. */
export interface SkippedLink {
  file: string;
  target: string;
}

/**
 * Every YAML file of the records folder but kmsw.yaml, templates, exports and photos, sorted, with
 * `/`. Links are not followed: a record is a file in the folder that Git shares, and a link may
 * point anywhere on the disk. The links that were skipped are added to `links`, for check to report.
 * A plain walk: loading a glob library would cost more start-up time than this whole listing.
 */
export async function listRecordFiles(root: string, links?: SkippedLink[]): Promise<string[]> {
  const files: string[] = [];
  // Synchronous: a CLI that waits for the listing anyway gains nothing from promises, and a
  // folder of 30,000 files lists several times faster without them.
  const walk = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!(rel === '' && NOT_RECORDS.has(entry.name))) walk(path.join(dir, entry.name), relPath);
      } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name) && relPath !== 'kmsw.yaml') {
        files.push(relPath);
      } else if (entry.isSymbolicLink() && links && !(rel === '' && NOT_RECORDS.has(entry.name))) {
        links.push({ file: relPath, target: readlinkSync(path.join(dir, entry.name)) });
      }
    }
  };
  walk(root, '');
  links?.sort((a, b) => (a.file < b.file ? -1 : 1));
  return files.sort();
}

/** Reads and parses one record (synchronously: one open, one fstat, one read); a file that cannot be decoded or parsed says why instead of throwing. */
export function loadFile(root: string, file: string): LoadedFile {
  const fd = openSync(path.join(root, file), 'r');
  let bytes: Buffer;
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_FILE_BYTES) {
      return { file, problem: { rule: 'too-large', line: 1, column: 1, message: say(`文件有 ${(size / 1048576).toFixed(1)} MiB，超过 1 MiB：一份记录不会这么大，请检查是否放错了文件`, `the file is ${(size / 1048576).toFixed(1)} MiB, over 1 MiB: no record is that large; is it the right file?`) } };
    }
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  const decoded = decode(bytes);
  if (!decoded.ok) {
    return { file, problem: { rule: 'encoding', line: 1, column: 1, message: encodingMessage(decoded.encoding) } };
  }
  const parsed = parseYaml(decoded.text);
  const [first] = parsed.errors;
  if (first) return { file, text: decoded.text, parsed, problem: { rule: 'yaml-syntax', line: first.line, column: first.column, message: first.message } };
  return { file, text: decoded.text, parsed };
}

function encodingMessage(encoding: string): string {
  if (encoding === '二进制文件') {
    return say('这不是文本文件（含有二进制内容），却以 .yaml 结尾：是不是把照片或 Word 文件改错了名字？请移出记录文件夹', 'this is not a text file (it holds binary data) but ends in .yaml: a photo or Word file renamed by mistake? Move it out of the records');
  }
  if (encoding === 'NUL') {
    return say('文件里有空字符（值为 0 的字节），YAML 不允许：多半是保存出错或从别的程序粘贴而来。请用 VS Code 打开（显示为红色的 NUL）删掉它们，再保存', 'the file holds NUL bytes, which YAML does not allow: usually a failed save or a paste from another program. Open it in VS Code (they show as red NUL), delete them and save');
  }
  if (encoding === '未知编码') {
    return say('文件不是 UTF-8 编码，也认不出是哪种编码：请用记事本或 VS Code 打开，另存为 UTF-8', 'the file is not UTF-8 and its encoding is not recognised: open it in Notepad or VS Code and save it as UTF-8');
  }
  return say(`文件编码是 ${encoding}，不是 UTF-8：请用 UTF-8 另存（记事本“另存为”→ 编码选 UTF-8）`, `the file is ${encoding}, not UTF-8: save it as UTF-8 (Notepad: Save as → Encoding UTF-8)`);
}
