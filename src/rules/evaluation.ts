/**
 * The effect evaluation (Part 2 §5): what kmsw counts for an evaluation from the records (the
 * sessions an expert led in the period, their hours, the satisfaction of the surveys of those
 * sessions), the evaluation-count warning when a written figure disagrees, and the exit rule
 * (连续 2 次不合格 → 取消督导者资格). `check`, `new evaluation`, `status` and `export` all count here.
 */
import { bareName } from '../values/text.js';
import { FAILED } from '../forms/evaluation/form.js';
import { msg } from '../i18n.js';
import { formatDuration } from '../values/duration.js';
import { sessionsOf } from './sessions.js';
import { baseName, sessionName } from './survey-session.js';
import type { Finding, FolderContext, FolderRule, Reach, RecordFacts } from './types.js';

/** What the records say an expert did in a period. */
export interface Figures {
  /** Sessions led: a group session counted once however many records describe it. */
  sessions: number;
  /** Their hours, in minutes (a group session's longest written duration). */
  minutes: number;
  /** Per form: how many sessions (`group`, `record`, `individual`). */
  byForm: Record<string, number>;
  /** The files of the sessions counted. */
  files: string[];
  /** Records of sessions they led in the period that are not counted, for their errors. */
  uncounted: string[];
  /** Mean rating of the surveys that name one of those group sessions; undefined without any. */
  satisfaction?: number;
  ratings: number;
  surveys: string[];
  /** Surveys of those sessions that are not counted, for their errors (a rating out of range…). */
  uncountedSurveys: string[];
  /** Surveys dated in the period that name no session: counted per county, never attributed to the expert. */
  unattributed: Array<{ county: string; surveys: number; ratings: number; mean?: number }>;
}

const clean = (name: unknown) => (typeof name === 'string' ? bareName(name) : undefined);

/** Whether the record is a session `expert` led: among a group's experts, or a record's or individual's supervisor. */
export function ledBy(r: RecordFacts, expert: string): boolean {
  return leaders(r).includes(bareName(expert));
}

/**
 * The experts a record is a session of: a group's experts, a `record`'s or an `individual`'s supervisor. ledBy and
 * the reaches of expert-exit and evaluation-count read them here, so that they group records alike.
 */
function leaders(r: RecordFacts): string[] {
  const names =
    r.form.key === 'group'
      ? r.values.experts
      : r.form.key === 'record' || r.form.key === 'individual'
        ? [r.values.supervisor]
        : [];
  return Array.isArray(names) ? names.map(clean).filter((n) => n !== undefined) : [];
}

const mean = (ratings: readonly number[]) =>
  ratings.length === 0 ? undefined : ratings.reduce((a, b) => a + b, 0) / ratings.length;

const ratingsOf = (r: RecordFacts): number[] =>
  Array.isArray(r.values.responses)
    ? (r.values.responses as number[][]).flat().filter((n) => typeof n === 'number')
    : [];

/** The figures for an evaluation of `expert` over `from`–`to` (inclusive); `counts` leaves out records with errors. */
export function figuresOf(
  records: readonly RecordFacts[],
  expert: string,
  from: string,
  to: string,
  counts: (r: RecordFacts) => boolean = () => true,
): Figures {
  const inPeriod = (r: RecordFacts) => r.when !== undefined && r.when >= from && r.when <= to;
  const led = records.filter((r) => inPeriod(r) && ledBy(r, expert));
  const counted = led.filter(counts);
  const groups = sessionsOf(counted);
  const singles = counted.filter((r) => r.form.key !== 'group');
  const minutes =
    groups.reduce((sum, s) => sum + (s.duration ?? 0), 0) +
    singles.reduce((sum, r) => sum + (typeof r.values.duration === 'number' ? r.values.duration : 0), 0);
  const byForm: Record<string, number> = { group: groups.length };
  for (const r of singles) byForm[r.form.key] = (byForm[r.form.key] ?? 0) + 1;

  const sessionFiles = new Set(groups.flatMap((s) => s.records.map((r) => baseName(r.file))));
  const allSurveys = records.filter((r) => r.form.key === 'survey');
  const surveys = allSurveys.filter(counts);
  // The session as unknown-session reads it (trimmed, a blank one none), so that the two never disagree.
  const rates = (r: RecordFacts) => {
    const name = sessionName(r);
    return name !== undefined && sessionFiles.has(name);
  };
  const theirs = surveys.filter(rates);
  const ratings = theirs.flatMap(ratingsOf);
  const perCounty = new Map<string, RecordFacts[]>();
  for (const r of surveys.filter((s) => inPeriod(s) && sessionName(s) === undefined)) {
    const county = typeof r.values.county === 'string' ? r.values.county : '?';
    perCounty.set(county, [...(perCounty.get(county) ?? []), r]);
  }
  return {
    sessions: groups.length + singles.length,
    minutes,
    byForm,
    files: counted.map((r) => r.file),
    uncounted: led.filter((r) => !counts(r)).map((r) => r.file),
    satisfaction: mean(ratings),
    ratings: ratings.length,
    surveys: theirs.map((r) => r.file),
    uncountedSurveys: allSurveys.filter((r) => rates(r) && !counts(r)).map((r) => r.file),
    unattributed: [...perCounty].map(([county, list]) => {
      const all = list.flatMap(ratingsOf);
      return { county, surveys: list.length, ratings: all.length, mean: mean(all) };
    }),
  };
}

