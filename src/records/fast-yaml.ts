/**
 * The fast path of a record's YAML (issue 17): a small strict reader of the YAML kmsw's scaffolds and people
 * write — block maps and lists by spaces, `|` texts, one-line `{ }` and `[ ]` (one inside another too), plain
 * and quoted scalars, comments — giving the same value as `yaml` (YAML 1.2 core schema) and the start offset of
 * every key and value, which is all `locate` needs. It never guesses: anything else (anchors, aliases, tags, merge
 * keys, duplicate keys, tabs, CR, a BOM, `---`, multi-line plain or quoted scalars, a scalar the core schema reads
 * as anything but a plain string, integer, decimal, true/false or null, any syntax error) gives undefined,
 * and the caller parses with `yaml` instead. tests/fast-yaml.test.ts holds both readers to the same answers.
 */

/** A value and where it starts, as `yaml`'s node `range[0]`; a map's pairs keep their key's start too. */
export interface FastNode {
  start: number;
  value: unknown;
  /** A map's pairs, by key. */
  pairs?: Map<string, { key: number; node: FastNode }>;
  /** A list's items. */
  items?: FastNode[];
}

export interface FastTree {
  root: FastNode;
  /** Where each line starts, for offsets to lines and columns. */
  starts: number[];
}

/** Thrown inside the reader for anything it does not read exactly as `yaml` would; never escapes. */
class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

/** Characters the fast path leaves to `yaml`: tabs, CR, other controls, BOM, Unicode line breaks, non-characters. */
const ODD_CHAR = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
/**
 * A key as the scaffolds and kmsw.yaml write it (`form`, `五华区`), letters first; not one the core schema reads
 * as null or a boolean, and short (yaml caps implicit keys). Matched where it stands on a line (sticky, from
 * `at`): no copy of the line's rest is made for it.
 */
const KEY_AT = /([\p{L}_][\p{L}\p{N}_-]{0,200}):(?: +|$)/uy;

/** The longest key KEY_AT takes: its first character and 200 more. */
const KEY_MAX = 201;

/**
 * Where the colon of the key that stands at `at` is (KEY_AT's match), or -1. An ASCII key, as nearly every key is, is
 * read character by character: KEY_AT's Unicode classes are several times slower. Any other character sends the
 * key to KEY_AT.
 */
function keyHere(line: string, at: number): number {
  let i = at;
  for (let c = line.charCodeAt(i); c !== 58; c = line.charCodeAt(++i)) {
    if (c >= 0x80) return keyByPattern(line, at);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
    if (!letter && (i === at || !((c >= 48 && c <= 57) || c === 45))) return -1;
  }
  if (i === at || i - at > KEY_MAX) return -1;
  return i + 1 === line.length || line.charCodeAt(i + 1) === 32 ? i : -1;
}

/** keyHere by KEY_AT; at once when no colon follows (a list's item of Chinese text: its `：` are not YAML's). */
function keyByPattern(line: string, at: number): number {
  if (line.indexOf(':', at) < 0) return -1;
  KEY_AT.lastIndex = at;
  const m = KEY_AT.exec(line);
  return m ? at + m[1]!.length : -1;
}

/** The column after the colon at `colon` and the spaces that follow it. */
function afterColon(line: string, colon: number): number {
  let i = colon + 1;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** The YAML 1.2 core schema's non-string plain scalars (yaml/dist/schema/core). */
const CORE_NULL = /^(?:~|[Nn]ull|NULL)?$/;
const CORE_BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const CORE_NUMBERS = [
  '0o[0-7]+',
  '[-+]?[0-9]+',
  '0x[0-9a-fA-F]+',
  '[-+]?\\.(?:inf|Inf|INF)',
  '\\.nan|\\.NaN|\\.NAN',
  '[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?',
];
const CORE_OTHER = new RegExp(`^(?:${CORE_NUMBERS.join('|')})$`);
/** The numbers read here; every other form of CORE_OTHER goes to `yaml`. */
const SIMPLE_INT = /^-?(?:0|[1-9][0-9]{0,14})$/;
const SIMPLE_DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;

/**
 * Whether a plain scalar has a `:`, or a `-` after a digit (`2026-11-28`, `09:30`): no null, boolean or number of the
 * core schema has either (a number's `-` comes first or after its exponent's `e`), so it is a string.
 */
function dateOrTime(s: string): boolean {
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) return true;
    if (c === 45) {
      const before = s.charCodeAt(i - 1);
      if (before >= 48 && before <= 57) return true;
    }
  }
  return false;
}

