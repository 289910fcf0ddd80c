import { choice, county, date, line, people, person, station, text, optional } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';

/** What a meeting record may be; the first two are the 行政协同督导's yearly duties (Part 1 §4). */
export const MEETING_KINDS = ['督导中心工作会议', '社工站点活动', '培训', '论坛'] as const;
export const CENTRE_MEETING = MEETING_KINDS[0];
export const STATION_ACTIVITY = MEETING_KINDS[1];

/**
 * 会议与活动记录: not an official form. The handbook asks each 行政协同督导 to attend at least one
 * 督导中心工作会议 and one 社工站点活动 a year (Part 1 §4); this record is what shows they did.
 */
export const meeting = defineForm({
  key: 'meeting',
  title: '会议与活动记录',
  purpose: '督导中心工作会议、社工站点活动、培训、论坛之后由记录人填写',
  document: 'docx',
  layout,
  dateField: 'date',
  slugField: 'title',
  ask: ['kind', 'title', 'date', 'place', 'attendees', 'author'],
  note: '行政协同督导每年至少参加1次督导中心工作会议、参加1次社工站点活动（参加人员中写明其姓名）。',
  fields: {
    kind: choice('类别', MEETING_KINDS),
    title: line('名称', { hint: '如 2026年11月督导中心工作会议' }),
    date: date('日期'),
    place: line('地点'),
    county: optional(county('县（市、区）', { hint: '站点活动写所在县（市、区）；全市性的写 全市' })),
    station: optional(station('社工站', { hint: '站点活动写社工站名称' })),
    attendees: people('参加人员', 'worker', { hint: '每人一行，督导专家、督导助理、社工都写上' }),
    content: text('内容', { hint: '会议议题和决定，或活动的内容和督导专家的建议' }),
    author: person('记录人', 'assistant'),
  },
});
