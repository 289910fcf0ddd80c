import {
  block,
  cm,
  label,
  labelOf,
  note,
  row,
  signatureCell,
  table,
  title,
  value,
  wide,
  type Layout,
} from './layout-kit.js';
import type { Form } from './form.js';

/**
 * The page that 督导记录表 and 个别督导登记表 share: the worker (`worker`, printed as
 * `workerLabel`) and the supervisor, the session (see supervision.ts), both signatures.
 */
export const supervisionLayout =
  (worker: string, workerLabel: string) =>
  (form: Form): Layout => {
    const l = (key: string) => label(labelOf(form.fields, key));
    return {
      document: 'docx',
      blocks: [
        title(form.title),
        table([
          row([label(workerLabel), value(`{{${worker}}}`), label('督    导'), value('{{supervisor}}')]),
          row([l('type'), value('{{type}}'), l('method'), value('{{method}}')]),
          row([l('date'), value('{{date}}'), l('duration'), value('{{duration}}')]),
          row([l('location'), wide('{{location}}')]),
          row([l('content'), block('{{content}}')], cm(5)),
          row([l('advice'), block('{{advice}}')], cm(5)),
          row([l('worker_plan'), block('{{worker_plan}}')], cm(3.5)),
          row([signatureCell('社工', 'signatures.worker'), signatureCell('督导', 'signatures.supervisor')], cm(2)),
        ]),
        note(`* ${form.note}`),
      ],
    };
  };
