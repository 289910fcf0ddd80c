import type { Config } from '../config.js';
import { county, date, group, line, person } from './fields.js';
import type { Values } from './form.js';

/** The header that 站点人员情况统计总表 and 站点实体建设情况统计总表 share. */
export const stationHeader = {
  city: line('市'),
  county: county('县'),
  date: date('填表时间'),
  assistant: person('督导助理', 'assistant'),
  org: group('承接机构', {
    name: line('承接机构名称'),
    head: person('负责人姓名', 'worker'),
    title: line('职务'),
    contact: line('联系方式'),
  }),
};

/** The county's org as kmsw.yaml knows it, and one row per station of the county. */
export function prefillStations(values: Values, config: Config, row: (station: string) => Values): Values {
  const county = config.counties[String(values.county)];
  const stations = county?.stations ?? [];
  return {
    city: config.city,
    org: county?.org ?? {},
    ...(stations.length > 0 ? { rows: stations.map(row) } : {}),
  };
}
