/**
 * Edits one mapping of a YAML file in its text, by the positions of the parsed document's nodes, so
 * that every other byte (comments, quoting, layout, CRLF) stays as it was: `kmsw sign` fills one
 * signature slot this way. The caller parses the result again and compares before writing.
 */
import { isMap, isPair, isScalar, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

/** A value to write: a line of text, or the lines of a literal block (`|`); an SSH signature is one. */
export type SpliceValue = string | { block: string[] };

interface Edit {
  at: number;
  end: number;
  text: string;
}

/** A scalar as YAML reads it back as the same text: plain when that is safe, else double-quoted. */
function scalar(value: string): string {
  const plain =
    /^[^\s\-?:,[\]{}#&*!|>'"%@`~][^\n:#]*$/.test(value) &&
    !/\s$/.test(value) &&
    !/^(?:true|false|null|yes|no|on|off|[-+]?[\d.]+(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i.test(value);
  // `sha256:abc` is plain in a block (a colon not followed by a space); JSON's quoting is YAML's double quotes.
  return plain || /^sha256:[0-9a-f]+$/.test(value) ? value : JSON.stringify(value);
}

const flowValue = (v: SpliceValue) => (typeof v === 'string' ? scalar(v) : JSON.stringify(`${v.block.join('\n')}\n`));

function blockEntry(key: string, v: SpliceValue, indent: string, eol: string): string {
  if (typeof v === 'string') return `${indent}${key}: ${scalar(v)}`;
  return [`${indent}${key}: |`, ...v.block.map((l) => `${indent}  ${l}`)].join(eol);
}

/** `path` below this point, holding `entries`, as block lines at `indent` (no line break before or after). */
function blockTree(path: string[], entries: Array<[string, SpliceValue]>, indent: string, eol: string): string {
  if (path.length === 0) return entries.map(([k, v]) => blockEntry(k, v, indent, eol)).join(eol);
  return `${indent}${scalar(path[0]!)}:${eol}${blockTree(path.slice(1), entries, `${indent}  `, eol)}`;
}

function flowTree(path: string[], entries: Array<[string, SpliceValue]>): string {
  if (path.length === 0) return `{ ${entries.map(([k, v]) => `${k}: ${flowValue(v)}`).join(', ')} }`;
  return `{ ${scalar(path[0]!)}: ${flowTree(path.slice(1), entries)} }`;
}

/** Where the line holding `pos` ends (before its `\r\n` or `\n`), or the text's end. */
function lineEnd(text: string, pos: number): number {
  const n = text.indexOf('\n', pos);
  if (n < 0) return text.length;
  return text[n - 1] === '\r' ? n - 1 : n;
}

/** Back over white space (line breaks included) from `pos`: just after the node's last character. */
function trimBack(text: string, pos: number, floor = 0): number {
  let p = pos;
  while (p > floor && /\s/.test(text[p - 1]!)) p--;
  return p;
}

const columnOf = (text: string, pos: number) => pos - (text.lastIndexOf('\n', pos - 1) + 1);

const pairOf = (map: YAMLMap, key: string) =>
  map.items.find((p): p is Pair<Node, Node | null> => isPair(p) && isScalar(p.key) && String(p.key.value) === key);

const isBlank = (node: unknown) => node === null || node === undefined || (isScalar(node) && node.value === null);

/**
 * Where a pair's value is written: its token (`~`, `2026/11/24`, a quoted or block text), or, for
 * nothing written after the colon, the place just after the colon (`empty`).
 */
function valueSpan(text: string, pair: Pair<Node, Node | null>): { at: number; end: number; empty: boolean } {
  const v = pair.value;
  const colon = text.indexOf(':', pair.key.range![1]) + 1;
  if (!v?.range || (isScalar(v) && v.value === null && !(v.source ?? '').trim()))
    return { at: colon, end: colon, empty: true };
  return { at: v.range[0], end: trimBack(text, v.range[1], v.range[0]), empty: false };
}

/**
 * Pairs appended to a map, each as its key and what follows the key's colon: before a flow map's
 * `}`, or on new lines after a block map's last pair (and after a comment ending that pair's line).
 */
function appendTo(text: string, map: YAMLMap, add: Array<[string, string]>, eol: string, flow: boolean): Edit {
  const [start, end] = map.range!;
  if (flow) {
    const close = text.lastIndexOf('}', end - 1);
    const last = trimBack(text, close, start);
    const body = add.map(([k, v]) => `${k}:${v}`).join(', ');
    const inserted = text[last - 1] === '{' ? ` ${body}` : text[last - 1] === ',' ? ` ${body},` : `, ${body}`;
    return { at: last, end: last, text: inserted };
  }
  const indent = ' '.repeat(columnOf(text, (map.items[0] as Pair<Node>).key.range![0]));
  const lastPair = map.items[map.items.length - 1] as Pair<Node, Node | null>;
  const tail = lastPair.value?.range?.[1] ?? lastPair.key.range![1];
  const at = lineEnd(text, trimBack(text, tail, lastPair.key.range![0]));
  return { at, end: at, text: add.map(([k, v]) => `${eol}${indent}${k}:${v}`).join('') };
}

/** What follows `key:` for a value: ` text`, or ` |` and the block's lines at `indent` + 2. */
function afterColon(v: SpliceValue, indent: number, eol: string, flow: boolean): string {
  if (typeof v === 'string' || flow) return ` ${flowValue(v)}`;
  return [' |', ...v.block.map((l) => `${' '.repeat(indent + 2)}${l}`)].join(eol);
}

/**
 * The text with the mapping at `path` holding `entries` (each replaced, or added after the last
 * pair), and every missing map on the way created. Throws when something on the way is not a map.
 */
export function spliceMap(
  text: string,
  doc: Document,
  path: readonly string[],
  entries: Array<[string, SpliceValue]>,
): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let node: unknown = doc.contents;
  let holder: Pair<Node, Node | null> | undefined;
  const edits: Edit[] = [];
  for (let i = 0; i <= path.length; i++) {
    if (!isMap(node)) throw new Error(`not a map at ${path.slice(0, i).join('.')}`);
    const flow = node.flow === true;
    const rest = path.slice(i + 1);
    if (i === path.length) {
      // A literal block cannot stand in a flow map: `{ name: 王芳 }` under a block key becomes block lines.
      const block = entries.some(([, v]) => typeof v !== 'string');
      if (flow && block && holder) edits.push(flowToBlock(text, holder, node, entries, eol));
      else edits.push(...fill(text, node, entries, eol, flow));
      break;
    }
    const pair = pairOf(node, path[i]!);
    if (!pair) {
      if (node.items.length === 0) throw new Error(`an empty map at ${path.slice(0, i).join('.')}`);
      const indent = flow ? '' : ' '.repeat(columnOf(text, (node.items[0] as Pair<Node>).key.range![0]) + 2);
      const value = flow ? ` ${flowTree(rest, entries)}` : eol + blockTree(rest, entries, indent, eol);
      edits.push(appendTo(text, node, [[scalar(path[i]!), value]], eol, flow));
      break;
    }
    if (isBlank(pair.value)) {
      edits.push(...emptyValue(text, pair, rest, entries, eol, flow));
      break;
    }
    // The key holding the next map, when it stands in a block map (where block lines can replace a flow map).
    holder = flow ? undefined : pair;
    node = pair.value;
  }
  let out = text;
  // From the end; of two edits at one place, the later one first, so that it ends up after the other.
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.at - a.e.at || b.i - a.i);
  for (const { e } of order) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}

/**
 * A flow map under a block key written again as block lines, its pairs as they were written (with
 * `entries` put in), so that a literal block can join it; a comment after it moves to the key's line.
 */
function flowToBlock(
  text: string,
  holder: Pair<Node, Node | null>,
  map: YAMLMap,
  entries: Array<[string, SpliceValue]>,
  eol: string,
): Edit {
  const indent = ' '.repeat(columnOf(text, holder.key.range![0]) + 2);
  const given = new Map(entries);
  const lines: string[] = [];
  for (const item of map.items as Array<Pair<Node, Node | null>>) {
    const key = text.slice(item.key.range![0], item.key.range![1]);
    const name = isScalar(item.key) ? String(item.key.value) : key;
    const value = given.get(name);
    given.delete(name);
    if (value !== undefined) {
      lines.push(blockEntry(key, value, indent, eol));
      continue;
    }
    const span = valueSpan(text, item);
    lines.push(`${indent}${key}:${span.empty ? '' : ` ${text.slice(span.at, span.end)}`}`);
  }
  for (const [key, value] of given) lines.push(blockEntry(key, value, indent, eol));
  const colon = text.indexOf(':', holder.key.range![1]) + 1;
  const after = lineEnd(text, map.range![1]);
  const comment = text.slice(map.range![1], after).trim();
  return { at: colon, end: after, text: `${comment ? ` ${comment}` : ''}${eol}${lines.join(eol)}` };
}

/** `key:` (or `key: ~`) given the map it should hold: in a flow map as a flow map, else as block lines under it. */
function emptyValue(
  text: string,
  pair: Pair<Node, Node | null>,
  rest: string[],
  entries: Array<[string, SpliceValue]>,
  eol: string,
  flow: boolean,
): Edit[] {
  const span = valueSpan(text, pair);
  if (flow) return [{ at: span.at, end: span.end, text: `${span.empty ? ' ' : ''}${flowTree(rest, entries)}` }];
  const indent = ' '.repeat(columnOf(text, pair.key.range![0]) + 2);
  const after = lineEnd(text, span.end);
  const block = { at: after, end: after, text: eol + blockTree(rest, entries, indent, eol) };
  // `~` or `null` goes (with the space before it); a comment after it stays on the key's line.
  return span.empty ? [block] : [{ at: trimBack(text, span.at, span.at - 1), end: span.end, text: '' }, block];
}

/** The edits that put `entries` into an existing map: a value replaced in place, the rest appended. */
function fill(text: string, map: YAMLMap, entries: Array<[string, SpliceValue]>, eol: string, flow: boolean): Edit[] {
  if (map.items.length === 0) throw new Error('an empty map');
  const edits: Edit[] = [];
  const add: Array<[string, string]> = [];
  const indent = columnOf(text, (map.items[0] as Pair<Node>).key.range![0]);
  for (const [key, value] of entries) {
    const pair = pairOf(map, key);
    if (!pair) {
      add.push([key, afterColon(value, indent, eol, flow)]);
      continue;
    }
    const span = valueSpan(text, pair);
    // Right after the colon (`date:` and nothing) the value needs its space; else it takes the old value's place.
    const written = afterColon(value, indent, eol, flow);
    edits.push({ at: span.at, end: span.end, text: span.empty ? written : written.slice(1) });
  }
  if (add.length > 0) edits.push(appendTo(text, map, add, eol, flow));
  return edits;
}
