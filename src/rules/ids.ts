/**
 * The one closed table of rules: id, where it looks (a file, a record, the folder), default
 * severity, and what it checks. Every id kmsw reports is one of these (`RuleId`): a misspelt id is a
 * compile error. `check`, `--rule`, the `rules:` settings of kmsw.yaml and the README's table come from here.
 */
import type { Severity } from './types.js';

/**
 * `file`: before the file is a record (its bytes, its YAML, its form); `record`: one record; `folder`: across records.
 */
export type RuleScope = 'file' | 'record' | 'folder';

export interface RuleInfo<Id extends string = string> {
  id: Id;
  scope: RuleScope;
  /** `dynamic`: the rule decides (signature-missing, quota), unless kmsw.yaml fixes it. */
  severity: Severity | 'dynamic';
  zh: string;
  en: string;
}

const info = <const Id extends string, const Scope extends RuleScope>(
  id: Id,
  scope: Scope,
  severity: RuleInfo['severity'],
  zh: string,
  en: string,
): RuleInfo<Id> & { scope: Scope } => ({ id, scope, severity, zh, en });

/** In the order of the records contract (spec section 5). */
export const RULES = [
  info(
    'unreadable',
    'file',
    'error',
    '无法读取的文件，或不跟随的符号链接',
    'a file kmsw cannot read, or a symbolic link it does not follow',
  ),
  info('encoding', 'file', 'error', '文件不是 UTF-8 编码（如 GBK、UTF-16）', 'the file is not UTF-8 (GBK, UTF-16…)'),
  info('yaml-syntax', 'file', 'error', 'YAML 格式错误', 'not valid YAML'),
  info(
    'fullwidth-syntax',
    'file',
    'error',
    '该用英文冒号或空格的地方用了中文冒号“：”或全角空格',
    'a full-width colon or space where YAML needs : or a space',
  ),
  info(
    'too-large',
    'file',
    'error',
    '文件超过 1 MiB，或 YAML 别名、嵌套过多',
    'over 1 MiB, or too many YAML aliases or levels',
  ),
  info('unknown-form', 'file', 'error', '缺少 form，或不是已知的表格', 'form missing or not a known form'),
  info(
    'misplaced',
    'record',
    'error',
    '表格、年、月或日期与文件所在位置不符',
    "the form, year, month or date disagrees with the file's path",
  ),
  info('required', 'record', 'error', '必填项缺失或为空', 'a required field is missing or empty'),
  info('invalid-value', 'record', 'error', '值的类型、格式或选项不对', 'a value of the wrong type, format or choice'),
  info(
    'unknown-field',
    'record',
    'warning',
    '表格没有这一项（常为笔误）',
    'a key the form does not have (usually a typo)',
  ),
  info('min-chars', 'record', 'error', '字数不足', 'a text shorter than its minimum 字'),
  info(
    'signature-missing',
    'record',
    'dynamic',
    '缺少签名（一周内为警告，超过一周为错误）',
    'a signature is missing (warning within the week, error after)',
  ),
  info(
    'signature-mismatch',
    'record',
    'error',
    '签名人不是表上应签名的人',
    'the signer is not the person the form names',
  ),
  info(
    'signature-date',
    'record',
    'error',
    '签名日期早于督导日期或晚于今天',
    'signed before the session or after today',
  ),
  info('late', 'record', 'warning', '签名晚于督导后 7 天', 'signed more than 7 days after the session'),
  info(
    'duration-short',
    'record',
    'error',
    '线下（面对面）团体督导不足 2 小时',
    'a face-to-face (线下) group session shorter than 2 hours',
  ),
  info('future-date', 'record', 'error', '记录日期在今天之后', 'a record dated after today'),
  info(
    'duplicate',
    'folder',
    'error',
    '同一人同一天两份日志，或同一月两份月度总结；kmsw.yaml 里同一人或同一社工站写了两次',
    'two logs by one author on one day, two summaries for one month, or a person or station listed twice in kmsw.yaml',
  ),
  info('missing-log', 'folder', 'warning', '工作日没有督导工作日志', 'a working day without a log'),
  info(
    'missing-monthly',
    'folder',
    'warning',
    '已结束的月份有日志却没有月度总结',
    'an ended month with logs but no monthly summary',
  ),
  info(
    'unknown-person',
    'folder',
    'warning',
    '姓名不在 kmsw.yaml 或人员统计表里',
    'a name not in kmsw.yaml nor in any roster',
  ),
  info(
    'unknown-place',
    'record',
    'warning',
    '县（市、区）或社工站不在 kmsw.yaml 里',
    'a county or station not in kmsw.yaml',
  ),
  info('missing-photo', 'record', 'error', '照片或签名图片不存在', 'a photo or signature picture that does not exist'),
  info(
    'session-conflict',
    'folder',
    'warning',
    '同一次团体督导的几份记录，督导专家或时长不一致',
    'two records of one group session disagree on experts or duration',
  ),
  info(
    'expert-title',
    'folder',
    'warning',
    '专业技术督导的职称低于中级',
    'a 专业技术督导 (professional expert) whose title is below 中级 (intermediate)',
  ),
  info(
    'expert-exit',
    'folder',
    'error',
    '督导在连续 2 次成效评估不合格之后仍主持督导（已取消督导者资格）',
    'an expert leads sessions after a second consecutive failed evaluation (no longer qualified)',
  ),
  info(
    'evaluation-count',
    'folder',
    'warning',
    '成效评估填写的完成次数或满意度与记录统计不符',
    "an evaluation's written sessions done or satisfaction disagree with the records",
  ),
  info(
    'unknown-session',
    'folder',
    'warning',
    '满意度调研表所评督导（session）不是任何一份团体督导记录的文件名',
    "a survey's session names no group record's file",
  ),
  info(
    'signed-then-edited',
    'record',
    'error',
    '签名（kmsw sign）之后记录又被修改，摘要不符',
    'the record was changed after it was signed (its digest no longer matches)',
  ),
  info(
    'bad-signature',
    'record',
    'error',
    'SSH 签名与 kmsw.yaml signers 里签名人的公钥不符',
    "an SSH signature that does not verify against the signer's key in kmsw.yaml",
  ),
  info('quota', 'folder', 'dynamic', '年度督导要求未达到（--year）', 'an annual requirement is behind (--year)'),
] as const satisfies ReadonlyArray<RuleInfo>;

/** Every rule id: `'unreadable' | 'encoding' | …`. */
export type RuleId = (typeof RULES)[number]['id'];

/** The ids of the rules that look at a file, a record, or the folder. */
export type RuleIdOf<Scope extends RuleScope> = Extract<(typeof RULES)[number], { scope: Scope }>['id'];

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

/** Each rule's row of the table, by id. */
export const RULE_BY_ID = Object.fromEntries(RULES.map((r) => [r.id, r])) as unknown as Readonly<
  Record<RuleId, RuleInfo<RuleId>>
>;

/** Whether a name given on the command line or in kmsw.yaml is a rule id. */
export const isRuleId = (id: string): id is RuleId => (RULE_IDS as readonly string[]).includes(id);
