import { choice, int, line, monthOrDate, optional, station, table, text } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';
import { prefillStations, stationHeader } from '../station-header.js';
import { msg } from '../../i18n.js';

export const roster = defineForm({
  key: 'roster',
  title: '乡镇（街道）社工站点人员情况统计总表',
  purpose: '督导助理按县（市、区）统计社工站人员情况',
  document: 'xlsx',
  layout,
  dateField: 'date',
  slugField: 'county',
  roll: ['staff.name', 'org.head'],
  ask: ['county', 'date', 'assistant'],
  note: '如果还有其他情况请写在备注一栏，可自行增加备注栏列数。',
  fields: {
    ...stationHeader,
    staff: table(
      '社工',
      {
        station: station('目前所在站点名称'),
        name: line('社工姓名'),
        gender: choice('性别', ['男', '女']),
        age: optional(int('年龄', 16, 80, { hint: '与出生年月二选一', fallback: 'birth', private: true })),
        birth: optional(monthOrDate('出生年月', { hint: '与年龄二选一', private: true })),
        hired: monthOrDate('入职时间'),
        major: line('专业'),
        education: line('学历'),
        difficulties: optional(text('目前的困难')),
        salary: optional(line('薪资（数额）', { hint: '如 3500元/月', private: true })),
        note: optional(text('备注')),
      },
      {
        refine: (row, ctx) => {
          if (row.age === undefined && row.birth === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['age'],
              message: msg().form.fillInAgeOr,
              params: { rule: 'required' },
            });
          }
        },
      },
    ),
  },
  prefill: (values, config) => {
    const { rows, ...header } = prefillStations(values, config, (station) => ({ station }));
    return rows ? { ...header, staff: rows } : header;
  },
});
