#!/usr/bin/env node
/**
 * Writes a realistic, spec-valid records folder for benchmarks: N assistants' daily logs (300–500字)
 * on every official working day, their monthly summaries, supervision records, group and
 * individual supervision with signatures, a satisfaction survey after each face-to-face group
 * session, a roster per county each quarter and a facility checklist per county each half year.
 * Seeded, so every run writes the same folder. `kmsw check --today <the day after --to>` finds
 * nothing in it.
 *
 *   node bench/generate.mjs --size office             # 10 assistants, 2025: about 3,000 files
 *   node bench/generate.mjs --out DIR --assistants 3 --from 2024-01-01 --to 2024-06-30
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

// kmsw's own calendar and date arithmetic, from its build (npm run bench and npm test build first).
const { officialCalendar, addDays } = createRequire(import.meta.url)('../bin/kmsw.cjs').loadKmsw().internals;

/** The benchmark's sizes (issue 5): one assistant's month, an office's year, an office's decade. */
export const SIZES = {
  small: { assistants: 1, from: '2025-10-01', to: '2025-10-31' },
  office: { assistants: 10, from: '2025-01-01', to: '2025-12-31' },
  decade: { assistants: 10, from: '2016-01-01', to: '2025-12-31' },
  // ~100k records: a whole city's stations (37 assistants) over ten years; only in the full benchmark.
  city: { assistants: 37, from: '2016-01-01', to: '2025-12-31' },
};

/** The day after `to`: the --today at which the folder is complete and checks clean. */
export const todayAfter = (to) => addDays(to, 1);

/** Writes the folder and returns how many records it holds. */
export function generate({ out, assistants: count, from, to, seed = 42 }) {
  let state = Number(seed) >>> 0;
  /** mulberry32: small, seeded, good enough to vary text. */
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  /** At least `min` 字: characters over-count 字 a little (LOGO is one 字), so aim 30 higher. */
  const text = (min) => {
    let s = '';
    while ([...s].length < min + 30) s += pick(SENTENCES);
    return s;
  };

  const root = path.resolve(out);
  rmSync(root, { recursive: true, force: true });
  const write = (rel, content) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  };

  const assistants = Array.from(
    { length: count },
    (_, i) => SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length] + (i >= GIVEN.length ? String(i) : ''),
  );
  const experts = ['王芳', '陈建国', '杨帆'];
  const workers = Object.fromEntries(
    Object.entries(COUNTIES).map(([county, stations]) => [
      county,
      stations.flatMap((station, s) =>
        [0, 1, 2].map((k) => ({
          station,
          name:
            SURNAMES[(s * 3 + k + county.length) % SURNAMES.length] +
            GIVEN[(s * 5 + k * 7 + county.charCodeAt(0)) % GIVEN.length] +
            GIVEN[(k + s) % GIVEN.length],
        })),
      ),
    ]),
  );
  const org = (county) =>
    `{ name: 昆明市${county}同心社会工作服务中心, head: 赵敏, title: 主任, contact: "0871-65110000" }`;
  // A signature is due within the week; never dated after the folder's last day.
  const signedOn = (day, after) => (addDays(day, after) > to ? day : addDays(day, after));

  write(
    'kmsw.yaml',
    [
      'city: 昆明市',
      'centre: 昆明市社会工作服务站督导中心',
      'assistants:',
      ...assistants.map((a) => `  - { name: ${a}, since: ${from} }`),
      'experts:',
      ...experts.map(
        (e, i) => `  - { name: ${e}, kind: ${i === 1 ? '行政协同督导' : '专业技术督导, title: 中级社会工作师'} }`,
      ),
      'counties:',
      ...Object.entries(COUNTIES).flatMap(([county, stations]) => [
        `  ${county}:`,
        `    org: ${org(county)}`,
        `    stations: [${stations.join(', ')}]`,
      ]),
      'rules: {}',
      '',
    ].join('\n'),
  );
  // One small photo per station, which every facility checklist points at.
  for (const station of Object.values(COUNTIES).flat()) write(`photos/${station}-门牌.png`, PNG);

  let files = 0;
  const record = (rel, content) => {
    write(rel, content);
    files++;
  };
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const [y, m, d] = day.split('-');
    const dir = `${y}/${m}`;
    const workday = isWorkday(day);
    const county = Object.keys(COUNTIES)[Number(d) % 4];
    if (workday) {
      for (const a of assistants) {
        record(
          `${dir}/log/${day}-${a}.yaml`,
          `# 督导工作日志\nform: log\nauthor: ${a}\ndate: ${day}\ncontent: ${block(text(300 + Math.floor(random() * 200)))}plan:\n  - ${pick(SENTENCES).slice(0, 20)}\n  - ${pick(SENTENCES).slice(0, 16)}\n`,
        );
      }
    }
    if (d === '10' && Number(m) % 3 === 1) {
      for (const c of Object.keys(COUNTIES)) {
        const rows = workers[c]
          .map(
            (w, i) =>
              `  - { station: ${w.station}, name: ${w.name}, gender: ${i % 2 ? '男' : '女'}, age: ${24 + (i % 15)}, hired: ${Number(y) - 1}-0${1 + (i % 9)}, major: 社会工作, education: 本科 }`,
          )
          .join('\n');
        record(
          `${dir}/roster/${day}-${c}.yaml`,
          `form: roster\ncity: 昆明市\ncounty: ${c}\ndate: ${day}\nassistant: ${assistants[0]}\norg: ${org(c)}\nstaff:\n${rows}\n`,
        );
      }
    }
    if (d === '15' && (m === '06' || m === '12')) {
      for (const [c, stations] of Object.entries(COUNTIES)) {
        const rows = stations
          .map(
            (station, i) =>
              `  - { name: ${station}, office: ${i % 2 ? '合用' : '独用'}, door_plate: 竖排, board: 独用, rooms: ${pick(['一室型', '两室型', '多室型'])}, logo: 是, badge: 是, cap: ${pick(['是', '否'])}, vest: 是, photos: [photos/${station}-门牌.png] }`,
          )
          .join('\n');
        record(
          `${dir}/sites/${day}-${c}.yaml`,
          `form: sites\ncity: 昆明市\ncounty: ${c}\ndate: ${day}\nassistant: ${assistants[0]}\norg: ${org(c)}\nstations:\n${rows}\n`,
        );
      }
    }
    if (workday && (d === '12' || d === '20')) {
      const supervisees = workers[county].slice(0, 4).map((w) => w.name);
      const mode = d === '12' ? '线上' : '线下';
      const where = mode === '线上' ? '全市' : county;
      record(
        `${dir}/group/${day}-${where}.yaml`,
        `form: group\ncity: 昆明市\ncounty: ${where}\naddress: ${mode === '线上' ? '腾讯会议' : `${COUNTIES[county][0]}会议室`}\nmode: ${mode}\ndate: ${day}\nexperts: [${experts[0]}, ${experts[1]}]\nassistants: [${assistants[0]}]\nsupervisees: [${supervisees.join(', ')}]\ncontent: ${block(text(150))}advice: ${block(text(100))}duration: ${2 + Math.floor(random() * 2)}小时\nsignature: { name: ${experts[0]}, date: ${signedOn(day, 1)} }\n`,
      );
      if (mode === '线下') {
        const responses = Array.from(
          { length: 6 + Math.floor(random() * 6) },
          () => `  - [${Array.from({ length: 7 }, () => 3 + Math.floor(random() * 3)).join(', ')}]`,
        ).join('\n');
        record(
          `${dir}/survey/${day}-${county}.yaml`,
          `form: survey\ncounty: ${county}\ndate: ${day}\nsession: ${day}-${where}.yaml\nresponses:\n${responses}\n`,
        );
      }
    }
    if (workday && Number(d) % 7 === 3) {
      const w = pick(workers[county]);
      record(
        `${dir}/record/${day}-${w.name}.yaml`,
        `form: record\nsupervisee: ${w.name}\nsupervisor: ${experts[0]}\ntype: 个人督导\nmethod: 面谈\ndate: ${day}\nduration: 1.5小时\nlocation: ${w.station}\ncontent: ${block(text(120))}advice: ${block(text(100))}worker_plan: ${block(text(60))}signatures:\n  worker: { name: ${w.name}, date: ${signedOn(day, 2)} }\n  supervisor: { name: ${experts[0]}, date: ${day} }\n`,
      );
    }
    if (workday && d === '25') {
      const w = pick(workers[county]);
      record(
        `${dir}/individual/${day}-${w.name}.yaml`,
        `form: individual\nworker: ${w.name}\nsupervisor: ${experts[2]}\ntype: 专项督导\nmethod: 电话\ndate: ${day}\nduration: 1小时\nlocation: 督导中心（电话督导）\ncontent: ${block(text(120))}advice: ${block(text(100))}worker_plan: ${block(text(60))}signatures:\n  worker: { name: ${w.name}, date: ${signedOn(day, 1)} }\n  supervisor: { name: ${experts[2]}, date: ${day} }\n`,
      );
    }
    // The last day of a month: each assistant's summary.
    if (addDays(day, 1).slice(8) === '01') {
      for (const a of assistants) {
        record(
          `${dir}/monthly/${y}-${m}-${a}.yaml`,
          `form: monthly\nauthor: ${a}\ndate: ${day}\nmonth: ${y}-${m}\ncontent: ${block(text(320))}review: ${block(text(160))}plan: ${block(text(210))}`,
        );
      }
    }
  }
  return files;
}

