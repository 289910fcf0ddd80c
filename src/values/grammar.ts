/**
 * One value grammar for `check` and for the JSON Schema editors read. The parsers match the
 * half-width form of a value (`toHalfwidth`) against regular expressions; a JSON Schema pattern
 * cannot normalise first, so `widen` rewrites the same expression to accept what the parser would
 * have accepted before normalising: each ASCII character also as its full-width twin, letters in
 * both cases when the parser ignores case, and (for durations, whose spaces the parser drops)
 * white space between any two characters.
 */

export interface WidenOptions {
  /** The parser matches case-insensitively (the `i` flag). */
  ignoreCase?: boolean;
  /** The parser removes all white space before matching: allow it before every character. */
  spaces?: boolean;
}

const fullwidth = (ch: string) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
const isPrintableAscii = (ch: string) => ch >= '!' && ch <= '~';
const escapeInClass = (ch: string) => (/[\\\]^-]/.test(ch) ? `\\${ch}` : ch);

/** The characters one literal stands for: itself, its other case, and their full-width twins. */
function twins(ch: string, opts: WidenOptions): string[] {
  const cases = opts.ignoreCase && /[A-Za-z]/.test(ch) ? [ch.toLowerCase(), ch.toUpperCase()] : [ch];
  return cases.flatMap((c) => (isPrintableAscii(c) ? [c, fullwidth(c)] : c === ' ' ? [c, '\u3000'] : [c]));
}

/** The body of a character class `[...]`, widened (ranges of digits and letters get their full-width range). */
function widenClass(body: string, opts: WidenOptions): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\') {
      const next = body[++i]!;
      if (next === 'd') out += '0-9０-９';
      else if (next === 's' || next === 'w') out += `\\${next}`;
      else out += twins(next, opts).map(escapeInClass).join('');
    } else if (body[i + 1] === '-' && i + 2 < body.length) {
      const to = body[i + 2]!;
      out += `${escapeInClass(ch)}-${escapeInClass(to)}`;
      if (isPrintableAscii(ch) && isPrintableAscii(to)) out += `${fullwidth(ch)}-${fullwidth(to)}`;
      if (opts.ignoreCase && /[a-z]/i.test(ch) && /[a-z]/i.test(to)) {
        const [a, b] = /[a-z]/.test(ch) ? [ch.toUpperCase(), to.toUpperCase()] : [ch.toLowerCase(), to.toLowerCase()];
        out += `${a}-${b}${fullwidth(a)}-${fullwidth(b)}`;
      }
      i += 2;
    } else {
      out += twins(ch, opts).map(escapeInClass).join('');
    }
  }
  return out;
}

/**
 * Rewrites a regular expression's source (the small subset the value parsers use: literals,
 * `\d \s \.`-style escapes, classes, groups, `|` and quantifiers) so that it matches every
 * spelling the parser reads before `toHalfwidth` and white-space removal.
 */
export function widen(source: string, opts: WidenOptions = {}): string {
  let out = '';
  const space = opts.spaces ? String.raw`\s*` : '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    let atom: string | undefined;
    if (ch === '\\') {
      const next = source[++i]!;
      atom =
        next === 'd'
          ? '[0-9０-９]'
          : next === 's' || next === 'w'
            ? `\\${next}`
            : `[${twins(next, opts).map(escapeInClass).join('')}]`;
    } else if (ch === '[') {
      const end = source.indexOf(']', i + 2);
      const negated = source[i + 1] === '^';
      const body = source.slice(negated ? i + 2 : i + 1, end);
      atom = negated ? `[^${body}]` : `[${widenClass(body, opts)}]`;
      i = end;
    } else if (ch === '(') {
      // A group's opening, with its kind (`(?:`), is copied as is; its contents are widened as they come.
      const kind = /^\(\?[:=!]/.exec(source.slice(i))?.[0] ?? '(';
      out += kind;
      i += kind.length - 1;
      continue;
    } else if (ch === ')' || ch === '|' || ch === '^' || ch === '$') {
      out += ch;
      continue;
    } else if (ch === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i))) {
      const q = /^\{\d+(,\d*)?\}\??/.exec(source.slice(i))![0];
      out += q;
      i += q.length - 1;
      continue;
    } else if (ch === '?' || ch === '*' || ch === '+') {
      out += ch;
      continue;
    } else if (ch === '.') {
      atom = '.';
    } else {
      const all = twins(ch, opts);
      atom = all.length === 1 ? escapeLiteral(ch) : `[${all.map(escapeInClass).join('')}]`;
    }
    out += space ? `(?:${space}${atom})` : atom;
  }
  return out;
}

const escapeLiteral = (ch: string) => (/[\\^$.|?*+()[\]{}]/.test(ch) ? `\\${ch}` : ch);

/** A whole-value pattern for a JSON Schema: the widened alternatives, with the white space the parsers trim. */
export function schemaPattern(sources: readonly string[], opts: WidenOptions = {}): string {
  return String.raw`^\s*(?:${sources.map((s) => widen(s, opts)).join('|')})\s*$`;
}
