import { county, date, line, optional, ratings } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';
import { surveyOutput } from './sheets.js';

export const SURVEY_QUESTIONS = [
  '您对本次督导的形式是否满意',
  '您对本次督导过程中的氛围是否满意',
  '您在本次督导的过程中对督导老师的回答是否满意',
  '您在本次督导的过程中对督导老师的自我介绍环节是否满意',
  '您在本次督导的过程中对督导老师的游戏环节是否满意',
  '您在本次督导的过程中对督导老师的提出问题环节是否满意',
  '您在本次督导的过程中对督导老师的总结交流环节是否满意',
] as const;

export const survey = defineForm({
  key: 'survey',
  title: '督导满意度调研表',
  purpose: '团体督导结束时收集被督导者的满意度',
  document: 'xlsx',
  layout,
  sheets: surveyOutput(SURVEY_QUESTIONS),
  dateField: 'date',
  slugField: 'county',
  ask: ['county', 'date', 'session'],
  // unknown-session points at the session line.
  pinned: ['session'],
  fields: {
    county: county('县（市、区）', { cityWide: true }),
    date: date('日期'),
    session: optional(
      line('所评督导', {
        hint: '所评团体督导记录的文件名，如 2026-11-20-五华区-李明.yaml（kmsw new group 写的文件名带填表人）',
        names: 'group',
      }),
    ),
    responses: ratings('问卷', SURVEY_QUESTIONS, {
      hint: '每份问卷一行，7个评分依次对应7个问题：1 非常不满意，2 很不满意，3 一般，4 很满意，5 非常满意',
    }),
  },
});
