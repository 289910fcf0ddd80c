/**
 * The one table of rules: id, default severity, what it checks, and its function. `check`, `--rule`,
 * the `rules:` settings of kmsw.yaml and the README's table all come from here.
 */
import { formByKey } from '../forms/index.js';
import { say } from '../i18n.js';
import { parseDuration } from '../values/duration.js';
import { nearest } from '../values/nearest.js';
import { duplicate, missingLog, missingMonthly, quota, unknownPerson } from './folder.js';
import { durationShort, fieldValues, futureDate, minChars, misplaced, missingPhoto, signatures, unknownField, unknownPlace } from './record.js';
import { sessionConflict } from './sessions.js';
import type { Finding, FolderRule, RecordRule, Severity, Thresholds } from './types.js';

export interface RuleInfo {
  id: string;
  /** `dynamic`: the rule decides (signature-missing, quota), unless kmsw.yaml fixes it. */
  severity: Severity | 'dynamic';
  zh: string;
  en: string;
}

const info = (id: string, severity: RuleInfo['severity'], zh: string, en: string): RuleInfo => ({ id, severity, zh, en });

/** In the order of the records contract (spec section 5). */
export const RULES: readonly RuleInfo[] = [
  info('unreadable', 'error', '无法读取的文件，或不跟随的符号链接', 'a file kmsw cannot read, or a symbolic link it does not follow'),
  info('encoding', 'error', '文件不是 UTF-8 编码（如 GBK、UTF-16）', 'the file is not UTF-8 (GBK, UTF-16…)'),
  info('yaml-syntax', 'error', 'YAML 格式错误', 'not valid YAML'),
  info('fullwidth-syntax', 'error', '该用英文冒号或空格的地方用了中文冒号“：”或全角空格', 'a full-width colon or space where YAML needs : or a space'),
  info('too-large', 'error', '文件超过 1 MiB，或 YAML 别名、嵌套过多', 'over 1 MiB, or too many YAML aliases or levels'),
  info('unknown-form', 'error', '缺少 form，或不是已知的表格', 'form missing or not a known form'),
  info('misplaced', 'error', '表格、年、月或日期与文件所在位置不符', "the form, year, month or date disagrees with the file's path"),
  info('required', 'error', '必填项缺失或为空', 'a required field is missing or empty'),
  info('invalid-value', 'error', '值的类型、格式或选项不对', 'a value of the wrong type, format or choice'),
  info('unknown-field', 'warning', '表格没有这一项（常为笔误）', 'a key the form does not have (usually a typo)'),
  info('min-chars', 'error', '字数不足', 'a text shorter than its minimum 字'),
  info('signature-missing', 'dynamic', '缺少签名（一周内为警告，超过一周为错误）', 'a signature is missing (warning within the week, error after)'),
  info('signature-mismatch', 'error', '签名人不是表上应签名的人', 'the signer is not the person the form names'),
  info('signature-date', 'error', '签名日期早于督导日期或晚于今天', 'signed before the session or after today'),
  info('late', 'warning', '签名晚于督导后 7 天', 'signed more than 7 days after the session'),
  info('duration-short', 'error', '线下（面对面）团体督导不足 2 小时', 'a face-to-face (线下) group session shorter than 2 hours'),
  info('future-date', 'error', '记录日期在今天之后', 'a record dated after today'),
  info('duplicate', 'error', '同一人同一天两份日志，或同一月两份月度总结', 'two logs by one author on one day, or two summaries for one month'),
  info('missing-log', 'warning', '工作日没有督导工作日志', 'a working day without a log'),
  info('missing-monthly', 'warning', '已结束的月份有日志却没有月度总结', 'an ended month with logs but no monthly summary'),
  info('unknown-person', 'warning', '姓名不在 kmsw.yaml 或人员统计表里', 'a name not in kmsw.yaml nor in any roster'),
  info('unknown-place', 'warning', '县（市、区）或社工站不在 kmsw.yaml 里', 'a county or station not in kmsw.yaml'),
  info('missing-photo', 'error', '照片或签名图片不存在', 'a photo or signature picture that does not exist'),
  info('session-conflict', 'warning', '同一次团体督导的几份记录，督导专家或时长不一致', 'two records of one group session disagree on experts or duration'),
  info('quota', 'dynamic', '年度督导要求未达到（--year）', 'an annual requirement is behind (--year)'),
];

export const RULE_IDS = RULES.map((r) => r.id);

/** Record rules, and the rule ids each may report. */
export const RECORD_RULES: ReadonlyArray<[RecordRule, readonly string[]]> = [
  [fieldValues, ['required', 'invalid-value']],
  [misplaced, ['misplaced']],
  [unknownField, ['unknown-field']],
  [minChars, ['min-chars']],
  [signatures, ['signature-missing', 'signature-mismatch', 'signature-date', 'late']],
  [durationShort, ['duration-short']],
  [futureDate, ['future-date']],
  [unknownPlace, ['unknown-place']],
  [missingPhoto, ['missing-photo']],
];

