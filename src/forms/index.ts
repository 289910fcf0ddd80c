/**
 * The one table of forms. `new`, `check`, `tally`, `export` and the templates loop over it; adding a
 * form means adding its folder (src/forms/<key>/: form.ts, layout.ts) and a line here.
 */
import { caseForm } from './case/form.js';
import { walkFieldDefs } from './fields.js';
import type { Form } from './form.js';
import { group } from './group/form.js';
import { individual } from './individual/form.js';
import { log } from './log/form.js';
import { meeting } from './meeting/form.js';
import { monthly } from './monthly/form.js';
import { needs } from './needs/form.js';
import { record } from './record/form.js';
import { roster } from './roster/form.js';
import { sites } from './sites/form.js';
import { survey } from './survey/form.js';
import { evaluation } from './evaluation/form.js';

export const FORMS: readonly Form[] = [
  log,
  monthly,
  record,
  group,
  individual,
  needs,
  caseForm,
  roster,
  sites,
  survey,
  meeting,
  evaluation,
];

export const FORM_KEYS = FORMS.map((f) => f.key);

/** The forms' keys as `kmsw new --help` lists them: `log monthly record …`. */
export const formKeysText = () => FORM_KEYS.join(' ');

export function formByKey(key: unknown): Form | undefined {
  return FORMS.find((f) => f.key === key);
}

/**
 * The keys and official labels of every private field (age, birth, salary), which `check` never shows the values of.
 */
export const PRIVATE_KEYS: ReadonlySet<string> = new Set(
  FORMS.flatMap((f) => walkFieldDefs(f.fields).flatMap(([key, field]) => (field.private ? [key, field.label] : []))),
);

/**
 * Words that, in a key, name personal data that is not a field of any form (or names one in other
 * words): a key holding one of them (`工资`, `员工身份证号`) has its value starred out like age and
 * salary, wherever it stands.
 */
export const PRIVATE_SYNONYMS: readonly string[] = [
  '年龄',
  '年纪',
  '岁数',
  '出生',
  '生日',
  '薪资',
  '薪水',
  '工资',
  '月薪',
  '年薪',
  '收入',
  '身份证',
  '证件号',
  '手机',
  '电话号码',
  'id_card',
  'idcard',
  'phone',
  'mobile',
];
