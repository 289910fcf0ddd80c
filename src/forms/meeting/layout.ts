import { block, cm, label, labelOf, note, row, table, title, value, wide, type Layout } from '../layout-kit.js';
import type { Form } from '../form.js';

/** 会议与活动记录: what it was, when and where, who attended, what was said, who wrote it down. */
export const layout = (form: Form): Layout => {
  const l = (key: string) => label(labelOf(form.fields, key));
  return {
    document: 'docx',
    blocks: [
      title('会议与活动记录'),
      table([
        row([l('kind'), wide('{{kind}}')]),
        row([l('title'), wide('{{title}}')]),
        row([l('date'), value('{{date}}'), l('place'), value('{{place}}')]),
        row([l('county'), value('{{county}}'), l('station'), value('{{station}}')]),
        row([l('attendees'), wide('{{attendees}}')], cm(2.5)),
        row([l('content'), block('{{content}}')], cm(13)),
        row([l('author'), wide('{{author}}')]),
      ]),
      note(`*${form.note}`),
    ],
  };
};