/** A plain scalar's value under the core schema, as `yaml` resolves it. */
function plainValue(s: string): unknown {
  // Every null, boolean and number of the core schema starts with one of these (or is empty): most values do not.
  if (s !== '' && !'~nNtTfF0123456789+-.'.includes(s[0]!)) return s;
  if (dateOrTime(s)) return s;
  if (CORE_NULL.test(s)) return null;
  if (CORE_BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (SIMPLE_INT.test(s) || SIMPLE_DECIMAL.test(s)) return Number(s);
  if (CORE_OTHER.test(s)) return unsure();
  return s;
}

/**
 * A new key that reads as a string and as an own property, as with yaml's toJS. Every null and boolean of the core
 * schema is empty or starts with one of `~nNtTfF`: most keys need no pattern.
 */
const usableKey = (name: string, seen: ReadonlyMap<string, unknown>) =>
  !seen.has(name) &&
  name !== '__proto__' &&
  (name !== '' && !'~nNtTfF'.includes(name[0]!) ? true : !CORE_NULL.test(name) && !CORE_BOOL.test(name));

/** Whether a plain scalar may start with this text (YAML's indicators may not, but `-x`, `:x`, `?x` may). */
function plainStart(s: string): boolean {
  const c = s[0];
  if (c === undefined || '-?:'.includes(c)) return c !== undefined && s.length > 1 && s[1] !== ' ';
  return !',[]{}#&*!|>\'"%@`'.includes(c);
}

/**
 * `line` from `from` up to `to`, its trailing spaces off (not trimEnd: YAML's white space is spaces and tabs, never
 * U+3000 or NBSP), in one copy.
 */
const cutSpaces = (line: string, from: number, to: number) => {
  while (to > from && line.charCodeAt(to - 1) === 32) to--;
  return line.slice(from, to);
};

const indentOf = (line: string) => {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
};

/** One file's reader: its lines and where each starts. */
class Reader {
  readonly lines: string[];
  readonly starts: number[] = [];
  constructor(text: string) {
    this.lines = text.split('\n');
    let at = 0;
    for (const line of this.lines) {
      this.starts.push(at);
      at += line.length + 1;
    }
  }

  /** The next line at or after `i` that holds something: blank and comment lines are skipped. */
  next(i: number): number {
    for (; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (line === '') continue;
      const indent = indentOf(line);
      if (indent === line.length) unsure(); // only spaces: left to yaml
      if (line[indent] !== '#') return i;
    }
    return i;
  }

  /** A block map whose keys stand at column `indent`, from line `i` (its first key may follow a list's `- `). */
  map(i: number, indent: number, first = false): [FastNode, number] {
    const pairs = new Map<string, { key: number; node: FastNode }>();
    const value: Record<string, unknown> = {};
    let start = -1;
    for (i = first ? i : this.next(i); i < this.lines.length; i = this.next(i)) {
      const line = this.lines[i]!;
      const at = indentOf(line);
      if (!(first && start < 0)) {
        if (at < indent) break;
        if (at > indent) unsure();
      }
      const colon = keyHere(line, indent);
      if (colon < 0) return unsure();
      const name = line.slice(indent, colon);
      if (!usableKey(name, pairs)) unsure();
      const key = this.starts[i]! + indent;
      if (start < 0) start = key;
      const [node, after] = this.value(i, indent, afterColon(line, colon));
      pairs.set(name, { key, node });
      value[name] = node.value;
      i = after;
    }
    return [{ start, value, pairs }, i];
  }

  /** A block list whose `-` stand at column `indent`, from line `i`. */
  seq(i: number, indent: number): [FastNode, number] {
    const items: FastNode[] = [];
    const start = this.starts[i]! + indent;
    for (i = this.next(i); i < this.lines.length; i = this.next(i)) {
      const line = this.lines[i]!;
      const at = indentOf(line);
      if (at < indent) break;
      if (at > indent || line[at] !== '-' || line[at + 1] !== ' ') unsure();
      let col = at + 1;
      while (line.charCodeAt(col) === 32) col++;
      let node: FastNode;
      if (keyHere(line, col) >= 0) [node, i] = this.map(i, col, true);
      else {
        const c = line[col];
        if (c === undefined || c === '#' || c === '|' || (c === '-' && (line[col + 1] ?? ' ') === ' ')) unsure();
        node = this.inline(i, col);
        i = this.after(i + 1, indent);
      }
      items.push(node);
    }
    return [{ start, value: items.map((n) => n.value), items }, i];
  }

  /** The value of the key on line `i` (at column `indent`), which starts at column `col`; and the line after it. */
  value(i: number, indent: number, col: number): [FastNode, number] {
    const first = this.lines[i]![col];
    if (first === undefined || first === '#') {
      const j = this.next(i + 1);
      const line = this.lines[j];
      const at = line === undefined ? -1 : indentOf(line);
      if (line === undefined || at < indent) return [{ start: -1, value: null }, j];
      if (at === indent) {
        if (line[at] === '-') unsure(); // a list at its key's indent: valid YAML, left to yaml
        return [{ start: -1, value: null }, j];
      }
      return line[at] === '-' && (line[at + 1] === ' ' || line.length === at + 1) ? this.seq(j, at) : this.map(j, at);
    }
    if (first === '|') return this.block(i, indent, col);
    return [this.inline(i, col), this.after(i + 1, indent)];
  }

  /** The next line with something, which must not be indented past `indent` (no continuation lines). */
  after(i: number, indent: number): number {
    const j = this.next(i);
    if (j < this.lines.length && indentOf(this.lines[j]!) > indent) unsure();
    return j;
  }

  /** A `|` or `|-` text: its lines indented past `indent`. */
  block(i: number, indent: number, col: number): [FastNode, number] {
    const header = this.lines[i]!.slice(col);
    if (header !== '|' && header !== '|-') unsure();
    const first = this.lines[i + 1];
    if (first === undefined || first === '') return unsure();
    const n = indentOf(first);
    if (n <= indent || n === first.length) unsure();
    const content: string[] = [];
    let j = i + 1;
    for (; j < this.lines.length; j++) {
      const line = this.lines[j]!;
      if (line === '') {
        content.push('');
        continue;
      }
      const at = indentOf(line);
      if (at === line.length) unsure(); // spaces only: left to yaml
      if (at >= n) content.push(line.slice(n));
      else if (at > indent) unsure();
      else break;
    }
    // The text must end with a line break of its own (a file ending inside a `|` text is left to yaml).
    if (j === this.lines.length && this.lines[j - 1] !== '') unsure();
    while (content.length > 0 && content[content.length - 1] === '') content.pop();
    // `|` keeps the last line break: an empty last item gives it, and the text is one flat string (no concatenation).
    if (header === '|') content.push('');
    const text = content.join('\n');
    return [{ start: this.starts[i]! + col, value: text }, this.after(j, indent)];
  }

  /** A scalar or a one-line `{ }` / `[ ]` at column `col` of line `i`, up to the line's end or a comment. */
  inline(i: number, col: number): FastNode {
    const line = this.lines[i]!;
    const start = this.starts[i]! + col;
    let node: FastNode;
    let end: number;
    const c = line[col];
    if (c === '{' || c === '[') [node, end] = flow(line, col, start - col);
    else if (c === '"' || c === "'") [node, end] = quoted(line, col, start - col);
    else {
      const hash = line.indexOf(' #', col);
      const s = cutSpaces(line, col, hash < 0 ? line.length : hash);
      if (!plainStart(s) || s.includes(': ') || s.endsWith(':')) unsure();
      return { start, value: plainValue(s) };
    }
    // Nothing after the value but spaces, or spaces and a comment.
    let k = end;
    while (line.charCodeAt(k) === 32) k++;
    if (k < line.length && (k === end || line[k] !== '#')) unsure();
    return node;
  }
}

/** A quoted scalar on one line: `"…"` without escapes, or `'…'` with `''`; its node and the column after it. */
function quoted(line: string, col: number, lineStart: number): [FastNode, number] {
  const q = line[col]!;
  let value = '';
  let i = col + 1;
  for (;;) {
    const close = line.indexOf(q, i);
    if (close < 0) return unsure();
    value += line.slice(i, close);
    if (q === "'" && line[close + 1] === "'") {
      value += "'";
      i = close + 2;
      continue;
    }
    i = close + 1;
    break;
  }
  if (q === '"' && value.includes('\\')) unsure();
  return [{ start: lineStart + col, value }, i];
}

/**
 * A one-line flow map or list of scalars, which may hold flow maps or lists of scalars (one level: a sites row's
 * `photos: [a.png]`); its node and the column after it.
 */
function flow(line: string, col: number, lineStart: number, nested = false): [FastNode, number] {
  const isMap = line[col] === '{';
  const close = isMap ? '}' : ']';
  const pairs = new Map<string, { key: number; node: FastNode }>();
  const map: Record<string, unknown> = {};
  const items: FastNode[] = [];
  let i = col + 1;
  const spaces = () => {
    while (line[i] === ' ') i++;
  };
  spaces();
  if (line[i] === close)
    return [isMap ? { start: lineStart + col, value: {}, pairs } : emptySeq(lineStart + col), i + 1];
  for (;;) {
    let key: string | undefined;
    let keyAt = 0;
    if (isMap) {
      const colon = keyHere(line, i);
      if (colon < 0) return unsure();
      key = line.slice(i, colon);
      if (!usableKey(key, pairs)) unsure();
      keyAt = lineStart + i;
      i = afterColon(line, colon);
    }
    let node: FastNode;
    if (line[i] === '[' || line[i] === '{') {
      if (nested) unsure();
      [node, i] = flow(line, i, lineStart, true);
    } else ({ node, end: i } = flowScalar(line, i, lineStart, isMap));
    if (key !== undefined) {
      pairs.set(key, { key: keyAt, node });
      map[key] = node.value;
    } else items.push(node);
    spaces();
    if (line[i] === close) break;
    if (line[i] !== ',') unsure();
    i++;
    spaces();
    if (line[i] === close || line[i] === ',') unsure(); // `[a, ]`, `{a: 1,,}`: left to yaml
  }
  const start = lineStart + col;
  return [isMap ? { start, value: map, pairs } : { start, value: items.map((n) => n.value), items }, i + 1];
}

const emptySeq = (start: number): FastNode => ({ start, value: [], items: [] });

/** One scalar inside `{ }` or `[ ]` at column `i`: quoted, or plain up to `,`, `}` or `]`; empty (null) in a map. */
function flowScalar(line: string, i: number, lineStart: number, inMap: boolean): { node: FastNode; end: number } {
  const c = line[i];
  if (c === '"' || c === "'") {
    const [node, end] = quoted(line, i, lineStart);
    return { node, end };
  }
  let end = i;
  while (end < line.length && !',[]{}'.includes(line[end]!)) end++;
  const s = cutSpaces(line, i, end);
  if (s === '') {
    // `{ date: }`: the key's value is null; an empty list item is left to yaml.
    if (!inMap || (line[end] !== ',' && line[end] !== '}') || line[i - 1] !== ' ') unsure();
    return { node: { start: -1, value: null }, end };
  }
  if (!plainStart(s) || s.includes(': ') || s.endsWith(':') || s.includes(' #') || s.includes('#')) unsure();
  return { node: { start: lineStart + i, value: plainValue(s) }, end };
}

/** The record's tree when the fast path reads the whole text for sure, else undefined. */
export function fastParse(text: string): FastTree | undefined {
  if (ODD_CHAR.test(text)) return undefined;
  try {
    const reader = new Reader(text);
    const first = reader.next(0);
    if (first >= reader.lines.length || indentOf(reader.lines[first]!) !== 0) return undefined;
    const [root, end] = reader.map(first, 0);
    if (end < reader.lines.length) return undefined;
    return { root, starts: reader.starts };
  } catch {
    // Unsure, or a stack overflow on a deeply nested file: `yaml` reads it and says what is wrong.
    return undefined;
  }
}

/** `locate` on the fast tree: the same answers as on `yaml`'s Document (records/yaml.ts). */
export function locateFast(
  tree: FastTree,
  path: ReadonlyArray<PropertyKey>,
  at: 'value' | 'key',
): { line: number; column: number } {
  let node: FastNode | undefined = tree.root;
  let best = tree.root.start;
  for (const [i, key] of path.entries()) {
    if (node?.pairs) {
      const pair = node.pairs.get(String(key));
      if (!pair) break;
      best = pair.key;
      node = pair.node;
      if (at === 'key' && i === path.length - 1) break;
      if (node.value !== null) best = node.start;
    } else if (node?.items && typeof key === 'number') {
      node = node.items[key];
      if (node) best = node.start;
    } else break;
  }
  return linePos(tree.starts, best);
}

/** The 1-based line and column of an offset, as yaml's LineCounter gives them. */
function linePos(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
