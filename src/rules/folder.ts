/**
 * Rules across records: what is missing, what is there twice, who is nobody the folder knows, and
 * how far each county is from the year's requirements. They work on RecordFacts, never on YAML,
 * so a folder of years of records is checked in flat memory.
 */
import { recordBase } from '../records/paths.js';
import { bareName } from '../values/text.js';
import { msg } from '../i18n.js';
import {
  addDays,
  daysBetween,
  monthEnd,
  monthOf,
  parseDate,
  parseMonth,
  quarterOf,
  utcDay,
  type Day,
} from '../values/date.js';
import { showDuration } from '../values/duration.js';
import { beforeDuty, dutyFindings } from './duties.js';
import { ledAfterExit } from './evaluation.js';
import { FACE_TO_FACE, ONLINE, sessionsOf, type Session } from './sessions.js';
import { dayNumber, holdingOn, type DaySpan } from './today.js';
import type { ConfigFinding, ConfigRule, Finding, FolderContext, FolderRule, Reach, RecordFacts } from './types.js';

const by = <T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

/** duplicate: a second log by one author on one day, a second summary for one month. */
export const duplicate: FolderRule = (records) => {
  const findings: Finding[] = [];
  for (const same of sameRecords(records)) {
    const first = original(same);
    for (const r of same) {
      if (r === first || !r.inScope) continue;
      const who = String(r.values[r.form.slugField]);
      findings.push({
        rule: 'duplicate',
        file: r.file,
        field: r.form.dateField,
        ...r.whenAt,
        message: msg().rulesFolder.alreadyHasAFor(who, r.when, r.form.title, first.file, r.form.key),
        hint: msg().rulesFolder.mergeTheTwoOr,
      });
    }
  }
  return findings;
};

/**
 * The record of a group that stands as the original: the one at the path `kmsw new` gives it (`2026/11/log/
 * 2026-11-30-李明.yaml`), else one in its form's folder named with its date and `.yaml` (a `-2` copy), else the first.
 * A stray copy (`2026/11/2026-11-30-李明副本.yaml`, `….YAML`) is then the duplicate, wherever its name sorts. Only the
 * group's own records decide it, so duplicateReach still holds.
 */
function original(same: readonly RecordFacts[]): RecordFacts {
  let best = same[0]!;
  if (same.length === 1) return best;
  let bestRank = placeRank(best);
  for (const r of same) {
    const rank = placeRank(r);
    if (rank < bestRank) [best, bestRank] = [r, rank];
  }
  return best;
}

/** 0: the record's own path; 1: its form's folder of its month, named with its date, `.yaml`; 2: anywhere else. */
function placeRank(r: RecordFacts): number {
  const { dir, base } = recordBase(r.form, r.when!, String(r.values[r.form.slugField]));
  if (r.file === `${dir}/${base}.yaml`) return 0;
  return r.file.startsWith(`${dir}/${r.when}-`) && r.file.endsWith('.yaml') && !r.file.includes('/', dir.length + 1)
    ? 1
    : 2;
}

/** duplicate's group of a record (its day, form and author), when its form allows one per author and day. */
function sameKey(r: RecordFacts): string | undefined {
  const who = r.values[r.form.slugField];
  return r.form.unique && r.when && typeof who === 'string'
    ? `duplicate\u0000${r.when}\u0000${r.form.key}\u0000${who}`
    : undefined;
}

/** duplicate is said on a record in scope that is not the first of its group (sameRecords). */
export const duplicateReach: Reach = {
  groups: (r) => {
    const key = sameKey(r);
    return key === undefined ? [] : [key];
  },
  needs: (records) => records.flatMap((r) => (r.inScope ? duplicateReach.groups(r) : [])),
};

/**
 * The records of a form that allows one per author and day (or month), grouped by form, author and day: by day, then
 * form, then author, each a map of its own, so that no key is made per record (a folder of years has tens of
 * thousands). In each group the records keep their order.
 */
