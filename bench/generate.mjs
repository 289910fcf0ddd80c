#!/usr/bin/env node
/**
 * Writes a realistic, valid records folder for benchmarks: N assistants' daily logs on every
 * official working day, their monthly summaries, supervision and group records with signatures,
 * and a roster per county each year. Seeded, so every run writes the same folder.
 *
 *   node bench/generate.mjs --out /tmp/kmsw-bench --assistants 10 --from 2023-01-01 --to 2026-10-31
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(os.tmpdir(), 'kmsw-bench') },
    assistants: { type: 'string', default: '10' },
    from: { type: 'string', default: '2023-01-01' },
    to: { type: 'string', default: '2026-10-31' },
    seed: { type: 'string', default: '42' },
  },
});

let state = Number(args.seed) >>> 0;
/** mulberry32: small, seeded, good enough to vary text. */
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');
const isWorkday = (d) => d in data.workdays || (!(d in data.holidays) && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
const addDays = (d, n) => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};

const SURNAMES = '李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['明', '雪', '芳', '丽', '洋', '静', '敏', '磊', '婷', '强', '娜', '军', '华', '红', '平', '霞', '伟', '杰', '燕', '涛'];
const COUNTIES = { 五华区: ['红云街道社工站', '华山街道社工站', '普吉街道社工站'], 盘龙区: ['拓东街道社工站', '鼓楼街道社工站'], 官渡区: ['关上街道社工站', '吴井街道社工站'], 西山区: ['前卫街道社工站', '金碧街道社工站'] };
const SENTENCES = [
  '上午整理本周的督导资料，把日志、督导记录表和站点人员统计表按文件夹归档，并核对了日期写法。',
  '十点社工在电话里咨询志愿服务时长怎么记录，我回复只计入实际参加服务的时间，准备和总结会议在活动记录中说明。',
  '下午到社工站实地查看台账资料，建议按项目分册、每册按月份排列，会议和培训记录单独成册。',
  '参加区民政局组织的社工站建设推进会，记录了关于资金使用和实体建设的要求，会后整理成要点发给各站点。',
  '与督导老师沟通下周团体督导的安排，确定主题为个案服务中的专业关系与保密，并准备签到表和满意度调研表。',
  '社工提出独居老人拒绝上门服务的问题，我建议先尊重老人意愿，改为电话问候，同时与社区网格员保持联系。',
  '学习《社会工作者职业道德指引》中关于专业关系和保密的部分，整理了三条需要在团体督导中提醒社工注意的事项。',
  '检查各站点实体建设情况，拍摄门牌、去向牌和墙面LOGO的照片，记录缺项，督促在月底前补齐。',
  '协助社工修改项目计划书，讨论服务目标是否可以衡量，建议把活动次数和服务人数写进季度指标。',
  '晚上汇总本周各站点反馈的问题，分为台账管理、个案服务和站点建设三类，准备在周例会上通报。',
];
/** At least `min` 字: characters over-count 字 a little (LOGO is one 字), so aim 30 higher. */
const text = (min) => {
  let out = '';
  while ([...out].length < min + 30) out += pick(SENTENCES);
  return out;
};
const block = (s) => `|\n  ${s}\n`;

const root = path.resolve(args.out);
rmSync(root, { recursive: true, force: true });
const write = (rel, content) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
};

const assistants = Array.from({ length: Number(args.assistants) }, (_, i) => SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length] + (i >= GIVEN.length ? String(i) : ''));
const experts = ['王芳', '陈建国', '杨帆'];
const workers = Object.fromEntries(Object.entries(COUNTIES).map(([county, stations]) => [county, stations.flatMap((station, s) => [0, 1, 2].map((k) => ({ station, name: SURNAMES[(s * 3 + k + county.length) % SURNAMES.length] + GIVEN[(s * 5 + k * 7 + county.charCodeAt(0)) % GIVEN.length] + GIVEN[(k + s) % GIVEN.length] })))]));

