import { date, lines, person, text } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';

export const log = defineForm({
  key: 'log',
  title: '督导工作日志',
  purpose: '督导助理每个工作日填写一份',
  document: 'docx',
  layout,
  dateField: 'date',
  slugField: 'author',
  unique: true,
  ask: ['author', 'date'],
  fields: {
    author: person('填表人', 'assistant'),
    date: date('日期'),
    content: text('当日工作内容', {
      min: 300,
      hint: '本日工作分类汇总，包括工作任务、会议或培训、督导过程：被督导者的提问或疑惑、督导回复等',
    }),
    plan: lines('明日工作计划', { hint: '每项一行' }),
  },
});