function sameRecords(records: readonly RecordFacts[]): RecordFacts[][] {
  const groups: RecordFacts[][] = [];
  const byDay = new Map<string, Map<string, Map<string, RecordFacts[]>>>();
  for (const r of records) {
    const who = r.values[r.form.slugField];
    if (!r.form.unique || !r.when || typeof who !== 'string') continue;
    let forms = byDay.get(r.when);
    if (!forms) byDay.set(r.when, (forms = new Map<string, Map<string, RecordFacts[]>>()));
    let authors = forms.get(r.form.key);
    if (!authors) forms.set(r.form.key, (authors = new Map<string, RecordFacts[]>()));
    const same = authors.get(who);
    if (same) same.push(r);
    else {
      const group = [r];
      authors.set(who, group);
      groups.push(group);
    }
  }
  return groups;
}

/** The working days from `from` to `to` (inclusive); assistants who started together share one list. */
const workdayCache = new WeakMap<FolderContext['calendar'], Map<string, Day[]>>();
function workdays(ctx: FolderContext, from: Day, to: Day): Day[] {
  let cache = workdayCache.get(ctx.calendar);
  if (!cache) workdayCache.set(ctx.calendar, (cache = new Map<string, Day[]>()));
  const key = `${from}/${to}`;
  let list = cache.get(key);
  if (!list) {
    list = [];
    // Counted, not compared as text: one step per day of the period, whatever the years (one date, moved a day at a
    // time: a folder of years has tens of thousands of days to ask about).
    const days = daysBetween(from, to);
    const at = new Date(`${from}T00:00:00Z`);
    for (let i = 0; i <= days; i++, at.setUTCDate(at.getUTCDate() + 1)) {
      const day = utcDay(at);
      if (ctx.calendar.isWorkday(day)) list.push(day);
    }
    cache.set(key, list);
  }
  return list;
}

/** The first and last day the checked period covers, from an assistant's `since`, up to today. */
function period(ctx: FolderContext, since: Day): [Day, Day] {
  let from = since;
  let to = ctx.today;
  if (ctx.scope.month) {
    from = from > `${ctx.scope.month}-01` ? from : `${ctx.scope.month}-01`;
    to = to < monthEnd(ctx.scope.month) ? to : monthEnd(ctx.scope.month);
  } else if (ctx.scope.year !== undefined) {
    from = from > `${ctx.scope.year}-01-01` ? from : `${ctx.scope.year}-01-01`;
    to = to < `${ctx.scope.year}-12-31` ? to : `${ctx.scope.year}-12-31`;
  }
  return [from, to];
}

/** A daily log or a monthly summary that a file stands for: whose, and for which day (or month). */
export interface Entry {
  file: string;
  author: string;
  when: string;
  /** Whether the author was read from the record, or from the file's name only. */
  authorFrom: 'record' | 'path';
}

/** `2026/11/log/2026-11-26-李明.yaml` (or `…-李明-2.yaml`): the author and day its path names. */
// Also a file kmsw will not read (`….yaml.txt`, no extension, a hidden copy): reported as unreadable, still that day's.
const NAMED = /^\d{4}\/\d{2}\/(log|monthly)\/\.?(\d{4}-\d{2}(?:-\d{2})?)-([^/.]+?)(?:-\d+)?(?:\.[^/]*)?$/i;

/**
 * Every log (or monthly summary) that the folder's files stand for. A file counts for the author
 * and day its record says, and also for those its path names: a log that exists but is broken (bad
 * YAML, an unreadable date, a misspelt author) is that day's log, whose own fault is reported on
 * it, never a missing day whose advice would write a second file. Where only one of author and
 * day reads from the record, the path gives the other.
 */
