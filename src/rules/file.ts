/**
 * Rules about a file before it is a record: its bytes, its YAML, its `form:`. When one of these
 * fires, nothing else can be said about the file, so the record rules do not run on it.
 */
import { isMap, isPair, isScalar, Scalar, visit } from 'yaml';
import { CONFIG_FILE, CONFIG_KEYS } from '../config.js';
import { fieldAt, walkFieldDefs } from '../forms/fields.js';
import { FORM_KEYS, FORMS } from '../forms/index.js';
import { msg } from '../i18n.js';
import type { LoadedFile } from '../records/load.js';
import { isMapDocument, locate, MAX_ALIASES, type ParsedYaml } from '../records/yaml.js';
import { nearest } from '../values/nearest.js';
import type { Finding } from './types.js';
import { textOf } from '../values/text.js';

/** Every key any form has: a full-width colon after one of these is a slip even in a file that parses. */
const FIELD_KEYS = new Set(['form', ...FORMS.flatMap((f) => walkFieldDefs(f.fields).map(([key]) => key))]);

/** A line's key followed by a full-width colon: `日期：2026-11-28`, `  - name：王芳`. */
const FULLWIDTH_COLON = /^([ \t]*(?:-[ \t]+)?)([A-Za-z_][\w-]*|[\p{Script=Han}]{1,10})[ \t\u3000]*：/u;
/** A key followed by `:` and a full-width space, or a line indented with one. */
const FULLWIDTH_SPACE = /^([ \t]*(?:-[ \t]*)?(?:([\w-]+):)?)\u3000/;

/** Offsets of the texts whose lines are the user's prose: block (`|`) and quoted scalars. */
function proseRanges(parsed: ParsedYaml): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  visit(parsed.doc, {
    Scalar(_, node) {
      if (node.type !== Scalar.PLAIN && node.range) ranges.push([node.range[0], node.range[1]]);
    },
  });
  return ranges;
}

/**
 * `fullwidth-syntax`: a `：` or `　` typed where YAML needs `:` or a space, the commonest slip with a
 * Chinese input method on. In a file that parses as a record only known keys are suspected, so a
 * colon in a sentence is never flagged; in a broken file any `word：` at the start of a line is.
 */
