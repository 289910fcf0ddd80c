/**
 * The record files that paths on the command line name. Globs are matched by a small matcher of
 * our own, segment by segment, in time proportional to the pattern's length times the name's: a
 * regular expression (ours before, picomatch's too) backtracks exponentially on `*a*a*a*a*a*a*a*a*b`
 * against a long name, and would hang kmsw for hours.
 */
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';

/** One character of a name: `?`, a class `[01]`, `[!x]`, or a literal. `*` is a star. */
type Token = { star: true } | { star: false; test: (ch: string) => boolean };
/** A folder-crossing `**`, or one name's tokens. */
type Segment = 'globstar' | Token[];

/** More alternatives than this from `{a,b}` braces is not a pattern a person typed. */
const MAX_ALTERNATIVES = 1000;

/** `{log,monthly}` → both patterns, innermost braces first, so `{a,{b,c}}` works too. */
function expandBraces(pattern: string): string[] {
  let out = [pattern];
  for (let round = 0; round < 100; round++) {
    let changed = false;
    const next: string[] = [];
    for (const p of out) {
      const m = /\{([^{}]*)\}/.exec(p);
      if (!m || !m[1]!.includes(',')) {
        next.push(p);
        continue;
      }
      changed = true;
      for (const alt of m[1]!.split(',')) next.push(p.slice(0, m.index) + alt + p.slice(m.index + m[0].length));
      if (next.length > MAX_ALTERNATIVES) {
        throw new KmswError(msg().select.expandsToOverAlternatives(pattern, MAX_ALTERNATIVES));
      }
    }
    out = next;
    if (!changed) break;
  }
  return out;
}

function parseClass(chars: string[], from: number): { test: (ch: string) => boolean; end: number } | undefined {
  let i = from + 1;
  const negate = chars[i] === '!' || chars[i] === '^';
  if (negate) i++;
  const ranges: Array<[string, string]> = [];
  // A `]` first in the class is a literal.
  for (let first = true; i < chars.length && (chars[i] !== ']' || first); i++, first = false) {
    if (chars[i + 1] === '-' && chars[i + 2] !== undefined && chars[i + 2] !== ']') {
      ranges.push([chars[i]!, chars[i + 2]!]);
      i += 2;
    } else ranges.push([chars[i]!, chars[i]!]);
  }
  if (i >= chars.length) return undefined;
  return { test: (ch) => ranges.some(([a, b]) => ch >= a && ch <= b) !== negate, end: i };
}

function parseSegment(text: string): Segment {
  if (text === '**') return 'globstar';
  const chars = [...text];
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') {
      // `**` inside a name is one `*`; consecutive stars match what one does.
      if (tokens.at(-1)?.star !== true) tokens.push({ star: true });
    } else if (c === '?') tokens.push({ star: false, test: () => true });
    else if (c === '[') {
      const cls = parseClass(chars, i);
      if (cls) {
        tokens.push({ star: false, test: cls.test });
        i = cls.end;
      } else tokens.push({ star: false, test: (ch) => ch === '[' });
    } else tokens.push({ star: false, test: (ch) => ch === c });
  }
  return tokens;
}

/**
 * One name against one segment's tokens: stars resume from the last one only, so at most len(tokens) × len(name) steps.
 */
function matchName(tokens: Token[], name: string): boolean {
  const chars = [...name];
  let t = 0;
  let s = 0;
  let starT = -1;
  let starS = 0;
  while (s < chars.length) {
    const token = tokens[t];
    if (token && !token.star && token.test(chars[s]!)) {
      t++;
      s++;
    } else if (token?.star) {
      starT = t++;
      starS = s;
    } else if (starT >= 0) {
      t = starT + 1;
      s = ++starS;
    } else return false;
  }
  while (tokens[t]?.star) t++;
  return t === tokens.length;
}

/** A path's names against the pattern's segments; `**` spans zero or more folders. Memoised: segments × names steps. */
function matchSegments(pattern: Segment[], names: string[]): boolean {
  const memo = new Map<number, boolean>();
  const at = (i: number, j: number): boolean => {
    const key = i * (names.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const seg = pattern[i];
    let result: boolean;
    if (seg === undefined) result = j === names.length;
    else if (seg === 'globstar') result = at(i + 1, j) || (j < names.length && at(i, j + 1));
    else result = j < names.length && matchName(seg, names[j]!) && at(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return at(0, 0);
}

/**
 * A test for paths relative to the records folder: `*` within a name, `**` across folders, `?` one
 * character, `[01]` / `[!0]` one of (or none of) these, `{a,b}` either. A pattern that names a
 * folder selects what is in it.
 */
export function globMatcher(glob: string): (file: string) => boolean {
  const patterns = expandBraces(glob).map((p) => p.split('/').map(parseSegment));
  return (file) => {
    const names = file.split('/');
    // The file itself, or one of the folders it is in.
    for (let n = names.length; n > 0; n--) {
      const head = names.slice(0, n);
      if (patterns.some((p) => matchSegments(p, head))) return true;
    }
    return false;
  };
}

const GLOB = /[*?{[]/;

/**
 * The record files that the given paths name: a file, a folder (everything under it), or a glob,
 * each relative to the records folder. A path that names nothing is refused, so a typo is not
 * mistaken for a clean check.
 */
export function selectFiles(files: readonly string[], patterns: readonly string[]): Set<string> {
  const selected = new Set<string>();
  for (const pattern of patterns) {
    const p = pattern
      .replace(/\\/g, '/')
      .replace(/^(?:\.\/)+/, '')
      .replace(/\/+$/, '');
    let matches: string[];
    // A path that names a file or folder as it is written is taken literally, even with `[1]` in its name.
    const literal = files.filter((f) => f === p || f.startsWith(`${p}/`));
    if (GLOB.test(p) && literal.length === 0) {
      const match = globMatcher(p);
      matches = files.filter(match);
    } else matches = p === '' || p === '.' ? [...files] : literal;
    if (matches.length === 0) throw new KmswError(msg().select.namesNoRecordFile(pattern));
    for (const f of matches) selected.add(f);
  }
  return selected;
}
