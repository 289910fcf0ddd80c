import type { Config } from '../config.js';
import type { Form } from '../forms/form.js';
import type { FieldIssue } from '../forms/validate.js';
import type { ParsedYaml, Position } from '../records/yaml.js';
import type { Calendar } from '../values/calendar.js';
import type { Day } from '../values/date.js';
import type { RuleId } from './ids.js';
import type { Today } from './today.js';

export type Severity = 'error' | 'warning';

/** What `check` reports: spec section 6, one flat record per problem. */
export interface Diagnostic {
  /** Relative to the records folder, with `/`. */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: RuleId;
  /** What is wrong, in the words of the paper form. */
  message: string;
  /** What to do about it, when there is something to say: printed after the message. */
  hint?: string;
  /** Dotted path of the field at fault, when there is one. */
  field?: string;
}

/** A rule's finding before the configured severity is applied; a rule may set its own (signature-missing, quota). */
export type Finding = Omit<Diagnostic, 'severity'> & { severity?: Severity };

/** A person's name in a record, where it stands: unknown-person checks these once every roster is known. */
export interface NameRef extends Position {
  name: string;
  field: string;
}

/** What is kept of a record once its file has been checked: enough for the rules across records, and small. */
export interface RecordFacts {
  file: string;
  form: Form;
  /** The fields that read well, normalised; long texts are dropped to keep memory flat on big folders. */
  values: Record<string, unknown>;
  /** The record's day (or month for `monthly`), when it reads. */
  when?: string;
  /** Where the date field stands, for rules that point at it. */
  whenAt: Position;
  /** Where the form's `pinned` fields stand, for rules across records that point at them. */
  pinned?: Record<string, Position>;
  names: NameRef[];
  /** The people the record establishes (its form's `roll`: a roster's staff), rows with faults included. */
  staff: string[];
  inScope: boolean;
  /**
   * What the record rules found in the file (rule and the severity a rule chose), when they ran on
   * it: `status` counts a log only when none of these is an error.
   */
  faults?: Array<{ rule: RuleId; severity?: Severity }>;
  /** The record's canonical digest (forms/digest.ts), kept when one of its signatures carries a digest. */
  digest?: string;
  /** The YAML as written, kept only when asked for (export renders it; check does not need it). */
  raw?: unknown;
}

/** Thresholds after kmsw.yaml's `rules:` have been applied. */
export interface Thresholds {
  /** `log.content` → 300. */
  minChars: Record<string, number>;
  signatureDays: number;
  lateDays: number;
  /** Minutes. */
  groupMin: number;
  quota: {
    faceToFace: number;
    faceToFaceMin: number;
    onSite: number;
    onlinePerQuarter: number;
    onlinePerYear: number;
    /** Per 行政协同督导 a year: 督导中心工作会议 and 社工站点活动 attended. */
    centreMeeting: number;
    stationActivity: number;
  };
  /** Titles counted as 中级 or above besides the built-in words (kmsw.yaml `rules: expert-title: accept:`). */
  expertTitle: { accept: string[] };
}

export interface FolderContext {
  root: string;
  config: Config;
  /** Where kmsw.yaml's own entries stand (an assistant, a county), for findings about the folder. */
  configAt: (path: ReadonlyArray<string | number>) => Position;
  today: Day;
  calendar: Calendar;
  thresholds: Thresholds;
  /** The period checked: `--month`, `--year`, or since the start. */
  scope: { month?: string; year?: number };
  /** Whether a record may be counted (a session towards a quota): it has no error, at kmsw.yaml's severities. */
  counts?: (r: RecordFacts) => boolean;
  /**
   * Said by a record rule just before it reads `root` to look at a picture the record names (missing-photo): the
   * cache then keeps the result with the picture's lstat (scan/cache.ts). Any other read of `root` keeps none.
   */
  looksAt?: (picture: string) => void;
}

/** One record file while it is being checked: its parsed YAML is alive only for this moment. */
export interface RecordInput {
  file: string;
  form: Form;
  parsed: ParsedYaml;
  /** The YAML as written. */
  raw: Record<string, unknown>;
  values: Record<string, unknown>;
  /** What the form's schema said about the fields (required, invalid-value). */
  issues: FieldIssue[];
}

/**
 * What a record rule sees of the folder: its context, but today only through `Today`, which notes every comparison
 * so that the cache knows the days the rule's findings hold on (scan/cache.ts). A record rule cannot compare a day
 * with today as a text: the types refuse it.
 */
export type RecordContext = Omit<FolderContext, 'today'> & { readonly today: Today };

export type RecordRule = (record: RecordInput, ctx: RecordContext) => Finding[];
/**
 * `files`: every record file of the folder (links and files that do not parse included), for the
 * rules that must know a file is there even when it cannot be read as a record (missing-log).
 */
export type FolderRule = (records: readonly RecordFacts[], ctx: FolderContext, files: readonly string[]) => Finding[];

/**
 * A folder rule's findings worked out without today, each with the last day on which it does not hold yet
 * (rules/index.ts's FOLDER_DATED): the rule's findings on a day are those whose day is before it.
 */
export type DatedRule = (
  records: readonly RecordFacts[],
  ctx: FolderContext,
  files: readonly string[],
) => Array<[Finding, Day]>;

/**
 * What a folder rule's findings on some records stand on, for a check that shows only those records' findings
 * (`check --staged`, `check <files>`): the groups each record is in, as keys, and the groups the findings on the
 * given records stand on. The rule run over the given records and every record of those groups (more records never
 * change them) says on the given records what it says over the whole folder; 'all' when that takes every record.
 */
export interface Reach {
  groups: (r: RecordFacts) => string[];
  /** `files`: the given files, records or not (a rule may read a file's name). */
  needs: (records: readonly RecordFacts[], ctx: FolderContext, files: readonly string[]) => string[] | 'all';
}

/** A finding that stands on kmsw.yaml, never on a record. */
export type ConfigFinding = Finding & { file: 'kmsw.yaml' };
/**
 * A folder rule whose findings all stand on kmsw.yaml (the types hold it to that): a check that shows no finding of
 * kmsw.yaml (`check --staged` without it staged, `check <files>`) need not run it.
 */
export type ConfigRule = (
  records: readonly RecordFacts[],
  ctx: FolderContext,
  files: readonly string[],
) => ConfigFinding[];
