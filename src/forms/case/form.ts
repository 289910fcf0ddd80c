import { county, date, group, line, person, station, text } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';

export const caseForm = defineForm({
  key: 'case',
  title: '社会工作服务站案例收集需求表',
  purpose: '社工站提交案例时填写',
  document: 'docx',
  layout,
  dateField: 'date',
  slugField: 'title',
  ask: ['title', 'category', 'county', 'station', 'lead', 'date'],
  fields: {
    title: line('案例名称'),
    category: line('案例类型', { hint: '如 社区治理、老年服务、儿童关爱' }),
    station: station('落地社工站名称'),
    county: county(),
    lead: person('负责人', 'worker'),
    date: date('日期'),
    outline: group('案例提纲内容', {
      background: text('案例实施背景'),
      strategy: text('案例策略思路'),
      plan: text('案例实施计划'),
      process: text('案例实际执行过程', { hint: '主要时间、地点、人物、事件等信息，和实际对方案、计划的修正' }),
      result: text('案例实施结果总结'),
    }),
  },
});
