/**
 * kmsw export and tally, spawned on a copy of records.example; every file it writes is opened:
 * the .docx unzipped and read paragraph by paragraph, the .xlsx read with exceljs.
 */
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ExcelJSType from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, kmsw, put, snapshot, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';
import { textOf } from '../src/values/text.js';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSType;
const TODAY = { KMSW_TODAY: '2026-11-30' };

/** A copy of records.example in the system temp folder. */
function example(): string {
  const dir = tempFolder({}, 'kmsw-export-');
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** The paragraphs of a .docx's body, as text, and its raw XML. */
function readDocx(file: string): { paragraphs: string[]; xml: string; parts: string[] } {
  const zip = unzipSync(readFileSync(file));
  const xml = strFromU8(zip['word/document.xml']!);
  const paragraphs = [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, '').replace(/\u2060/g, ''),
  );
  return { paragraphs, xml, parts: Object.keys(zip) };
}

async function readXlsx(file: string): Promise<ExcelJSType.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const merges = (ws: ExcelJSType.Worksheet) => (ws.model as unknown as { merges: string[] }).merges;

describe('kmsw export --month on records.example', () => {
  let dir: string;
  let out: string;
  let run: ReturnType<typeof kmsw>;
  let before: Map<string, string>;

  beforeAll(() => {
    dir = example();
    before = snapshot(dir);
    run = kmsw(['export', '--month', '2026-11'], { cwd: dir, env: TODAY });
    out = path.join(dir, 'exports', '2026-11');
  });

  it('writes one file per form with records and the checklist, named as the spec says, and lists them', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      [
        '督导工作日志-2026年11月.docx',
        '督导工作月度总结-2026年11月.docx',
        '督导记录表-2026年11月.docx',
        '团体督导记录表-2026年11月.docx',
        '个别督导登记表-2026年11月.docx',
        '已有项目化运营站点督导需求统计表-2026年11月.docx',
        '社会工作服务站案例收集需求表-2026年11月.docx',
        '乡镇（街道）社工站点人员情况统计总表-2026年11月.xlsx',
        '乡镇（街道）社工站点实体建设情况统计总表-2026年11月.xlsx',
        '督导满意度调研表-2026年11月.xlsx',
        '会议与活动记录-2026年11月.docx',
        '督导成效评估表-2026年.docx',
        '督导资料清单汇总表-2026年11月.xlsx',
      ].sort(),
    );
    expect(run.stdout).toMatch(/^已导出 13 个文件，共 \d+ 份记录：/);
    expect(run.stdout).not.toMatch(/没有导出/);
    expect(run.stdout).toContain('exports/2026-11/督导工作日志-2026年11月.docx（12 份）');
  });

  it('changes no record', () => {
    const after = snapshot(dir);
    for (const [file, bytes] of before) expect(after.get(file), file).toBe(bytes);
  });

  it('督导工作日志: one page per log in date order, labels in the form order, the log itself, no blank last page', () => {
    const { paragraphs, xml } = readDocx(path.join(out, '督导工作日志-2026年11月.docx'));
    const titles = paragraphs.filter((p) => p === '督导工作日志');
    expect(titles).toHaveLength(12);
    // Each log after the first starts a page; nothing breaks a page after the last.
    expect(xml.match(/<w:pageBreakBefore\/>/g)).toHaveLength(11);
    expect(xml).not.toMatch(/w:type="page"/);
    expect(xml.slice(xml.lastIndexOf('<w:pageBreakBefore/>'))).toContain(
      '上午撰写11月督导工作月度总结，梳理本月在盘龙区开展的工作',
    );
    const first = paragraphs.slice(0, paragraphs.indexOf('督导工作日志', 1));
    const order = ['督导工作日志', '填表人', '李明', '日期', '2026年11月23日', '当日工作内容', '明日工作计划'].map(
      (label) => first.findIndex((p) => p.startsWith(label)),
    );
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(first).toContain('1、上午随王芳老师到红云街道社工站开展个人督导并做好记录');
    expect(first.some((p) => p.startsWith('上午整理11月20日五华区团体督导的资料'))).toBe(true);
    // Dates in order across the pages: 23 Nov first, 30 Nov last.
    const dates = paragraphs.filter((p) => /^2026年11月\d+日$/.test(p));
    expect(dates[0]).toBe('2026年11月23日');
    expect(dates.at(-1)).toBe('2026年11月30日');
    expect(xml).not.toMatch(/\{\{/);
  });

  it('every Word form: a page per record of the month, each with its own text and no placeholder left', async () => {
    const { FORMS } = await import('../src/forms/index.js');
    const { parse } = await import('yaml');
    for (const form of FORMS.filter((f) => f.document === 'docx')) {
      const records = readdirSync(path.join(EXAMPLE, '2026/11', form.key)).map((f) =>
        parse(readFileSync(path.join(EXAMPLE, '2026/11', form.key, f), 'utf8')),
      );
      // A yearly document (the evaluations) is named by its year.
      const name = form.yearly ? `${form.title}-2026年.docx` : `${form.title}-2026年11月.docx`;
      const { paragraphs, xml } = readDocx(path.join(out, name));
      expect((xml.match(/<w:pageBreakBefore\/>/g) ?? []).length, form.key).toBe(records.length - 1);
      expect(xml, form.key).not.toMatch(/\{\{/);
      for (const record of records) {
        // The first line of the record's first long text, and its slug (who or what it is), are on the page.
        const text = Object.entries(form.fields).find(([, f]) => f.kind === 'text')?.[0];
        const first = String(record[text ?? ''] ?? record.outline?.background).split('\n')[0]!;
        expect(
          paragraphs.some((p) => p.includes(first)),
          `${form.key}: ${first}`,
        ).toBe(true);
        expect(paragraphs.join('\n'), form.key).toContain(String(record[form.slugField]));
      }
      // The labels of the official form, in its order.
      const labels = Object.values(form.fields)
        .filter((f) => f.kind === 'text')
        .map((f) => f.label);
      const at = labels.map((label) => paragraphs.findIndex((p) => p.startsWith(label)));
      if (form.key !== 'case')
        expect(
          at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]!)),
          `${form.key}: ${labels.join(' ')}`,
        ).toBe(true);
    }
  });

  it('督导记录表: the choices with the chosen one ticked, both signatures, the note under the form', () => {
    const { paragraphs } = readDocx(path.join(out, '督导记录表-2026年11月.docx'));
    expect(paragraphs).toContain('√个人督导 □团体督导 □同事督导');
    expect(paragraphs).toContain('√面谈 □邮件 □电话 □其他');
    expect(paragraphs).toContain('社工（签名）：张丽');
    expect(paragraphs).toContain('日期：2026年11月26日');
    expect(paragraphs).toContain('督导（签名）：王芳');
    expect(paragraphs.at(-1)).toBe(
      '* 督导记录表除社工计划由社工填写，其他均由督导填写。请于督导结束之后一周内填写完成。',
    );
  });

  it('Word documents are A4 portrait in 宋体 (SimSun)', () => {
    const zip = unzipSync(readFileSync(path.join(out, '团体督导记录表-2026年11月.docx')));
    const xml = strFromU8(zip['word/document.xml']!);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(strFromU8(zip['word/styles.xml']!)).toMatch(/w:eastAsia="SimSun"/);
  });

  it('人员情况统计总表: a sheet per county, the handbook header with its merges, a row per social worker', async () => {
    const wb = await readXlsx(path.join(out, '乡镇（街道）社工站点人员情况统计总表-2026年11月.xlsx'));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['五华区', '盘龙区', '官渡区']);
    const ws = wb.getWorksheet('五华区')!;
    expect(ws.getCell('A1').value).toBe('昆明市五华区乡镇（街道）社工站点人员情况统计总表');
    expect(merges(ws)).toEqual(expect.arrayContaining(['A1:K1', 'A2:B2', 'C2:F2', 'C3:E3']));
    expect(['A4', 'B4', 'C4', 'D4', 'E4', 'J4'].map((a) => ws.getCell(a).value)).toEqual([
      '序号',
      '目前所在站点名称',
      '社工姓名',
      '性别',
      '年龄（或出生年月）',
      '薪资（数额）',
    ]);
    expect(ws.getCell('C2').value).toBe('2026年11月10日');
    expect(ws.getCell('C3').value).toBe('昆明市五华区同心社会工作服务中心');
    const rows = [5, 6, 7, 8].map((r) => [1, 2, 3, 4, 5].map((c) => ws.getCell(r, c).value));
    expect(rows[0]).toEqual([1, '红云街道社工站', '张丽', '女', 29]);
    expect(rows[1]![4]).toBe('1998年7月');
    expect(ws.getCell('A9').value).toBe('注：如果还有其他情况请写在备注一栏，可自行增加备注栏列数。');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.getCell('C5').font.name).toBe('SimSun');
  });

  it('实体建设情况统计总表: the two-row header with merges, ✓ in the right columns, photo names', async () => {
    const wb = await readXlsx(path.join(out, '乡镇（街道）社工站点实体建设情况统计总表-2026年11月.xlsx'));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['五华区', '照片-五华区', '盘龙区', '照片-盘龙区']);
    const ws = wb.getWorksheet('五华区')!;
    expect(merges(ws)).toEqual(expect.arrayContaining(['A4:A5', 'B4:B5', 'C4:D4', 'E4:F4', 'G4:H4', 'I4:I5', 'P4:P5']));
    expect(['C4', 'E4', 'G4', 'C5', 'D5', 'E5', 'F5', 'L4'].map((a) => ws.getCell(a).value)).toEqual([
      '办公场所',
      '门牌',
      '去向牌',
      '独用',
      '合用',
      '竖排',
      '横排',
      '墙面LOGO',
    ]);
    const yaml = readFileSync(path.join(EXAMPLE, '2026/11/sites/2026-11-26-五华区.yaml'), 'utf8');
    expect(yaml).toMatch(/name: 红云街道社工站\n\s+office: 独用/);
    const row = (r: number) => Array.from({ length: 16 }, (_, c) => ws.getCell(r, c + 1).value);
    expect(row(6)[1]).toBe('红云街道社工站');
    expect(row(6)[2]).toBe('√');
    expect(row(6)[3]).toBe('');
    expect(textOf(row(6)[15])).toMatch(/红云街道社工站-门牌\.png/);
  });

  it('满意度调研表: answer counts per question and level, the mean, the number of responses', async () => {
    const wb = await readXlsx(path.join(out, '督导满意度调研表-2026年11月.xlsx'));
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').value).toMatch(/问卷份数：8/);
    // Counted by hand from records.example's 8 questionnaires: per question, how many answered 1…5, and
    // the mean to two places (question 1: three 4s and five 5s, 37 / 8 = 4.625; question 4: 35 / 8 = 4.375).
    const rows = [4, 5, 6, 7, 8, 9, 10].map((r) => [3, 4, 5, 6, 7, 8].map((c) => Number(ws.getCell(r, c).value)));
    expect(rows).toEqual([
      [0, 0, 0, 3, 5, 4.63],
      [0, 0, 0, 3, 5, 4.63],
      [0, 0, 0, 2, 6, 4.75],
      [0, 0, 0, 5, 3, 4.38],
      [0, 1, 6, 1, 0, 3],
      [0, 0, 0, 4, 4, 4.5],
      [0, 0, 0, 2, 6, 4.75],
    ]);
    expect(ws.getCell('B4').value).toBe('您对本次督导的形式是否满意');
  });

  it('督导资料清单汇总表: the month in its title, 数量 per form, the project office columns blank', async () => {
    const wb = await readXlsx(path.join(out, '督导资料清单汇总表-2026年11月.xlsx'));
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('2026年11月督导资料清单汇总表');
    expect([2, 3].map((r) => ws.getCell(r + 1, 2).value)).toEqual(['《督导工作日志》', '《督导工作月度总结》']);
    expect(ws.getCell('C3').value).toBe(12);
    expect(ws.getCell('C5').value).toBe(1);
    expect(ws.getCell('D3').value ?? '').toBe('');
    // A row per form: the meeting record is a 督导资料 too, the last row.
    expect(ws.getCell('B13').value).toBe('《会议与活动记录》');
    expect(ws.getCell('C13').value).toBe(2);
    expect(ws.getCell('B14').value).toBe('《督导成效评估表》');
    expect(ws.getCell('C14').value).toBe(2);
    expect(ws.getCell(`A${3 + 12}`).value).toMatch(/^注：该表格/);
  });
});

