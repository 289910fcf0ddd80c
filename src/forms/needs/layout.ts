import { cm, guided, label, labelOf, row, table, title, value, type Layout } from '../layout-kit.js';
import type { Form } from '../form.js';

/** 已有项目化运营站点督导需求统计表: the station, the kind of need, the request. */
export const layout = ({ fields }: Form): Layout => ({
  document: 'docx',
  blocks: [
    title('昆明市乡镇（街道）社会工作服务站', '已有项目化运营站点督导需求统计表'),
    table([
      row([label('社工站'), value('{{station}}'), label('县（市、区）'), value('{{county}}')]),
      row([label('日期'), value('{{date}}'), label(labelOf(fields, 'type')), value('{{type}}')]),
      row(
        [
          label(labelOf(fields, 'request')),
          guided('简单明了表述需要解决的问题、所需的支持或达到的目的', '{{request}}'),
        ],
        cm(14),
      ),
    ]),
  ],
});
