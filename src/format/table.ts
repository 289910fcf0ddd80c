import stringWidth from 'string-width';

/**
 * Columns as a terminal shows them: East Asian wide characters and emoji take two, combining marks
 * and zero-width characters none (string-width: Unicode's East Asian Width on grapheme clusters).
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/**
 * Text from a record, a file name or a message, safe to print: control characters (ESC, BEL, NUL,
 * DEL, C1) and the bidi overrides that reorder a line are shown as visible marks (`␛`, `\u202e`)
 * instead of reaching the terminal, where they would move the cursor, recolour the screen or
 * retitle the window. Line feeds stay; tabs stay unless `tabs` is false. Every formatter prints
 * values through this.
 */
export function printable(text: string, opts: { tabs?: boolean } = {}): string {
  const keepTabs = opts.tabs ?? true;
  return text.replace(UNSAFE, (ch) => {
    if (ch === '\t' && keepTabs) return ch;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20) return String.fromCodePoint(0x2400 + cp); // ␀ … ␟ (␛ for ESC)
    if (cp === 0x7f) return '\u2421'; // ␡
    return `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

/** C0 but the line feed, DEL, C1, and the bidi embeddings, overrides and isolates. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A plain text table, columns padded to the widest cell; cells are shown printable, on one line. */
export function textTable(head: string[], rows: string[][]): string {
  const cell = (c: string) => printable(c.replace(/\r?\n/g, ' '), { tabs: false });
  const shownRows = rows.map((r) => r.map(cell));
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...shownRows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(Math.max(0, widths[i]! - displayWidth(c))))).join('  ').trimEnd();
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
