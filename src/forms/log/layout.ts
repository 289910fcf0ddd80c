import { block, cm, label, labelOf, row, table, title, value, type Layout } from '../layout-kit.js';
import type { Form } from '../form.js';

/** 督导工作日志: who and when, the day's work, the next day's plan. */
export const layout = ({ fields }: Form): Layout => ({
  document: 'docx',
  blocks: [
    title('督导工作日志'),
    table([
      row([label('填表人'), value('{{author}}'), label('日期'), value('{{date}}')]),
      row([label(labelOf(fields, 'content')), block('{{content}}')], cm(15)),
      row([label(labelOf(fields, 'plan')), block('{{plan}}')], cm(4)),
    ]),
  ],
});
