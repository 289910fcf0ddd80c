/**
 * A period's records (some months): read by folder or by their own date, with every record rule's
 * findings, the checklist's counts, and why each file left out of a count is left out.
 */
import path from 'node:path';
import { CHECKLIST } from '../forms/checklist/checklist.js';
import { msg } from '../i18n.js';
import { decode } from '../records/decode.js';
import { readRegular } from '../records/inside.js';
import { coversPeriod, listRecordFiles, MAX_FILE_BYTES, nestedNote, type SkippedLink } from '../records/load.js';
import { duplicate } from '../rules/folder.js';
import { RECORD_RULES, type RuleId, type RuleSettings } from '../rules/index.js';
import { sessionCount } from '../rules/sessions.js';
import type { Finding, FolderContext, RecordFacts } from '../rules/types.js';
import type { Day } from '../values/date.js';
import { toHalfwidth } from '../values/halfwidth.js';
import { toDiagnostic } from './diagnostic.js';
import { scanFolder } from './folder.js';
import { openFolder } from './open.js';
import type { TallyRow } from '../forms/sheet-data.js';
import type { LeftOut } from './results.js';

/** The month's records of one form, in date order: what tally counts and export renders. */
export function recordsOfMonth(facts: readonly RecordFacts[], form: string, month: string): RecordFacts[] {
  return facts
    .filter((r) => r.form.key === form && r.when !== undefined && r.when.slice(0, 7) === month)
    .sort((a, b) => (a.when! < b.when! ? -1 : a.when! > b.when! ? 1 : a.file < b.file ? -1 : 1));
}

/**
 * The checklist's rows for a month: each form's records of that month that `counts` (those without
 * errors: an empty scaffold or a second copy of one day's log is not a form handed in).
 */
export function checklistRows(
  facts: readonly RecordFacts[],
  month: string,
  counts: (r: RecordFacts) => boolean,
): TallyRow[] {
  return CHECKLIST.map((row, i) => {
    const records = recordsOfMonth(facts, row.form, month).filter(counts);
    // 团体督导 counts sessions: two records of one session (two assistants each wrote one) are one.
    const count = row.form === 'group' ? sessionCount(records) : records.length;
    return { no: i + 1, form: row.form, name: row.name, count, files: records.map((r) => r.file) };
  });
}

/** `2026/11/`: the folder of a month's records. */
const folderOf = (month: string) => `${month.slice(0, 4)}/${month.slice(5, 7)}/`;

export interface PeriodScan {
  ctx: FolderContext;
  settings: RuleSettings;
  /** The period's records (by folder or by date), with every record rule's findings on them. */
  facts: RecordFacts[];
  findings: Finding[];
  /** Every file that belongs to a month of the period: under its folder, or elsewhere but dated in it. */
  files: Map<string, string[]>;
  /** Whether a record has no error (record rules and `duplicate`, at kmsw.yaml's severities): what a count may hold. */
  clean: (r: RecordFacts) => boolean;
  /** Records folders inside this one (`示例/`), whose files are none of the period's: named, never read. */
  nested: string[];
}

/** What a command over a period says of the records folders inside the folder: each once, with the command to run. */
export const nestedNotes = (root: string, scan: Pick<PeriodScan, 'nested'>, command: string, args: string) =>
  scan.nested.length > 0 ? { notes: scan.nested.map((folder) => nestedNote(root, folder, command, args)) } : {};

/**
 * Reads the record files of some months: those under each month's folder, and those elsewhere whose
 * own date falls in one of the months (a record filed in the wrong folder still belongs to its day).
 * Links and unreadable entries that `listRecordFiles` reports under a month's folder belong to it too.
 */
