/**
 * The rules' functions, each beside the ids it reports, for every id of the table (./ids.ts); and
 * the `rules:` settings of kmsw.yaml.
 */
import { formByKey } from '../forms/index.js';
import { msg } from '../i18n.js';
import { parseDuration } from '../values/duration.js';
import { nearest } from '../values/nearest.js';
import { fileProblems, fullwidthSyntax, unknownForm } from './file.js';
import { expertTitle } from './duties.js';
import {
  duplicate,
  duplicateReach,
  missingLog,
  missingLogSpan,
  missingMonthly,
  missingMonthlyReach,
  monthlyGaps,
  quota,
  unknownPerson,
  unknownPersonReach,
} from './folder.js';
import { RULE_BY_ID, RULE_IDS, isRuleId, type RuleId, type RuleIdOf } from './ids.js';
import {
  durationShort,
  fieldValues,
  futureDate,
  late,
  minChars,
  misplaced,
  missingPhoto,
  signatureDate,
  signatureMismatch,
  signatureMissing,
  unknownField,
  unknownPlace,
} from './record.js';
import { sessionConflict, sessionConflictReach } from './sessions.js';
import { evaluationCount, evaluationCountReach, expertExit, expertExitReach } from './evaluation.js';
import { badSignature, signedThenEdited } from './signed.js';
import { unknownSession, unknownSessionReach } from './survey-session.js';
import type { DaySpan } from './today.js';
import type {
  ConfigRule,
  DatedRule,
  Finding,
  FolderContext,
  FolderRule,
  Reach,
  RecordRule,
  Severity,
  Thresholds,
} from './types.js';

export {
  RULES,
  RULE_BY_ID,
  RULE_IDS,
  isRuleId,
  type RuleId,
  type RuleIdOf,
  type RuleInfo,
  type RuleScope,
} from './ids.js';

/**
 * The rules about a file before it is a record, and the ids each reports. The scan runs them in its
 * own order (scan/file.ts): when one fires, nothing else can be said about the file.
 */
export const FILE_RULES = [
  [fileProblems, ['unreadable', 'encoding', 'yaml-syntax', 'too-large', 'fullwidth-syntax']],
  [fullwidthSyntax, ['fullwidth-syntax']],
  [unknownForm, ['unknown-form']],
] as const satisfies ReadonlyArray<readonly [(...args: never[]) => Finding[], readonly RuleIdOf<'file'>[]]>;

/** Record rules, and the rule id each reports (the form's schema reports two at once: required, invalid-value). */
export const RECORD_RULES = [
  [fieldValues, ['required', 'invalid-value']],
  [misplaced, ['misplaced']],
  [unknownField, ['unknown-field']],
  [minChars, ['min-chars']],
  [signatureMissing, ['signature-missing']],
  [signatureMismatch, ['signature-mismatch']],
  [signatureDate, ['signature-date']],
  [late, ['late']],
  [durationShort, ['duration-short']],
  [futureDate, ['future-date']],
  [unknownPlace, ['unknown-place']],
  [missingPhoto, ['missing-photo']],
  [signedThenEdited, ['signed-then-edited']],
  [badSignature, ['bad-signature']],
] as const satisfies ReadonlyArray<readonly [RecordRule, readonly RuleIdOf<'record'>[]]>;

export type RecordRules = ReadonlyArray<(typeof RECORD_RULES)[number]>;

export const FOLDER_RULES = [
  [duplicate, ['duplicate']],
  [missingLog, ['missing-log']],
  [missingMonthly, ['missing-monthly']],
  [unknownPerson, ['unknown-person']],
  [sessionConflict, ['session-conflict']],
  [quota, ['quota']],
  [expertTitle, ['expert-title']],
  [expertExit, ['expert-exit']],
  [evaluationCount, ['evaluation-count']],
  [unknownSession, ['unknown-session']],
] as const satisfies ReadonlyArray<readonly [FolderRule, readonly RuleIdOf<'folder'>[]]>;

/**
 * The folder rules that read today, with the days on which what each says today holds (rules/folder.ts). The scan
 * notes whether a folder rule read today: one that did not holds on every day; one that did and is not here, on
 * this day only (scan/folder-rules.ts).
 */
export const FOLDER_SPANS: ReadonlyMap<FolderRule, (ctx: FolderContext) => DaySpan> = new Map([
  [missingLog, missingLogSpan],
]);