/** An evaluation as status and the exit rule read it. */
export interface EvaluationFacts {
  file: string;
  expert: string;
  date: string;
  from?: string;
  to?: string;
  result?: string;
  record: RecordFacts;
}

/** Every readable evaluation, per expert, in date order (then by file). */
export function evaluationsByExpert(records: readonly RecordFacts[]): Map<string, EvaluationFacts[]> {
  const by = new Map<string, EvaluationFacts[]>();
  for (const r of records) {
    const expert = clean(r.values.expert);
    if (r.form.key !== 'evaluation' || !expert || !r.when) continue;
    const period = (r.values.period ?? {}) as { from?: string; to?: string };
    const result = typeof r.values.result === 'string' ? r.values.result : undefined;
    const e = { file: r.file, expert, date: r.when, from: period.from, to: period.to, result, record: r };
    by.set(expert, [...(by.get(expert) ?? []), e]);
  }
  for (const list of by.values())
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.file < b.file ? -1 : 1));
  return by;
}

/** The second of the first two consecutive 不合格 evaluations (in date order), with the first: the expert's exit. */
export function exitOf(evaluations: readonly EvaluationFacts[]): [EvaluationFacts, EvaluationFacts] | undefined {
  const read = evaluations.filter((e) => e.result !== undefined);
  for (let i = 1; i < read.length; i++)
    if (read[i - 1]!.result === FAILED && read[i]!.result === FAILED) return [read[i - 1]!, read[i]!];
  return undefined;
}

/**
 * expert-exit: after a second consecutive 不合格, the expert no longer qualifies (Part 2 §5 退出机制):
 * each session they led after it is an error, and so is their entry in kmsw.yaml.
 */
/**
 * The sessions led by an expert after their second consecutive 不合格: expert-exit's errors, which no
 * count (the quotas, status) takes as a session held, as it takes no record with an error of its own.
 */
export function ledAfterExit(records: readonly RecordFacts[]): Set<string> {
  return new Set(exits(records).flatMap((e) => e.after.map((r) => r.file)));
}

/** Each expert whose evaluations hold two consecutive 不合格: the two, and the sessions they led after the second. */
function exits(records: readonly RecordFacts[]) {
  return [...evaluationsByExpert(records)].flatMap(([expert, evaluations]) => {
    const exit = exitOf(evaluations);
    if (!exit) return [];
    const [first, second] = exit;
    const after = records.filter((r) => r.when !== undefined && r.when > second.date && ledBy(r, expert));
    return [{ expert, first, second, after }];
  });
}

/** expert-exit is said on a record in scope that is a session of an expert after their exit: their evaluations. */
export const expertExitReach: Reach = {
  groups: (r) => {
    const expert = clean(r.values.expert);
    return r.form.key === 'evaluation' && expert && r.when ? [`exit\u0000${expert}`] : [];
  },
  needs: (records) => records.flatMap((r) => (r.inScope ? leaders(r).map((n) => `exit\u0000${n}`) : [])),
};

export const expertExit: FolderRule = (records, ctx) => {
  const findings: Finding[] = [];
  for (const { expert, first, second, after } of exits(records)) {
    for (const r of after.filter((a) => a.inScope)) {
      findings.push({
        rule: 'expert-exit',
        file: r.file,
        field: r.form.dateField,
        ...r.whenAt,
        message: msg().evaluation.ledAfterExit(expert, r.when!, first.date, second.date, second.file),
        hint: msg().evaluation.exitHint,
      });
    }
    const i = ctx.config.experts.findIndex((e) => clean(e.name) === expert);
    if (i < 0 || !(second.record.inScope || after.some((a) => a.inScope))) continue;
    findings.push({
      rule: 'expert-exit',
      file: 'kmsw.yaml',
      field: `experts.${i}`,
      ...ctx.configAt(['experts', i, 'name']),
      message: msg().evaluation.noLongerQualifies(expert, first.date, second.date, after.length),
      hint: msg().evaluation.configHint,
    });
  }
  return findings;
};

/** Whether a written mean agrees with the counted one to the decimals it is written with (4.5 for 4.46). */
export function agrees(written: number, counted: number): boolean {
  const decimals = Math.min(3, (String(written).split('.')[1] ?? '').length);
  return Math.abs(written - counted) <= 0.5 * 10 ** -decimals + 1e-9;
}

