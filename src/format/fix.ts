/**
 * Prints what `check --fix` did or would do: a unified diff in Git's form (with `rename from`/`rename
 * to` for a move, so that `git apply` takes it), private values starred out as in check's excerpts; and
 * per file the fixes in words, then what was left and why.
 */
import { Chalk } from 'chalk';
import { msg } from '../i18n.js';
import type { FileFix, FixResult } from '../scan/fix.js';
import { redactLines } from './redact.js';
import { printable } from './table.js';

/** Lines of context around each change, as `diff -u` gives. */
const CONTEXT = 3;

/** The indexes (0-based) of the lines that differ, and whether the two texts pair line by line. */
function changedLines(a: readonly string[], b: readonly string[]): number[] {
  const changed: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) changed.push(i);
  return changed;
}

/** Hunks over texts of the same number of lines (every fix keeps each line where it was). */
function hunks(before: readonly string[], after: readonly string[], shown: [string[], string[]]): string[] {
  const changed = changedLines(before, after);
  const out: string[] = [];
  let i = 0;
  while (i < changed.length) {
    let j = i;
    while (j + 1 < changed.length && changed[j + 1]! - changed[j]! <= 2 * CONTEXT) j++;
    const from = Math.max(0, changed[i]! - CONTEXT);
    const to = Math.min(before.length, changed[j]! + CONTEXT + 1);
    out.push(`@@ -${from + 1},${to - from} +${from + 1},${to - from} @@`);
    const set = new Set(changed.slice(i, j + 1));
    for (let k = from; k < to; k++) {
      if (set.has(k)) out.push(`-${shown[0][k]}`, `+${shown[1][k]}`);
      else out.push(` ${shown[0][k]}`);
    }
    i = j + 1;
  }
  return out;
}

const linesOf = (text: string) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''));

/** Git's C escapes (quote.c): the other control characters are written in octal. */
const C_ESCAPES: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};

/** What Git quotes in a name (`"`, `\\`, control characters), and what a terminal should not get raw (C1, bidi). */
const QUOTED = /["\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A path as Git writes it in a diff's headers (`prefix` + name), so that `git apply` reads the same name: C-quoted
 * when it holds a quote, a backslash or a control character (a tab would end the name), the C1 and bidi characters
 * in octal as their UTF-8 bytes; other letters (Chinese) as they are, as with core.quotePath false.
 */
function gitPath(prefix: string, rel: string): string {
  const whole = prefix + rel;
  if (whole.search(QUOTED) < 0) return whole;
  const octal = (ch: string) => [...Buffer.from(ch, 'utf8')].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
  return `"${whole.replace(QUOTED, (ch) => C_ESCAPES[ch] ?? octal(ch))}"`;
}

/** One file's diff: the rename, then the hunks; a text whose line count changed is shown whole. */
function fileDiff(f: FileFix): string[] {
  const [from, to] = [f.file, f.to ?? f.file];
  const out = [`diff --git ${gitPath('a/', from)} ${gitPath('b/', to)}`];
  if (to !== from) out.push(`rename from ${gitPath('', from)}`, `rename to ${gitPath('', to)}`);
  if (f.after === f.before) return out;
  const before = linesOf(f.before);
  const after = linesOf(f.after);
  let shown: [string[], string[]] = [redactLines(before), redactLines(after)];
  if (shown[0].length !== before.length || shown[1].length !== after.length) shown = [before, after];
  // A record's own control characters reach the terminal as visible marks, as in check's excerpts.
  shown = [shown[0].map((l) => printable(l)), shown[1].map((l) => printable(l))];
  out.push(`--- ${gitPath('a/', from)}`, `+++ ${gitPath('b/', to)}`);
  if (before.length === after.length) out.push(...hunks(before, after, shown));
  else {
    out.push(`@@ -1,${before.length} +1,${after.length} @@`);
    out.push(...shown[0].map((l) => `-${l}`), ...shown[1].map((l) => `+${l}`));
  }
  return out;
}

/** `--fix-dry-run`'s diff of every file it would change or move. */
export function formatFixDiff(result: FixResult): string {
  const out = result.files.filter((f) => f.after !== f.before || f.to).flatMap(fileDiff);
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** What was fixed (or would be), per file, then what was left and why. */
export function formatFixSummary(result: FixResult, opts: { color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const fixed = result.files.filter((f) => !f.skipped && (f.notes.length > 0 || f.moved || (result.dryRun && f.to)));
  const out: string[] = [];
  if (fixed.length === 0) out.push(msg().fix.nothing);
  else out.push(c.green(result.dryRun ? msg().fix.plannedHeader(fixed.length) : msg().fix.fixedHeader(fixed.length)));
  for (const f of fixed) {
    out.push(`  ${c.bold(printable(f.file, { lines: false }))}`);
    for (const n of f.notes) out.push(`    ${msg().fix.atLine(n.line)}${printable(n.what)}  ${c.dim(n.rule)}`);
    if (f.moved || (result.dryRun && f.to))
      out.push(`    ${msg().fix.moved(printable(f.to!, { lines: false }), f.moved?.git ?? false)}`);
  }
  const left = result.files.filter((f) => f.skipped || f.kept.length > 0);
  if (left.length > 0) out.push(c.yellow(msg().fix.leftHeader));
  for (const f of left) {
    out.push(`  ${c.bold(printable(f.file, { lines: false }))}`);
    for (const why of f.skipped ? [f.skipped] : f.kept) out.push(`    ${printable(why)}`);
  }
  return `${out.join('\n')}\n`;
}
