import { block, cm, GRID, label, labelOf, note, row, table, title, value, wide, type Layout } from '../layout-kit.js';
import type { Form } from '../form.js';

/** The signature line: the picture when there is one, the name, the date. */
const SIGNED = '{{signature.image}}{{signature.name}}  {{signature.date}}';

/**
 * 督导成效评估表: who, which period, the result; the handbook's steps (self report, on-site review,
 * files), the targets with how far each was reached (a line per target); then each written figure
 * beside what kmsw counted from the records (`counted.*`, see rules/evaluation.ts); the evaluators
 * and their signature. One page an evaluation.
 */
export const layout = (form: Form): Layout => {
  const l = (key: string) => label(labelOf(form.fields, key));
  return {
    document: 'docx',
    blocks: [
      title('督导成效评估表'),
      table([
        row([l('expert'), value('{{expert}}'), l('date'), value('{{date}}')], cm(0.8)),
        row([l('period'), value('{{period.from}}至 {{period.to}}'), l('result'), value('{{result}}')]),
        row([l('self_report'), block('{{self_report}}')], cm(3)),
        row([l('onsite'), block('{{onsite}}')], cm(1.2)),
        row([l('files'), block('{{files}}')], cm(1.2)),
        row([label('督导目标'), value('{{targets.target}}', 2, GRID[1]! + GRID[2]!), value('{{targets.status}}')]),
        row([label('约定次数'), value('{{quantity.planned}}'), label('完成次数'), value('{{quantity.done}}')], cm(0.8)),
        row(
          [label('满意度'), value('{{satisfaction}}'), label('满意度（统计）'), value('{{counted.satisfaction}}')],
          cm(0.8),
        ),
        row([label('kmsw 统计'), wide('督导场次：{{counted.sessions}}。{{counted.surveys}}')]),
        row([l('improvement'), block('{{improvement}}')], cm(1.5)),
        row([l('evaluators'), value('{{evaluators}}'), l('signature'), value(SIGNED)], cm(1.2)),
      ]),
      note(`*${form.note}`),
    ],
  };
};
