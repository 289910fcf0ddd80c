import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { msg } from '../i18n.js';
import { fastParse, locateFast, type FastTree } from './fast-yaml.js';

/** More aliases than any hand-written record needs: the guard against "billion laughs". */
export const MAX_ALIASES = 50;

export interface Position {
  line: number;
  column: number;
}

export interface YamlProblem extends Position {
  message: string;
  /** `aliases`: the text expands past MAX_ALIASES (a "billion laughs" file); `nesting`: too deep to read. */
  kind?: 'aliases' | 'nesting';
}

export interface ParsedYaml {
  doc: Document;
  lines: LineCounter;
  /** The plain value (maps, lists, strings, numbers); undefined when the text does not parse. */
  value: unknown;
  errors: YamlProblem[];
  /**
   * Read by the fast path (records/fast-yaml.ts): `value` and `locate` come from it, and `doc` and `lines` are
   * built by `yaml` only when something asks for them.
   */
  fast?: FastTree;
}

/**
 * The fast path (issue 17): the record read by the strict fast reader when it is sure of it, the Document left
 * unbuilt until asked for; otherwise (anything unusual, any error) `parseYaml`. Both give the same `value`
 * and the same `locate` (tests/fast-yaml.test.ts).
 */
export function parseYamlFast(text: string): ParsedYaml {
  const fast = fastParse(text);
  return fast ? new FastParsed(text, fast) : parseYaml(text);
}

/**
 * A text the fast path read: `doc` and `lines` are `yaml`'s, built when first asked for. A class, not an object with
 * two getters and their closures for each record.
 */
class FastParsed implements ParsedYaml {
  readonly value: unknown;
  readonly errors: YamlProblem[] = [];
  #full: ParsedYaml | undefined;
  constructor(
    readonly text: string,
    readonly fast: FastTree,
  ) {
    this.value = fast.root.value;
  }
  get doc(): Document {
    return (this.#full ??= parseYaml(this.text)).doc;
  }
  get lines(): LineCounter {
    return (this.#full ??= parseYaml(this.text)).lines;
  }
}

/** Whether the document is a map (a record), without building the Document on the fast path. */
export const isMapDocument = (parsed: ParsedYaml): boolean => parsed.fast !== undefined || isMap(parsed.doc.contents);

/**
 * Parses one YAML document keeping every node's offset, so that a problem found later in a value
 * can be shown at the line and column a person must edit. YAML 1.2 core schema: `2026-11-28`
 * stays text (no time-zone shift) and `no` stays `no`.
 */
export function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  let doc: Document;
  try {
    // logLevel error: yaml's warnings (a list used as a key) would go to stderr; check reports them itself.
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  } catch (e) {
    // Thousands of nested [ or maps overflow the parser's stack: no record is built like that.
    if (!(e instanceof RangeError)) throw e;
    return {
      doc: parseDocument(''),
      lines,
      value: undefined,
      errors: [{ line: 1, column: 1, message: nestingMessage(), kind: 'nesting' }],
    };
  }
  const errors: YamlProblem[] = doc.errors.map((e) => {
    if (/call stack/i.test(e.message))
      return { line: 1, column: 1, message: nestingMessage(), kind: 'nesting' as const };
    // yaml reports an unclosed quote where the file ends; the person must look where it opens.
    const at = e.code === 'MISSING_CHAR' && /quote/i.test(e.message) ? openingQuote(text, e.pos[0]) : e.pos[0];
    const pos = lines.linePos(at);
    return { line: pos.line, column: pos.col, message: explain(e.code, e.message.split('\n')[0] ?? e.message) };
  });
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      // The only throw left once the text has parsed: yaml's guard against alias expansion.
      const message = (e as Error).message;
      if (/excessive alias/i.test(message)) {
        errors.push({ line: 1, column: 1, message, kind: 'aliases' });
      } else {
        const name = /alias[^:]*:\s*(\S+)/i.exec(message)?.[1];
        const at = name ? text.indexOf(`*${name}`) : -1;
        const pos = lines.linePos(Math.max(0, at));
        errors.push({
          line: pos.line,
          column: pos.col,
          message: name ? msg().yaml.theAliasHasNo(name) : `${msg().yaml.notValidYaml}（${message}）`,
        });
      }
    }
  }
  return { doc, lines, value, errors };
}

/** The offset of the quote that opens the text left unclosed at `end`: the last line before it with an odd count. */
function openingQuote(text: string, end: number): number {
  let lineEnd = Math.min(end, text.length);
  while (lineEnd > 0) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(lineStart, lineEnd);
    for (const q of ['"', "'"]) {
      const count = line.split(q).length - 1;
      if (count % 2 === 1) return lineStart + line.indexOf(q);
    }
    lineEnd = lineStart - 1;
  }
  return end;
}

const nestingMessage = () => msg().yaml.theYamlNestsToo;

/** What the YAML library's complaint means for a person typing a record, and what to do. */
function explain(code: string, original: string): string {
  switch (code) {
    case 'MISSING_CHAR':
      if (/quote/i.test(original)) return msg().yaml.aQuoteIsNot;
      if (/map values/i.test(original)) return msg().yaml.thisLineLacksA;
      break;
    case 'DUPLICATE_KEY':
      return msg().yaml.theSameKeyAppears;
    case 'TAB_AS_INDENT':
      return msg().yaml.indentedWithATab;
    case 'BAD_INDENT':
      if (/flow/i.test(original)) return msg().yaml.aOrIsNot;
      return msg().yaml.wrongIndentationKeysOf;
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return msg().yaml.wrongIndentationOrColon;
    case 'UNEXPECTED_TOKEN':
      return msg().yaml.aSymbolTooMany;
    case 'BAD_SCALAR_START':
      return msg().yaml.aValueCannotStart;
    case 'MULTIPLE_DOCS':
      return msg().yaml.oneRecordPerFile;
    case 'BAD_DQ_ESCAPE':
      return msg().yaml.aBackslashInsideDouble;
  }
  return `${msg().yaml.notValidYaml}（${original}）`;
}

/**
 * Where a value lives: the value node at `path`, or, for a missing key, the nearest map that should
 * hold it (its key), so a message about a missing field points at its parent, not at line 1.
 */
export function locate(parsed: ParsedYaml, path: ReadonlyArray<PropertyKey>, at: 'value' | 'key' = 'value'): Position {
  if (parsed.fast) return locateFast(parsed.fast, path, at);
  let node: unknown = parsed.doc.contents;
  let best: number | undefined = (node as Node | null)?.range?.[0];
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      const keyNode = pair.key as Node;
      best = keyNode.range?.[0] ?? best;
      node = pair.value;
      if (at === 'key' && i === path.length - 1) break;
      const valueStart = (node as Node | null)?.range?.[0];
      if (valueStart !== undefined && !(isScalar(node) && node.value === null)) best = valueStart;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      best = (node as Node | null)?.range?.[0] ?? best;
    } else {
      break;
    }
  }
  const pos = parsed.lines.linePos(best ?? 0);
  return { line: pos.line, column: pos.col };
}
