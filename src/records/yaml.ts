import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** More aliases than any hand-written record needs: the guard against "billion laughs". */
export const MAX_ALIASES = 50;

export interface Position {
  line: number;
  column: number;
}

export interface YamlProblem extends Position {
  message: string;
}

export interface ParsedYaml {
  doc: Document;
  lines: LineCounter;
  /** The plain value (maps, lists, strings, numbers); undefined when the text does not parse. */
  value: unknown;
  errors: YamlProblem[];
}

/**
 * Parses one YAML document keeping every node's offset, so that a problem found later in a value
 * can be shown at the line and column a person must edit. YAML 1.2 core schema: `2026-11-28`
 * stays text (no time-zone shift) and `no` stays `no`.
 */
export function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const errors: YamlProblem[] = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { line: pos.line, column: pos.col, message: e.message.split('\n')[0] ?? e.message };
  });
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      errors.push({ line: 1, column: 1, message: (e as Error).message });
    }
  }
  return { doc, lines, value, errors };
}

/**
 * Where a value lives: the value node at `path`, or, for a missing key, the nearest map that should
 * hold it (its key), so a message about a missing field points at its parent, not at line 1.
 */
export function locate(parsed: ParsedYaml, path: ReadonlyArray<PropertyKey>): Position {
  let node: unknown = parsed.doc.contents;
  let best: number | undefined = (node as Node | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      const keyNode = pair.key as Node;
      best = keyNode.range?.[0] ?? best;
      node = pair.value;
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
