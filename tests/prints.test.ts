/**
 * Exports that print right (issue 16 part 2), read from the files kmsw writes for the stress record
 * set (scripts/stress-records.mjs: records.example plus a December of long texts, many photos, a
 * 6 MB photo and a text file named .jpg): row heights, the photo sheet and its media, the survey's
 * 所评督导 and 合计, the group form's rows, the handbook's words in the templates. Whether they print
 * on the pages they should is seen in docs/previews/ (npm run previews needs LibreOffice; CI has none).
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ExcelJSType from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { kmsw, ROOT, tempFolder, type Run } from './helpers.js';
import { heightFor, wrappedLines } from '../src/render/row-height.js';
import { jpegEncoder, loadPhoto, PHOTO_PIXELS } from '../src/render/photos.js';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSType;
/** The largest the stress month's sites workbook may be, with its 6 MB photo and eight others in it. */
const SITES_MAX_BYTES = 600 * 1024;

let dir: string;
let dec: Run;
let nov: Run;
const out = (...p: string[]) => path.join(dir, 'out', ...p);

async function sheets(file: string): Promise<ExcelJSType.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The row of a sheet whose cells include `text`. */
function rowWith(ws: ExcelJSType.Worksheet, text: string): ExcelJSType.Row {
  let found: ExcelJSType.Row | undefined;
  ws.eachRow((row) => row.eachCell((c) => (found ??= c.text.includes(text) ? row : undefined)));
  if (!found) throw new Error(`no row holds ${text}`);
  return found;
}

beforeAll(async () => {
  const { makeStressFolder } = (await import(path.join(ROOT, 'scripts', 'stress-records.mjs'))) as {
    makeStressFolder: (dir: string) => string;
  };
  dir = makeStressFolder(tempFolder({}, 'kmsw-prints-'));
  dec = kmsw(['--dir', dir, '--today', '2026-12-31', 'export', '--month', '2026-12', '--out', out('12')]);
  nov = kmsw(['--dir', dir, '--today', '2026-11-30', 'export', '--month', '2026-11', '--out', out('11')]);
});

describe('Excel rows as tall as their text', () => {
  it('counts wrapped lines by East Asian width', () => {
    expect(wrappedLines('硕士研究生', 8)).toBe(2);
    expect(wrappedLines('本科', 8)).toBe(1);
    expect(wrappedLines('abcdefgh', 8)).toBe(2);
    expect(wrappedLines('一\n二', 30)).toBe(2);
  });

  it('grows the roster rows of a long 目前的困难 and of 硕士研究生 in a narrow column', async () => {
    expect(dec.code, dec.stderr).toBe(0);
    const ws = (await sheets(out('12', '乡镇（街道）社工站点人员情况统计总表-2026年12月.xlsx'))).worksheets[0]!;
    const long = rowWith(ws, '张丽');
    const short = rowWith(ws, '刘洋');
    const master = rowWith(ws, '欧阳晓燕');
    expect(short.height).toBe(24);
    // 目前的困难 is 97 characters in a column of 24: at least five lines.
    expect(long.height).toBeGreaterThanOrEqual(heightFor(5));
    // 硕士研究生 in 学历 (8 wide) takes two lines; so does nothing else on that row.
    expect(master.height).toBeGreaterThanOrEqual(heightFor(2));
    expect(master.height).toBeLessThan(long.height);
  });

  it('grows the survey note holding the sessions it names', async () => {
    const ws = (await sheets(out('12', '督导满意度调研表-2026年12月.xlsx'))).getWorksheet('合计')!;
    expect(rowWith(ws, '所评督导').height).toBeGreaterThanOrEqual(heightFor(2));
  });
});

