/**
 * Makes a part of kmsw's build pure ASCII (scripts/bundle.mjs; docs/build.md), so that Node reads it into a
 * one-byte string: a single non-ASCII character makes V8 hold the whole file as two bytes a character,
 * which costs every start-up ~10 ms more to read (dist/commands.cjs, measured) and twice the memory.
 *
 * esbuild already writes strings with `\u` escapes; what it leaves are comments, regular expression
 * literals and `String.raw` templates, whose text it cannot change. Here each of those is rewritten to mean
 * exactly what it meant: a comment's character becomes its escape (a comment means nothing); a regular
 * expression's character becomes `\uXXXX`, which a pattern reads as that character, with or without the
 * `u` flag (a surrogate pair as two escapes is one code point under `u`); a template's character becomes
 * `${"\uXXXX"}`, a substitution of that character, which String.raw (and an untagged template) joins in
 * unchanged. Anything else (another tag, an escaped character, a name) stops the build.
 */
import { tokenizer, tokTypes as tt } from 'acorn';

const NON_ASCII = /[^\x00-\x7f]/g;
const hasNonAscii = (text) => /[^\x00-\x7f]/.test(text);
/** Token types after which a template is tagged: `f\`…\``, `a.b\`…\``, `f()\`…\``. */
const TAGS = new Set([tt.name, tt.parenR, tt.bracketR, tt.backQuote]);
const escape = (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Each UTF-16 unit of `text` outside ASCII, as `replace` hands it over; a character after a backslash throws. */
function rewrite(text, as, where) {
  return text.replace(NON_ASCII, (ch, at) => {
    if (text[at - 1] === '\\')
      throw new Error(`${where}: an escaped non-ASCII character, which ascii.mjs cannot rewrite`);
    return as(ch);
  });
}

/** The tokens of `code`, each with the tag of the template it is part of: `String.raw`, '' (none), or another. */
function* tokensOf(code, comments) {
  const onComment = (_block, _text, start, end) => comments.push({ start, end });
  const stack = [];
  let before = [];
  let last;
  for (const token of tokenizer(code, { ecmaVersion: 'latest', allowReturnOutsideFunction: true, onComment })) {
    const top = stack.at(-1);
    if (token.type === tt.backQuote) {
      if (typeof top === 'object') stack.pop();
      else stack.push({ tag: TAGS.has(last) ? before.join('') : '' });
    } else if (token.type === tt.braceL || token.type === tt.dollarBraceL) stack.push('brace');
    else if (token.type === tt.braceR) stack.pop();
    yield { token, tag: typeof top === 'object' ? top.tag : undefined };
    before = [...before.slice(-2), code.slice(token.start, token.end)];
    last = token.type;
  }
}

/** `code` with every non-ASCII character written in ASCII, meaning the same; `file` names it in an error. */
export function toAscii(code, file) {
  if (!hasNonAscii(code)) return code;
  const edits = [];
  const comments = [];
  for (const { token, tag } of tokensOf(code, comments)) {
    const text = code.slice(token.start, token.end);
    if (!hasNonAscii(text)) continue;
    const where = `${file} at ${token.start}`;
    if (token.type === tt.regexp || token.type === tt.string) edits.push([token, rewrite(text, escape, where)]);
    else if (token.type === tt.template && (tag === '' || tag === 'String.raw'))
      edits.push([token, rewrite(text, (ch) => `\${"${escape(ch)}"}`, where)]);
    else throw new Error(`${where}: non-ASCII in a ${token.type.label} token${tag ? ` tagged ${tag}` : ''}`);
  }
  for (const comment of comments) edits.push([comment, rewrite(code.slice(comment.start, comment.end), escape, file)]);
  edits.sort(([a], [b]) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const [{ start, end }, text] of edits) {
    out += code.slice(at, start) + text;
    at = end;
  }
  out += code.slice(at);
  if (hasNonAscii(out)) throw new Error(`${file}: still not ASCII`);
  return out;
}