export function entriesOf(form: 'log' | 'monthly', records: readonly RecordFacts[], files: readonly string[]): Entry[] {
  let memo = entriesMemo.get(records);
  if (!memo || memo.files !== files || memo.length !== records.length) {
    memo = { files, length: records.length, entries: readEntries(records, files) };
    entriesMemo.set(records, memo);
  }
  return memo.entries[form];
}

export type Entries = Record<'log' | 'monthly', Entry[]>;

/**
 * entriesOf's answers, kept for the same records and files: missing-log and missing-monthly both ask for the logs
 * of a folder of years (tens of thousands of files), in one run.
 */
const entriesMemo = new WeakMap<
  readonly RecordFacts[],
  { files: readonly string[]; length: number; entries: Entries }
>();

/**
 * Tells entriesOf what it would find for these records and files: `entries` made file by file with entriesInto, each
 * file of `files` once, in their order, with its record (check's threads, as they check each run of files, so that the
 * folder rules do not walk every file again alone at the end).
 */
export function knownEntries(records: readonly RecordFacts[], files: readonly string[], entries: Entries): void {
  entriesMemo.set(records, { files, length: records.length, entries });
}

/** The days and months a folder's names give, each parsed once (they repeat: every assistant, every year). */
const dayParsed = new Map<string, boolean>();

function dayOk(form: 'log' | 'monthly', s: string): boolean {
  if (s.length !== (form === 'log' ? 10 : 7)) return false;
  let ok = dayParsed.get(s);
  if (ok === undefined) {
    ok = form === 'log' ? parseDate(s).ok : parseMonth(s).ok;
    if (dayParsed.size < 100_000) dayParsed.set(s, ok);
  }
  return ok;
}

/** One file's entries of both forms (entriesOf's), added to `out`: what its record says, what its path names. */
export function entriesInto(out: Entries, file: string, r: RecordFacts | undefined): void {
  const m = NAMED.exec(file);
  const namedForm = m ? m[1]!.toLowerCase() : undefined;
  for (const form of FORMS) {
    const named = namedForm === form && dayOk(form, m![2]!) ? { author: m![3]!, when: m![2]! } : undefined;
    const theirs = r && r.form.key === form ? { author: r.values.author, when: r.when } : undefined;
    if (named || theirs) fileEntries(out[form], file, named, theirs);
  }
}

/**
 * entriesOf's work, for both forms in one walk: each file once, in the order of `files` and then of the other
 * records'.
 */
function readEntries(records: readonly RecordFacts[], files: readonly string[]): Entries {
  return inStep(records, files, entriesInto) ?? byLookup(records, files, entriesInto);
}

const FORMS = ['log', 'monthly'] as const;

type Visit = (out: Entries, file: string, r: RecordFacts | undefined) => void;

/**
 * readEntries' walk when the records are the files' own, in their order (as a scan gives them, the files listed once
 * each, in order): each file with its record found in step, without a map of every file. Undefined when they are not.
 */
function inStep(records: readonly RecordFacts[], files: readonly string[], visit: Visit): Entries | undefined {
  let next = 0;
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && !(files[i - 1]! < files[i]!)) return undefined;
    if (next < records.length && records[next]!.file === files[i]) next++;
  }
  if (next !== records.length) return undefined;
  const out: Entries = { log: [], monthly: [] };
  next = 0;
  for (const file of files) {
    const r = next < records.length && records[next]!.file === file ? records[next++] : undefined;
    visit(out, file, r);
  }
  return out;
}

/** readEntries' walk in any case: each file's record looked up by name (the last of that name). */
function byLookup(records: readonly RecordFacts[], files: readonly string[], visit: Visit): Entries {
  const byFile = new Map<string, RecordFacts>();
  for (const r of records) byFile.set(r.file, r);
  const out: Entries = { log: [], monthly: [] };
  const listed = new Set(files);
  for (const file of listed) visit(out, file, byFile.get(file));
  for (const r of records) {
    if (listed.has(r.file)) continue;
    listed.add(r.file);
    visit(out, r.file, byFile.get(r.file));
  }
  return out;
}

