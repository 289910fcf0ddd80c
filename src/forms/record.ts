import { choice, date, duration, group, line, optional, person, signature, text } from './fields.js';
import { defineForm } from './form.js';

export const record = defineForm({
  key: 'record',
  title: '督导记录表',
  purpose: '每次内部或线上督导后由督导填写，社工填写社工计划并签名',
  dateField: 'date',
  slugField: 'supervisee',
  ask: ['supervisee', 'supervisor', 'type', 'method', 'date'],
  note: '督导记录表除社工计划由社工填写，其他均由督导填写。请于督导结束之后一周内填写完成。',
  fields: {
    supervisee: person('督导对象', 'worker'),
    supervisor: person('督导', 'expert'),
    type: choice('督导类型', ['个人督导', '团体督导', '同事督导']),
    method: choice('督导方式', ['面谈', '邮件', '电话', '其他']),
    date: date('督导时间'),
    duration: duration('督导时长'),
    location: line('督导地点'),
    content: text('督导内容'),
    advice: text('督导建议'),
    worker_plan: text('社工计划', { hint: '由社工填写' }),
    signatures: optional(
      group('签名', {
        worker: signature('社工（签名）', 'supervisee'),
        supervisor: signature('督导（签名）', 'supervisor'),
      }, { hint: '督导结束后一周内签名' }),
    ),
  },
  prefill: (v) => ({ signatures: { worker: { name: v.supervisee }, supervisor: { name: v.supervisor } } }),
});
