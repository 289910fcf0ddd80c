import { labelOf, type Layout } from '../layout-kit.js';
import type { Form } from '../form.js';
import { orgCells, stationLayout, type StationColumns } from '../station-layout.js';

const tick = (column: string, key: string, choice?: string): [string, string] => [
  column,
  `{{stations.${key}${choice ? `:${choice}` : ''}}}`,
];

/** The data row: a station's name and photos, a √ under each choice it has and each thing it has. */
const CELLS: StationColumns['cells'] = [
  ['A', '{{stations.no}}'],
  ['B', '{{stations.name}}', true],
  tick('C', 'office', '独用'),
  tick('D', 'office', '合用'),
  tick('E', 'door_plate', '竖排'),
  tick('F', 'door_plate', '横排'),
  tick('G', 'board', '独用'),
  tick('H', 'board', '合用'),
  tick('I', 'rooms', '一室型'),
  tick('J', 'rooms', '两室型'),
  tick('K', 'rooms', '多室型'),
  tick('L', 'logo'),
  tick('M', 'badge'),
  tick('N', 'cap'),
  tick('O', 'vest'),
  ['P', '{{stations.photos}}', true],
];

/** 站点实体建设情况统计总表: a row per station, a √ under each choice it has; two title rows. */
export const layout = (form: Form): Layout => {
  const station = (key: string) => labelOf(form.fields, `stations.${key}`);
  return stationLayout(form, {
    widths: [6, 22, 7, 7, 7, 7, 7, 7, 10, 8, 8, 10, 8, 8, 8, 30],
    merges2: ['C2:H2', 'I2:J2', 'K2:P2'],
    orgCells: orgCells('I3', 'J3', 'K3', 'L3', 'M3', 'O3'),
    merges3: ['C3:H3', 'M3:N3', 'O3:P3'],
    titles: [
      ['A4', '序号'],
      ['B4', station('name')],
      ['C4', station('office')],
      ['E4', station('door_plate')],
      ['G4', station('board')],
      ['I4', '一室型'],
      ['J4', '两室型'],
      ['K4', '多室型'],
      ['L4', station('logo')],
      ['M4', station('badge')],
      ['N4', station('cap')],
      ['O4', station('vest')],
      ['P4', station('photos')],
      ['C5', '独用'],
      ['D5', '合用'],
      ['E5', '竖排'],
      ['F5', '横排'],
      ['G5', '独用'],
      ['H5', '合用'],
    ],
    titleMerges: [
      'A4:A5',
      'B4:B5',
      'C4:D4',
      'E4:F4',
      'G4:H4',
      'I4:I5',
      'J4:J5',
      'K4:K5',
      'L4:L5',
      'M4:M5',
      'N4:N5',
      'O4:O5',
      'P4:P5',
    ],
    cells: CELLS,
  });
};