export async function scanPeriod(opts: {
  root: string;
  today: Day;
  months: readonly string[];
  keepRaw?: boolean;
  /** The whole folder, already scanned with the record rules (`report`, from `status`): not read again. */
  scanned?: FolderScan;
}): Promise<PeriodScan> {
  const { ctx, settings } = await openFolder({ root: opts.root, today: opts.today });
  const links: SkippedLink[] = opts.scanned ? [...opts.scanned.links] : [];
  const nested: string[] = opts.scanned ? [...(opts.scanned.nested ?? [])] : [];
  const all = opts.scanned?.files ?? (await listRecordFiles(opts.root, links, undefined, nested));
  const monthOfPath = (file: string) => opts.months.find((m) => file.startsWith(folderOf(m)));
  const inFolders = all.filter((f) => monthOfPath(f) !== undefined);
  // Only their dates are needed: no rule runs on them, and most folders hold few such files.
  const others = all.filter((f) => monthOfPath(f) === undefined);
  const datedIn = (r: RecordFacts) => r.when !== undefined && opts.months.includes(r.when.slice(0, 7));
  const strays = opts.scanned
    ? strayFacts(opts.scanned.facts, new Set(others), datedIn, (f) => mayBeDatedIn(opts.root, f, opts.months))
    : await strayFiles(ctx, others, datedIn, (f) => mayBeDatedIn(opts.root, f, opts.months));
  // A linked or unreadable folder that holds a month (`2026/11`, `2026/`) belongs to it: none of its records is read.
  const monthOfEntry = (entry: string) => opts.months.find((m) => coversPeriod(entry, folderOf(m)));
  const skipped = links.filter((l) => monthOfEntry(l.file) !== undefined);
  const chosen = [...inFolders, ...strays].sort();
  const scan = opts.scanned
    ? await fromScanned(ctx, opts.scanned, new Set(chosen), skipped)
    : await scanFolder(ctx, { rules: RECORD_RULES, files: chosen, links: skipped, keepRaw: opts.keepRaw });
  const files = new Map<string, string[]>(opts.months.map((m) => [m, []]));
  for (const file of inFolders) files.get(monthOfPath(file)!)!.push(file);
  for (const { file } of skipped) files.get(monthOfEntry(file)!)!.push(file);
  for (const r of scan.facts) {
    const month = r.when?.slice(0, 7);
    if (month && files.has(month) && !files.get(month)!.includes(r.file)) files.get(month)!.push(r.file);
  }
  for (const list of files.values()) list.sort();
  const counted = withDuplicates(ctx, settings, scan.facts, scan.findings);
  return { ctx, settings, facts: scan.facts, files, ...counted, nested };
}

/**
 * The record rules' findings with duplicate's, and whether a record has no error among them: what a count may hold
 * (tally, and status's logs). A second log of one author's day is an error that only the records together show.
 */
export function withDuplicates(
  ctx: FolderContext,
  settings: RuleSettings,
  facts: readonly RecordFacts[],
  found: readonly Finding[],
): Pick<PeriodScan, 'findings' | 'clean'> {
  const findings = [...found, ...duplicate(facts, { ...ctx, scope: {} }, [])];
  const withErrors = new Set(findings.filter((f) => toDiagnostic(f, settings).severity === 'error').map((f) => f.file));
  return { findings, clean: (r) => !withErrors.has(r.file) };
}

/** A scan of every record file of the folder with the record rules, and the links it did not follow. */
export interface FolderScan {
  facts: RecordFacts[];
  findings: Finding[];
  /** Every record file listed (links apart). */
  files: string[];
  links: SkippedLink[];
  /** Records folders inside this one, not listed (listRecordFiles's `nested`). */
  nested?: string[];
}

type Dated = (r: RecordFacts) => boolean;

/** The files outside the months' folders but dated in them: only their dates are read, no rule runs. */
async function strayFiles(ctx: FolderContext, others: string[], datedIn: Dated, may: (f: string) => boolean) {
  const candidates = others.filter(may);
  if (candidates.length === 0) return [];
  return (await scanFolder(ctx, { rules: [], files: candidates })).facts.filter(datedIn).map((r) => r.file);
}

