/**
 * Full-width ASCII (U+FF01–FF5E) and the ideographic space turned into their ASCII twins, so that
 * `２０２６／１１／２８` and `１．５ｈ`, typed with a Chinese input method left on, read like `2026/11/28`.
 */
export function toHalfwidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}
