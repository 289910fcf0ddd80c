import { choice, person } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';
import { prefillSigners, supervisionSession } from '../supervision.js';

export const record = defineForm({
  key: 'record',
  title: '督导记录表',
  purpose: '每次内部或线上督导后由督导填写，社工填写社工计划并签名',
  document: 'docx',
  layout,
  dateField: 'date',
  slugField: 'supervisee',
  ask: ['supervisee', 'supervisor', 'type', 'method', 'date'],
  note: '督导记录表除社工计划由社工填写，其他均由督导填写。请于督导结束之后一周内填写完成。',
  fields: {
    supervisee: person('督导对象', 'worker'),
    supervisor: person('督导', 'expert'),
    type: choice('督导类型', ['个人督导', '团体督导', '同事督导']),
    method: choice('督导方式', ['面谈', '邮件', '电话', '其他']),
    ...supervisionSession('supervisee'),
  },
  prefill: prefillSigners('supervisee'),
});
