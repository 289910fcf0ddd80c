/**
 * A session is counted once however many records describe it (spec section 5): `group` records
 * with the same county, date and mode are one session, as when two assistants each write one.
 * `status`, the quota rule and the monthly checklist all count through `sessionsOf`.
 */
import { msg } from '../i18n.js';
import { formatDuration, showDuration } from '../values/duration.js';
import type { Finding, FolderRule, Reach, RecordFacts } from './types.js';

export const FACE_TO_FACE = '线下';
export const ONLINE = '线上';

export interface Session {
  county?: string;
  date?: string;
  mode?: string;
  /** The longest duration written, in minutes (undefined when none reads). */
  duration?: number;
  /** The records that describe it, in the folder's order. */
  records: RecordFacts[];
}

/**
 * The sessions of a list of records (only `group` records count). A record whose county, date or
 * mode does not read cannot be matched to another: it is a session of its own, with that part
 * unknown, so it never adds to a county's or a mode's count.
 */
export function sessionsOf(records: readonly RecordFacts[]): Session[] {
  const byKey = new Map<string, Session>();
  const sessions: Session[] = [];
  for (const r of records) {
    if (r.form.key !== 'group') continue;
    const duration = typeof r.values.duration === 'number' ? r.values.duration : undefined;
    const key = sessionKey(r);
    let session = key === undefined ? undefined : byKey.get(key);
    if (!session) {
      const county = typeof r.values.county === 'string' ? r.values.county : undefined;
      const mode = typeof r.values.mode === 'string' ? r.values.mode : undefined;
      session = { county, date: r.when, mode, duration, records: [] };
      sessions.push(session);
      if (key !== undefined) byKey.set(key, session);
    }
    session.records.push(r);
    if (duration !== undefined && (session.duration === undefined || duration > session.duration))
      session.duration = duration;
  }
  return sessions;
}

/** A group record's session, by its county, date and mode; undefined when one of them does not read. */
function sessionKey(r: RecordFacts): string | undefined {
  const { county, mode } = r.values;
  if (r.form.key !== 'group' || typeof county !== 'string' || typeof mode !== 'string' || r.when === undefined)
    return undefined;
  return `${county}\u0000${r.when}\u0000${mode}`;
}

/** How many sessions a list of records describes: what the checklist's 团体督导 row counts. */
export const sessionCount = (records: readonly RecordFacts[]): number => sessionsOf(records).length;

const names = (r: RecordFacts): string[] | undefined =>
  Array.isArray(r.values.experts)
    ? [...new Set((r.values.experts as string[]).map((n) => n.replace(/\s+/g, '')))].sort()
    : undefined;

/** session-conflict is said on a record in scope that is not the first of its session. */
export const sessionConflictReach: Reach = {
  groups: (r) => {
    const key = sessionKey(r);
    return key === undefined ? [] : [`session\u0000${key}`];
  },
  needs: (records) => records.flatMap((r) => (r.inScope ? sessionConflictReach.groups(r) : [])),
};

/**
 * session-conflict: two records of one session that disagree on its experts or its duration.
 * Said on each record after the first, naming the first, at the record's date.
 */
export const sessionConflict: FolderRule = (records) => {
  const findings: Finding[] = [];
  for (const session of sessionsOf(records)) {
    const [first, ...rest] = session.records;
    if (!first) continue;
    for (const r of rest) {
      if (!r.inScope) continue;
      const differences: Array<{ zh: string; en: string }> = [];
      const a = names(first);
      const b = names(r);
      if (a && b && a.join('、') !== b.join('、')) {
        differences.push({
          zh: `督导专家不同（${b.join('、')}；那份写的是 ${a.join('、')}）`,
          en: `the experts differ (${b.join(', ')}; it says ${a.join(', ')})`,
        });
      }
      const d1 = first.values.duration;
      const d2 = r.values.duration;
      if (typeof d1 === 'number' && typeof d2 === 'number' && d1 !== d2) {
        differences.push({
          zh: `督导时长不同（${formatDuration(d2)}；那份写的是 ${formatDuration(d1)}）`,
          en: `the duration differs (${showDuration(d2)}; it says ${showDuration(d1)})`,
        });
      }
      if (differences.length === 0) continue;
      const what = `${session.county} ${session.date} ${session.mode}`;
      findings.push({
        rule: 'session-conflict',
        file: r.file,
        field: r.form.dateField,
        ...r.whenAt,
        message: msg().sessions.thisGroupRecordAnd(
          first.file,
          what,
          differences.map((d) => d.zh),
          differences.map((d) => d.en),
        ),
        hint: msg().sessions.checkThemAndMake(showDuration(session.duration ?? 0)),
      });
    }
  }
  return findings;
};
