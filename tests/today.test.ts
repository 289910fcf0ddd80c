/**
 * Today as the record rules see it (src/rules/today.ts): every comparison a record rule makes with today is noted,
 * so a file's result carries the days on which it holds, and the cache reuses it on those days only. These tests
 * fail when a rule reaches today without telling: the types refuse a comparison as text; any other use of today
 * names it (the result then holds on that day only); and, over generated records and random days, a result
 * checked on day A is the one checked on any day B of its span, for every record rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { loadBytes } from '../src/records/load.js';
import { ALWAYS, dayNumber, Today } from '../src/rules/today.js';
import type { FolderContext, RecordRule } from '../src/rules/types.js';
import { checkFile } from '../src/scan/file.js';
import { recordRules } from '../src/scan/folder.js';
import { openFolder } from '../src/scan/open.js';
import { addDays } from '../src/values/date.js';
import { EXAMPLE, EXAMPLE_RECORDS, ROOT, tempFolder } from './helpers.js';

// A record rule that compares a day with today as a text does not compile. `npm run typecheck` fails on an expected
// error that does not come, so this line fails the build the day RecordContext's today becomes a plain day again.
// @ts-expect-error today is a Today: compare with its methods (after, before, monthBefore), which the cache hears
export const unheard: RecordRule = (r, ctx) => (String(r.values.date) > ctx.today ? [] : []);

const dayOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

describe('Today', () => {
  it('narrows the span to the days each answer holds on, and names the day only for that day', () => {
    const today = new Today('2026-11-30');
    expect(today.span()).toEqual(ALWAYS);
    expect(today.after('2026-11-24')).toBe(true);
    expect(today.before('2026-12-02')).toBe(true);
    expect(today.span().map(dayOf)).toEqual(['2026-11-25', '2026-12-01']);
    expect(today.monthBefore('2026-12')).toBe(true);
    expect(today.span().map(dayOf)).toEqual(['2026-11-25', '2026-11-30']);
    // Past the types: a template, a comparison, JSON; each names the day.
    for (const use of [
      // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- a rule past the types, on purpose
      (t: Today) => `${t}`,
      (t: Today) => String(t),
      (t: Today) => JSON.stringify({ t }),
    ]) {
      const t = new Today('2026-11-30');
      expect(use(t)).toContain('2026-11-30');
      expect(t.span().map(dayOf)).toEqual(['2026-11-30', '2026-11-30']);
    }
    const odd = new Today('2026-11-30');
    expect(odd.before('2026-02-30')).toBe(false);
    expect(odd.span().map(dayOf)).toEqual(['2026-11-30', '2026-11-30']);
    expect(new Today('2026-02-30').span()[0]).toBeGreaterThan(new Today('2026-02-30').span()[1]);
    expect([dayNumber('1970-01-02'), dayNumber('2026-13-01'), dayNumber('0099-01-01')]).toEqual([
      1,
      undefined,
      -683_368,
    ]);
  });

  it('is the only way a rule reaches the day: no rule reads the clock', () => {
    const dir = path.join(ROOT, 'src', 'rules');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/\bDate\.now\(|new Date\(\)|\blocalToday\b|process\.env/);
    }
  });
});

interface Base {
  root: string;
  file: string;
  text: string;
  /** The record's own day, from its file name. */
  day: string;
}

describe("a record's result on the days of its span", () => {
  const bases: Base[] = [];
  const contexts = new Map<string, FolderContext>();
  const rules = recordRules(() => true);

  beforeAll(async () => {
    const generated = tempFolder({}, 'kmsw-today-');
    generate({ out: generated, assistants: 2, from: '2025-06-01', to: '2025-07-31', seed: 11 });
    const records = (root: string) =>
      readdirSync(root, { recursive: true, encoding: 'utf8' })
        .map((f) => f.split(path.sep).join('/'))
        .filter((f) => /^\d{4}\/.*\.yaml$/.test(f))
        .sort();
    for (const [root, files] of [
      [EXAMPLE, EXAMPLE_RECORDS],
      [generated, records(generated)],
    ] as const)
      for (const file of files) {
        const day = /(\d{4}-\d{2}(?:-\d{2})?)/.exec(path.basename(file))?.[1] ?? '2026-11-01';
        const text = readFileSync(path.join(root, file), 'utf8');
        bases.push({ root, file, text, day: day.length === 7 ? `${day}-28` : day });
      }
    for (const root of [EXAMPLE, generated]) contexts.set(root, (await openFolder({ root, today: '2026-12-01' })).ctx);
  });

  /** checkFile of `text` on `today`: its findings and facts (the form as its key), and its span. */
  const checked = (base: Base, text: string, today: string) => {
    const ctx = Object.create(contexts.get(base.root)!, { today: { value: today } }) as FolderContext;
    const { span, ...result } = checkFile(loadBytes(base.file, Buffer.from(text), true), ctx, rules, () => true);
    return {
      span: span!,
      result: { ...result, facts: result.facts && { ...result.facts, form: result.facts.form.key } },
    };
  };

  it('is the same on every day of it (every record rule, generated records, signatures taken out, random days)', () => {
    const edit = fc.constantFrom('none', 'unsign-date', 'unsign-name', 'sign-ahead');
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: -40, max: 40 }),
        edit,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (k, off, how, at) => {
          const base = bases[k % bases.length]!;
          let text = base.text.replace(/, digest: sha256:[0-9a-f]+/g, '');
          if (how === 'unsign-date') text = text.replace(/, date: \d{4}-\d{2}-\d{2} \}/, ' }');
          if (how === 'unsign-name') text = text.replace(/\{ name: [^,}]+, /, '{ ');
          if (how === 'sign-ahead')
            text = text.replace(/(date: )(\d{4}-\d{2}-\d{2})( \})/, (_, a, d, b) => a + addDays(d, 9) + b);
          const a = addDays(base.day, off);
          const first = checked(base, text, a);
          const [from, to] = first.span;
          const n = dayNumber(a)!;
          expect(from).toBeLessThanOrEqual(n);
          expect(to).toBeGreaterThanOrEqual(n);
          // Its ends (where an answer is about to flip) and a day inside, within a year of A.
          const lo = Math.max(from, n - 366);
          const hi = Math.min(to, n + 366);
          for (const b of [lo, hi, Math.round(lo + (hi - lo) * at)]) {
            const again = checked(base, text, dayOf(b));
            expect(again.result, `${base.file} (${how}) on ${a}, then ${dayOf(b)}`).toEqual(first.result);
          }
          return true;
        },
      ),
      { seed: 1733, numRuns: 400 },
    );
  });
});
