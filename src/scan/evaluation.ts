/**
 * The whole folder's records, checked, for what an evaluation counts: the sessions an expert led in
 * a period may lie in any month, so `new evaluation`, `status` and `export` read them all.
 */
import { bareName } from '../values/text.js';
import { listRecordFiles } from '../records/load.js';
import { countedText, evaluationsByExpert, figuresFor, figuresOf, type Figures } from '../rules/evaluation.js';
import { addDays, parseDate } from '../values/date.js';
import { RECORD_RULES } from '../rules/index.js';
import type { Finding, RecordFacts } from '../rules/types.js';
import type { Day } from '../values/date.js';
import { scanFolder } from './folder.js';
import { openFolder } from './open.js';

export interface FolderFacts {
  facts: RecordFacts[];
  /** The record rules' findings on every file. */
  findings: Finding[];
  /** Whether a record may be counted: it has no error, at kmsw.yaml's severities. */
  counts: (r: RecordFacts) => boolean;
}

export async function folderFacts(root: string, today: Day, keepRaw = false): Promise<FolderFacts> {
  const { ctx } = await openFolder({ root, today });
  const files = await listRecordFiles(root);
  const { facts, findings } = await scanFolder(ctx, { rules: RECORD_RULES, files, keepRaw, whole: true });
  return { facts, findings, counts: ctx.counts! };
}

/** The figures for each evaluation record, by file. */
export function figuresByFile(folder: FolderFacts): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const r of folder.facts) {
    if (r.form.key !== 'evaluation') continue;
    const f = figuresFor(r, folder.facts, { counts: folder.counts });
    if (f) out.set(r.file, f);
  }
  return out;
}

/**
 * What `new evaluation` writes above the fields: the figures kmsw counts for the expert and period
 * of the new record, as comments (the fields `quantity.done` and `satisfaction` stay blank: blank
 * means "as counted", and check compares what is written later).
 */
export function countedComments(folder: FolderFacts, today: Day, values: Record<string, unknown>): string[] {
  const period = (values.period ?? {}) as { from?: unknown; to?: unknown };
  const day = (v: unknown) => parseDate(typeof v === 'string' ? v : '');
  const from = day(period.from);
  const to = day(period.to);
  const expert = typeof values.expert === 'string' ? values.expert : undefined;
  if (!expert || !from.ok || !to.ok) return [];
  const text = countedText(figuresOf(folder.facts, expert, from.value, to.value, folder.counts));
  return [
    `kmsw 按记录统计（${expert}，评估期 ${from.value} 至 ${to.value}，截至 ${today}）：`,
    `  督导场次：${text.sessions}`,
    `  满意度：${text.satisfaction}`,
    `  ${text.surveys}`,
    '完成次数（quantity.done）和满意度（satisfaction）留空即按以上统计；填写的数字与记录不符时，kmsw check 会提示（evaluation-count）。',
  ];
}

/**
 * Where a new evaluation's period starts when none is given: the day after the expert's last
 * evaluated period of the same year ends, so two evaluations never count one session twice; the
 * year's first day when there is none (undefined: keep the form's default).
 */
export function periodStart(folder: FolderFacts, values: Record<string, unknown>): Day | undefined {
  const date = parseDate(typeof values.date === 'string' ? values.date : '');
  const expert = typeof values.expert === 'string' ? bareName(values.expert) : undefined;
  if (!date.ok || !expert) return undefined;
  const year = date.value.slice(0, 4);
  const ends = (evaluationsByExpert(folder.facts).get(expert) ?? [])
    .map((e) => e.to)
    .filter((to): to is string => typeof to === 'string' && to.startsWith(`${year}-`) && to < date.value)
    .sort();
  const last = ends.at(-1);
  return last === undefined ? undefined : addDays(last, 1);
}
