import { Buffer, isAscii, isUtf8, transcode } from 'node:buffer';

/**
 * Turns a file's bytes into text, or says why it cannot: assistants save from Notepad, WPS and
 * Excel, which on a Chinese Windows may still write GBK or UTF-16.
 */
export type Decoded = { ok: true; text: string } | { ok: false; encoding: string };

export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: false, encoding: 'UTF-16 LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: false, encoding: 'UTF-16 BE' };
  if (looksBinary(bytes)) return { ok: false, encoding: '二进制文件' };
  // One native search for a NUL byte: text without one is not UTF-16, which the byte-by-byte look needs not ask.
  const nul = bytes.includes(0);
  if (nul && looksUtf16(bytes)) return { ok: false, encoding: 'UTF-16' };
  // Node's own validator is many times faster than a fatal TextDecoder, which matters over years of records.
  if (!isUtf8(bytes)) return { ok: false, encoding: guessLegacy(bytes) };
  // Valid UTF-8 may still hold NUL bytes, which no editor writes on purpose and YAML does not allow.
  if (nul) return { ok: false, encoding: 'NUL' };
  // A record read from the disk is a Buffer already: another view of it costs ~1,600 instructions, once a file.
  const text = utf8Text(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * Valid UTF-8 as text. V8's own decoder (toString) takes ~7 ns a byte of Chinese text; ICU's conversion to UTF-16
 * and a copy of its units take a third of that (the decade folder's 43 MB of records: ~330 -> ~120 ms). ASCII alone
 * stays toString's (one byte a character, and as fast); Node built without ICU has no transcode.
 */
function utf8Text(bytes: Buffer): string {
  if (typeof transcode !== 'function' || isAscii(bytes)) return bytes.toString('utf8');
  return transcode(bytes, 'utf8', 'ucs2').toString('ucs2');
}

/**
 * Without a BOM, UTF-16 text has a NUL beside each ASCII character (the keys, the digits of dates,
 * the line ends), always on the same side; a Chinese character has none. So a few NULs, all on one
 * side, is UTF-16 even when the text is mostly Chinese.
 */
function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  if (n < 4) return false;
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) nulEven++;
    else nulOdd++;
  }
  // Text in UTF-16 has its zero bytes on one side only; a picture has them everywhere.
  return Math.max(nulEven, nulOdd) > Math.max(4, n / 32) && Math.min(nulEven, nulOdd) < Math.max(nulEven, nulOdd) / 10;
}

/** The first bytes of what people save by mistake under a .yaml name: pictures, PDFs, Office files. */
const MAGIC = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x25, 0x50, 0x44, 0x46], // PDF
  [0x50, 0x4b, 0x03, 0x04], // zip: .docx, .xlsx
  [0xd0, 0xcf, 0x11, 0xe0], // .doc, .xls
];

/** The magic numbers' first bytes: a record starts with `#` or a letter, none of these. */
const MAGIC_FIRST = new Set(MAGIC.map((magic) => magic[0]));

function looksBinary(bytes: Uint8Array): boolean {
  // The first byte alone tells nearly every file: no closures for each magic number (~1,900 instructions a file).
  return MAGIC_FIRST.has(bytes[0]) && MAGIC.some((magic) => magic.every((b, i) => bytes[i] === b));
}

function guessLegacy(bytes: Uint8Array): string {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return 'GBK/GB18030';
  } catch {
    return bytes.includes(0) ? '二进制文件' : '未知编码';
  }
}