/** One file's entries of one form, added to `entries`: what its record says, what its path names, and the mixes. */
function fileEntries(
  entries: Entry[],
  file: string,
  named: { author: string; when: string } | undefined,
  theirs: { author: unknown; when: string | undefined } | undefined,
): void {
  // A key is the file, author and day: each file comes once, so the ones to compare with are this file's own.
  const from = entries.length;
  const add = (author: unknown, when: string | undefined, authorFrom: Entry['authorFrom']) => {
    if (typeof author !== 'string' || author === '' || !when) return;
    for (let i = from; i < entries.length; i++) if (entries[i]!.author === author && entries[i]!.when === when) return;
    entries.push({ file, author, when, authorFrom });
  };
  if (theirs) add(theirs.author, theirs.when, 'record');
  if (named) {
    add(named.author, named.when, 'path');
    if (theirs) {
      add(theirs.author ?? named.author, named.when, theirs.author === undefined ? 'path' : 'record');
      add(named.author, theirs.when, 'path');
    }
  }
}

export interface LogDays {
  name: string;
  /** Index in kmsw.yaml's assistants. */
  index: number;
  /** Working days in the period from the assistant's `since` up to today. */
  expected: Day[];
  /** Expected days with no log file at all. */
  missing: Day[];
  /** Expected days whose log files all have faults of their own, with those files. */
  faulty: Array<{ day: Day; files: string[] }>;
}

/**
 * Each assistant's working days in the checked period, those without a log, and (given `clean`,
 * which says whether a record passes its own rules) those whose only logs have errors.
 */
export function logDays(
  records: readonly RecordFacts[],
  ctx: FolderContext,
  files: readonly string[],
  clean?: (r: RecordFacts) => boolean,
): LogDays[] {
  // By author, then by day: each expected day is then one lookup, without a key made for it.
  const written = new Map<string, Map<string, string[]>>();
  for (const e of entriesOf('log', records, files)) {
    let days = written.get(e.author);
    if (!days) written.set(e.author, (days = new Map<string, string[]>()));
    const theirs = days.get(e.when);
    if (theirs) theirs.push(e.file);
    else days.set(e.when, [e.file]);
  }
  const byFile = new Map(clean ? records.map((r) => [r.file, r]) : []);
  return ctx.config.assistants.map((assistant, index) => {
    const [from, to] = period(ctx, assistant.since);
    const expected = workdays(ctx, from, to);
    const missing: Day[] = [];
    const faulty: LogDays['faulty'] = [];
    const days = written.get(assistant.name);
    for (const day of expected) {
      const theirs = days?.get(day);
      if (!theirs) missing.push(day);
      else if (
        clean &&
        !theirs.some(
          (f) =>
            byFile.get(f)?.form.key === 'log' &&
            byFile.get(f)!.when === day &&
            byFile.get(f)!.values.author === assistant.name &&
            clean(byFile.get(f)!),
        )
      )
        faulty.push({ day, files: theirs });
    }
    return { name: assistant.name, index, expected, missing, faulty };
  });
}

/**
 * missing-log: a working day (official calendar, 调休 included) with no log by an assistant, from
 * their `since` up to today. The finding stands on the assistant's line in kmsw.yaml, which is
 * what says a log is due; its message names the command that writes it. A day with a log file
 * that is broken is not missing: that file's own faults are reported on it.
 */
export const missingLog: ConfigRule = (records, ctx, files) =>
  logDays(records, ctx, files).flatMap(({ name, index, missing }) =>
    missing.map((day) => ({
      rule: 'missing-log' as const,
      file: 'kmsw.yaml' as const,
      field: `assistants.${index}`,
      ...ctx.configAt(['assistants', index, 'name']),
      message: msg().rulesFolder.hasNoLogFor(name, day),
      hint: msg().rulesFolder.runKmswNewLog(name, day),
    })),
  );

