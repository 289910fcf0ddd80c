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
  /**
   * A map's pairs, flat: each key, its start and its value's node, one after another (`[name, 12, node, …]`). One
   * array per map, where a Map and an object per pair cost ~8 M instructions over the office bench's records; only
   * `locate` looks a key up, for a file that has something to say.
   */
  pairs?: unknown[];
  /** A list's items. */
  items?: FastNode[];
}

export interface FastTree {
  root: FastNode;
  text: string;
  /** Where each line starts, for offsets to lines and columns: made when `locate` first asks. */
  starts?: number[];
}

/** Thrown inside the reader for anything it does not read exactly as `yaml` would; never escapes. */
class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

/**
 * Text of only the characters the fast path reads: none of the tabs, CR, other controls, BOM, Unicode line breaks
 * and non-characters it leaves to `yaml` (U+0000-0009, U+000B-001F, U+007F-009F, U+2028, U+2029, U+FEFF, U+FFFE,
 * U+FFFF). Anchored and greedy: one pass over the text that stops at the first other character.
 */
const NO_ODD_CHAR = /^[\n -~\u00a0-\u2027\u202a-\ufefe\uff00-\ufffd]*$/;
/**
 * ASCII, CJK and full-width forms: nearly every record is only these. Fewer ranges to compare each character with
 * make this pass a third cheaper than NO_ODD_CHAR's (~9 M instructions of the office bench's 2,699 records).
 */
const PLAIN_TEXT = /^[\n -~\u3000-\u9fff\uff00-\uffef]*$/;

/** Whether the text holds a character the fast path leaves to `yaml` (NO_ODD_CHAR). */
export const hasOddChar = (text: string): boolean => !PLAIN_TEXT.test(text) && !NO_ODD_CHAR.test(text);
/**
 * A key as the scaffolds and kmsw.yaml write it (`form`, `五华区`), letters first; not one the core schema reads
 * as null or a boolean, and short (yaml caps implicit keys). Matched where it stands in the text (sticky, from
 * `at`; `$` is a line's end): no copy of the line's rest is made for it.
 */
const KEY_AT = /([\p{L}_][\p{L}\p{N}_-]{0,200}):(?: +|$)/muy;

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
  const after = line.charCodeAt(i + 1);
  return after === 32 || after === 10 || i + 1 === line.length ? i : -1;
}

/**
 * keyHere by KEY_AT; at once when no colon follows on the line (a list's item of Chinese text: its `：` are not
 * YAML's).
 */
