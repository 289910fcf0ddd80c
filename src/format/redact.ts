/**
 * Personal data stays off the screen: `check` shows the line at fault, and a roster's line may hold
 * an age, a birth date, a salary, an ID-card or a mobile number. Their values are starred out,
 * character for character and width for width, so the caret under the line still points where it
 * did.
 *
 * What is private is read from the parsed YAML, not guessed from the text: the value node of every
 * pair whose key is a private field (its key, its official label, a synonym such as 工资 or 身份证号,
 * or a typo of one: `salery`), in any spelling YAML allows (quoted keys, flow or block, no space
 * after the colon, comments, an alias to a value written elsewhere), and anything after a private
 * key inside a plain text (`age:29`, `年龄：29`, which YAML reads as one text). ID-card (18 digits)
 * and mobile (11 digits) numbers are starred wherever they stand.
 */
import { isAlias, isPair, isScalar, Scalar, visit, type Node } from 'yaml';
import { FORMS, PRIVATE_KEYS, PRIVATE_SYNONYMS } from '../forms/index.js';
import { walkFieldDefs } from '../forms/fields.js';
import { parseYaml } from '../records/yaml.js';
import { toHalfwidth } from '../values/halfwidth.js';
import { nearest } from '../values/nearest.js';
import { NUMBERS } from '../values/numbers.js';
import { displayWidth } from './table.js';

const PRIVATE = [...PRIVATE_KEYS];
/** Every key some form has: a known key that is not private is never a typo of a private one. */
const KNOWN = new Set(FORMS.flatMap((f) => walkFieldDefs(f.fields).map(([key]) => key)));

/**
 * Whether a key names personal data: a private field, a synonym (or a key holding one: 员工身份证号), or a typo of a field.
 */
export function isPrivateKey(key: string): boolean {
  const k = key.trim();
  if (PRIVATE_KEYS.has(k) || PRIVATE_SYNONYMS.some((s) => k.includes(s))) return true;
  return !KNOWN.has(k) && nearest(k, PRIVATE) !== undefined;
}