/**
 * The days on which missing-log says what it says today. It reads today only as the end of each assistant's
 * period (period()), so it says the same on every day with the same working days up to it: from the last working
 * day up to today to the day before the next one (looked for two months either way; days without one hold too).
 */
export function missingLogSpan(ctx: FolderContext): DaySpan {
  const n = dayNumber(ctx.today);
  if (n === undefined) return [1, 0];
  let back = 0;
  while (back < 62 && !ctx.calendar.isWorkday(addDays(ctx.today, -back))) back++;
  let ahead = 1;
  while (ahead <= 62 && !ctx.calendar.isWorkday(addDays(ctx.today, ahead))) ahead++;
  return [n - back, n + ahead - 1];
}

/**
 * missing-monthly: a month that has ended, with logs by an assistant and no summary by them (broken files count as
 * there). Its findings on a day are those of monthlyGaps whose month ended before it.
 */
export const missingMonthly: FolderRule = (records, ctx, files) => {
  return holdingOn(monthlyGaps(records, ctx, files), ctx.today);
};

/**
 * missing-monthly's findings for every month with logs and no summary, whether it has ended or not, each with its
 * month's last day: the rule's findings on a day are those whose month ended before it, in this order. It does not
 * read today, so what it works out holds on every day, and a new month needs no record's facts read again
 * (scan/folder-rules.ts keeps it, rules/index.ts's FOLDER_DATED).
 */
export function monthlyGaps(
  records: readonly RecordFacts[],
  ctx: FolderContext,
  files: readonly string[],
): Array<[Finding, Day]> {
  const gaps: Array<[Finding, Day]> = [];
  const summaries = new Set(entriesOf('monthly', records, files).map((e) => `${e.author}\u0000${e.when}`));
  // A name that only a file's name gives (`2026-11-26-日志.yaml`) is no one's unless it is an assistant's.
  const assistants = new Set(ctx.config.assistants.map((a) => a.name));
  const logs = entriesOf('log', records, files).filter((e) => e.authorFrom === 'record' || assistants.has(e.author));
  let lastOf: Map<string, RecordFacts> | undefined;
  for (const [key, theirs] of by(logs, (e) => `${e.author}\u0000${monthOf(e.when)}`)) {
    const [author, month] = key.split('\u0000') as [string, string];
    if (summaries.has(key)) continue;
    if (ctx.scope.month && ctx.scope.month !== month) continue;
    if (ctx.scope.year !== undefined && !month.startsWith(`${ctx.scope.year}-`)) continue;
    const i = ctx.config.assistants.findIndex((a) => a.name === author);
    const last = theirs.reduce((a, b) => (a.when > b.when ? a : b));
    const at =
      i >= 0
        ? { file: 'kmsw.yaml', field: `assistants.${i}`, ...ctx.configAt(['assistants', i, 'name']) }
        : {
            file: last.file,
            field: 'author',
            ...((lastOf ??= new Map(records.map((r) => [r.file, r]))).get(last.file)?.whenAt ?? { line: 1, column: 1 }),
          };
    const count = new Set(theirs.map((e) => e.file)).size;
    const finding: Finding = {
      rule: 'missing-monthly',
      ...at,
      message: msg().rulesFolder.wroteLogsInBut(author, month, count),
      // An author kmsw.yaml does not list is most often a misspelt name (unknown-person says so): no summary to write.
      hint:
        i >= 0 ? msg().rulesFolder.runKmswNewMonthly(author, month) : msg().rulesFolder.notAnAssistant(author, month),
    };
    gaps.push([finding, monthEnd(month)]);
  }
  return gaps;
}

/**
 * missing-monthly is said on a record only when its author is no assistant (an assistant's, on kmsw.yaml): then
 * over every record, else never.
 */