describe('kmsw export: safety and choices', () => {
  // Refusals and runs that write nothing through main() in-process (tests/support/in-process.ts): the same argv,
  // output and exit code; every export that writes, and each subcommand's first run, through the real binary.
  it('a month without records says so, exits 0 and writes nothing', async () => {
    const dir = example();
    const run = await kmswInProcess(['export', '--month', '2026-10'], { cwd: dir, env: TODAY });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2026-10 没有记录，什么也没有导出。');
    expect(existsSync(path.join(dir, 'exports'))).toBe(false);
  });

  it('replaces an earlier export only with a complete one, and leaves no temporary file', () => {
    const dir = example();
    const out = path.join(dir, 'exports', '2026-11');
    // What an earlier export of the log left, made over: no Word file any more (written here, not exported first).
    put(out, '督导工作日志-2026年11月.docx', 'old');
    const run = kmsw(['export', '--month', '2026-11', '--only', 'log'], { cwd: dir, env: TODAY });
    expect(run.code).toBe(0);
    expect(readDocx(path.join(out, '督导工作日志-2026年11月.docx')).paragraphs).toContain('督导工作日志');
    expect(readdirSync(out)).toEqual(['督导工作日志-2026年11月.docx']);
  });

  it('--out and --only; an unknown --only is refused', async () => {
    const dir = example();
    const out = tempFolder({});
    // In-process, through main(), which the binary runs (tests/support/in-process.ts), as the other exports here
    // after the two spawned (above: the month of records.example, and one replacing an earlier export): a spawned
    // export costs ~0.4 s more CPU.
    const args = ['export', '--month', '2026-11', '--out', out, '--only', 'roster,checklist'];
    const run = await kmswInProcess(args, { cwd: dir, env: TODAY });
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      '乡镇（街道）社工站点人员情况统计总表-2026年11月.xlsx',
      '督导资料清单汇总表-2026年11月.xlsx',
    ]);
    const bad = await kmswInProcess(['export', '--month', '2026-11', '--only', 'logs'], { cwd: dir, env: TODAY });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/“logs”不是表格名称，是不是 log？/);
  });

  it('--year exports every month that has records, into a folder per month', async () => {
    const dir = example();
    const run = await kmswInProcess(['export', '--year', '2026', '--only', 'checklist'], { cwd: dir, env: TODAY });
    expect(run.code).toBe(0);
    expect(readdirSync(path.join(dir, 'exports'))).toEqual(['2026-11']);
    expect(run.stdout).toMatch(/没有记录的月份：2026-01、.*2026-10、2026-12/);
    expect((await kmswInProcess(['export'], { cwd: dir })).code).toBe(2);
  });

  it('exports a record that fails check as written, and says which', async () => {
    const dir = example();
    const file = path.join(dir, '2026/11/log/2026-11-30-李明.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace(/content: \|[\s\S]*?\nplan:/, 'content: |\n  只写了一句。\nplan:')
        .replace('date: 2026-11-30', 'date: 2026-11-30\nmood: 好'),
    );
    const run = await kmswInProcess(['export', '--month', '2026-11', '--only', 'log'], { cwd: dir, env: TODAY });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /以下 1 份记录没有通过 kmsw check.*\n\s+2026\/11\/log\/2026-11-30-李明\.yaml\s+当日工作内容只有 6\/300字/,
    );
    expect(readDocx(path.join(dir, 'exports/2026-11/督导工作日志-2026年11月.docx')).paragraphs).toContain(
      '只写了一句。',
    );
  });

  // A signature picture a record names is embedded; one reached through a link that leaves the folder (a
  // linked file, a linked folder), a GIF, a FIFO or /dev/zero is not: tests/untrusted-folder.test.ts, every
  // case in one folder, exported once.
});

