/**
 * What the commands return: the engine's results, in one place the formatters and renderers can
 * import without reaching up into src/commands/.
 */
import type { TallyRow } from '../forms/sheet-data.js';
import type { DutyLine } from '../rules/duties.js';
import type { QuotaLine } from '../rules/folder.js';
import type { RuleId } from '../rules/ids.js';
import type { Diagnostic } from '../rules/types.js';
import type { Day } from '../values/date.js';

/** `kmsw check`. */
export interface CheckResult {
  diagnostics: Diagnostic[];
  summary: { files: number; errors: number; warnings: number };
  /** Things to say once, beside the diagnostics (a calendar year the data does not cover). */
  notes: string[];
}

/** A record file of the period that no count and no document holds, and why: the check diagnostic that explains it. */
export interface LeftOut {
  file: string;
  rule: RuleId;
  message: string;
  hint?: string;
  line: number;
  column: number;
}

/** `kmsw tally`. */
export interface Tally {
  month: string;
  rows: TallyRow[];
  /** Files of the month (by folder, or by their own date) that are not counted, each with its reason. */
  leftOut: LeftOut[];
  /** Things to say once (a records folder inside this one, whose records are not counted); absent when none. */
  notes?: string[];
}

export interface PendingSignature {
  file: string;
  /** The signature's label on the form, e.g. 社工（签名）. */
  label: string;
  /** Who should sign. */
  signer?: string;
  date: Day;
  due: Day;
  overdue: boolean;
}

export interface LogStatus {
  name: string;
  /** Working days of the month so far. */
  expected: number;
  /** Days with a log that passes its own rules (no error): only these count as written. */
  written: number;
  /** Days with no log file at all. */
  missing: Day[];
  /** Days whose log files exist but have errors (`kmsw check` names them), with those files. */
  faulty: Array<{ day: Day; files: string[] }>;
}

/** `kmsw status`. */
export interface Status {
  year: number;
  today: Day;
  centre: string;
  /** Minutes a face-to-face session must last to count. */
  faceToFaceMin: number;
  quotas: QuotaLine[];
  /** Each 行政协同督导's meetings and station activities of the year. */
  duties: DutyLine[];
  signatures: PendingSignature[];
  /** Per expert of kmsw.yaml, what waits for their signature (scan/signatures.ts). */
  experts?: Array<{ name: string; waiting: number; oldest?: Day; overdue: number }>;
  logs: { month: string; assistants: LogStatus[] };
  /** Files and folders of the year that kmsw could not read as records: in none of the counts above. */
  unread: Array<{ file: string; message: string }>;
  /** Each expert's effect evaluations (all years, in date order), and the exit when two in a row failed. */
  evaluations: ExpertEvaluations[];
  /** Things to say once (a records folder inside this one, whose records are not counted); absent when none. */
  notes?: string[];
}

export interface ExpertEvaluations {
  expert: string;
  evaluations: Array<{ file: string; date: Day; from?: Day; to?: Day; result?: string }>;
  /** The date of the second consecutive 不合格: the expert no longer qualifies from then on. */
  exit?: Day;
}

export interface ExportedFile {
  /** Absolute path. */
  file: string;
  /** The form key, or `checklist`. */
  output: string;
  records: number;
  /** A yearly document's span: the records it holds are dated from `from` to `to`. */
  span?: { from: Day; to: Day };
}

/** `kmsw export`. */
export interface ExportResult {
  written: ExportedFile[];
  /** Months without a record file: nothing was written for them (a month whose files are all left out is not one). */
  empty: string[];
  /** Records exported although `check` finds errors in them, with the first of those errors. */
  failing: Array<{ file: string; rule: RuleId; message: string; hint?: string }>;
  /**
   * Record files of the period (by folder, or by their own date) that are in no document, each with
   * the check diagnostic that explains why: they are never left out silently.
   */
  leftOut: LeftOut[];
  /** Photos a workbook names that could not go into it (unreadable, too large, not a JPEG or PNG), and why. */
  photosLeftOut?: Array<{ file: string; photo: string; message: string }>;
  /**
   * The export folder, relative to the records folder, when the folder is a Git repository whose
   * ignore rules do not cover it: the exports (names, ages, salaries) would go into Git with the next
   * `git add -A`.
   */
  unignored?: string;
  /** Things to say once (a records folder inside this one, whose records are not exported); absent when none. */
  notes?: string[];
}

/** `kmsw list`: its lines, and what to say beside them (a records folder inside this one, not listed). */
export interface ListResult {
  rows: ListRow[];
  notes: string[];
}

/** One line of `kmsw list`. */
export interface ListRow {
  file: string;
  form?: string;
  title?: string;
  /** The record's day (or month, for monthly summaries), as the record says it. */
  when?: string;
  /** Whose or what the record is: the form's slug field. */
  who?: string;
  /** Why the file could not be read as a record, if it could not. */
  problem?: string;
}

/** How a day of an assistant's log calendar stands. */
export type LogDayState = 'written' | 'faulty' | 'missing' | 'holiday' | 'weekend' | 'not-due';

/** `kmsw report`: the year's (or month's) picture, each number taken from status, tally or check. */
export interface Report {
  year: number;
  /** Given for a month's report. */
  month?: string;
  /** The period's first and last day, and the last day counted (today, if the period has not ended). */
  from: Day;
  to: Day;
  until: Day;
  today: Day;
  centre: string;
  faceToFaceMin: number;
  signatureDays: number;
  /** `status --year`'s quota lines. */
  quotas: QuotaLine[];
  logs: Array<{
    name: string;
    /** Every day of the period; `adjusted` marks a weekend made a working day (调休). */
    days: Array<{ day: Day; state: LogDayState; adjusted?: boolean }>;
    expected: number;
    written: number;
    faulty: number;
    missing: number;
  }>;
  signatures: {
    /** Signed signatures of the period's records, by days from session to signature. */
    signed: Array<{ file: string; label: string; date: Day; signed: Day; days: number; late: boolean }>;
    /** Not signed yet (status's list, for the period). */
    pending: PendingSignature[];
  };
  experts: Array<{
    name: string;
    sessions: number;
    minutes: number;
    byForm: Record<string, number>;
    satisfaction?: number;
    ratings: number;
    surveys: number;
    evaluations: Array<{ file: string; date: Day; result?: string }>;
  }>;
  /** `tally --month` of each month of the period, up to today. */
  tallies: Tally[];
  /** `check --year` (or `--month`), by rule. */
  problems: {
    summary: CheckResult['summary'];
    rules: Array<{ rule: RuleId; errors: number; warnings: number; files: string[] }>;
  };
  /**
   * Files of the period that are in no count, each with check's reason: status's unread (no record: broken YAML, a
   * link, an unreadable folder) and the records whose date does not read.
   */
  unread: LeftOut[];
}

/** What `kmsw report` wrote. */
export interface ReportResult {
  /** Absolute paths. */
  html: string;
  pdf?: string;
  /** `--pdf` asked for, but no Chromium, Chrome or Edge was found: the HTML alone was written. */
  noBrowser?: boolean;
  report: Report;
}
