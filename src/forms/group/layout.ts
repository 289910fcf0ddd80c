import {
  block,
  cm,
  keptRow,
  label,
  labelOf,
  line,
  note,
  row,
  table,
  title,
  value,
  wide,
  type Layout,
} from '../layout-kit.js';
import type { Form } from '../form.js';

/** 团体督导记录表: where and how, who took part, what was discussed and advised, the expert's signature. */
export const layout = (form: Form): Layout => {
  const l = (key: string) => label(labelOf(form.fields, key));
  return {
    document: 'docx',
    blocks: [
      title('团体督导记录表'),
      line('被督导者所属地区：{{city}}（市、州）  {{county}}（县、市、区）'),
      line('督导地址：{{address}}', 120),
      table([
        // 督导形式 in a cell of its own: after a long address it wrapped, leaving its last character alone.
        row([label('日期'), value('{{date}}'), l('mode'), value('{{mode}}')]),
        row([l('experts'), wide('{{experts}}')]),
        row([l('assistants'), wide('{{assistants}}')]),
        row([l('supervisees'), wide('{{supervisees}}')]),
        row([l('content'), block('{{content}}')], cm(7)),
        row([l('advice'), block('{{advice}}')], cm(6)),
        // The last rows go with the footnote: a page never ends before it, leaving it alone on the next.
        keptRow([l('duration'), wide('{{duration}}')]),
        keptRow([l('signature'), wide('{{signature.image}}{{signature.name}}    {{signature.date}}')], cm(1.6)),
      ]),
      note(`*${form.note}`),
    ],
  };
};
