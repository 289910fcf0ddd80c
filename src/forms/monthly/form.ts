import { date, month, person, text } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';

export const monthly = defineForm({
  key: 'monthly',
  title: '督导工作月度总结',
  purpose: '督导助理每月填写一份',
  document: 'docx',
  layout,
  dateField: 'month',
  slugField: 'author',
  unique: true,
  ask: ['author', 'month', 'date'],
  fields: {
    author: person('填表人', 'assistant'),
    date: date('日期', { hint: '填表日期' }),
    month: month('总结月份'),
    content: text('工作内容', {
      min: 300,
      hint: '本月工作分类汇总，包括工作任务、会议或培训、督导过程：被督导者的提问或疑惑、督导回复等',
    }),
    review: text('督导自评', { min: 150, hint: '优势与不足：做的好的地方，以及不足之处' }),
    plan: text('下月工作计划', { min: 200, hint: '下月的具体工作内容，以及需要改进之处' }),
  },
});
