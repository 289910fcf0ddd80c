/**
 * unknown-session: a survey's `session:` names the group record it rates, by file name; one that names no group
 * record rates no session, so its satisfaction counts towards no expert's evaluation (rules/evaluation.ts). Said on
 * the survey's session line, with the group records of the day as the likely meant ones.
 */
import { msg } from '../i18n.js';
import { distance } from '../values/nearest.js';
import type { Finding, FolderRule, Reach, RecordFacts } from './types.js';

/** A path's last part, whichever slash it is written with. */
export const baseName = (file: string) => file.replace(/\\/g, '/').split('/').pop()!;

/** The file name a survey's session gives, when it gives one. */
export function sessionName(r: RecordFacts): string | undefined {
  const session = r.form.key === 'survey' ? r.values.session : undefined;
  return typeof session === 'string' && session.trim() !== '' ? baseName(session.trim()) : undefined;
}

/** The days a survey's session may be on: the survey's own, and the one its file name begins with. */
function daysOf(r: RecordFacts, name: string): string[] {
  const named = /^\d{4}-\d{2}-\d{2}/.exec(name)?.[0];
  return [...new Set([r.when, named].filter((d): d is string => d !== undefined))];
}

/** unknown-session is said on a survey in scope: it stands on the group records of its name and of its days. */
export const unknownSessionReach: Reach = {
  groups: (r) =>
    r.form.key === 'group'
      ? [`group-file\u0000${baseName(r.file)}`, ...(r.when ? [`group-day\u0000${r.when}`] : [])]
      : [],
  needs: (records) =>
    records.flatMap((r) => {
      const name = r.inScope ? sessionName(r) : undefined;
      return name === undefined
        ? []
        : [`group-file\u0000${name}`, ...daysOf(r, name).map((d) => `group-day\u0000${d}`)];
    }),
};

/** The group records of the survey's days, those of its county first, then the nearest in name. */
function likely(r: RecordFacts, name: string, groups: readonly RecordFacts[]): string[] {
  const days = daysOf(r, name);
  const county = r.values.county;
  return groups
    .filter((g) => g.when !== undefined && days.includes(g.when))
    .map((g) => ({ name: baseName(g.file), other: g.values.county !== county }))
    .sort(
      (a, b) => +a.other - +b.other || distance(name, a.name) - distance(name, b.name) || (a.name < b.name ? -1 : 1),
    )
    .map((g) => g.name);
}

export const unknownSession: FolderRule = (records, _ctx, files) => {
  const surveys: Array<[RecordFacts, string]> = [];
  const groups: RecordFacts[] = [];
  for (const r of records) {
    const name = r.inScope ? sessionName(r) : undefined;
    if (name !== undefined) surveys.push([r, name]);
    else if (r.form.key === 'group') groups.push(r);
  }
  if (surveys.length === 0) return [];
  const named = new Set(groups.map((g) => baseName(g.file)));
  // A file that is no record (it does not parse) may be the group record meant: it has its own finding.
  let unread: Set<string> | undefined;
  const isUnread = (name: string) => {
    const read = unread ? undefined : new Set(records.map((r) => r.file));
    unread ??= new Set(files.filter((f) => !read!.has(f)).map(baseName));
    return unread.has(name);
  };
  const findings: Finding[] = [];
  for (const [r, name] of surveys) {
    if (named.has(name) || isUnread(name)) continue;
    const meant = likely(r, name, groups);
    findings.push({
      rule: 'unknown-session',
      file: r.file,
      field: 'session',
      ...(r.pinned?.session ?? r.whenAt),
      message: msg().surveySession.namesNoGroupRecord(String(r.values.session).trim()),
      hint:
        meant.length > 0
          ? msg().surveySession.didYouMean(meant.slice(0, 3))
          : msg().surveySession.noGroupRecordThatDay(daysOf(r, name)),
    });
  }
  return findings;
};
