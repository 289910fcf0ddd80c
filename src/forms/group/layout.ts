import { block, cm, label, labelOf, line, note, row, table, title, wide, type Layout } from '../layout-kit.js';
import type { Form } from '../form.js';

/** 团体督导记录表: where and how, who took part, what was discussed and advised, the expert's signature. */
export const layout = (form: Form): Layout => {
  const l = (key: string) => label(labelOf(form.fields, key));
  return {
    document: 'docx',
    blocks: [
      title('团体督导记录表'),
      line('被督导者所属地区：{{city}}（市、州）  {{county}}（县、市、区）'),
      line('督导地址：{{address}}    督导形式：{{mode}}', 120),
      table([
        row([label('日期'), wide('{{date}}')]),
        row([l('experts'), wide('{{experts}}')]),
        row([l('assistants'), wide('{{assistants}}')]),
        row([l('supervisees'), wide('{{supervisees}}')]),
        row([l('content'), block('{{content}}')], cm(7)),
        row([l('advice'), block('{{advice}}')], cm(6)),
        row([l('duration'), wide('{{duration}}')]),
        row([l('signature'), wide('{{signature.image}}{{signature.name}}    {{signature.date}}')], cm(1.6)),
      ]),
      note(`*${form.note}`),
    ],
  };
};
