import { say } from '../i18n.js';

/**
 * Characters no one types into a record on purpose and that XML (so Word) does not allow: the C0
 * controls but tab, line feed and carriage return, DEL, the C1 controls, and U+FFFE/U+FFFF. They
 * come in by pasting from another program, or from a YAML escape such as "\x0b".
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;

/** `U+000B` for the first control character of `text`, or undefined when there is none. */
export function controlCharIn(text: string): string | undefined {
  const m = CONTROL.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** What to say about it: what it is, and how to remove it. Never repeats the value (it may be private). */
export const controlCharReason = (code: string) =>
  say(
    `含有看不见的控制字符 ${code}（多半是从别的程序复制粘贴带来的，导出的 Word 文件会因此打不开）：请删掉它再保存（VS Code 里它显示为红色小方块；若写的是 "\\x.." 之类的转义，请改为普通文字）`,
    `holds an invisible control character ${code} (usually pasted from another program; the Word export cannot hold it): delete it and save (VS Code shows it as a small red box; if it is an escape such as "\\x..", write plain text instead)`,
  );
