import { bool, choice, paths, station, table } from '../fields.js';
import { defineForm } from '../form.js';
import { layout } from './layout.js';
import { prefillStations, stationHeader } from '../station-header.js';

export const sites = defineForm({
  key: 'sites',
  title: '乡镇（街道）社工站点实体建设情况统计总表',
  purpose: '督导助理按县（市、区）统计社工站实体建设情况，并拍照留存',
  document: 'xlsx',
  layout,
  dateField: 'date',
  slugField: 'county',
  ask: ['county', 'date', 'assistant'],
  note: '根据每个社工站点的实体建设情况进行√，并且拍照作为痕迹资料留存。',
  fields: {
    ...stationHeader,
    stations: table('社工站点', {
      name: station('社工站点名称'),
      office: choice('办公场所', ['独用', '合用']),
      door_plate: choice('门牌', ['竖排', '横排']),
      board: choice('去向牌', ['独用', '合用']),
      rooms: choice('房间', ['一室型', '两室型', '多室型']),
      logo: bool('墙面LOGO'),
      badge: bool('工作牌'),
      cap: bool('帽子'),
      vest: bool('马甲'),
      photos: paths('照片', { hint: '照片在资料文件夹内的路径，如 photos/2026-11/红云街道社工站-门牌.jpg' }),
    }),
  },
  prefill: (values, config) => {
    const { rows, ...header } = prefillStations(values, config, (name) => ({ name }));
    return rows ? { ...header, stations: rows } : header;
  },
});