/**
 * A folder rule that reads today only as a cut-off, beside the same findings worked out without it, each with the
 * last day on which it does not hold yet: the rule's findings on a day are, in order, those whose day is before it.
 * The scan keeps these (they hold on every day) and picks each day's (scan/folder-rules.ts): a new month needs no
 * record's facts read again for missing-monthly.
 */
export const FOLDER_DATED: ReadonlyMap<FolderRule, DatedRule> = new Map([[missingMonthly, monthlyGaps]]);

/**
 * The folder rules that count only records without errors (ctx.counts): every record rule runs when one of them
 * does, also under `--rule`, so that `check --rule <id>` says of them what `check` says. Kept by hand, and checked:
 * tests/rule-subset.test.ts runs every folder rule with ctx.counts watched.
 */
export const COUNT_CLEAN: readonly RuleId[] = ['quota', 'evaluation-count'];

/** The folder rules whose findings all stand on kmsw.yaml (typed so: a rule added here must return only those). */
export const CONFIG_ONLY: ReadonlySet<FolderRule> = new Set<ConfigRule>([missingLog, quota, expertTitle]);

/**
 * What each folder rule's findings on a record stand on (types.ts's Reach): a check that shows only some records'
 * findings (`check --staged`) runs it over those records and their groups' (scan/folder-rules.ts). A rule not here
 * nor in CONFIG_ONLY runs over every record. tests/staged-groups.test.ts fires and clears each through another record.
 */
export const FOLDER_REACH: ReadonlyMap<FolderRule, Reach> = new Map<FolderRule, Reach>([
  [duplicate, duplicateReach],
  [missingMonthly, missingMonthlyReach],
  [unknownPerson, unknownPersonReach],
  [sessionConflict, sessionConflictReach],
  [expertExit, expertExitReach],
  [evaluationCount, evaluationCountReach],
  [unknownSession, unknownSessionReach],
]);

/** The ids of `Scope` that no function of `Table` reports: `never`, or the build fails below. */
type Unreported<
  Scope extends 'file' | 'record' | 'folder',
  Table extends ReadonlyArray<readonly [unknown, readonly string[]]>,
> = Exclude<RuleIdOf<Scope>, Table[number][1][number]>;
// Every rule of the table has a function that reports it: a row added to ./ids.ts alone does not compile.
const everyRuleReported: [
  Unreported<'file', typeof FILE_RULES>,
  Unreported<'record', typeof RECORD_RULES>,
  Unreported<'folder', typeof FOLDER_RULES>,
] extends [never, never, never]
  ? true
  : never = true;
void everyRuleReported;

export const DEFAULT_THRESHOLDS: Thresholds = {
  minChars: {},
  signatureDays: 7,
  lateDays: 7,
  groupMin: 120,
  quota: {
    faceToFace: 1,
    faceToFaceMin: 120,
    onSite: 2,
    onlinePerQuarter: 1,
    onlinePerYear: 3,
    centreMeeting: 1,
    stationActivity: 1,
  },
  expertTitle: { accept: [] },
};

export interface RuleSettings {
  /** A severity fixed by kmsw.yaml, or `off`. */
  severity: Map<RuleId, Severity | 'off'>;
  thresholds: Thresholds;
}

/**
 * A finding's severity: kmsw.yaml's, else the rule's own choice, else the rule's default; undefined when kmsw.yaml
 * turns it off.
 */
export function severityOf(f: Pick<Finding, 'rule' | 'severity'>, settings: RuleSettings): Severity | undefined {
  const fixed = settings.severity.get(f.rule);
  if (fixed === 'off') return undefined;
  const base = RULE_BY_ID[f.rule].severity;
  return fixed ?? f.severity ?? (base === 'dynamic' ? 'warning' : base);
}

export interface SettingProblem {
  path: Array<string | number>;
  message: string;
}

const SEVERITIES = ['off', 'warning', 'error'];

type Reader = (value: unknown, t: Thresholds) => string | undefined;

const count =
  (set: (t: Thresholds, n: number) => void): Reader =>
  (value, t) => {
    const n = typeof value === 'number' ? value : Number(String(value));
    if (!Number.isInteger(n) || n < 0) return msg().rules.shouldBeAWhole;
    set(t, n);
    return undefined;
  };

const minutes =
  (set: (t: Thresholds, n: number) => void): Reader =>
  (value, t) => {
    const parsed = parseDuration(typeof value === 'number' ? value : String(value));
    if (!parsed.ok) return parsed.reason;
    set(t, parsed.value);
    return undefined;
  };

