import { msg } from '../i18n.js';

/**
 * Characters no one types into a record on purpose and that XML (so Word) does not allow: the C0
 * controls but tab, line feed and carriage return, DEL, the C1 controls, and U+FFFE/U+FFFF. They
 * come in by pasting from another program, or from a YAML escape such as "\x0b".
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;

/** True while values of a text known to hold no control character are read (readingCleanText). */
let clean = false;

/**
 * Runs `read` over values cut from a text known to hold none of CONTROL's characters (the fast YAML reader takes no
 * text with one, records/fast-yaml.ts's ODD_CHAR, and reads no escape): controlCharIn then need not look.
 */
export function readingCleanText<T>(read: () => T): T {
  const was = clean;
  clean = true;
  try {
    return read();
  } finally {
    clean = was;
  }
}

/** `U+000B` for the first control character of `text`, or undefined when there is none. */
export function controlCharIn(text: string): string | undefined {
  if (clean) return undefined;
  const m = CONTROL.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** What to say about it: what it is, and how to remove it. Never repeats the value (it may be private). */
export const controlCharReason = (code: string) => msg().control.holdsAnInvisibleControl(code);
