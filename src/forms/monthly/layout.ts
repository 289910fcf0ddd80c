import { block, cm, label, labelOf, row, table, title, value, type Layout } from '../layout-kit.js';
import type { Form } from '../form.js';

/** 督导工作月度总结: the month's work, its review, the next month's plan. */
export const layout = ({ fields }: Form): Layout => ({
  document: 'docx',
  blocks: [
    title('督导工作{{month}}月度总结'),
    table([
      row([label('填表人'), value('{{author}}'), label('日期'), value('{{date}}')]),
      row([label(labelOf(fields, 'content')), block('{{content}}')], cm(8)),
      row([label(labelOf(fields, 'review')), block('{{review}}')], cm(5)),
      row([label(labelOf(fields, 'plan')), block('{{plan}}')], cm(5)),
    ]),
  ],
});
