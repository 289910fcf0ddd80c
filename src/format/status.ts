import { Chalk } from 'chalk';
import type { Status } from '../scan/results.js';
import { msg } from '../i18n.js';
import { showDuration } from '../values/duration.js';
import { displayWidth, printableAll } from './table.js';

const WIDTH = 10;

/** `███░░░░░░░ 1/3`: full when the target is met. */
function bar(count: number, target: number): string {
  const filled = target === 0 ? WIDTH : Math.min(WIDTH, Math.round((count / target) * WIDTH));
  return `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)} ${count}/${target}`;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** What every section draws with: the colours, a bar with its mark, and the width of the name column. */
interface Pen {
  c: InstanceType<typeof Chalk>;
  mark: (count: number, target: number, ended: boolean, width?: number) => string;
  nameWidth: number;
}

export function formatStatus(status: Status, opts: { color: boolean }): string {
  // Names and file names come from the folder: shown, never obeyed by the terminal.
  const s = printableAll(status);
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  // Padded before it is coloured, so the columns line up with or without colour.
  const mark = (count: number, target: number, ended: boolean, width = 0) => {
    const text = pad(`${bar(count, target)}${count >= target ? ' ✓' : ''}`, width);
    return count >= target ? c.green(text) : ended ? c.red(text) : c.yellow(text);
  };
  const names = [...new Set(s.quotas.filter((q) => q.county).map((q) => q.county!))];
  const pen: Pen = {
    c,
    mark,
    nameWidth: Math.max(displayWidth(msg().formatStatus.county), ...names.map(displayWidth)) + 2,
  };
  const out: string[] = [];
  out.push(c.bold(msg().formatStatus.supervisionInAsOf(s.centre, s.year, s.today)), '');
  out.push(...counties(s, names, pen), '');
  out.push(...online(s, pen), '');
  if (s.duties.length > 0) out.push(...duties(s, pen), '');
  out.push(...signatures(s, pen), '');
  if (s.experts && s.experts.length > 0) out.push(...expertSignatures(s, pen), '');
  out.push(...logs(s, pen));
  if (s.evaluations.length > 0) out.push('', ...evaluations(s, pen));
  if (s.unread.length > 0) {
    out.push('', c.bold(c.red(msg().formatStatus.filesAndFoldersKmsw(s.unread.length))));
    for (const u of s.unread) out.push(`  ${u.file}  ${c.dim(u.message)}`);
  }
  for (const note of s.notes ?? []) out.push('', c.cyan(`${msg().reports.note}${note}`));
  return `${out.join('\n')}\n`;
}

/** Each county's face-to-face and on-site sessions against the year's targets. */
function counties(s: Status, names: readonly string[], { c, mark, nameWidth }: Pen): string[] {
  const out = [c.bold(msg().formatStatus.groupSupervisionPerCounty)];
  const face = msg().formatStatus.faceToFace(showDuration(s.faceToFaceMin));
  const site = msg().formatStatus.onSite;
  const colWidth = WIDTH + 10;
  out.push(`  ${pad(msg().formatStatus.county, nameWidth)}${pad(face, colWidth + 4)}${site}`);
  if (names.length === 0) out.push(msg().formatStatus.kmswYamlListsNo);
  for (const name of names) {
    const f = s.quotas.find((q) => q.county === name && q.what === 'face-to-face')!;
    const o = s.quotas.find((q) => q.county === name && q.what === 'on-site')!;
    if (f.offDuty) {
      out.push(`  ${pad(name, nameWidth)}${c.dim(msg().formatStatus.offDuty)}`);
      continue;
    }
    out.push(
      `  ${pad(name, nameWidth)}${mark(f.count, f.target, f.ended, colWidth + 4)}${mark(o.count, o.target, o.ended)}`,
    );
  }
  return out;
}

/** The city-wide online sessions, per quarter and for the year. */
function online(s: Status, { c, mark, nameWidth }: Pen): string[] {
  const out = [c.bold(msg().formatStatus.cityWideOnlineGroup)];
  // A period no one was on duty in is not judged: said so, never a red 0/1.
  const shown = (q: Status['quotas'][number]) =>
    q.offDuty ? c.dim(msg().formatStatus.offDuty) : mark(q.count, q.target, q.ended);
  for (const q of s.quotas.filter((l) => l.what === 'online-quarter')) {
    out.push(`  ${pad(msg().formatStatus.q(q.quarter), nameWidth)}${shown(q)}`);
  }
  const year = s.quotas.find((l) => l.what === 'online-year')!;
  out.push(`  ${pad(msg().formatStatus.year, nameWidth)}${shown(year)}`);
  return out;
}

/** Each 行政协同督导's meetings and station activities of the year against the handbook's one each. */
function duties(s: Status, { c, mark, nameWidth }: Pen): string[] {
  const m = msg().meeting;
  const ended = s.today > `${s.year}-12-31`;
  const width = Math.max(nameWidth, displayWidth(m.expert) + 2, ...s.duties.map((d) => displayWidth(d.expert) + 2));
  const colWidth = Math.max(WIDTH + 10, displayWidth(m.centreMeeting) + 2);
  const out = [c.bold(m.adminExpertsPerYear)];
  out.push(`  ${pad(m.expert, width)}${pad(m.centreMeeting, colWidth + 4)}${m.stationActivity}`);
  for (const name of [...new Set(s.duties.map((d) => d.expert))]) {
    const meeting = s.duties.find((d) => d.expert === name && d.what === 'centre-meeting')!;
    const activity = s.duties.find((d) => d.expert === name && d.what === 'station-activity')!;
    // A year no one was on duty in is not judged (quota says nothing of it): said so, never a red 0/1.
    if (meeting.offDuty) out.push(`  ${pad(name, width)}${c.dim(msg().formatStatus.offDuty)}`);
    else
      out.push(
        `  ${pad(name, width)}${mark(meeting.count, meeting.target, ended, colWidth + 4)}` +
          mark(activity.count, activity.target, ended),
      );
  }
  return out;
}

/** The signatures still to give, soonest due first. */
function signatures(s: Status, { c }: Pen): string[] {
  const out = [c.bold(msg().formatStatus.signaturesDueWithinA)];
  if (s.signatures.length === 0) out.push(msg().formatStatus.nothingWaitingForA);
  for (const p of s.signatures) {
    const when = p.overdue ? c.red(msg().formatStatus.overdueDue(p.due)) : c.yellow(msg().formatStatus.by(p.due));
    out.push(`  ${when}  ${p.label}${p.signer ? ` ${p.signer}` : ''}  ${c.dim(p.file)}`);
  }
  return out;
}

/** Per expert: how many records wait for their signature, the oldest, and how many are overdue. */
function expertSignatures(s: Status, { c }: Pen): string[] {
  const width = Math.max(...s.experts!.map((e) => displayWidth(e.name))) + 2;
  return [
    c.bold(msg().sign.perExpert),
    ...s.experts!.map((e) => {
      const text = msg().sign.expertLine(e.waiting, e.oldest, e.overdue);
      const shown = e.waiting === 0 ? c.green(text) : e.overdue > 0 ? c.red(text) : c.yellow(text);
      return `  ${pad(e.name, width)}${shown}`;
    }),
  ];
}

/** Each assistant's logs of the month: written of expected, and the days missing or with errors. */
function logs(s: Status, { c, nameWidth }: Pen): string[] {
  const out = [c.bold(msg().formatStatus.dailyLogsIn(s.logs.month))];
  if (s.logs.assistants.length === 0) out.push(msg().formatStatus.kmswYamlListsNoAssistants);
  for (const a of s.logs.assistants) {
    const parts: string[] = [];
    if (a.missing.length > 0)
      parts.push(
        c.yellow(
          msg().formatStatus.missing(
            a.missing.length,
            a.missing.map((d) => d.slice(5)),
          ),
        ),
      );
    if (a.faulty.length > 0) {
      const days = a.faulty.map((f) => f.day.slice(5));
      parts.push(c.red(msg().formatStatus.withErrorsSeeKmsw(a.faulty.length, days)));
    }
    const state = parts.length === 0 ? c.green(msg().formatStatus.complete) : parts.join(msg().formatStatus.semicolon);
    out.push(`  ${pad(a.name, nameWidth)}${bar(a.written, a.expected)}  ${state}`);
  }
  return out;
}

/** Each expert's effect evaluations, and the exit when two in a row were 不合格. */
function evaluations(s: Status, { c, nameWidth }: Pen): string[] {
  const out = [c.bold(msg().evaluation.statusTitle)];
  const width = Math.max(nameWidth, ...s.evaluations.map((e) => displayWidth(e.expert) + 2));
  for (const e of s.evaluations) {
    const lines = e.evaluations.map((v) => {
      const text = msg().evaluation.statusLine(v.date, v.from ?? '?', v.to ?? '?', v.result ?? '?');
      return v.result === '不合格' ? c.yellow(text) : text;
    });
    if (lines.length === 0) lines.push(c.dim(msg().evaluation.statusNone));
    if (e.exit) lines.push(c.red(msg().evaluation.statusExit(e.exit)));
    lines.forEach((line, i) => out.push(`  ${pad(i === 0 ? e.expert : '', width)}${line}`));
  }
  return out;
}
