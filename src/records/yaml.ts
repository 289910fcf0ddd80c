import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { say } from '../i18n.js';

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
}

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
    return { doc: parseDocument(''), lines, value: undefined, errors: [{ line: 1, column: 1, message: nestingMessage(), kind: 'nesting' }] };
  }
  const errors: YamlProblem[] = doc.errors.map((e) => {
    if (/call stack/i.test(e.message)) return { line: 1, column: 1, message: nestingMessage(), kind: 'nesting' as const };
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
          message: name
            ? say(`引用 *${name} 前面没有对应的 &${name}：删掉 *${name}，直接写出内容`, `the alias *${name} has no &${name} before it: write the value out instead`)
            : `${say('YAML 格式错误', 'not valid YAML')}（${message}）`,
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

const nestingMessage = () => say('YAML 嵌套层数太多，无法读取：一份记录只有两三层（键、列表、表格的行）', 'the YAML nests too deep to read: a record has two or three levels (keys, lists, table rows)');

/** What the YAML library's complaint means for a person typing a record, and what to do. */
function explain(code: string, original: string): string {
  switch (code) {
    case 'MISSING_CHAR':
      if (/quote/i.test(original)) return say('引号没有收尾：在文字末尾补上同样的引号，或去掉开头的引号', 'a quote is not closed: close it at the end of the text, or remove the opening one');
      if (/map values/i.test(original)) return say('这一行缺少英文冒号（应为 键: 值）；若是上一项文字的续行，请改用 | 块并缩进', 'this line lacks a colon (key: value); if it continues the text above, use a | block and indent it');
      break;
    case 'DUPLICATE_KEY':
      return say('同一个键写了两次：删除或合并其中一个', 'the same key appears twice: remove or merge one');
    case 'TAB_AS_INDENT':
      return say('缩进用了 Tab 键：YAML 只能用空格缩进', 'indented with a tab: YAML indents with spaces only');
    case 'BAD_INDENT':
      if (/flow/i.test(original)) return say('方括号 [ ] 或花括号 { } 没有收尾', 'a [ ] or { } is not closed');
      return say('缩进不对：同一级的键要对齐，下一级多缩进两个空格', 'wrong indentation: keys of one level line up, the next level indents two more spaces');
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return say('这一行的缩进或冒号不对：每行一个 键: 值，冒号后有空格；多行文字请用 | 块', 'wrong indentation or colon: one key: value a line, a space after the colon; use a | block for text of several lines');
    case 'UNEXPECTED_TOKEN':
      return say('这里多了或少了符号（- : [ ] { }）：检查这一行和上一行的缩进', 'a symbol (- : [ ] { }) too many or too few here: check the indentation of this line and the one above');
    case 'BAD_SCALAR_START':
      return say('值不能以 @ 或 ` 等符号开头：给这段文字加上引号', 'a value cannot start with @ or `: put the text in quotes');
    case 'MULTIPLE_DOCS':
      return say('一个文件只能有一份记录：删掉 --- 分隔线，或把第二份记录另存为一个文件', 'one record per file: remove the --- line, or save the second record as its own file');
    case 'BAD_DQ_ESCAPE':
      return say('双引号里的反斜杠 \\ 用法不对：改用单引号，或把 \\ 写成 \\\\', 'a backslash inside double quotes is not valid: use single quotes, or double the backslash');
  }
  return `${say('YAML 格式错误', 'not valid YAML')}（${original}）`;
}

/**
 * Where a value lives: the value node at `path`, or, for a missing key, the nearest map that should
 * hold it (its key), so a message about a missing field points at its parent, not at line 1.
 */
export function locate(parsed: ParsedYaml, path: ReadonlyArray<PropertyKey>, at: 'value' | 'key' = 'value'): Position {
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