export const missingMonthlyReach: Reach = {
  groups: () => [],
  needs: (records, ctx, files) => {
    const assistants = new Set(ctx.config.assistants.map((a) => a.name));
    return entriesOf('log', records, files).some((e) => !assistants.has(e.author)) ? 'all' : [];
  },
};

/** unknown-person is said on a record in scope that names someone: the names every roster's staff gives count. */
export const unknownPersonReach: Reach = {
  groups: (r) => (r.staff.length > 0 ? ['staff'] : []),
  needs: (records) => (records.some((r) => r.inScope && r.names.length > 0) ? ['staff'] : []),
};

/** unknown-person: a name that kmsw.yaml (assistants, experts, org heads) and the rosters do not know. */
export const unknownPerson: FolderRule = (records, ctx) => {
  // Names kmsw.yaml knows never reach here (namesIn skips them); the rosters name the rest.
  const known = new Set<string>(records.flatMap((r) => r.staff));
  const findings: Finding[] = unknownSigners(ctx, known);
  for (const r of records) {
    if (!r.inScope) continue;
    for (const ref of r.names) {
      if (known.has(ref.name.replace(/\s+/g, ''))) continue;
      findings.push({
        rule: 'unknown-person',
        file: r.file,
        field: ref.field,
        line: ref.line,
        column: ref.column,
        message: msg().rulesFolder.isNeitherInKmsw(ref.name),
        hint: msg().rulesFolder.checkTheNameOr,
      });
    }
  }
  return findings;
};

/**
 * A name under kmsw.yaml `signers:` that is no assistant, expert or roster's staff: a misspelt key
 * (王方 for 王芳) leaves the person's SSH signatures without a key, which bad-signature then blames on them.
 */
function unknownSigners(ctx: FolderContext, known: ReadonlySet<string>): Finding[] {
  const people = new Set([...ctx.config.assistants, ...ctx.config.experts].map((p) => bareName(p.name)));
  return Object.keys(ctx.config.signers ?? {})
    .filter((name) => !people.has(bareName(name)) && !known.has(bareName(name)))
    .map((name) => ({
      rule: 'unknown-person',
      file: 'kmsw.yaml',
      field: `signers.${name}`,
      ...ctx.configAt(['signers', name]),
      message: msg().rulesFolder.isNeitherInKmsw(name),
      hint: msg().rulesFolder.signerNameHint,
    }));
}

export interface QuotaLine {
  /** A county, or the city for online sessions. */
  county?: string;
  what: 'face-to-face' | 'on-site' | 'online-quarter' | 'online-year';
  quarter?: number;
  count: number;
  target: number;
  /** The period has ended (the year, or the quarter): behind is then an error. */
  ended: boolean;
  /** The period has begun (a quarter to come is not behind yet). */
  started: boolean;
  /** The period ended before anyone's `since` in kmsw.yaml: no one was on duty, so it is not judged. */
  offDuty?: true;
  files: string[];
}

/**
 * The year's group sessions held: only records without errors count (an empty scaffold, a session
 * dated after today, one led by an expert who no longer qualifies is no session held).
 */
function sessionsHeld(records: readonly RecordFacts[], ctx: FolderContext, year: number): Session[] {
  const exited = ledAfterExit(records);
  const counts = (r: RecordFacts) => (ctx.counts?.(r) ?? true) && !exited.has(r.file);
  return sessionsOf(records.filter((r) => r.form.key === 'group' && r.when?.startsWith(`${year}-`) && counts(r)));
}

/**
 * The year's group sessions against the handbook's requirements: what `status` shows and `quota`
 * checks. Sessions, not records (sessionsOf): two records of one session count once, with the
 * longest duration written, compared exactly against the face-to-face minimum.
 */
