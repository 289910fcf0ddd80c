/**
 * `check --fix` is safe and idempotent, over generated folders of logs with slips put in (full-width
 * colons and spaces, every full-width space of an indent and list dash, full-width spaces before a comment,
 * keys one letter off, a date spelled otherwise in the file name, a record in the wrong folder) beside
 * layout that is no slip (comments, CRLF, BOM, a date spelled `2026年11月24日`):
 * after --fix the folder is, byte for byte, the folder without the slips, so no fixable rule fires and
 * every value that had no diagnostic is as it was; no diagnostic appears that was not there; fixing
 * again changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/commands/check.js';
import { fix } from '../src/commands/fix.js';
import { FIXABLE } from '../src/scan/fix.js';
import { CONFIG, forRuns, put, snapshot, tempFolder } from './helpers.js';

const TODAY = '2026-11-30';
const LONG =
  '上午随王芳老师到红云街道社工站开展个人督导，时长约一个半小时。'.repeat(12) + '下午整理督导记录，核对签名。';

const spec = fc.record({
  author: fc.constantFrom('李明', '赵雪'),
  day: fc.constantFrom(23, 24, 25, 26, 27, 30),
  long: fc.boolean(),
  comment: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  colon: fc.constantFrom('none', 'author', 'date', 'both'),
  colonSpace: fc.boolean(),
  space: fc.boolean(),
  // A full-width space run before the date's comment, which YAML would read into the value.
  commentSpace: fc.boolean(),
  // The plan's item with its indent, its dash's space, or both typed full-width (every one of a run).
  item: fc.constantFrom('none', 'indent', 'dash', 'both'),
  typo: fc.constantFrom('none', 'pln', 'plna', 'contnet', 'conten', 'auther', 'dat'),
  spelled: fc.constantFrom('none', 'chinese', 'dots'),
  place: fc.constantFrom('ok', 'name', 'folder'),
});
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

const spell = (s: Spec, how: string) =>
  how === 'chinese' ? `2026年11月${s.day}日` : how === 'dots' ? `2026.11.${s.day}` : `2026-11-${s.day}`;

/** One log as it should be, and as typed with its slips: path and text of each. */
function record(s: Spec): { clean: [string, string]; slipped: [string, string] } {
  const canonical = `2026-11-${s.day}`;
  // A spelling is no slip where nothing points at it; in the file name too, it is misplaced's to mend.
  const written = s.place === 'name' ? spell(s, s.spelled === 'none' ? 'chinese' : s.spelled) : spell(s, s.spelled);
  const lines = (date: string) => [
    `# 督导工作日志${s.comment ? '（补写）' : ''}`,
    'form: log',
    `author: ${s.author}`,
    `date: ${date}${s.comment ? '  # 日期' : ''}`,
    'content: |',
    `  ${s.long ? LONG : '短。'}`,
    'plan:',
    '  - 跟进关上街道社工站的督导需求',
  ];
  const join = (l: string[]) => (s.bom ? '\uFEFF' : '') + l.map((x) => `${x}${s.crlf ? '\r' : ''}\n`).join('');
  const clean = lines(s.place === 'name' ? canonical : written);
  const slipped = lines(written);
  const colon = s.colonSpace ? '： ' : '：';
  if (s.colon === 'author' || s.colon === 'both') slipped[2] = slipped[2]!.replace(': ', colon);
  else if (s.space) slipped[2] = slipped[2]!.replace(': ', ':\u3000');
  if (s.colon === 'date' || s.colon === 'both') slipped[3] = slipped[3]!.replace(': ', colon);
  if (s.comment && s.commentSpace) slipped[3] = slipped[3]!.replace('  # 日期', '\u3000\u3000# 日期');
  if (s.item === 'indent' || s.item === 'both') slipped[7] = slipped[7]!.replace('  -', '\u3000\u3000-');
  if (s.item === 'dash' || s.item === 'both') slipped[7] = slipped[7]!.replace('- ', '-\u3000');
  if (s.typo === 'pln' || s.typo === 'plna') slipped[6] = `${s.typo}:`;
  if (s.typo === 'contnet' || s.typo === 'conten') slipped[4] = `${s.typo}: |`;
  if (s.typo === 'auther') slipped[2] = slipped[2]!.replace('author', 'auther');
  if (s.typo === 'dat') slipped[3] = slipped[3]!.replace('date', 'dat');
  const name = `${canonical}-${s.author}.yaml`;
  const slippedPath =
    s.place === 'folder'
      ? `2026/11/group/${name}`
      : s.place === 'name'
        ? `2026/11/log/${written}-${s.author}.yaml`
        : `2026/11/log/${name}`;
  return { clean: [`2026/11/log/${name}`, join(clean)], slipped: [slippedPath, join(slipped)] };
}

function folderOf(files: Array<[string, string]>): string {
  const dir = tempFolder({ 'kmsw.yaml': CONFIG }, 'kmsw-fixprop-');
  for (const [rel, text] of files) put(dir, rel, text);
  return dir;
}

const shown = (d: { file: string; line: number; column: number; rule: string; message: string }) =>
  `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`;

describe('check --fix over generated records', () => {
  it(
    'gives the folder without its slips, uncovers nothing, and is idempotent',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(spec, { selector: (s) => `${s.author}${s.day}`, minLength: 1, maxLength: 4 }),
          async (specs) => {
            const records = specs.map(record);
            const cleanDir = folderOf(records.map((r) => r.clean));
            const dir = folderOf(records.map((r) => r.slipped));
            const cleanCheck = await check({ root: cleanDir, today: TODAY });
            expect(cleanCheck.diagnostics.filter((d) => FIXABLE.includes(d.rule))).toEqual([]);
            const before = await check({ root: dir, today: TODAY });

            const fixed = await fix({ root: dir, today: TODAY });
            expect(snapshot(dir)).toEqual(snapshot(cleanDir));
            expect(fixed.check.diagnostics.map(shown)).toEqual(cleanCheck.diagnostics.map(shown));
            // Nothing appears that was not there, at the same line of the same record (wherever it moved from),
            // but on a slip's line: a value under a key one letter off is read under its field once renamed.
            const from = new Map(fixed.files.filter((f) => f.moved).map((f) => [f.to!, f.file]));
            const had = new Set(before.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`));
            const slips = new Set(
              before.diagnostics.filter((d) => FIXABLE.includes(d.rule)).map((d) => `${d.file}:${d.line}`),
            );
            for (const d of fixed.check.diagnostics) {
              const at = `${from.get(d.file) ?? d.file}:${d.line}`;
              if (!slips.has(at)) expect(had, shown(d)).toContain(`${at} ${d.rule}`);
            }

            const again = await fix({ root: dir, today: TODAY });
            expect(again.files).toEqual([]);
            expect(snapshot(dir)).toEqual(snapshot(cleanDir));
          },
        ),
        { numRuns: 12 },
      );
    },
    forRuns(4),
  );
});
