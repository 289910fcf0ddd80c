import { block, cm, label, labelOf, line, note, row, table, title, value, wide, type Layout } from '../layout-kit.js';
import type { Form } from '../form.js';

/**
 * 督导成效评估表: who and which period, the handbook's steps (self report, on-site review, files),
 * the targets, then each written figure beside what kmsw counted from the records (`counted.*`,
 * see rules/evaluation.ts), the result and the evaluators' signature.
 */
export const layout = (form: Form): Layout => {
  const l = (key: string) => label(labelOf(form.fields, key));
  return {
    document: 'docx',
    blocks: [
      title('督导成效评估表'),
      line('评估期：{{period.from}} 至 {{period.to}}    评估日期：{{date}}', 120),
      table([
        row([l('expert'), value('{{expert}}'), l('result'), value('{{result}}')]),
        row([l('self_report'), block('{{self_report}}')], cm(4.5)),
        row([l('onsite'), block('{{onsite}}')], cm(2)),
        row([l('files'), block('{{files}}')], cm(2)),
        row(
          [label('督导方案约定的目标'), value('{{targets.target}}'), label('达成情况'), value('{{targets.status}}')],
          cm(2),
        ),
        row([label('约定次数'), value('{{quantity.planned}}'), label('完成次数（填写）'), value('{{quantity.done}}')]),
        row([label('kmsw 统计'), wide('{{counted.sessions}}')], cm(1.6)),
        row([l('improvement'), block('{{improvement}}')], cm(2.5)),
        row([
          label('满意度（填写）'),
          value('{{satisfaction}}'),
          label('满意度（统计）'),
          value('{{counted.satisfaction}}'),
        ]),
        row([label('满意度说明'), wide('{{counted.surveys}}')], cm(1.4)),
        row([l('evaluators'), wide('{{evaluators}}')]),
        row([l('signature'), wide('{{signature.image}}{{signature.name}}    {{signature.date}}')], cm(1.6)),
      ]),
      note(`*${form.note}`),
    ],
  };
};
