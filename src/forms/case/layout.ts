import { block, cm, guided, label, labelOf, row, table, title, value, type Layout } from '../layout-kit.js';
import type { Form } from '../form.js';

/** The handbook's words after an item of the outline: what item 4 asks for. */
const GUIDE: Record<string, string> = { process: '（主要时间、地点、人物、事件等信息，和实际对方案、计划的修正）' };

/** 案例收集需求表: the case and its station, then the five parts of its outline, numbered. */
export const layout = ({ fields }: Form): Layout => {
  const l = (key: string) => label(labelOf(fields, key));
  const outline = ['background', 'strategy', 'plan', 'process', 'result'];
  return {
    document: 'docx',
    blocks: [
      title('昆明市乡镇（街道）社会工作服务站', '案例收集需求表'),
      table([
        row([l('title'), value('{{title}}'), l('category'), value('{{category}}')]),
        row([l('station'), value('{{station}}'), l('lead'), value('{{lead}}')]),
        row([label('县（市、区）'), value('{{county}}'), label('日期'), value('{{date}}')]),
        row([label(labelOf(fields, 'outline'), 4)]),
        ...outline.map((key, i) =>
          row(
            [
              label(`${i + 1}.${labelOf(fields, `outline.${key}`)}`),
              key in GUIDE ? guided(GUIDE[key]!, `{{outline.${key}}}`) : block(`{{outline.${key}}}`),
            ],
            cm(3),
          ),
        ),
      ]),
    ],
  };
};
