/**
 * The experts' side of the handbook (Part 1 §1, §4): each 行政协同督导's yearly meetings and station
 * activities, counted from `meeting` records for the quota rule and `status`; and expert-title, a
 * 专业技术督导 whose title is below 中级.
 */
import { CENTRE_MEETING, STATION_ACTIVITY } from '../forms/meeting/form.js';
import { msg } from '../i18n.js';
import { toHalfwidth } from '../values/halfwidth.js';
import type { ConfigFinding, ConfigRule, FolderContext, RecordFacts } from './types.js';

/** The kind of expert the yearly meeting duty is for (kmsw.yaml `experts:` `kind`). */
export const ADMIN_EXPERT = '行政协同督导';
/** The kind of expert the title rule is for. */
export const PROFESSIONAL_EXPERT = '专业技术督导';

export type DutyWhat = 'centre-meeting' | 'station-activity';

export interface DutyLine {
  expert: string;
  /** Index in kmsw.yaml's experts. */
  index: number;
  what: DutyWhat;
  count: number;
  target: number;
  files: string[];
  /** The year ended before anyone was on duty (beforeDuty): not judged, as quota does not judge it. */
  offDuty?: true;
}

const bare = (name: string) => toHalfwidth(name).replace(/\s+/g, '');

/**
 * Each 行政协同督导's meetings of the year by kind, from the `meeting` records naming them among the
 * attendees. Only records without errors count, like sessions: an empty scaffold is no meeting held.
 */
export function dutyLines(records: readonly RecordFacts[], ctx: FolderContext, year: number): DutyLine[] {
  const meetings = records.filter(
    (r) => r.form.key === 'meeting' && r.when?.startsWith(`${year}-`) && (ctx.counts?.(r) ?? true),
  );
  const attended = (name: string, kind: string) =>
    meetings.filter(
      (r) =>
        r.values.kind === kind &&
        Array.isArray(r.values.attendees) &&
        r.values.attendees.some((a) => typeof a === 'string' && bare(a) === bare(name)),
    );
  const q = ctx.thresholds.quota;
  const kinds: Array<[DutyWhat, string, number]> = [
    ['centre-meeting', CENTRE_MEETING, q.centreMeeting],
    ['station-activity', STATION_ACTIVITY, q.stationActivity],
  ];
  // A year that ended before anyone was on duty is not judged: its lines say so.
  const off = beforeDuty(ctx, `${year}-12-31`) ? { offDuty: true as const } : {};
  return ctx.config.experts.flatMap((e, index) =>
    e.kind !== ADMIN_EXPERT
      ? []
      : kinds.map(([what, kind, target]) => {
          const files = attended(e.name, kind).map((r) => r.file);
          return { expert: e.name, index, what, count: files.length, target, files, ...off };
        }),
  );
}

export function dutyText(line: DutyLine, year: number): string {
  return line.what === 'centre-meeting'
    ? msg().meeting.attendedCentreMeetings(line.expert, year, line.count, line.target)
    : msg().meeting.attendedStationActivities(line.expert, year, line.count, line.target);
}

/**
 * The first day anyone was on duty: the earliest `since` of kmsw.yaml's assistants (none listed: undefined). A
 * period that ended before it is not judged by quota: a team that starts in October owes nothing for March.
 */
function dutyStart(ctx: FolderContext): string | undefined {
  let first: string | undefined;
  for (const a of ctx.config.assistants) if (first === undefined || a.since < first) first = a.since;
  return first;
}

/** Whether a period that ends on `end` ended before anyone was on duty (dutyStart). */
export const beforeDuty = (ctx: FolderContext, end: string): boolean => {
  const start = dutyStart(ctx);
  return start !== undefined && end < start;
};

/** The quota findings for the 行政协同督导 behind on their year's meetings, on their lines in kmsw.yaml. */
export function dutyFindings(records: readonly RecordFacts[], ctx: FolderContext, year: number): ConfigFinding[] {
  const ended = ctx.today > `${year}-12-31`;
  return dutyLines(records, ctx, year)
    .filter((l) => !l.offDuty && l.count < l.target)
    .map((l) => ({
      rule: 'quota',
      severity: ended ? ('error' as const) : ('warning' as const),
      file: 'kmsw.yaml' as const,
      field: `experts.${l.index}`,
      ...ctx.configAt(['experts', l.index, 'name']),
      message: `${dutyText(l, year)}${msg().rulesFolder.theRequirementWasNot(ended)}`,
      hint: msg().meeting.writeAMeetingRecord(
        l.expert,
        l.what === 'centre-meeting' ? CENTRE_MEETING : STATION_ACTIVITY,
      ),
    }));
}

/**
 * What counts as 中级 or above (spec §5); kmsw.yaml `rules: expert-title: accept:` adds to it. 社会工作师
 * is not in the spec's list, but it is the 中级 grade itself (助理社会工作师 初级, 社会工作师 中级, 高级社会工作师
 * 高级): an expert who writes their title without 中级 in front is not below it.
 */
export const TITLE_WORDS = [
  '中级',
  '高级',
  '副高',
  '正高',
  '讲师',
  '副教授',
  '教授',
  '副研究员',
  '研究员',
  '社会工作师',
  // 助理研究员 is the research series' 中级 (研究实习员 初级, 助理研究员 中级, 副研究员 副高, 研究员 正高),
  // unlike 助理社会工作师 (初级): named whole, so the 助理 rule below does not take it out.
  '助理研究员',
] as const;

/**
 * Whether a title is 中级 or above: it holds an accepted word that is not a 助理 title's tail. 助理 marks
 * the 初级 grade (助理社会工作师): accepting 社会工作师 must not pass 助理社会工作师.
 */
export function titleQualifies(title: string | undefined, extra: readonly string[] = []): boolean {
  const text = bare(title ?? '');
  if (text === '') return false;
  return [...TITLE_WORDS, ...extra.map(bare)].some((word) => {
    if (word === '') return false;
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1))
      if (!text.slice(0, at).endsWith('助理')) return true;
    return false;
  });
}

/** expert-title: a 专业技术督导 whose title is below 中级 (Part 1 §1), on their line in kmsw.yaml. */
export const expertTitle: ConfigRule = (_records, ctx) =>
  ctx.config.experts.flatMap((e, index) => {
    if (e.kind !== PROFESSIONAL_EXPERT || titleQualifies(e.title, ctx.thresholds.expertTitle.accept)) return [];
    const title = e.title?.trim() ? e.title.trim() : undefined;
    // A blank `title:` is pointed at; no title at all, the expert's name.
    const at = ['experts', index, e.title === undefined ? 'name' : 'title'];
    return [
      {
        rule: 'expert-title' as const,
        file: 'kmsw.yaml' as const,
        field: `experts.${index}.title`,
        ...ctx.configAt(at),
        message: title ? msg().expertTitle.isBelow(e.name, title) : msg().expertTitle.hasNoTitle(e.name),
        hint: msg().expertTitle.hint,
      },
    ];
  });
