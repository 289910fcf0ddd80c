import { choice, date, group, int, line, number, optional, people, person, signature, table, text } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';

export const EVALUATION_RESULTS = ['合格', '不合格'] as const;
export const FAILED = '不合格';

/**
 * 督导成效评估表 (Part 2 §5, not an official form): the handbook's four things to evaluate and its
 * steps (自我评估报告、实地考核、档案查阅、满意度测评、目标达成情况调查), one record per expert and period.
 * What kmsw can count from the records (sessions, hours, satisfaction) is shown beside what is
 * written, in the scaffold and the export (rules/evaluation.ts).
 */
export const evaluation = defineForm({
  key: 'evaluation',
  title: '督导成效评估表',
  purpose: '督导中心对督导专家开展督导工作成效评估时填写，每位督导每个评估期一份',
  document: 'docx',
  yearly: true,
  layout,
  dateField: 'date',
  slugField: 'expert',
  ask: ['expert', 'date'],
  note: '在督导工作成效评估中连续 2 次不合格的，取消督导者资格（手册第二部分 五（四）退出机制）。',
  guide: [
    '手册第二部分 五、督导成效评估',
    '（一）评估目标：1.评估督导服务目标的实现程度、督导效果；2.总结督导经验，提炼督导技巧，提升督导服务水平；',
    '  3.作为督导者服务履约的依据；4.项目成效实现程度。',
    '（二）评估内容：1.督导方案约定的督导目标达成情况；2.督导方案约定的督导服务数量完成情况；',
    '  3.督导方案约定的被督导者专业理念、理论知识和实务能力改善情况；',
    '  4.评估被督导者与服务购买方对督导过程与成效的满意度。',
    '（三）评估流程：督导工作成效评估按照督导者提交自我评估报告、实地考核、档案查阅、机构与被督导者满意度测评、',
    '  方案约定的督导目标达成情况调查等环节开展。',
    '（四）退出机制：在督导工作成效评估中连续 2 次不合格的，取消督导者资格。',
  ],
  fields: {
    expert: person('被评估督导', 'expert'),
    period: group('评估期', {
      from: date('评估期起'),
      to: date('评估期止'),
    }),
    date: date('评估日期'),
    self_report: text('自我评估报告', { min: 300, hint: '督导者提交的自我评估报告' }),
    onsite: text('实地考核', { hint: '实地考核的时间、地点和情况' }),
    files: text('档案查阅', { hint: '查阅了哪些督导档案（督导记录表、团体督导记录表等），发现了什么' }),
    targets: table('督导目标达成情况', {
      target: line('督导方案约定的目标'),
      status: choice('达成情况', ['达成', '部分达成', '未达成']),
    }),
    quantity: group('督导服务数量完成情况', {
      planned: int('约定次数', 0, 999),
      done: optional(int('完成次数', 0, 999, { hint: '留空时由 kmsw 按评估期内该督导主持的督导记录计算' })),
    }),
    improvement: text('被督导者专业理念、理论知识和实务能力改善情况'),
    satisfaction: optional(
      number('满意度', 1, 5, { hint: '1–5 的平均分；留空时由 kmsw 按评估期内该督导所督导场次的满意度调研表计算' }),
    ),
    result: choice('评估结论', EVALUATION_RESULTS),
    evaluators: people('评估人', 'expert', { hint: '每人一行' }),
    signature: signature('评估人签名', 'evaluators', { hint: '由评估人之一签名' }),
  },
  pinned: ['quantity.done', 'satisfaction'],
  counted: {
    sessions: line('kmsw 统计的督导场次与时长'),
    satisfaction: line('kmsw 统计的满意度'),
    surveys: line('满意度的来源'),
  },
  // The period defaults to the year up to the evaluation’s day (kmsw new starts it after the expert’s last
  // evaluated period that year); --set period.from=… changes it.
  prefill: (v) => ({
    period: { from: `${String(v.date).slice(0, 4)}-01-01`, to: v.date },
    signature: { name: Array.isArray(v.evaluators) ? (v.evaluators[0] as unknown) : undefined },
  }),
});