export const FOLDER_RULES: ReadonlyArray<[FolderRule, readonly string[]]> = [
  [duplicate, ['duplicate']],
  [missingLog, ['missing-log']],
  [missingMonthly, ['missing-monthly']],
  [unknownPerson, ['unknown-person']],
  [sessionConflict, ['session-conflict']],
  [quota, ['quota']],
];

export const DEFAULT_THRESHOLDS: Thresholds = {
  minChars: {},
  signatureDays: 7,
  lateDays: 7,
  groupMin: 120,
  quota: { faceToFace: 1, faceToFaceMin: 120, onSite: 2, onlinePerQuarter: 1, onlinePerYear: 3 },
};

export interface RuleSettings {
  /** A severity fixed by kmsw.yaml, or `off`. */
  severity: Map<string, Severity | 'off'>;
  thresholds: Thresholds;
}

/** A finding's severity: kmsw.yaml's, else the rule's own choice, else the rule's default; undefined when kmsw.yaml turns it off. */
export function severityOf(f: Pick<Finding, 'rule' | 'severity'>, settings: RuleSettings): Severity | undefined {
  const fixed = settings.severity.get(f.rule);
  if (fixed === 'off') return undefined;
  const base = RULES.find((r) => r.id === f.rule)?.severity ?? 'error';
  return fixed ?? f.severity ?? (base === 'dynamic' ? 'warning' : base);
}

export interface SettingProblem {
  path: Array<string | number>;
  message: string;
}

const SEVERITIES = ['off', 'warning', 'error'];

type Reader = (value: unknown, t: Thresholds) => string | undefined;

const count = (set: (t: Thresholds, n: number) => void): Reader => (value, t) => {
  const n = typeof value === 'number' ? value : Number(String(value));
  if (!Number.isInteger(n) || n < 0) return say('应为不小于 0 的整数', 'should be a whole number, 0 or more');
  set(t, n);
  return undefined;
};

const minutes = (set: (t: Thresholds, n: number) => void): Reader => (value, t) => {
  const parsed = parseDuration(typeof value === 'number' ? value : String(value));
  if (!parsed.ok) return parsed.reason;
  set(t, parsed.value);
  return undefined;
};

/** The thresholds each rule takes under `rules:` in kmsw.yaml. */
const THRESHOLDS: Record<string, Record<string, Reader>> = {
  'signature-missing': { days: count((t, n) => (t.signatureDays = n)) },
  late: { days: count((t, n) => (t.lateDays = n)) },
  'duration-short': { min: minutes((t, n) => (t.groupMin = n)) },
  quota: {
    'face-to-face': count((t, n) => (t.quota.faceToFace = n)),
    'face-to-face-min': minutes((t, n) => (t.quota.faceToFaceMin = n)),
    'on-site': count((t, n) => (t.quota.onSite = n)),
    'online-per-quarter': count((t, n) => (t.quota.onlinePerQuarter = n)),
    'online-per-year': count((t, n) => (t.quota.onlinePerYear = n)),
  },
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
export function readRuleSettings(rules: Record<string, unknown>): { settings: RuleSettings; problems: SettingProblem[] } {
  const thresholds: Thresholds = structuredClone(DEFAULT_THRESHOLDS);
  const severity = new Map<string, Severity | 'off'>();
  const problems: SettingProblem[] = [];
  const setSeverity = (id: string, value: unknown, at: Array<string | number>) => {
    if (typeof value === 'string' && SEVERITIES.includes(value)) severity.set(id, value as Severity | 'off');
    else problems.push({ path: at, message: say(`应为 off、warning 或 error`, 'should be off, warning or error') });
  };
  for (const [id, value] of Object.entries(rules)) {
    if (!RULE_IDS.includes(id)) {
      const guess = nearest(id, RULE_IDS);
      problems.push({ path: [id], message: say(`没有名为“${id}”的规则${guess ? `，是不是 ${guess}？` : `（可用：${RULE_IDS.join('、')}）`}`, `there is no rule "${id}"${guess ? `; did you mean ${guess}?` : ` (the rules: ${RULE_IDS.join(', ')})`}`) });
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
        const names = id === 'min-chars' ? ['log.content', 'monthly.content', 'monthly.review', 'monthly.plan'] : Object.keys(THRESHOLDS[id] ?? {});
        const guess = nearest(key, names);
        problems.push({ path: [id, key], message: say(`规则 ${id} 没有设置项“${key}”${guess ? `，是不是 ${guess}？` : names.length ? `（可设：severity、${names.join('、')}）` : '（只能设 severity）'}`, `rule ${id} has no setting "${key}"${guess ? `; did you mean ${guess}?` : names.length ? ` (it takes: severity, ${names.join(', ')})` : ' (it takes only severity)'}`) });
        continue;
      }
      const fault = reader(v, thresholds);
      if (fault) problems.push({ path: [id, key], message: fault });
    }
  }
  return { settings: { severity, thresholds }, problems };
}