/** `age:29`, `"年龄"：29` read as one plain text: the private key and where its value starts. */
const KEY_IN_TEXT = /^(["']?)([^\s:："'{}[\],#]+)\1[ \t]*[:：][ \t\u3000]*/u;

/** The offsets of `text` (UTF-16 units, from, to) whose characters are private. */
function privateRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const parsed = parseYaml(text);
  const mark = (node: Node | null | undefined) => {
    const r = node?.range;
    if (r) ranges.push([r[0], r[2]]);
  };
  visit(parsed.doc, {
    // `{ salary: 4,321元 }`: the comma ends the value, and `321元` stands as a key of its own after it.
    Map(_, map) {
      if (!map.flow) return;
      map.items.forEach((pair, i) => {
        if (!isScalar(pair.key) || !isPrivateKey(String(pair.key.value))) return;
        for (const next of map.items.slice(i + 1)) {
          if (!isScalar(next.key) || !/^[0-9\uff10-\uff19]/.test(String(next.key.value))) break;
          mark(next.key);
          mark(next.value as Node | null);
        }
      });
    },
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !isPrivateKey(String(pair.key.value))) return;
      const value = pair.value as Node | null;
      const keyEnd = pair.key.range?.[1];
      // From just after the colon: a comment between the key and its value may repeat the value.
      if (keyEnd !== undefined && value?.range) {
        const colon = text.slice(keyEnd).search(/[:：]/);
        ranges.push([
          colon >= 0 && keyEnd + colon < value.range[0] ? keyEnd + colon + 1 : value.range[0],
          value.range[2],
        ]);
      } else mark(value);
      // `salary: *s` shows only the alias; the value stands where `&s` was written.
      if (isAlias(value)) mark(value.resolve(parsed.doc));
    },
    Scalar(_, node) {
      if (node.type !== Scalar.PLAIN || !node.range) return;
      const source = text.slice(node.range[0], node.range[1]);
      const m = KEY_IN_TEXT.exec(source);
      if (m && isPrivateKey(m[2]!)) ranges.push([node.range[0] + m[0].length, node.range[2]]);
    },
  });
  // A file that does not parse has no reliable nodes past its fault: its lines are read as text,
  // as a fallback (a key-like `age:` at a line's start, after `- `, `{` or `,`).
  if (parsed.errors.length > 0) ranges.push(...textRanges(text));
  const half = toHalfwidth(text);
  for (const m of half.matchAll(NUMBERS)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

/** The stars that take a character's place: as wide on screen, and as long in UTF-16 (columns stay where they were). */
function star(ch: string): string {
  if (/\s/u.test(ch)) return ch;
  const width = displayWidth(ch);
  if (ch.length === 2) return width === 2 ? '**' : '*\u200b';
  return width === 2 ? '＊' : width === 0 ? '\u200b' : '*';
}

/**
 * Every key-like word of a text (`age:`, `"年龄"：`, `- salary:`): a text with no private one and no number needs no
 * parse.
 */
// Anchored after a separator, so a line of 300,000 字 without one costs one pass, not one per character.
const ANY_KEY = /(?<=^|[\s{,[-])(["']?)([^\s:："'{}[\],#]+)\1[ \t]*[:：]/gu;

const HAS_NUMBER = new RegExp(NUMBERS.source);
// An escaped key (`"\u0061ge"`) or an explicit one (`? age`) cannot be seen in the text: such a file always takes the
// full pass.
const mayHoldPrivate = (text: string) =>
  [...text.matchAll(ANY_KEY)].some((m) => isPrivateKey(m[2]!)) ||
  HAS_NUMBER.test(toHalfwidth(text)) ||
  /\\|^[ \t-]*\?(?:[ \t]|$)/m.test(text);

/** The whole text, private values starred out. */
export function redactText(text: string): string {
  // Most files (a log, a record) name no private field: they are shown without a second parse.
  if (!mayHoldPrivate(text)) return text;
  const ranges = privateRanges(text);
  if (ranges.length === 0) return text;
  const masked = new Uint8Array(text.length);
  for (const [from, to] of ranges) masked.fill(1, Math.max(0, from), Math.min(text.length, to));
  let out = '';
  for (let i = 0; i < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    out += masked[i] ? star(ch) : ch;
    i += ch.length;
  }
  return out;
}

/** The lines of one file, with every private value starred out. */
export function redactLines(lines: readonly string[]): string[] {
  return redactText(lines.join('\n')).split('\n');
}

// --- The fallback for text that does not parse --------------------------------------------------

/**
 * `key:` (quoted or not) where a key may start: a line's start, after `- `, `{` or `,`. No space needed after the
 * colon.
 */
const KEY = /(^\s*(?:-\s+)?|[{,]\s*)(["']?)([^\s:：,{}[\]#"']+)\2(\s*[:：][ \t\u3000]*)/gu;

/**
 * Where a value that starts at `from` ends: its closing bracket, else `,` or `}` in a flow map, else the line's end or
 * a comment.
 */
function valueEnd(line: string, from: number, inFlow: boolean): number {
  const open = line[from];
  if (open === '[' || open === '{') {
    let depth = 0;
    for (let i = from; i < line.length; i++) {
      if (line[i] === '[' || line[i] === '{') depth++;
      else if ((line[i] === ']' || line[i] === '}') && --depth === 0) return i + 1;
    }
    return line.length;
  }
  const stop = inFlow ? line.slice(from).search(/[,}]/) : line.length - from;
  return stop < 0 ? line.length : from + stop;
}

/** How many flow brackets are open before `index`. */
function depthAt(line: string, index: number): number {
  let depth = 0;
  for (let i = 0; i < index; i++) {
    if (line[i] === '{' || line[i] === '[') depth++;
    else if (line[i] === '}' || line[i] === ']') depth--;
  }
  return depth;
}

/** The private values of a text read line by line: only for a file whose YAML does not parse. */
function textRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let nestedUnder = -1; // the indent of a private key whose value is the lines below it
  let offset = 0;
  const aliases = new Set<string>();
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const indent = line.search(/\S/);
    if (nestedUnder >= 0) {
      if (indent < 0 || indent > nestedUnder) {
        ranges.push([start, start + line.length]);
        continue;
      }
      nestedUnder = -1;
    }
    let at = 0;
    for (const m of line.matchAll(KEY)) {
      const from = m.index + m[0].length;
      if (from < at || !isPrivateKey(m[3]!)) continue;
      const inFlow = depthAt(line, m.index) > 0;
      const end = valueEnd(line, from, inFlow);
      ranges.push([start + from, start + end]);
      const alias = /^\*([^\s,{}[\]]+)/.exec(line.slice(from, end))?.[1];
      if (alias) aliases.add(alias);
      at = end;
      // `salary:` alone, or `salary: |`: the value is on the lines below.
      if (!inFlow && /^\s*(?:[|>][-+]?\d*)?\s*(?:#.*)?$/.test(line.slice(from, end))) nestedUnder = indent;
    }
  }
  // `salary: *s`: the value stands after `&s`, wherever that was written.
  for (const name of aliases) {
    for (const m of text.matchAll(
      new RegExp(`&${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![^\\s,{}\\[\\]])`, 'g'),
    )) {
      const lineEnd = text.indexOf('\n', m.index);
      ranges.push([m.index + m[0].length, lineEnd < 0 ? text.length : lineEnd]);
    }
  }
  return ranges;
}