export function fullwidthSyntax(
  file: string,
  text: string,
  parsed: ParsedYaml,
  keys: ReadonlySet<string> = FIELD_KEYS,
  /** Whether the flow list item at an offset is prose, where a `，` is part of the text (a record's own fields). */
  proseAt: (parsed: ParsedYaml, offset: number) => boolean = proseField,
): Finding[] {
  const broken = parsed.errors.length > 0 || !isMap(parsed.doc.contents);
  const prose = proseRanges(parsed);
  const findings: Finding[] = [];
  let offset = 0;
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const start = offset;
    offset += raw.length + 1;
    const line = raw.replace(/\r$/, '');
    if (/^\s*#/.test(line)) continue;
    // Inside a block or quoted text, except its first line (where the key itself stands).
    if (prose.some(([from, to]) => start > from && start < to)) continue;
    const own: Finding[] = lineSlips(line, broken, keys).map(({ column, slip }) => ({
      rule: 'fullwidth-syntax',
      file,
      line: i + 1,
      column,
      ...slip,
    }));
    // After `key：`, the flow that follows is looked at too: `supervisees：[张丽，刘洋]` is three slips.
    if (/[{[]/.test(line)) own.push(...flowSlips(file, i + 1, line, start, { broken, parsed, keys, proseAt }));
    const comment = commentSlip(line, start, broken, parsed);
    if (comment) own.push({ rule: 'fullwidth-syntax', file, line: i + 1, column: comment.column, ...comment.slip });
    findings.push(...own.filter((f, k) => own.findIndex((o) => o.column === f.column) === k));
  }
  return findings;
}

/** fullwidth-syntax in kmsw.yaml: its keys, and its flow lists are names (`stations: [红云，华山]`), never prose. */
export const configSlips = (text: string, parsed: ParsedYaml) =>
  fullwidthSyntax(CONFIG_FILE, text, parsed, CONFIG_KEYS, () => false);

/** A line's `key：` or `key:　` or full-width indent, if it has one: where, and what. */
function lineSlips(line: string, broken: boolean, keys: ReadonlySet<string>): Array<{ column: number; slip: Slip }> {
  const colon = FULLWIDTH_COLON.exec(line);
  if (colon && (broken || keys.has(colon[2]!)))
    return [{ column: line.indexOf('：', colon[1]!.length) + 1, slip: colonSlip(colon[2]!) }];
  const space = FULLWIDTH_SPACE.exec(line);
  // In a file that reads well, a line may open with 　　 inside a text; only `key:　` is a slip there, and
  // `-　王芳` (outside a block or quoted text), which YAML reads as text run on from the item above.
  if (space && (broken || keys.has(space[2] ?? '') || /^[ \t]*-$/.test(space[1]!)))
    return [{ column: space[1]!.length + 1, slip: spaceSlip() }];
  return [];
}

/** A value's start on a line: indent, list dash, key and colon (either width), and the spaces after. */
const VALUE_START = /^[ \t]*(?:-[ \t\u3000]+)?(?:[^\s:：#'"]+[ \t]*[:：][ \t\u3000]*)?/;

/**
 * `place: 三楼会议室　# 待确认`: a full-width space before `#` after a plain value on one line, which YAML
 * reads as part of the value, where a comment was meant. Not in a block or quoted text, where `#` is text.
 */
function commentSlip(
  line: string,
  lineStart: number,
  broken: boolean,
  parsed: ParsedYaml,
): { column: number; slip: Slip } | undefined {
  const at = line.search(/\u3000+#/);
  if (at < 0 || /(^|[ \t])#/.test(line.slice(0, at))) return undefined;
  const value = VALUE_START.exec(line)![0].length;
  if (at < value || /^["'|>[{]/.test(line.slice(value))) return undefined;
  if (!broken) {
    const node = plainScalarAt(parsed, lineStart + at);
    // On one line: a plain text run on over lines is prose, where a `#` may stand after a full-width space.
    if (!node?.range || node.range[0] < lineStart || node.range[1] > lineStart + line.length + 1) return undefined;
  }
  return { column: at + 1, slip: { message: msg().fix.commentSlip, hint: msg().fix.commentHint } };
}

/** The plain scalar whose text holds the offset, if one does. */
function plainScalarAt(parsed: ParsedYaml, offset: number): Scalar | undefined {
  let found: Scalar | undefined;
  visit(parsed.doc, {
    Scalar(_, node) {
      if (node.type === Scalar.PLAIN && node.range && offset >= node.range[0] && offset < node.range[1]) {
        found = node;
        return visit.BREAK;
      }
    },
  });
  return found;
}

/** What a slip is and how to write it instead. */
interface Slip {
  message: string;
  hint: string;
}

const spaceSlip = (): Slip => ({
  message: msg().file.thisIsAFull,
  hint: msg().file.switchTheInputMethod,
});

/** `key：` for `key: `, what is wrong and what to type instead. */
const colonSlip = (key: string): Slip => ({
  message: msg().file.isFollowedByA(key),
  hint: msg().file.write(key),
});

/** A key as a person types it in a flow: `name`, `signature_image`, or a Chinese label. */
const FLOW_KEY = /([A-Za-z_][\w-]*|[\p{Script=Han}]{1,10})[ \t]*$/u;
/** What may follow a full-width comma that ends a pair in a flow map: `，date: …`. */
const NEXT_PAIR = /^[ \t\u3000]*([A-Za-z_][\w-]*|[\p{Script=Han}]{1,10})[ \t]*[:：]/u;
/** A short item of a flow list, a name or a number (prose, which may hold a `，`, is longer). */
const SHORT_ITEM = /^[ \t]*[^\s,，[\]{}]{1,8}[ \t]*$/u;

/**
 * fullwidth-syntax inside flow brackets, as in block style: `{ name：王芳 }`, `{ name:　王芳 }`,
 * `{ name: 王芳，date: … }` and `[王芳，陈建国]`. In a file that parses, a key must be one of the
 * forms' keys, and a `，` in a list is a slip only where the field is not prose (a list of names or
 * ratings, not `plan`); in a broken file any of them is suspected.
 */
function flowSlips(
  file: string,
  lineNo: number,
  line: string,
  lineStart: number,
  read: Pick<SlipPlace, 'broken' | 'parsed' | 'keys' | 'proseAt'>,
): Finding[] {
  const findings: Finding[] = [];
  const stack: string[] = [];
  // A key or an item is a few characters: looking further would make a hostile 300,000-character line quadratic.
  let quote: string | undefined;
  let itemStart = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote && line[i - 1] !== '\\') quote = undefined;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    if ((ch === '"' || ch === "'") && /^[\s{[,]*$/.test(line.slice(itemStart, i))) {
      quote = ch;
      continue;
    }
    if (ch === '{' || ch === '[') {
      stack.push(ch);
      itemStart = i + 1;
      continue;
    }
    if (ch === '}' || ch === ']') {
      stack.pop();
      itemStart = i + 1;
      continue;
    }
    if (ch === ',') itemStart = i + 1;
    const inside = stack.at(-1);
    if (!inside || findings.length >= MAX_SLIPS) continue;
    const slip = slipAt({ line, i, inside, itemStart, lineStart, ...read });
    if (slip) findings.push({ rule: 'fullwidth-syntax', file, line: lineNo, column: i + 1, ...slip });
  }
  return findings;
}

interface SlipPlace {
  line: string;
  /** The offset of the character looked at, inside a flow map (`{`) or list (`[`). */
  i: number;
  inside: string;
  /** Where the current key or item began. */
  itemStart: number;
  broken: boolean;
  parsed: ParsedYaml;
  lineStart: number;
  /** The keys that a file which parses may hold. */
  keys: ReadonlySet<string>;
  proseAt: (parsed: ParsedYaml, offset: number) => boolean;
}

/** The slip the character at `i` is, if it is one: what is wrong and how to write it. */
function slipAt({ line, i, inside, itemStart, broken, parsed, lineStart, keys, proseAt }: SlipPlace): Slip | undefined {
  const ch = line[i];
  const known = (key: string | undefined): key is string => !!key && (broken || keys.has(key));
  if (ch === '：' && inside === '{') {
    const key = FLOW_KEY.exec(line.slice(Math.max(itemStart, i - NEAR), i))?.[1];
    return known(key) ? colonSlip(key) : undefined;
  }
  if (ch === '\u3000' && line[i - 1] === ':' && inside === '{') {
    const key = FLOW_KEY.exec(line.slice(Math.max(itemStart, i - 1 - NEAR), i - 1))?.[1];
    return known(key) ? spaceSlip() : undefined;
  }
  if (ch === '，' && inside === '{') {
    const key = NEXT_PAIR.exec(line.slice(i + 1, i + 1 + NEAR))?.[1];
    return known(key) ? { message: msg().file.thisIsAFullWidth, hint: msg().file.write2(key) } : undefined;
  }
  if (ch !== '，' || inside !== '[') return undefined;
  const after = line.slice(i + 1, i + 1 + NEAR);
  const end = after.search(/[,\]]/);
  const next = end < 0 ? after : after.slice(0, end);
  const before = line
    .slice(Math.max(itemStart, i - NEAR), i)
    .split('，')
    .at(-1)!;
  if (!SHORT_ITEM.test(before) || !SHORT_ITEM.test(next.split('，')[0]!)) return undefined;
  if (!broken && proseAt(parsed, lineStart + i)) return undefined;
  return { message: msg().file.thisIsAFullWidthComma, hint: msg().file.eG };
}

/** How far before or after a full-width mark a key or an item is looked for. */
const NEAR = 40;
/** A line with more slips than this is reported for the first ones: each one is fixed the same way. */
const MAX_SLIPS = 20;

/** Fields whose list items are prose, where a `，` is part of the text. */
const PROSE_KINDS = new Set(['text', 'lines', 'line']);

/** A record's flow list item is prose when its field is (or is not the form's: a `，` there is left alone). */
const proseField = (parsed: ParsedYaml, offset: number) => PROSE_KINDS.has(kindAt(parsed, offset) ?? 'text');

const scalarKinds = new WeakMap<ParsedYaml, Array<[number, number, string | undefined]>>();

/**
 * The kind of the form's field whose value holds the text at `offset` (a flow list's item), when the file reads as a
 * record.
 */
function kindAt(parsed: ParsedYaml, offset: number): string | undefined {
  let kinds = scalarKinds.get(parsed);
  if (!kinds) {
    // Every scalar's range and field, found in one walk however many commas the file has.
    const found: Array<[number, number, string | undefined]> = [];
    const form = FORMS.find((f) => f.key === (parsed.value as { form?: unknown } | undefined)?.form);
    if (form) {
      visit(parsed.doc, {
        Scalar(_, node, path) {
          if (!node.range) return;
          const keys = path.flatMap((p) => (isPair(p) && isScalar(p.key) ? [String(p.key.value)] : []));
          found.push([node.range[0], node.range[1], fieldAt(form.fields, keys)?.kind]);
        },
      });
    }
    scalarKinds.set(parsed, (kinds = found));
  }
  return kinds.find(([from, to]) => offset >= from && offset < to)?.[2];
}

/** encoding, too-large, yaml-syntax (or fullwidth-syntax when that is the cause). */
export function fileProblems(loaded: LoadedFile, text: string | undefined): Finding[] {
  const { file, problem, parsed } = loaded;
  if (!problem) return [];
  if (problem.rule === 'yaml-syntax' && parsed) {
    const nesting = parsed.errors.find((e) => e.kind === 'nesting');
    if (nesting)
      return [{ rule: 'too-large', file, line: nesting.line, column: nesting.column, message: nesting.message }];
    const aliases = parsed.errors.find((e) => e.kind === 'aliases');
    if (aliases) {
      return [
        {
          rule: 'too-large',
          file,
          line: 1,
          column: 1,
          message: msg().file.theYamlExpandsToo(MAX_ALIASES),
          hint: msg().file.writeTheValuesOut,
        },
      ];
    }
    const fullwidth = text === undefined ? [] : fullwidthSyntax(file, text, parsed);
    if (fullwidth.length > 0) return fullwidth;
  }
  const { rule, line, column, message, hint } = problem;
  return [{ rule, file, line, column, message, ...(hint ? { hint } : {}) }];
}

/** unknown-form: the file is not a map, or `form:` is missing or names no form. */
export function unknownForm(file: string, parsed: ParsedYaml): Finding[] {
  const value = parsed.value;
  if (!isMapDocument(parsed) || value === null || typeof value !== 'object') {
    const what =
      value === null || value === undefined
        ? msg().file.theFileIsEmpty
        : Array.isArray(value)
          ? msg().file.theWholeFileIs
          : msg().file.theWholeFileIsOne;
    return [
      {
        rule: 'unknown-form',
        file,
        line: 1,
        column: 1,
        message: msg().file.notARecord(what),
        hint: msg().file.aRecordStartsWith,
      },
    ];
  }
  const form = (value as Record<string, unknown>).form;
  if (form === undefined || form === null || form === '') {
    return [
      {
        rule: 'unknown-form',
        file,
        field: 'form',
        ...locate(parsed, ['form']),
        message: msg().file.formIsMissing,
        hint: msg().file.sayWhichFormOn(FORM_KEYS),
      },
    ];
  }
  if (typeof form === 'string' && FORM_KEYS.includes(form)) return [];
  const text = textOf(isScalar(form) ? form.value : form);
  const guess = nearest(text, FORM_KEYS) ?? FORMS.find((f) => f.title === text || f.title.includes(text))?.key;
  return [
    {
      rule: 'unknown-form',
      file,
      field: 'form',
      ...locate(parsed, ['form']),
      message: msg().file.formNamesNoForm(text),
      hint: msg().file.didYouMeanGuess(guess, FORM_KEYS),
    },
  ];
}
