import { createRequire } from 'node:module';
import { eastAsianWidth } from 'get-east-asian-width';

let stringWidth: ((text: string) => number) | undefined;
/**
 * string-width, loaded the first time a text has clusters: building its emoji patterns takes
 * ~60 ms, which `kmsw --help` and most runs never need. Not bundled (scripts/bundle.mjs), but
 * required from node_modules, as Node >= 20.19 requires an ES module.
 */
function clusterWidth(text: string): number {
  stringWidth ??= (createRequire(import.meta.url)('string-width') as { default: (text: string) => number }).default;
  return stringWidth(text);
}

/**
 * What string-width alone must measure: what joins or modifies a neighbour into one cluster
 * (marks, joiners, variation selectors, emoji, flags, Hangul jamo), what takes no column (format
 * and default-ignorable characters, controls, ANSI colours) and lone surrogates.
 */
const clustered = () =>
  (CLUSTERED ??= new RegExp(
    String.raw`[\p{M}\p{Cf}\p{Cc}\p{Cn}\p{Co}\p{Default_Ignorable_Code_Point}` +
      String.raw`\p{Extended_Pictographic}\p{Regional_Indicator}\p{Cs}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]`,
    'u',
  ));
/** Made the first time a text is neither ASCII nor PLAIN: its Unicode classes took every start ~10 M instructions. */
let CLUSTERED: RegExp | undefined;
const ASCII = /^[\x20-\x7e]*$/;
/**
 * Text CLUSTERED cannot match, known without building it (issue 17): printable ASCII, the common CJK ideographs
 * and the marks of Chinese text (、。〈〉《》「」『』【】, full-width ，：！？（）, ·—‘’“”…). tests/cli-words.test.ts
 * measures each of its characters as string-width does.
 */
export const PLAIN =
  /^[\x20-\x7e\u00b7\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u3003\u3008-\u3011\u4e00-\u9fa5\uff01-\uff5e]*$/;

/**
 * Columns as a terminal shows them: East Asian wide characters and emoji take two, combining marks
 * and zero-width characters none. Text without clusters (ASCII, Chinese, punctuation: nearly all of
 * kmsw's) is summed per code point by Unicode's East Asian Width (get-east-asian-width); the rest
 * is measured by grapheme cluster (string-width), which costs ~1 ms a call and ~100 ms the first.
 */
export function displayWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  if (!PLAIN.test(text) && clustered().test(text)) return clusterWidth(text);
  let width = 0;
  for (const ch of text) width += eastAsianWidth(ch.codePointAt(0)!);
  return width;
}

/**
 * Text from a record, a file name or a message, safe to print: control characters (ESC, BEL, NUL,
 * DEL, C1) and the bidi overrides that reorder a line are shown as visible marks (`␛`, `\u202e`)
 * instead of reaching the terminal, where they would move the cursor, recolour the screen or
 * retitle the window. Line feeds stay unless `lines` is false (a file name, a table cell: ␊);
 * tabs stay unless `tabs` is false. Every formatter prints values through this.
 */
export function printable(text: string, opts: { tabs?: boolean; lines?: boolean } = {}): string {
  const keepTabs = opts.tabs ?? true;
  const keepLines = opts.lines ?? true;
  return text.replace(UNSAFE, (ch) => {
    if ((ch === '\t' && keepTabs) || (ch === '\n' && keepLines)) return ch;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20) return String.fromCodePoint(0x2400 + cp); // ␀ … ␟ (␛ for ESC, ␊ for a line feed)
    if (cp === 0x7f) return '\u2421'; // ␡
    return `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

/** C0, DEL, C1, and the bidi embeddings, overrides and isolates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A plain text table, columns padded to the widest cell; cells are shown printable, on one line. */
export function textTable(head: string[], rows: string[][]): string {
  const cell = (c: string) => printable(c, { tabs: false, lines: false });
  const shownRows = rows.map((r) => r.map(cell));
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...shownRows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(Math.max(0, widths[i]! - displayWidth(c)))))
      .join('  ')
      .trimEnd();
  return [line(head), ...shownRows.map(line)].join('\n');
}

/** A command's result with every string in it printable: for formatters that print many of its values. */
export function printableAll<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableAll) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableAll(v)])) as T;
  }
  return value;
}