describe('the sites workbook holds its photos', () => {
  it('puts each readable photo, scaled down, on a photo sheet after its county; names the one left out', async () => {
    const file = out('12', '乡镇（街道）社工站点实体建设情况统计总表-2026年12月.xlsx');
    const size = statSync(file).size;
    expect(size).toBeLessThan(SITES_MAX_BYTES);
    const media = Object.entries(unzipSync(readFileSync(file))).filter(
      ([name]) => name.startsWith('xl/media/') && !name.endsWith('/'),
    );
    // 红云 3, 华山 3 (the 6 MB one among them), 普吉 2 of 3: the third is text named .jpg.
    expect(media).toHaveLength(8);
    for (const [, bytes] of media) {
      expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect(bytes.length).toBeLessThan(120 * 1024);
    }
    const wb = await sheets(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['五华区', '照片-五华区']);
    const photos = wb.getWorksheet('照片-五华区')!;
    expect(photos.getImages()).toHaveLength(8);
    expect(rowWith(photos, '全景').getCell(1).text).toBe('华山街道社工站-全景.jpg');
    expect(rowWith(photos, '说明').getCell(1).text).toMatch(/普吉街道社工站-说明\.jpg\n（未放入：.*不是图片文件/);
    // Never silently: export says which photo and why.
    expect(dec.stdout).toMatch(/1 张照片没有放入工作簿[\s\S]*photos\/2026-12\/普吉街道社工站-说明\.jpg\s+不是图片文件/);
    // The table keeps the file names in 照片.
    expect(rowWith(wb.getWorksheet('五华区')!, '华山街道社工站').getCell(16).text).toContain('全景.jpg');
  });

  it('one JPEG encoder serves every photo, byte for byte what jpeg-js encode() makes with a new one each time', () => {
    const jpeg = createRequire(import.meta.url)('jpeg-js') as typeof import('jpeg-js');
    const picture = (width: number, height: number, seed: number) => {
      const data = new Uint8Array(width * height * 4);
      for (let i = 0; i < data.length; i++) data[i] = (i * seed + (i >> 7) * 31) % 256;
      return { data, width, height };
    };
    // Different sizes and contents one after another, then the first again: no state carries over.
    const pictures = [
      picture(PHOTO_PIXELS, 360, 7),
      picture(17, 9, 13),
      picture(64, 200, 101),
      picture(PHOTO_PIXELS, 360, 7),
    ];
    for (const p of pictures) {
      const own = jpegEncoder().encode(p, 78);
      expect(Buffer.compare(own, jpeg.encode(p, 78).data)).toBe(0);
    }
  });

  it('refuses a PNG whose header claims more pixels than a phone takes, before decoding it', () => {
    const png = Buffer.alloc(64);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    writeFileSync(path.join(dir, 'bomb.png'), png);
    expect(loadPhoto(dir, 'bomb.png')).toEqual({ ok: false, message: expect.stringContaining('5000 万像素') });
    const real = loadPhoto(dir, 'photos/2026-12/华山街道社工站-全景.jpg');
    expect(real.ok && [real.width, real.height]).toEqual([480, 360]);
  });

  it('records.example: one photo sheet per county, every photo in', async () => {
    expect(nov.code, nov.stderr).toBe(0);
    expect(nov.stdout).not.toContain('照片没有放入');
    const wb = await sheets(out('11', '乡镇（街道）社工站点实体建设情况统计总表-2026年11月.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['五华区', '照片-五华区', '盘龙区', '照片-盘龙区']);
    expect(wb.getWorksheet('照片-五华区')!.getImages()).toHaveLength(3);
  });
});

describe('the survey names its sessions', () => {
  it('所评督导 is the session: date, county, experts; not a file name', async () => {
    const ws = (await sheets(out('11', '督导满意度调研表-2026年11月.xlsx'))).worksheets[0]!;
    const note = rowWith(ws, '所评督导').getCell(1).text;
    expect(note).toContain('所评督导：2026年11月20日 五华区团体督导（督导专家：王芳、陈建国）');
    expect(note).not.toContain('.yaml');
  });

  it('合计 says the days of the sessions it sums, and each session; a session not exported is said so', async () => {
    const wb = await sheets(out('12', '督导满意度调研表-2026年12月.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['合计', '12-18五华区', '12-20五华区']);
    const ws = wb.getWorksheet('合计')!;
    expect(ws.getCell('A2').text).toContain('日期：2026年12月18日、2026年12月20日（共2次督导）');
    const note = rowWith(ws, '所评督导').getCell(1).text;
    expect(note).toContain('2026年12月18日 五华区团体督导（督导专家：王芳、陈建国）');
    expect(note).toContain('2026-11-20-五华区.yaml（本期导出的记录中没有这份团体督导记录）');
  });
});

/** A .docx's body XML. */
const docXml = (file: string) => strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);
const rows = (xml: string) => [...xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
const text = (xml: string) => xml.replace(/<[^>]+>/g, '').replace(/\u2060/g, '');

describe('the group form: rows that grow, a page break that keeps the footnote company', () => {
  it('has no row of fixed height; short rows stay whole; the last rows keep with the footnote', () => {
    const xml = docXml(out('12', '团体督导记录表-2026年12月.docx'));
    const trs = rows(xml);
    // Two sessions: the stress one, then the one whose table ends at the foot of its first page.
    expect(trs.length).toBe(16);
    expect(xml).not.toMatch(/w:hRule="exact"/);
    for (const tr of trs) expect(tr).toMatch(/<w:trHeight [^>]*w:hRule="atLeast"/);
    const [date, , , , content, advice, duration, signature] = trs;
    expect(date).toContain('<w:cantSplit');
    expect(content).not.toContain('<w:cantSplit/>');
    expect(advice).not.toContain('<w:cantSplit/>');
    for (const tr of [duration!, signature!]) expect(tr).toContain('<w:keepNext/>');
  });

  it('督导形式 is a cell of its own, wide enough for its label, not the end of the address line', () => {
    const xml = docXml(out('12', '团体督导记录表-2026年12月.docx'));
    const address = [...xml.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)]
      .map((m) => text(m[0]))
      .find((p) => p.startsWith('督导地址'));
    expect(address).not.toContain('督导形式');
    const cells = [...rows(xml)[0]!.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
    const mode = cells.find((c) => text(c) === '督导形式')!;
    // Four characters of 12 pt take 960 twentieths of a point; the label column is 1900.
    expect(Number(/<w:tcW w:type="dxa" w:w="(\d+)"/.exec(mode)![1])).toBeGreaterThanOrEqual(1900);
    expect(text(cells[3]!)).toMatch(/√线[上下]/);
  });
});

describe("the templates carry the handbook's words", () => {
  const template = (name: string) => path.join(ROOT, 'templates', name);
  it('the case form: 案例提纲内容 and item 4’s guidance', () => {
    const body = text(docXml(template('社会工作服务站案例收集需求表.docx')));
    expect(body).toContain('案例提纲内容');
    expect(body).toContain('4.案例实际执行过程（主要时间、地点、人物、事件等信息，和实际对方案、计划的修正）');
  });
  it('the needs form: its guidance line', () => {
    const body = text(docXml(template('已有项目化运营站点督导需求统计表.docx')));
    expect(body).toContain('简单明了表述需要解决的问题、所需的支持或达到的目的');
  });
  it('the roster: its whole footnote', async () => {
    const file = readdirSync(path.join(ROOT, 'templates')).find((f) => f.includes('人员情况'))!;
    const ws = (await sheets(template(file))).worksheets[0]!;
    expect(rowWith(ws, '注：').getCell(1).text).toBe('注：如果还有其他情况请写在备注一栏，可自行增加备注栏列数。');
  });
});

describe('docs/previews: every page of every export, current', () => {
  interface Entry {
    export: string;
    output: string;
    pages: number;
    pngs: string[];
  }
  const previews = path.join(ROOT, 'docs', 'previews');
  const manifest = JSON.parse(readFileSync(path.join(previews, 'manifest.json'), 'utf8')) as Record<string, Entry[]>;
  const exported = (month: string) => readdirSync(out(month)).sort();

  it.each([
    ['records.example 2026-11', '11'],
    ['stress 2026-12', '12'],
  ])('%s: an entry for each export, a PNG for each of its pages', (set, month) => {
    const entries = manifest[set]!;
    expect(entries.map((e) => e.export).sort()).toEqual(exported(month));
    for (const e of entries) {
      expect(e.pngs).toHaveLength(e.pages);
      for (const png of e.pngs) expect(statSync(path.join(previews, png)).size).toBeGreaterThan(1000);
    }
  });

  it('no page left over from an earlier, longer export', () => {
    for (const [set, dirName] of [
      ['records.example 2026-11', ''],
      ['stress 2026-12', 'stress'],
    ] as const) {
      const listed = new Set(manifest[set]!.flatMap((e) => e.pngs));
      const outputs = manifest[set]!.map((e) => e.output);
      const onDisk = readdirSync(path.join(previews, dirName))
        .filter((f) => outputs.some((o) => new RegExp(`^${o}(-\\d+)?\\.png$`).test(f)))
        .map((f) => (dirName ? `${dirName}/${f}` : f));
      expect(onDisk.sort()).toEqual([...listed].sort());
    }
  });
});
