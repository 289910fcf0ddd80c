import { choice, line, person } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';
import { prefillSigners, supervisionSession } from '../supervision.js';

export const individual = defineForm({
  key: 'individual',
  title: '个别督导登记表',
  purpose: '每次个别督导后由督导填写，社工填写社工计划并签名',
  document: 'docx',
  layout,
  dateField: 'date',
  slugField: 'worker',
  ask: ['worker', 'supervisor', 'type', 'method', 'date'],
  note: '督导记录表除社工计划由社工填写，其他均由督导填写。请于督导结束之后一周内填写完成并反馈给受督导社工，由社工站点存档。',
  fields: {
    worker: person('被督导社工', 'worker'),
    supervisor: person('督导', 'expert'),
    type: line('督导类型', { hint: '如 专项督导、个案督导' }),
    method: choice('督导方式', ['面谈', '邮件', '电话', '线上', '其他']),
    ...supervisionSession('worker'),
  },
  prefill: prefillSigners('worker'),
});