describe('templates', () => {
  it('a folder template overrides the built-in one, even with placeholders Word split into runs', async () => {
    const dir = example();
    expect(kmsw(['templates', 'copy', 'log'], { cwd: dir }).code).toBe(0);
    const file = path.join(dir, 'templates', '督导工作日志.docx');
    const zip = unzipSync(readFileSync(file));
    const xml = strFromU8(zip['word/document.xml']!);
    // As Word saves a placeholder a person retyped: in pieces, each in its own run.
    const split = xml
      .replace('{{author}}', '{{au</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>thor}}')
      .replace('督导工作日志', '本中心督导工作日志');
    expect(split).not.toBe(xml);
    zip['word/document.xml'] = strToU8(split);
    writeFileSync(file, zipSync(zip));
    const list = await kmswInProcess(['templates', 'list'], { cwd: dir });
    expect(list.stdout).toMatch(/督导工作日志\.docx\s+资料文件夹\s+templates\/督导工作日志\.docx/);
    expect(list.stdout).toMatch(/督导工作月度总结\.docx\s+kmsw 自带/);
    const exported = await kmswInProcess(['export', '--month', '2026-11', '--only', 'log'], { cwd: dir, env: TODAY });
    expect(exported.code).toBe(0);
    const { paragraphs, xml: out } = readDocx(path.join(dir, 'exports/2026-11/督导工作日志-2026年11月.docx'));
    expect(paragraphs.filter((p) => p === '本中心督导工作日志')).toHaveLength(12);
    expect(paragraphs).toContain('李明');
    expect(out).not.toMatch(/\{\{/);
  });

  it('an unknown placeholder is reported with its template and a suggestion, and nothing is written', async () => {
    const dir = example();
    expect((await kmswInProcess(['templates', 'copy', '督导工作日志'], { cwd: dir })).code).toBe(0);
    const file = path.join(dir, 'templates', '督导工作日志.docx');
    const zip = unzipSync(readFileSync(file));
    zip['word/document.xml'] = strToU8(strFromU8(zip['word/document.xml']!).replace('{{author}}', '{{autor}}'));
    writeFileSync(file, zipSync(zip));
    const run = await kmswInProcess(['export', '--month', '2026-11'], { cwd: dir, env: TODAY });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /模板 .*templates\/督导工作日志\.docx 里有不认识的占位符：\{\{autor\}\}（是不是 \{\{author\}\}？）/,
    );
    expect(existsSync(path.join(dir, 'exports'))).toBe(false);
  });

  it('a Word template that lost a placeholder is refused by name, field and fix; nothing is written', async () => {
    const dir = example();
    const edit = (form: string, name: string, placeholder: string) => {
      expect(kmsw(['templates', 'copy', form], { cwd: dir }).code).toBe(0);
      const file = path.join(dir, 'templates', name);
      const zip = unzipSync(readFileSync(file));
      const xml = strFromU8(zip['word/document.xml']!);
      expect(xml).toContain(placeholder);
      zip['word/document.xml'] = strToU8(xml.replace(placeholder, ''));
      writeFileSync(file, zipSync(zip));
    };
    // As a person deletes one while editing the form: the day's plan, a signature's picture.
    edit('log', '督导工作日志.docx', '{{plan}}');
    edit('record', '督导记录表.docx', '{{signatures.worker.image}}');
    const out = path.join(tempFolder({}, 'kmsw-export-out-'), 'x');
    const run = kmsw(['export', '--month', '2026-11', '--out', out], { cwd: dir, env: TODAY });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /模板 .*templates\/督导工作日志\.docx 里少了占位符：\{\{plan\}\}（明日工作计划）。.*kmsw templates copy log/,
    );
    expect(run.stderr).toMatch(
      /templates\/督导记录表\.docx 里少了占位符：\{\{signatures\.worker\.image\}\}（社工（签名）·签名图片）.*copy record/,
    );
    expect(run.stderr).toMatch(/什么也没有写入/);
    expect(existsSync(out)).toBe(false);
    // The fix the message gives: this copy moved away, kmsw's own copied again.
    renameSync(path.join(dir, 'templates/督导工作日志.docx'), path.join(dir, 'templates/旧-督导工作日志.docx.bak'));
    expect((await kmswInProcess(['templates', 'copy', 'log'], { cwd: dir })).code).toBe(0);
    const again = await kmswInProcess(['export', '--month', '2026-11', '--only', 'log', '--out', out], {
      cwd: dir,
      env: TODAY,
    });
    expect(again.code, again.stderr).toBe(0);
    expect(
      readDocx(path.join(out, '督导工作日志-2026年11月.docx')).paragraphs.filter((p) => /^1、/.test(p)),
    ).toHaveLength(12);
  });

  it('an Excel template that lost a placeholder is refused; a choice shown as its answer is not lost', async () => {
    const dir = example();
    for (const form of ['sites', 'survey'])
      expect((await kmswInProcess(['templates', 'copy', form], { cwd: dir })).code).toBe(0);
    const sites = path.join(dir, 'templates', '乡镇（街道）社工站点实体建设情况统计总表.xlsx');
    const survey = path.join(dir, 'templates', '督导满意度调研表.xlsx');
    const set = async (file: string, cells: Record<string, string>) => {
      const wb = await readXlsx(file);
      for (const [address, text] of Object.entries(cells)) wb.worksheets[0]!.getCell(address).value = text;
      await wb.xlsx.writeFile(file);
    };
    // 办公场所 written as the answer in one column instead of a tick under 独用 and 合用; 照片 and 平均分 deleted.
    await set(sites, { C6: '{{stations.office}}', D6: '', P6: '' });
    await set(survey, { H4: '' });
    const run = await kmswInProcess(['export', '--month', '2026-11'], { cwd: dir, env: TODAY });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /实体建设情况统计总表\.xlsx 里少了占位符：\{\{stations\.photos\}\}（照片）。.*copy sites/,
    );
    expect(run.stderr).toMatch(/督导满意度调研表\.xlsx 里少了占位符：\{\{questions\.mean\}\}（平均分）/);
    expect(run.stderr).not.toMatch(/stations\.office/);
    expect(existsSync(path.join(dir, 'exports'))).toBe(false);
    await set(sites, { P6: '{{stations.photos}}' });
    const again = await kmswInProcess(['export', '--month', '2026-11', '--only', 'sites'], { cwd: dir, env: TODAY });
    expect(again.code, again.stderr).toBe(0);
    const wb = await readXlsx(
      path.join(dir, 'exports/2026-11/乡镇（街道）社工站点实体建设情况统计总表-2026年11月.xlsx'),
    );
    const ws = wb.getWorksheet('五华区')!;
    expect([ws.getCell('B6').value, ws.getCell('C6').value, ws.getCell('P6').value]).toEqual([
      '红云街道社工站',
      '独用',
      '红云街道社工站-门牌.png',
    ]);
  });

  it('an Excel template with an unknown placeholder is refused too; copy never overwrites', async () => {
    const dir = example();
    expect((await kmswInProcess(['templates', 'copy', 'checklist'], { cwd: dir })).code).toBe(0);
    const file = path.join(dir, 'templates', '督导资料清单汇总表.xlsx');
    const wb = await readXlsx(file);
    wb.worksheets[0]!.getCell('C3').value = '{{rows.amount}}';
    await wb.xlsx.writeFile(file);
    const run = await kmswInProcess(['export', '--month', '2026-11', '--only', 'checklist'], { cwd: dir, env: TODAY });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\{\{rows\.amount\}\}/);
    const again = await kmswInProcess(['templates', 'copy', 'checklist'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/已经存在，没有覆盖/);
    expect((await kmswInProcess(['templates', 'copy', 'nothing'], { cwd: dir })).code).toBe(2);
    // A form's key mistyped is guessed as `kmsw new lgo` guesses it.
    const slip = await kmswInProcess(['templates', 'copy', 'lgo'], { cwd: dir });
    expect([slip.code, slip.stderr]).toEqual([
      2,
      'kmsw: 没有名为“lgo”的模板，是不是 log？运行 kmsw templates list 查看全部\n',
    ]);
  });
});