/** The same files, from a scan already made: the same test on each, so the same files. */
function strayFacts(facts: readonly RecordFacts[], others: Set<string>, datedIn: Dated, may: (f: string) => boolean) {
  return facts.filter((r) => others.has(r.file) && datedIn(r) && may(r.file)).map((r) => r.file);
}

/** What scanning `chosen` (and the period's links) would find, taken from the folder's scan. */
async function fromScanned(ctx: FolderContext, scanned: FolderScan, chosen: Set<string>, links: SkippedLink[]) {
  const linked = await scanFolder(ctx, { rules: RECORD_RULES, files: [], links });
  return {
    facts: scanned.facts.filter((r) => chosen.has(r.file)),
    findings: [...linked.findings, ...scanned.findings.filter((f) => chosen.has(f.file))],
  };
}

/**
 * A year and a month as any date spelling writes them (`2026-11-…`, `2026/11/…`, `2026.11`, `2026年11月…`), after
 * full-width digits are read.
 */
const YEAR_MONTH = /(\d{4})\s*[-/.年]\s*(\d{1,2})(?!\d)/g;

/**
 * Whether a file elsewhere in the folder mentions one of the months at all: only those are parsed to
 * learn their date, so exporting one month of an office's ten years does not parse the ten years.
 * Every spelling a date may have (values/date.ts) passes this test; a file that does not decode has no date.
 */
function mayBeDatedIn(root: string, file: string, months: readonly string[]): boolean {
  try {
    // A regular file under the records' cap only: a FIFO or a link to /dev/zero is never read.
    const decoded = decode(readRegular(path.join(root, file), MAX_FILE_BYTES, { noFollow: true }));
    if (!decoded.ok) return false;
    for (const m of toHalfwidth(decoded.text).matchAll(YEAR_MONTH)) {
      if (months.includes(`${m[1]}-${m[2]!.padStart(2, '0')}`)) return true;
    }
    return false;
  } catch {
    return false;
  }
}

/** Faults that keep a file from being read as a record at all: they explain before anything else. */
const UNREADABLE_RULES: readonly RuleId[] = [
  'unreadable',
  'too-large',
  'encoding',
  'yaml-syntax',
  'fullwidth-syntax',
  'unknown-form',
];

/**
 * Why each file is in no count or document: the first check diagnostic that explains it (the file
 * could not be read; its date could not be; its date is in another month), else its first finding.
 */
export function whyLeftOut(
  files: readonly string[],
  scan: Pick<PeriodScan, 'facts' | 'findings' | 'settings'>,
  month?: string,
): LeftOut[] {
  const byFile = new Map<string, Finding[]>();
  // Errors first: a file is left out for an error, never for a warning beside it.
  const errorsFirst = [...scan.findings].sort(
    (a, b) =>
      Number(toDiagnostic(a, scan.settings).severity !== 'error') -
      Number(toDiagnostic(b, scan.settings).severity !== 'error'),
  );
  for (const f of errorsFirst) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const facts = new Map(scan.facts.map((r) => [r.file, r]));
  return files.map((file) => {
    const own = byFile.get(file) ?? [];
    const record = facts.get(file);
    const dateField = record?.form.dateField;
    const found =
      own.find((f) => UNREADABLE_RULES.includes(f.rule)) ??
      own.find((f) => dateField !== undefined && f.field === dateField) ??
      own.find((f) => f.rule === 'misplaced') ??
      own.find((f) => toDiagnostic(f, scan.settings).severity === 'error') ??
      own[0];
    if (found)
      return {
        file,
        rule: found.rule,
        message: found.message,
        ...(found.hint ? { hint: found.hint } : {}),
        line: found.line,
        column: found.column,
      };
    // Not reached while the rules hold; said plainly rather than left out silently if one day it is.
    const when = record?.when;
    return {
      file,
      rule: 'unreadable',
      line: 1,
      column: 1,
      message: when ? msg().period.theRecordIsDated(when, month) : msg().period.theRecordSDate,
    };
  });
}
