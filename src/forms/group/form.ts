import { choice, county, date, duration, line, people, signature, text } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';

export const group = defineForm({
  key: 'group',
  title: '团体督导记录表',
  purpose: '每次团体督导后由督导团队填写',
  document: 'docx',
  layout,
  dateField: 'date',
  slugField: 'county',
  ask: ['county', 'mode', 'date', 'experts', 'assistants', 'address'],
  note: '团体督导记录表由督导团队填写，请于督导结束之后一周内填写完成。',
  fields: {
    city: line('市（州）'),
    county: county('县（市区）', { hint: '全市性的督导写 全市', cityWide: true }),
    address: line('督导地址', { hint: '线上督导写会议平台，如 腾讯会议' }),
    mode: choice('督导形式', ['线下', '线上']),
    date: date('日期'),
    experts: people('督导专家', 'expert', { hint: '每人一行' }),
    assistants: people('督导助理', 'assistant', { hint: '每人一行' }),
    supervisees: people('被督导者', 'worker', { hint: '每人一行，可写姓名（所在社工站）' }),
    content: text('督导内容'),
    advice: text('督导建议'),
    duration: duration('督导时长', { hint: '团体督导不少于2小时', min: 120 }),
    signature: signature('督导签名', 'experts', { hint: '由督导专家之一签名' }),
  },
  prefill: (v, config) => ({
    city: config.city,
    signature: { name: Array.isArray(v.experts) ? (v.experts[0] as unknown) : undefined },
  }),
});