export function quotaLines(records: readonly RecordFacts[], ctx: FolderContext, year: number): QuotaLine[] {
  const q = ctx.thresholds.quota;
  const sessions = sessionsHeld(records, ctx, year);
  const filesOf = (list: Session[]) => list.flatMap((s) => s.records.map((r) => r.file));
  const yearEnded = ctx.today > `${year}-12-31`;
  const lines: QuotaLine[] = [];
  for (const county of Object.keys(ctx.config.counties)) {
    const offline = sessions.filter((s) => s.county === county && s.mode === FACE_TO_FACE);
    const long = offline.filter((s) => s.duration !== undefined && s.duration >= q.faceToFaceMin);
    lines.push({
      county,
      what: 'face-to-face',
      count: long.length,
      target: q.faceToFace,
      ended: yearEnded,
      started: true,
      files: filesOf(long),
    });
    lines.push({
      county,
      what: 'on-site',
      count: offline.length,
      target: q.onSite,
      ended: yearEnded,
      started: true,
      files: filesOf(offline),
    });
  }
  const online = sessions.filter((s) => s.mode === ONLINE);
  for (let quarter = 1; quarter <= 4; quarter++) {
    const theirs = online.filter((s) => quarterOf(s.date!) === quarter);
    const start = `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`;
    const end = monthEnd(`${year}-${String(quarter * 3).padStart(2, '0')}`);
    lines.push({
      what: 'online-quarter',
      quarter,
      count: theirs.length,
      target: q.onlinePerQuarter,
      ended: ctx.today > end,
      started: ctx.today >= start,
      files: filesOf(theirs),
    });
  }
  lines.push({
    what: 'online-year',
    count: online.length,
    target: q.onlinePerYear,
    ended: yearEnded,
    started: true,
    files: filesOf(online),
  });
  return lines.map((l) => (beforeDuty(ctx, periodEnd(l, year)) ? { ...l, offDuty: true as const } : l));
}

/** The last day of a quota line's period: its quarter's, or the year's. */
const periodEnd = (line: QuotaLine, year: number): Day =>
  line.quarter === undefined ? `${year}-12-31` : monthEnd(`${year}-${String(line.quarter * 3).padStart(2, '0')}`);

export function quotaText(line: QuotaLine, year: number, minMinutes: number): string {
  switch (line.what) {
    case 'face-to-face':
      return msg().rulesFolder.faceToFaceGroup(line.county, year, showDuration(minMinutes), line.count, line.target);
    case 'on-site':
      return msg().rulesFolder.onSiteGroupSessions(line.county, year, line.count, line.target);
    case 'online-quarter':
      return msg().rulesFolder.cityOnlineGroupSessions(year, line.quarter, line.count, line.target);
    case 'online-year':
      return msg().rulesFolder.cityOnlineGroupSessionsIn(year, line.count, line.target);
  }
}

/**
 * quota (with `--year`): a warning while the period (the quarter, or the year) runs, an error once
 * it has ended (spec section 5). A quarter or a year that has not begun is not behind, nor one that ended before
 * anyone was on duty (the assistants' `since`).
 */
export const quota: ConfigRule = (records, ctx) => {
  const year = ctx.scope.year;
  if (year === undefined || ctx.today < `${year}-01-01`) return [];
  const sessions: ConfigFinding[] = quotaLines(records, ctx, year)
    .filter((l) => l.count < l.target && l.started && !l.offDuty)
    .map((l) => ({
      rule: 'quota',
      severity: l.ended ? ('error' as const) : ('warning' as const),
      file: 'kmsw.yaml' as const,
      field: l.county ? `counties.${l.county}` : 'counties',
      ...ctx.configAt(l.county ? ['counties', l.county] : ['counties']),
      message: `${quotaText(l, year, ctx.thresholds.quota.faceToFaceMin)}${msg().rulesFolder.theRequirementWasNot(
        l.ended,
      )}`,
    }));
  // Each 行政协同督导's meetings of the year (Part 1 §4), on their own lines of kmsw.yaml.
  return [...sessions, ...dutyFindings(records, ctx, year)];
};