const config = [
  'city: 昆明市',
  'centre: 昆明市社会工作服务站督导中心',
  'assistants:',
  ...assistants.map((a) => `  - { name: ${a}, since: ${args.from} }`),
  'experts:',
  ...experts.map((e, i) => `  - { name: ${e}, kind: ${i === 1 ? '行政协同督导' : '专业技术督导'} }`),
  'counties:',
  ...Object.entries(COUNTIES).flatMap(([county, stations]) => [`  ${county}:`, `    org: { name: 昆明市${county}同心社会工作服务中心, head: 赵敏, title: 主任, contact: "0871-65110000" }`, `    stations: [${stations.join(', ')}]`]),
  'rules: {}',
  '',
].join('\n');
write('kmsw.yaml', config);

let files = 0;
for (let day = args.from; day <= args.to; day = addDays(day, 1)) {
  const [y, m, d] = day.split('-');
  const dir = `${y}/${m}`;
  if (isWorkday(day)) {
    for (const a of assistants) {
      write(`${dir}/log/${day}-${a}.yaml`, `# 督导工作日志\nform: log\nauthor: ${a}\ndate: ${day}\ncontent: ${block(text(300 + Math.floor(random() * 200)))}plan:\n  - ${pick(SENTENCES).slice(0, 20)}\n  - ${pick(SENTENCES).slice(0, 16)}\n`);
      files++;
    }
  }
  const county = Object.keys(COUNTIES)[Number(d) % 4];
  if (d === '10' && Number(m) % 3 === 1) {
    for (const c of Object.keys(COUNTIES)) {
      const rows = workers[c].map((w, i) => `  - { station: ${w.station}, name: ${w.name}, gender: ${i % 2 ? '男' : '女'}, age: ${24 + (i % 15)}, hired: ${Number(y) - 1}-0${1 + (i % 9)}, major: 社会工作, education: 本科 }`).join('\n');
      write(`${dir}/roster/${day}-${c}.yaml`, `form: roster\ncity: 昆明市\ncounty: ${c}\ndate: ${day}\nassistant: ${assistants[0]}\norg: { name: 昆明市${c}同心社会工作服务中心, head: 赵敏, title: 主任, contact: "0871-65110000" }\nstaff:\n${rows}\n`);
      files++;
    }
  }
  if (isWorkday(day) && (d === '12' || d === '20')) {
    const supervisees = workers[county].slice(0, 4).map((w) => w.name);
    const mode = d === '12' ? '线上' : '线下';
    const where = mode === '线上' ? '全市' : county;
    write(`${dir}/group/${day}-${where}.yaml`, `form: group\ncity: 昆明市\ncounty: ${where}\naddress: ${mode === '线上' ? '腾讯会议' : `${COUNTIES[county][0]}会议室`}\nmode: ${mode}\ndate: ${day}\nexperts: [${experts[0]}, ${experts[1]}]\nassistants: [${assistants[0]}]\nsupervisees: [${supervisees.join(', ')}]\ncontent: ${block(text(150))}advice: ${block(text(100))}duration: ${2 + Math.floor(random() * 2)}小时\nsignature: { name: ${experts[0]}, date: ${addDays(day, 1) > args.to ? day : addDays(day, 1)} }\n`);
    files++;
  }
  if (isWorkday(day) && Number(d) % 7 === 3) {
    const w = pick(workers[county]);
    const signed = addDays(day, 2) > args.to ? day : addDays(day, 2);
    write(`${dir}/record/${day}-${w.name}.yaml`, `form: record\nsupervisee: ${w.name}\nsupervisor: ${experts[0]}\ntype: 个人督导\nmethod: 面谈\ndate: ${day}\nduration: 1.5小时\nlocation: ${w.station}\ncontent: ${block(text(120))}advice: ${block(text(100))}worker_plan: ${block(text(60))}signatures:\n  worker: { name: ${w.name}, date: ${signed} }\n  supervisor: { name: ${experts[0]}, date: ${day} }\n`);
    files++;
  }
  // The last day of a month: each assistant's summary.
  if (addDays(day, 1).slice(8) === '01') {
    for (const a of assistants) {
      write(`${dir}/monthly/${y}-${m}-${a}.yaml`, `form: monthly\nauthor: ${a}\ndate: ${day}\nmonth: ${y}-${m}\ncontent: ${block(text(320))}review: ${block(text(160))}plan: ${block(text(210))}`);
      files++;
    }
  }
}
process.stdout.write(`${files} records in ${root}\n`);
