/**
 * A stress record set for the previews and the export tests: records.example copied, plus a month
 * (2026-12) of records that push the forms to their limits: long 目前的困难 and 备注, 硕士研究生 in a
 * narrow column, a group session whose content and advice run long, one whose table ends at the foot
 * of its first page, two surveys (a 合计 sheet), and
 * sites with many photos, one of them a 6 MB phone-sized JPEG and one a text file named .jpg.
 *
 *   import { makeStressFolder } from './stress-records.mjs';
 *   makeStressFolder(dir, { bigPhoto: true });   // then: kmsw --dir dir export --month 2026-12
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A photo-like JPEG: coloured bands with a grain, `w`×`h`, at `quality`; noise makes it large. */
export function photo(w, h, { hue = 0, noise = 24, quality = 80 } = {}) {
  const jpeg = require('jpeg-js');
  const data = Buffer.alloc(w * h * 4);
  let seed = 7 + hue;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff - 0.5) * noise;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const band = Math.floor((y / h) * 4);
      data[i] = Math.max(0, Math.min(255, 90 + band * 40 + hue + rnd()));
      data[i + 1] = Math.max(0, Math.min(255, 140 - band * 20 + (x / w) * 60 + rnd()));
      data[i + 2] = Math.max(0, Math.min(255, 200 - band * 30 + rnd()));
      data[i + 3] = 255;
    }
  return jpeg.encode({ data, width: w, height: h }, quality).data;
}

const LONG =
  '站点社工流动性大，新入职社工对台账资料的分类和归档不熟悉，需要督导助理逐项示范；' +
  '同时站点与社区居委会的工作边界不清，社工经常被安排协助社区的临时性事务，专业服务时间难以保证。';

const roster = `# 乡镇（街道）社工站点人员情况统计总表
form: roster
city: 昆明市
county: 五华区
date: 2026-12-10
assistant: 李明
org: { name: 昆明市五华区同心社会工作服务中心, head: 赵敏, title: 主任, contact: "0871-65110000" }
staff:
  - { station: 红云街道社工站, name: 张丽, gender: 女, age: 29, hired: 2023-03, major: 社会工作, education: 硕士研究生, difficulties: ${LONG}, salary: 4200元/月, note: 站长；兼任街道社会救助经办工作，每周二、四在街道便民服务中心值班，持有中级社会工作师证书 }
  - { station: 红云街道社工站, name: 刘洋, gender: 男, birth: 1998-07, hired: 2024-09, major: 社会学, education: 本科, salary: 3800元/月 }
  - { station: 华山街道社工站, name: 欧阳晓燕, gender: 女, age: 34, hired: 2022-06, major: 社会工作与管理, education: 硕士研究生, difficulties: 站点帽子尚未配发, salary: 4000元/月 }
`;

const stations = (names, photosOf) =>
  names
    .map(
      (name) => `  - name: ${name}
    office: 独用
    door_plate: 竖排
    board: 合用
    rooms: 两室型
    logo: 是
    badge: 是
    cap: 是
    vest: 否
    photos: [${photosOf(name).join(', ')}]`,
    )
    .join('\n');

const sites = (bigPhoto) => `# 乡镇（街道）社工站点实体建设情况统计总表
form: sites
city: 昆明市
county: 五华区
date: 2026-12-26
assistant: 李明
org: { name: 昆明市五华区同心社会工作服务中心, head: 赵敏, title: 主任, contact: "0871-65110000" }
stations:
${stations(['红云街道社工站', '华山街道社工站', '普吉街道社工站'], (name) => [
  `photos/2026-12/${name}-门牌.jpg`,
  `photos/2026-12/${name}-办公室.jpg`,
  ...(name === '红云街道社工站' ? [`photos/2026-12/${name}-活动室.jpg`] : []),
  ...(name === '华山街道社工站' && bigPhoto ? ['photos/2026-12/华山街道社工站-全景.jpg'] : []),
  ...(name === '普吉街道社工站' ? ['photos/2026-12/普吉街道社工站-说明.jpg'] : []),
])}
`;

const group = `# 团体督导记录表
form: group
city: 昆明市
county: 五华区
address: 五华区红云街道社工站二楼会议室（红云街道办事处东侧综合楼，临近红云社区卫生服务中心）
mode: 线上
date: 2026-12-18
experts: [王芳, 陈建国]
assistants: [李明, 赵雪]
supervisees: [张丽, 刘洋, 马晓燕, 李娜]
content: |
${Array.from({ length: 6 }, (_, i) => `  ${i + 1}、${LONG}${LONG}`).join('\n')}
advice: |
${Array.from({ length: 6 }, (_, i) => `  ${i + 1}、${LONG}`).join('\n')}
duration: 3小时
`;

/**
 * A session whose content ends the table at the foot of page 1: before the last rows were kept with
 * the footnote, the footnote went alone onto page 2 (LibreOffice, A4, 468 characters of content).
 */
const edge = `# 团体督导记录表
form: group
city: 昆明市
county: 盘龙区
address: 盘龙区拓东街道社工站
mode: 线下
date: 2026-12-08
experts: [王芳]
assistants: [赵雪]
supervisees: [杨帆]
content: |
  ${'站点社工流动性大新入职的社'.repeat(36)}
advice: |
  1、服务台账按项目分册、每册按月份排列，会议和培训记录单独成册。
  2、项目资金按项目书预算执行，调整须报承接机构和区民政局同意。
  3、个案服务中家属不配合时，先尊重服务对象意愿，守住安全底线。
  4、各站点在12月10日前补齐实体建设缺项并拍照报送。
duration: 3小时
`;

const survey = (date, session) => `form: survey
county: 五华区
date: ${date}
session: ${session}
responses:
  - [5, 5, 5, 4, 3, 5, 5]
  - [4, 4, 5, 4, 3, 4, 5]
`;

/** Copies records.example into `dir` and adds the stress month, 2026-12. */
export function makeStressFolder(dir, { bigPhoto = true } = {}) {
  cpSync(path.join(root, 'records.example'), dir, { recursive: true });
  const put = (rel, text) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  put('2026/12/roster/2026-12-10-五华区.yaml', roster);
  put('2026/12/sites/2026-12-26-五华区.yaml', sites(bigPhoto));
  put('2026/12/group/2026-12-18-五华区.yaml', group);
  put('2026/12/group/2026-12-08-盘龙区.yaml', edge);
  put('2026/12/survey/2026-12-18-五华区.yaml', survey('2026-12-18', '2026/12/group/2026-12-18-五华区.yaml'));
  put('2026/12/survey/2026-12-20-五华区.yaml', survey('2026-12-20', '2026-11-20-五华区.yaml'));
  let hue = 0;
  for (const name of ['红云街道社工站', '华山街道社工站', '普吉街道社工站'])
    for (const what of ['门牌', '办公室', '活动室'])
      put(`photos/2026-12/${name}-${what}.jpg`, photo(640, 480, { hue: (hue += 20) }));
  // A phone's photo: 6 MB and more, 1840×1380 pixels' worth of grain.
  if (bigPhoto) put('photos/2026-12/华山街道社工站-全景.jpg', photo(1840, 1380, { noise: 160, quality: 97 }));
  // Not a picture, whatever its name says.
  put('photos/2026-12/普吉街道社工站-说明.jpg', '这不是照片，是一段文字。\n');
  return dir;
}