describe('a photo the sites workbook cannot hold', () => {
  it('check names it with the reason export gives, and export says it is an Excel workbook', async () => {
    const dir = example();
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    // An iPhone's photo begins so: an ISO media file of brand heic.
    const heic = Buffer.concat([Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1miafMiHBheic', 'latin1'), Buffer.alloc(64)]);
    // A JPEG whose frame, after its EXIF, says 8000 × 8000: 64 megapixels, more than export decodes.
    const segment = (marker: number, body: Buffer) =>
      Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
    const frame = Buffer.from([8, 0x1f, 0x40, 0x1f, 0x40, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    const huge = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.alloc(3000)])),
      segment(0xc0, frame),
      Buffer.alloc(100),
    ]);
    writeFileSync(path.join(dir, 'photos/2026-11/红云-动图.gif'), gif);
    writeFileSync(path.join(dir, 'photos/2026-11/红云-门口.HEIC'), heic);
    writeFileSync(path.join(dir, 'photos/2026-11/红云-全景.jpg'), huge);
    const sites = path.join(dir, '2026/11/sites/2026-11-26-五华区.yaml');
    const text = readFileSync(sites, 'utf8');
    const planted = text.replace(
      '[photos/2026-11/红云街道社工站-门牌.png]',
      '[photos/2026-11/红云街道社工站-门牌.png, photos/2026-11/红云-动图.gif, photos/2026-11/红云-门口.HEIC, ' +
        'photos/2026-11/红云-全景.jpg]',
    );
    expect(planted).not.toBe(text);
    writeFileSync(sites, planted);

    const check = kmsw(['check', '--format', 'json', '2026/11/sites'], { cwd: dir, env: TODAY });
    const found = (JSON.parse(check.stdout) as { diagnostics: Array<Record<string, string>> }).diagnostics.filter(
      (d) => d.rule === 'missing-photo',
    );
    const gifSaid = '是 GIF 图片，这里只能用 JPG、PNG（导出的 Excel 工作簿只能放这几种）';
    const heicSaid = '是 HEIC 图片，这里只能用 JPG、PNG（导出的 Excel 工作簿只能放这几种）';
    expect(found.map((d) => [d.message, d.hint])).toEqual([
      [`照片“photos/2026-11/红云-动图.gif”${gifSaid}`, expect.stringMatching(/^请另存为 JPG 或 PNG/)],
      [`照片“photos/2026-11/红云-门口.HEIC”${heicSaid}`, expect.stringMatching(/^HEIC 照片请在手机或电脑上另存为 JPG/)],
      ['照片“photos/2026-11/红云-全景.jpg”图片像素过多（超过 5000 万像素）', expect.stringMatching(/缩小/)],
    ]);

    const exported = kmsw(['export', '--month', '2026-11', '--only', 'sites'], { cwd: dir, env: TODAY });
    expect(exported.code, exported.stderr).toBe(0);
    const [, notes = ''] = exported.stdout.split('以下 3 张照片没有放入工作簿');
    // The same words as check's, then what check gives as its hint.
    expect(notes).toContain(`photos/2026-11/红云-动图.gif  ${gifSaid}：${found[0]!.hint}`);
    expect(notes).toContain(`photos/2026-11/红云-门口.HEIC  ${heicSaid}：${found[1]!.hint}`);
    expect(notes).toContain(`photos/2026-11/红云-全景.jpg  图片像素过多（超过 5000 万像素）：${found[2]!.hint}`);
    expect(exported.stdout).not.toMatch(/Word/);
    const wb = await readXlsx(
      path.join(dir, 'exports/2026-11/乡镇（街道）社工站点实体建设情况统计总表-2026年11月.xlsx'),
    );
    const captions: string[] = [];
    wb.getWorksheet('照片-五华区')!.eachRow((row) => row.eachCell((c) => captions.push(c.text)));
    expect(captions).toContain(`红云-门口.HEIC\n（未放入：${heicSaid}：${found[1]!.hint}）`);
  });
});

