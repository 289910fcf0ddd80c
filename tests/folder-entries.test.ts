/**
 * entriesOf (src/rules/folder.ts), which missing-log, missing-monthly, status and report read, walks the folder's files
 * once for both forms and keeps its answer for the same facts and files (issue 17: a folder of years). It must say
 * exactly what the plain reading says: every file, in order, what its record and its path name, each entry once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate, parseMonth } from '../src/values/date.js';
import { entriesOf, type Entry } from '../src/rules/folder.js';
import type { RecordFacts } from '../src/rules/types.js';

const NAMED = /^\d{4}\/\d{2}\/(log|monthly)\/\.?(\d{4}-\d{2}(?:-\d{2})?)-([^/.]+?)(?:-\d+)?(?:\.[^/]*)?$/i;

/** The plain reading, as entriesOf was written before it was made to walk once: the reference. */
function plainEntries(form: 'log' | 'monthly', records: readonly RecordFacts[], files: readonly string[]): Entry[] {
  const byFile = new Map(records.map((r) => [r.file, r]));
  const entries: Entry[] = [];
  const seen = new Set<string>();
  const add = (file: string, author: unknown, when: string | undefined, authorFrom: Entry['authorFrom']) => {
    if (typeof author !== 'string' || author === '' || !when) return;
    const key = `${file}\u0000${author}\u0000${when}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({ file, author, when, authorFrom });
  };
  const dayOk = (s: string) =>
    form === 'log' ? s.length === 10 && parseDate(s).ok : s.length === 7 && parseMonth(s).ok;
  for (const file of new Set([...files, ...records.map((r) => r.file)])) {
    const r = byFile.get(file);
    const m = NAMED.exec(file);
    const named = m && m[1]!.toLowerCase() === form && dayOk(m[2]!) ? { author: m[3]!, when: m[2]! } : undefined;
    const theirs = r && r.form.key === form ? { author: r.values.author, when: r.when } : undefined;
    if (theirs) add(file, theirs.author, theirs.when, 'record');
    if (named) {
      add(file, named.author, named.when, 'path');
      if (theirs) {
        add(file, theirs.author ?? named.author, named.when, theirs.author === undefined ? 'path' : 'record');
        add(file, named.author, theirs.when, 'path');
      }
    }
  }
  return entries;
}

const day = fc.constantFrom('2026-11-26', '2026-11-27', '2026-02-30', '2026-11', '2026-12', '2026-13', 'x');
const person = fc.constantFrom('李明', '王芳', '');
const file = fc
  .tuple(
    fc.constantFrom('log', 'LOG', 'monthly', 'group'),
    day,
    fc.constantFrom('李明', '王芳'),
    fc.constantFrom('', '-2'),
    fc.constantFrom('.yaml', '.yml.txt', ''),
  )
  .map(([folder, d, who, copy, ext]) => `2026/11/${folder}/${d}-${who}${copy}${ext}`);
const record = fc.record({
  file,
  form: fc.constantFrom('log', 'monthly', 'group'),
  author: fc.option(person, { nil: undefined }),
  when: fc.option(day, { nil: undefined }),
});
const facts = (r: { file: string; form: string; author?: string; when?: string }) =>
  ({
    file: r.file,
    form: { key: r.form },
    values: r.author === undefined ? {} : { author: r.author },
    when: r.when,
  }) as unknown as RecordFacts;

describe('entriesOf: one walk for both forms, kept for the same facts and files', () => {
  it('says what the plain reading says, for any files and records (the same file twice, files not listed)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), fc.array(file, { maxLength: 12 }), (rows, listed) => {
        const records = rows.map(facts);
        for (const form of ['log', 'monthly'] as const)
          expect(entriesOf(form, records, listed)).toEqual(plainEntries(form, records, listed));
      }),
      { numRuns: 300 },
    );
  });

  it("says the same when the records are the files' own, in the listing's order (a scan's: walked in step)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(file, fc.option(record, { nil: undefined })), { maxLength: 12 }), (rows) => {
        // Files listed once each, in order, some with a record: as check's scan gives them.
        const listed = [...new Set(rows.map(([f]) => f))].sort();
        const records = listed.flatMap((f) => {
          const r = rows.find(([g]) => g === f)![1];
          return r ? [facts({ ...r, file: f })] : [];
        });
        for (const form of ['log', 'monthly'] as const)
          expect(entriesOf(form, records, listed)).toEqual(plainEntries(form, records, listed));
      }),
      { numRuns: 300 },
    );
  });

  it('reads again when the files or the records are not the ones it kept', () => {
    const records = [
      facts({ file: '2026/11/log/2026-11-26-李明.yaml', form: 'log', author: '李明', when: '2026-11-26' }),
    ];
    const one = ['2026/11/log/2026-11-27-王芳.yaml'];
    const other = ['2026/11/log/2026-11-26-王芳.yaml'];
    expect(entriesOf('log', records, one)).toEqual(plainEntries('log', records, one));
    expect(entriesOf('log', records, other)).toEqual(plainEntries('log', records, other));
    records.push(
      facts({ file: '2026/11/monthly/2026-11-李明.yaml', form: 'monthly', author: '李明', when: '2026-11' }),
    );
    expect(entriesOf('monthly', records, other)).toEqual(plainEntries('monthly', records, other));
    expect(entriesOf('monthly', records, other)).toHaveLength(1);
  });
});