function keyByPattern(line: string, at: number): number {
  const colon = line.indexOf(':', at);
  if (colon < 0) return -1;
  const end = line.indexOf('\n', at);
  if (end >= 0 && end < colon) return -1;
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
  // Every null, boolean and number of the core schema starts with one of these (or is empty): most values do not,
  // a Chinese text first (told by its code, not by `s[0]`: a new string for a character past ASCII).
  if (s.charCodeAt(0) >= 0x80 || (s !== '' && !'~nNtTfF0123456789+-.'.includes(s[0]!))) return s;
  if (dateOrTime(s)) return s;
  if (CORE_NULL.test(s)) return null;
  if (CORE_BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (SIMPLE_INT.test(s) || SIMPLE_DECIMAL.test(s)) return Number(s);
  if (CORE_OTHER.test(s)) return unsure();
  return s;
}

/** The keys the core schema reads as null or a boolean (CORE_NULL, CORE_BOOL): each one of these words. */
const NOT_STRING_KEYS = new Set(['', '~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/**
 * A new key that reads as a string and as an own property, as with yaml's toJS. A set of words, not CORE_NULL and
 * CORE_BOOL: `form`, `file` would each run both patterns.
 */
const usableKey = (name: string, seen: object) =>
  !Object.hasOwn(seen, name) && name !== '__proto__' && (name.length > 5 || !NOT_STRING_KEYS.has(name));

/** Whether a plain scalar may start with this text (YAML's indicators may not, but `-x`, `:x`, `?x` may). */
function plainStart(s: string): boolean {
  // A character past ASCII is no indicator (and `s[0]` of one would be a new string each time).
  if (s.charCodeAt(0) >= 0x80) return true;
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

/**
 * One file's reader. It works on offsets into the one text, never on a copy of each line (a split into lines, an
 * array of where each starts and a tuple per value cost ~40 M instructions of the office bench's check, 2,782 ->
 * 2,743 M): a line is named by the offset it starts at, and ends at the next `\n` or at the text's end. The lines are
 * those of `text.split('\n')`, the empty one after a last `\n` too; END (the text's length + 1) is past the last line.
 */
class Reader {
  readonly text: string;
  /** Past the last line. */
  readonly END: number;
  /** The column of the first character that is not a space on the line next() returned last. */
  col = 0;
  /** Where the caller goes on: the line after what value(), map(), seq() or block() read last (END after the text). */
  line = 0;
  constructor(text: string) {
    this.text = text;
    this.END = text.length + 1;
  }

  /** Where the line that holds offset `at` ends: its `\n`, or the text's end. */
  lineEnd(at: number): number {
    const e = this.text.indexOf('\n', at);
    return e < 0 ? this.text.length : e;
  }

  /** The next line at or after `s` that holds something (blank and comment lines are skipped), its indent in `col`. */
  next(s: number): number {
    const text = this.text;
    while (s < this.END) {
      // indentOf, inlined: this loop runs for every line of every record.
      let i = s;
      while (text.charCodeAt(i) === 32) i++;
      const c = text.charCodeAt(i);
      if (c === 10 || i === text.length) {
        if (i > s) unsure(); // only spaces: left to yaml
        s = i + 1;
      } else if (c === 35) s = this.lineEnd(i) + 1;
      else {
        this.col = i - s;
        return s;
      }
    }
    return this.END;
  }

  /** A block map whose keys stand at column `indent`, from line `s` (its first key may follow a list's `- `). */
  map(s: number, indent: number, first = false): FastNode {
    const text = this.text;
    const pairs: unknown[] = [];
    const value: Record<string, unknown> = {};
    let start = -1;
    for (s = this.next(s); s < this.END; s = this.next(s)) {
      if (!(first && start < 0)) {
        if (this.col < indent) break;
        if (this.col > indent) unsure();
      }
      const key = s + indent;
      const colon = keyHere(text, key);
      if (colon < 0) return unsure();
      const name = text.slice(key, colon);
      if (!usableKey(name, value)) unsure();
      if (start < 0) start = key;
      // afterColon, inlined.
      let at = colon + 1;
      while (text.charCodeAt(at) === 32) at++;
      const node = this.value(s, indent, at);
      pairs.push(name, key, node);
      value[name] = node.value;
      s = this.line;
    }
    this.line = s;
    return { start, value, pairs };
  }

  /** A block list whose `-` stand at column `indent`, from line `s`. */
  seq(s: number, indent: number): FastNode {
    const text = this.text;
    const items: FastNode[] = [];
    const values: unknown[] = [];
    const start = s + indent;
    for (s = this.next(s); s < this.END; s = this.next(s)) {
      const at = this.col;
      if (at < indent) break;
      const dash = s + at;
      if (at > indent || text.charCodeAt(dash) !== 45 || text.charCodeAt(dash + 1) !== 32) unsure();
      let p = dash + 1;
      while (text.charCodeAt(p) === 32) p++;
      let node: FastNode;
      if (keyHere(text, p) >= 0) {
        node = this.map(s, p - s, true);
        s = this.line;
      } else {
        const c = text.charCodeAt(p);
        // Nothing, a comment, a text or a list in a list: left to yaml.
        if (c === 10 || p === text.length || c === 35 || c === 124) unsure();
        if (c === 45 && (text.charCodeAt(p + 1) === 32 || text.charCodeAt(p + 1) === 10 || p + 1 === text.length))
          unsure();
        const e = this.lineEnd(p);
        node = this.inline(p, e);
        s = this.after(e + 1, indent);
      }
      items.push(node);
      values.push(node.value);
    }
    this.line = s;
    return { start, value: values, items };
  }

  /**
   * The value of the key on line `s` (at column `indent`), which starts at offset `at`; the line after it is left in
   * `line`.
   */
  value(s: number, indent: number, at: number): FastNode {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 10 || at === text.length || c === 35) {
      const j = this.next(this.lineEnd(at) + 1);
      this.line = j;
      if (j === this.END || this.col < indent) return NULL_NODE;
      const first = j + this.col;
      if (this.col === indent) {
        if (text.charCodeAt(first) === 45) unsure(); // a list at its key's indent: valid YAML, left to yaml
        return NULL_NODE;
      }
      const after = text.charCodeAt(first + 1);
      return text.charCodeAt(first) === 45 && (after === 32 || after === 10 || first + 1 === text.length)
        ? this.seq(j, this.col)
        : this.map(j, this.col);
    }
    const e = this.lineEnd(at);
    if (c === 124) return this.block(indent, at, e);
    const node = this.inline(at, e);
    this.line = this.after(e + 1, indent);
    return node;
  }

  /** The next line with something, which must not be indented past `indent` (no continuation lines). */
  after(s: number, indent: number): number {
    const j = this.next(s);
    if (j < this.END && this.col > indent) unsure();
    return j;
  }

  /** A `|` or `|-` text at `at` (its line ends at `e`): its lines indented past `indent`. */
  block(indent: number, at: number, e: number): FastNode {
    const text = this.text;
    const keep = e === at + 1;
    if (!keep && !(e === at + 2 && text.charCodeAt(at + 1) === 45)) unsure();
    const f = e + 1;
    if (f >= text.length || text.charCodeAt(f) === 10) return unsure();
    let n = 0;
    while (text.charCodeAt(f + n) === 32) n++;
    if (n <= indent || text.charCodeAt(f + n) === 10 || f + n === text.length) unsure();
    const content: string[] = [];
    let j = f;
    // Where the last line that is not empty ends: a one-line `|` text is then one slice of the text, its \n too.
    let lastEnd = -1;
    for (; j < this.END;) {
      const le = this.lineEnd(j);
      if (le === j) {
        content.push('');
        j = le + 1;
        continue;
      }
      let i = j;
      while (text.charCodeAt(i) === 32) i++;
      if (i === le) unsure(); // spaces only: left to yaml
      if (i - j >= n) {
        content.push(text.slice(j + n, le));
        lastEnd = le;
      } else if (i - j > indent) unsure();
      else break;
      j = le + 1;
    }
    // The text must end with a line break of its own (a file ending inside a `|` text is left to yaml).
    if (j === this.END && text.charCodeAt(text.length - 1) !== 10) unsure();
    while (content.length > 0 && content[content.length - 1] === '') content.pop();
    let value: string;
    if (content.length === 1 && keep) value = text.slice(f + n, lastEnd + 1);
    else {
      // `|` keeps the last line break: an empty last item gives it, and the text is one flat string.
      if (keep) content.push('');
      value = content.join('\n');
    }
    this.line = this.after(j, indent);
    return { start: at, value };
  }

  /** A scalar or a one-line `{ }` / `[ ]` at offset `at`, up to the line's end `e` or a comment. */
  inline(at: number, e: number): FastNode {
    const text = this.text;
    let node: FastNode;
    let end: number;
    const c = text.charCodeAt(at);
    if (c === 123 || c === 91) [node, end] = flow(text, at, e);
    else if (c === 34 || c === 39) [node, end] = quoted(text, at, e);
    else {
      // The line's rest, one copy: a search of the text for ` #` would run on past the line.
      let s = text.slice(at, e);
      // A Chinese text has no ASCII space, so no ` #`, `: ` or trailing space: one search instead of two.
      const spaced = s.includes(' ');
      const hash = spaced ? s.indexOf(' #') : -1;
      if (hash >= 0 || (spaced && s.charCodeAt(s.length - 1) === 32)) s = cutSpaces(s, 0, hash < 0 ? s.length : hash);
      if (!plainStart(s) || (spaced && s.includes(': ')) || s.endsWith(':')) unsure();
      return { start: at, value: plainValue(s) };
    }
    // Nothing after the value but spaces, or spaces and a comment.
    let k = end;
    while (text.charCodeAt(k) === 32) k++;
    if (k < e && (k === end || text.charCodeAt(k) !== 35)) unsure();
    return node;
  }
}

/** The value of a key with nothing after it: null, starting nowhere (shared: no one changes a node). */
const NULL_NODE: FastNode = { start: -1, value: null };

/**
 * A quoted scalar on the line that ends at `e`: `"…"` without escapes, or `'…'` with `''`; its node and the offset
 * after it.
 */
function quoted(text: string, at: number, e: number): [FastNode, number] {
  const q = text[at]!;
  let value = '';
  let i = at + 1;
  for (;;) {
    const close = text.indexOf(q, i);
    if (close < 0 || close > e) return unsure();
    value += text.slice(i, close);
    if (q === "'" && text[close + 1] === "'") {
      value += "'";
      i = close + 2;
      continue;
    }
    i = close + 1;
    break;
  }
  if (q === '"' && value.includes('\\')) unsure();
  return [{ start: at, value }, i];
}

/**
 * A one-line flow map or list of scalars at `col`, on the line that ends at `e`, which may hold flow maps or lists of
 * scalars (one level: a sites row's `photos: [a.png]`); its node and the offset after it.
 */
function flow(line: string, col: number, e: number, nested = false): [FastNode, number] {
  const isMap = line[col] === '{';
  const close = isMap ? '}' : ']';
  const pairs: unknown[] = [];
  const map: Record<string, unknown> = {};
  const items: FastNode[] = [];
  let i = col + 1;
  const spaces = () => {
    while (line[i] === ' ') i++;
  };
  spaces();
  if (line[i] === close) return [isMap ? { start: col, value: {}, pairs } : emptySeq(col), i + 1];
  for (;;) {
    let key: string | undefined;
    let keyAt = 0;
    if (isMap) {
      const colon = keyHere(line, i);
      if (colon < 0) return unsure();
      key = line.slice(i, colon);
      if (!usableKey(key, map)) unsure();
      keyAt = i;
      i = afterColon(line, colon);
    }
    let node: FastNode;
    if (line[i] === '[' || line[i] === '{') {
      if (nested) unsure();
      [node, i] = flow(line, i, e, true);
    } else ({ node, end: i } = flowScalar(line, i, e, isMap));
    if (key !== undefined) {
      pairs.push(key, keyAt, node);
      map[key] = node.value;
    } else items.push(node);
    spaces();
    if (line[i] === close) break;
    if (line[i] !== ',') unsure();
    i++;
    spaces();
    if (line[i] === close || line[i] === ',') unsure(); // `[a, ]`, `{a: 1,,}`: left to yaml
  }
  return [isMap ? { start: col, value: map, pairs } : { start: col, value: items.map((n) => n.value), items }, i + 1];
}

const emptySeq = (start: number): FastNode => ({ start, value: [], items: [] });

/**
 * One scalar inside `{ }` or `[ ]` at `i`, on the line that ends at `e`: quoted, or plain up to `,`, `}` or `]`; empty
 * (null) in a map.
 */
function flowScalar(line: string, i: number, e: number, inMap: boolean): { node: FastNode; end: number } {
  const c = line[i];
  if (c === '"' || c === "'") {
    const [node, end] = quoted(line, i, e);
    return { node, end };
  }
  let end = i;
  // By code, not `line[end]`: that is a new string for each Chinese character.
  for (let c = line.charCodeAt(end); end < e && c !== 44 && c !== 91 && c !== 93 && c !== 123 && c !== 125;)
    c = line.charCodeAt(++end);
  const s = cutSpaces(line, i, end);
  if (s === '') {
    // `{ date: }`: the key's value is null; an empty list item is left to yaml.
    if (!inMap || (line[end] !== ',' && line[end] !== '}') || line[i - 1] !== ' ') unsure();
    return { node: { start: -1, value: null }, end };
  }
  if (!plainStart(s) || s.includes(': ') || s.endsWith(':') || s.includes(' #') || s.includes('#')) unsure();
  return { node: { start: i, value: plainValue(s) }, end };
}

/** The record's tree when the fast path reads the whole text for sure, else undefined. */
export function fastParse(text: string): FastTree | undefined {
  if (hasOddChar(text)) return undefined;
  try {
    const reader = new Reader(text);
    const first = reader.next(0);
    if (first === reader.END || reader.col !== 0) return undefined;
    const root = reader.map(first, 0);
    if (reader.line !== reader.END) return undefined;
    return { root, text };
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
  // By index, not path.entries(): an iterator and a pair per step, for every record's date (kmsw's V8 inlines none).
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (node?.pairs) {
      const k = pairIndex(node.pairs, String(key));
      if (k < 0) break;
      best = node.pairs[k + 1] as number;
      node = node.pairs[k + 2] as FastNode;
      if (at === 'key' && i === path.length - 1) break;
      if (node.value !== null) best = node.start;
    } else if (node?.items && typeof key === 'number') {
      node = node.items[key];
      if (node) best = node.start;
    } else break;
  }
  return linePos((tree.starts ??= lineStarts(tree.text)), best);
}

/** Where the key `name` stands in a map's flat `pairs`, or -1. */
function pairIndex(pairs: readonly unknown[], name: string): number {
  for (let k = 0; k < pairs.length; k += 3) if (pairs[k] === name) return k;
  return -1;
}

/** Where each line of a text starts: only a text that something is said of needs them. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
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