describe('kmsw tally', () => {
  it('counts the month per form, the handbook rows first', async () => {
    const run = kmsw(['--dir', EXAMPLE, 'tally', '--month', '2026-11', '--format', 'json']);
    expect(run.code).toBe(0);
    const tally = JSON.parse(run.stdout);
    expect(tally.rows.map((r: { name: string; count: number }) => `${r.name} ${r.count}`)).toEqual([
      '《督导工作日志》 12',
      '《督导工作月度总结》 2',
      '《内部督导记录表》《线上督导记录表》 1',
      '《站点人员情况统计总表》 3',
      '《站点实体建设情况统计总表》 2',
      '《团体督导记录表》 1',
      '《个别督导登记表》 1',
      '《已有项目化运营站点督导需求统计表》 1',
      '《社会工作服务站案例收集需求表》 1',
      '《督导满意度调研表》 1',
      '《会议与活动记录》 2',
      '《督导成效评估表》 2',
    ]);
    const text = await kmswInProcess(['--dir', EXAMPLE, 'tally', '--month', '2026-11']);
    expect(text.stdout).toMatch(/^2026年11月督导资料清单汇总表/);
    expect(text.stdout).toMatch(/1\s+《督导工作日志》\s+12/);
    expect((await kmswInProcess(['--dir', EXAMPLE, 'tally'])).code).toBe(2);
  });
});