/** The figures for an evaluation record, when its expert and period read. */
export function figuresFor(r: RecordFacts, records: readonly RecordFacts[], ctx: Pick<FolderContext, 'counts'>) {
  const expert = clean(r.values.expert);
  const period = (r.values.period ?? {}) as { from?: string; to?: string };
  if (!expert || !period.from || !period.to) return undefined;
  return figuresOf(records, expert, period.from, period.to, ctx.counts);
}

/**
 * evaluation-count is said on an evaluation in scope: the sessions its expert led and every survey count.
 */
export const evaluationCountReach: Reach = {
  groups: (r) => [...leaders(r).map((n) => `led\u0000${n}`), ...(r.form.key === 'survey' ? ['surveys'] : [])],
  needs: (records) =>
    records.flatMap((r) => {
      const expert = clean(r.values.expert);
      return r.form.key === 'evaluation' && r.inScope && expert ? [`led\u0000${expert}`, 'surveys'] : [];
    }),
};

/**
 * evaluation-count: a written 完成次数 or 满意度 that the records do not bear out (more than rounding
 * apart). A warning: the office may know of sessions kmsw has no record of, but should say so.
 */
export const evaluationCount: FolderRule = (records, ctx) => {
  const findings: Finding[] = [];
  for (const r of records) {
    if (r.form.key !== 'evaluation' || !r.inScope) continue;
    const f = figuresFor(r, records, ctx);
    if (!f) continue;
    const done = (r.values.quantity as { done?: number } | undefined)?.done;
    const at = (field: string) => r.pinned?.[field] ?? r.whenAt;
    if (typeof done === 'number' && done !== f.sessions)
      findings.push({
        rule: 'evaluation-count',
        file: r.file,
        field: 'quantity.done',
        ...at('quantity.done'),
        message: msg().evaluation.doneDisagrees(done, f.sessions, f.uncounted.length),
        hint: msg().evaluation.doneHint,
      });
    const written = r.values.satisfaction;
    if (typeof written === 'number' && (f.satisfaction === undefined || !agrees(written, f.satisfaction)))
      findings.push({
        rule: 'evaluation-count',
        file: r.file,
        field: 'satisfaction',
        ...at('satisfaction'),
        message: msg().evaluation.satisfactionDisagrees(
          written,
          f.satisfaction,
          f.surveys.length,
          f.uncountedSurveys.length,
        ),
        hint: msg().evaluation.satisfactionHint,
      });
  }
  return findings;
};

const FORM_NAMES: Record<string, string> = { group: '团体督导', record: '督导记录表', individual: '个别督导登记表' };
const round2 = (n: number) => String(Math.round(n * 100) / 100);

/**
 * 满意度（统计）: the mean and what it is of, and the surveys of the expert's sessions left out for their errors; when
 * none is counted, why (no survey, or only surveys with errors), never a silent 无.
 */
function satisfactionText(f: Figures): string {
  const n = f.uncountedSurveys.length;
  const uncounted = n > 0 ? `${n} 份调研表有错误，未计入：${f.uncountedSurveys.join('、')}` : '';
  if (f.satisfaction === undefined) return `无（${uncounted || '评估期内没有所督导场次的满意度调研表'}）`;
  const counted = `${round2(f.satisfaction)}（${f.surveys.length} 份调研表，${f.ratings} 个评分）`;
  return uncounted ? `${counted}；另有 ${uncounted}` : counted;
}

/**
 * The figures as the 督导成效评估表 and the scaffold print them (in Chinese, as the form's labels
 * are): `counted.sessions`, `counted.satisfaction`, `counted.surveys`.
 */
export function countedText(f: Figures): { sessions: string; satisfaction: string; surveys: string } {
  const parts = Object.entries(FORM_NAMES)
    .filter(([form]) => (f.byForm[form] ?? 0) > 0)
    .map(([form, name]) => `${name} ${f.byForm[form]}`);
  const uncounted =
    f.uncounted.length > 0 ? `；另有 ${f.uncounted.length} 份记录有错误，未计入：${f.uncounted.join('、')}` : '';
  const unattributed = f.unattributed.map(
    (u) => `${u.county} ${u.surveys} 份${u.mean === undefined ? '' : `（平均 ${round2(u.mean)}）`}`,
  );
  return {
    sessions:
      `${f.sessions} 场${parts.length > 0 ? `（${parts.join('、')}）` : ''}，共 ${formatDuration(f.minutes)}` +
      uncounted,
    satisfaction: satisfactionText(f),
    surveys:
      `所评督导的调研表：${f.surveys.length > 0 ? f.surveys.map(baseName).join('、') : '无'}` +
      (unattributed.length > 0
        ? `；未写明所评督导（session）的调研表，按区县计、未计入：${unattributed.join('；')}`
        : ''),
  };
}
