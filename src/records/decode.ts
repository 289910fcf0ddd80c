import { Buffer, isUtf8 } from 'node:buffer';

/**
 * Turns a file's bytes into text, or says why it cannot: assistants save from Notepad, WPS and
 * Excel, which on a Chinese Windows may still write GBK or UTF-16.
 */
export type Decoded = { ok: true; text: string } | { ok: false; encoding: string };


export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: false, encoding: 'UTF-16 LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: false, encoding: 'UTF-16 BE' };
  if (looksUtf16(bytes)) return { ok: false, encoding: 'UTF-16' };
  // Node's own validator is many times faster than a fatal TextDecoder, which matters over years of records.
  if (!isUtf8(bytes)) return { ok: false, encoding: guessLegacy(bytes) };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Without a BOM, UTF-16 text of ASCII keys has a NUL in every other byte. */
function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  if (n < 4) return false;
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 === 0 ? nulEven++ : nulOdd++;
  return Math.max(nulEven, nulOdd) > n / 8;
}

function guessLegacy(bytes: Uint8Array): string {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return 'GBK/GB18030';
  } catch {
    return bytes.includes(0) ? '二进制文件' : '未知编码';
  }
}