const SURNAMES = '李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = [
  '明',
  '雪',
  '芳',
  '丽',
  '洋',
  '静',
  '敏',
  '磊',
  '婷',
  '强',
  '娜',
  '军',
  '华',
  '红',
  '平',
  '霞',
  '伟',
  '杰',
  '燕',
  '涛',
];
const COUNTIES = {
  五华区: ['红云街道社工站', '华山街道社工站', '普吉街道社工站'],
  盘龙区: ['拓东街道社工站', '鼓楼街道社工站'],
  官渡区: ['关上街道社工站', '吴井街道社工站'],
  西山区: ['前卫街道社工站', '金碧街道社工站'],
};
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

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const block = (s) => `|\n  ${s}\n`;
const { isWorkday } = officialCalendar();

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: args } = parseArgs({
    options: {
      size: { type: 'string' },
      out: { type: 'string' },
      assistants: { type: 'string', default: '10' },
      from: { type: 'string', default: '2025-01-01' },
      to: { type: 'string', default: '2025-12-31' },
      seed: { type: 'string', default: '42' },
    },
  });
  if (args.size && !(args.size in SIZES)) throw new Error(`--size: one of ${Object.keys(SIZES).join(', ')}`);
  const shape = args.size ? SIZES[args.size] : { assistants: Number(args.assistants), from: args.from, to: args.to };
  const out = args.out ?? path.join(os.tmpdir(), `kmsw-bench-${args.size ?? 'custom'}`);
  const files = generate({ out, ...shape, seed: Number(args.seed) });
  process.stdout.write(`${files} records in ${out} (check with --today ${todayAfter(shape.to)})\n`);
}