/** A list of words (or one word): the titles expert-title counts as 中级 or above besides its own. */
const titleWords =
  (set: (t: Thresholds, words: string[]) => void): Reader =>
  (value, t) => {
    const list = Array.isArray(value) ? value : [value];
    const words = list.map((w) => (typeof w === 'string' || typeof w === 'number' ? String(w).trim() : ''));
    if (list.length === 0 || words.some((w) => w === '')) return msg().expertTitle.acceptShouldBeAList;
    set(t, words);
    return undefined;
  };

/** The thresholds each rule takes under `rules:` in kmsw.yaml. */
const THRESHOLDS: Partial<Record<RuleId, Record<string, Reader>>> = {
  'signature-missing': { days: count((t, n) => (t.signatureDays = n)) },
  late: { days: count((t, n) => (t.lateDays = n)) },
  'duration-short': { min: minutes((t, n) => (t.groupMin = n)) },
  quota: {
    'face-to-face': count((t, n) => (t.quota.faceToFace = n)),
    'face-to-face-min': minutes((t, n) => (t.quota.faceToFaceMin = n)),
    'on-site': count((t, n) => (t.quota.onSite = n)),
    'online-per-quarter': count((t, n) => (t.quota.onlinePerQuarter = n)),
    'online-per-year': count((t, n) => (t.quota.onlinePerYear = n)),
    'centre-meeting': count((t, n) => (t.quota.centreMeeting = n)),
    'station-activity': count((t, n) => (t.quota.stationActivity = n)),
  },
  'expert-title': { accept: titleWords((t, words) => t.expertTitle.accept.push(...words)) },
};

/** `min-chars` takes `form.field: N` for any long text, e.g. `log.content: 300`. */
function minCharsReader(key: string): Reader | undefined {
  const [formKey, ...rest] = key.split('.');
  const fields = formByKey(formKey)?.fields;
  const field = fields && Object.hasOwn(fields, rest.join('.')) ? fields[rest.join('.')] : undefined;
  if (field?.kind !== 'text') return undefined;
  return count((t, n) => (t.minChars[key] = n));
}

/**
 * Reads `rules:` of kmsw.yaml: `<id>: off|warning|error`, or `<id>: { severity: …, <threshold>: … }`.
 * Every fault is returned with its path, so that the whole section can be fixed in one go.
 */
export function readRuleSettings(rules: Record<string, unknown>): {
  settings: RuleSettings;
  problems: SettingProblem[];
} {
  const thresholds: Thresholds = structuredClone(DEFAULT_THRESHOLDS);
  const severity = new Map<RuleId, Severity | 'off'>();
  const problems: SettingProblem[] = [];
  const setSeverity = (id: RuleId, value: unknown, at: Array<string | number>) => {
    if (typeof value === 'string' && SEVERITIES.includes(value)) severity.set(id, value as Severity | 'off');
    else problems.push({ path: at, message: msg().rules.shouldBeOffWarning });
  };
  for (const [id, value] of Object.entries(rules)) {
    if (!isRuleId(id)) {
      const guess = nearest(id, RULE_IDS);
      problems.push({ path: [id], message: msg().rules.thereIsNoRule(id, guess, RULE_IDS) });
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      setSeverity(id, value, [id]);
      continue;
    }
    for (const [key, v] of Object.entries(value)) {
      if (key === 'severity') {
        setSeverity(id, v, [id, key]);
        continue;
      }
      // Own keys only: `constructor:` under a rule is a typo to report, not Object's constructor.
      const own = THRESHOLDS[id] && Object.hasOwn(THRESHOLDS[id], key) ? THRESHOLDS[id][key] : undefined;
      const reader = id === 'min-chars' ? minCharsReader(key) : own;
      if (!reader) {
        const names =
          id === 'min-chars'
            ? ['log.content', 'monthly.content', 'monthly.review', 'monthly.plan']
            : Object.keys(THRESHOLDS[id] ?? {});
        const guess = nearest(key, names);
        problems.push({ path: [id, key], message: msg().rules.ruleHasNoSetting(id, key, guess, names.length, names) });
        continue;
      }
      const fault = reader(v, thresholds);
      if (fault) problems.push({ path: [id, key], message: fault });
    }
  }
  return { settings: { severity, thresholds }, problems };
}
