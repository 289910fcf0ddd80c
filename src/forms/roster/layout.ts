import { labelOf, type Layout } from '../layout-kit.js';
import type { Form } from '../form.js';
import { orgCells, stationLayout } from '../station-layout.js';

/** 站点人员情况统计总表: a row per social worker. */
export const layout = (form: Form): Layout => {
  const staff = (key: string) => labelOf(form.fields, `staff.${key}`);
  return stationLayout(form, {
    widths: [6, 22, 10, 6, 16, 12, 14, 8, 24, 12, 18],
    merges2: ['C2:F2', 'G2:H2', 'I2:K2'],
    orgCells: orgCells('F3', 'G3', 'H3', 'I3', 'J3', 'K3'),
    merges3: ['C3:E3'],
    titles: [
      ['A4', '序号'],
      ['B4', staff('station')],
      ['C4', staff('name')],
      ['D4', staff('gender')],
      ['E4', '年龄（或出生年月）'],
      ['F4', staff('hired')],
      ['G4', staff('major')],
      ['H4', staff('education')],
      ['I4', staff('difficulties')],
      ['J4', staff('salary')],
      ['K4', staff('note')],
    ],
    titleMerges: [],
    cells: [
      ['A', '{{staff.no}}'],
      ['B', '{{staff.station}}', true],
      ['C', '{{staff.name}}'],
      ['D', '{{staff.gender}}'],
      ['E', '{{staff.age}}'],
      ['F', '{{staff.hired}}'],
      ['G', '{{staff.major}}'],
      ['H', '{{staff.education}}'],
      ['I', '{{staff.difficulties}}', true],
      ['J', '{{staff.salary}}'],
      ['K', '{{staff.note}}', true],
    ],
  });
};
