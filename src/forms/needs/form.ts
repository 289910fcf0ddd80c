import { choice, county, date, station, text } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';

export const needs = defineForm({
  key: 'needs',
  title: '已有项目化运营站点督导需求统计表',
  purpose: '已有项目化运营的社工站申请督导时填写',
  document: 'docx',
  layout,
  dateField: 'date',
  slugField: 'station',
  ask: ['county', 'station', 'date', 'type'],
  fields: {
    station: station('社工站'),
    county: county(),
    date: date('日期'),
    type: choice('督导类型', ['团体督导', '个体督导']),
    request: text('申请督导内容（简述）', { hint: '简单明了表述需要解决的问题、所需的支持或达到的目的' }),
  },
});
