/**
 * Personal data stays off the screen: `check` shows the line at fault, and a roster's line may
 * hold an age, a birth date or a salary. Their values are starred out, character for character and
 * width for width, so the caret under the line still points where it did. Covers block and flow
 * style, lists and maps as the value (`salary: [3500, 3800]`, or lines nested under `salary:`), the
 * Chinese labels typed as keys (`年龄: 28`), quoted keys and typos of the keys (`salery:`).
 */
import { FORMS, PRIVATE_KEYS } from '../forms/index.js';
import { walkFieldDefs } from '../forms/fields.js';
import { nearest } from '../values/nearest.js';
import { displayWidth } from './table.js';

const PRIVATE = [...PRIVATE_KEYS];
/** Every key some form has: a known key that is not private is never a typo of a private one. */
const KNOWN = new Set(FORMS.flatMap((f) => walkFieldDefs(f.fields).map(([key]) => key)));

const isPrivate = (key: string) => PRIVATE_KEYS.has(key) || (!KNOWN.has(key) && nearest(key, PRIVATE) !== undefined);
const stars = (text: string) => text.replace(/\S/gu, (ch) => (displayWidth(ch) === 2 ? '＊' : '*'));

/** `key:` (quoted or not) where a key may start: a line's start, after `- `, `{` or `,`. */
const KEY = /(^\s*(?:-\s+)?|[{,]\s*)(["']?)([^\s:：,{}[\]#"']+)\2(\s*[:：](?:\s+|$))/gu;

/** Where a value that starts at `from` ends: its closing bracket, else `,` or `}` in a flow map, else the line's end or a comment. */
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
  const stop = inFlow ? line.slice(from).search(/[,}]/) : line.slice(from).search(/\s#/);
  return stop < 0 ? line.length : from + stop;
}

/** The lines of one file, with every private value starred out. */
export function redactLines(lines: readonly string[]): string[] {
  let nestedUnder = -1; // the indent of a private key whose value is the lines below it
  return lines.map((line) => {
    const indent = line.search(/\S/);
    if (nestedUnder >= 0) {
      if (indent < 0 || indent > nestedUnder) return line.slice(0, Math.max(indent, 0)) + stars(line.slice(Math.max(indent, 0)));
      nestedUnder = -1;
    }
    let out = '';
    let at = 0;
    for (const m of line.matchAll(KEY)) {
      const start = m.index! + m[0].length;
      if (start < at || !isPrivate(m[3]!)) continue;
      const inFlow = depthAt(line, m.index!) > 0;
      const end = valueEnd(line, start, inFlow);
      out += line.slice(at, start) + stars(line.slice(start, end));
      at = end;
      // `salary:` alone, or `salary: |`: the value is on the lines below.
      if (!inFlow && /^\s*(?:[|>][-+]?\d*)?\s*(?:#.*)?$/.test(line.slice(start, end))) nestedUnder = indent;
    }
    return out + line.slice(at);
  });
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
