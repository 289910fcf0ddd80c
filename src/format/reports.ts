/**
 * What `list`, `tally`, `export`, `templates list` and `check --list-rules` print on a terminal.
 * The commands return data; these turn it into text (JSON is printed as the data itself).
 */
import path from 'node:path';
import { getLang, say } from '../i18n.js';
import type { TemplateInfo } from '../render/templates.js';
import type { RuleInfo } from '../rules/index.js';
import type { ExportResult, LeftOut, ListRow, Tally } from '../scan/results.js';
import { printable, textTable } from './table.js';

export function formatList(rows: readonly ListRow[], month: string | undefined): string {
  if (rows.length === 0) {
    return month ? say(`${month} 没有记录。`, `No records in ${month}.`) : say('还没有记录。运行 kmsw new log 写第一份日志。', 'No records yet. Run kmsw new log to write the first log.');
  }
  const table = textTable(
    [say('日期', 'date'), say('表格', 'form'), say('对象', 'who'), say('文件', 'file')],
    rows.map((r) => [r.when ?? '?', (getLang() === 'en' ? r.form : r.title) ?? say('（无法读取）', '(unreadable)'), r.who ?? '', r.problem ? `${r.file}  ← ${r.problem}` : r.file]),
  );
  const bad = rows.filter((r) => r.problem).length;
  return `${table}\n${say(`\n共 ${rows.length} 份${bad ? `，其中 ${bad} 份无法读取（运行 kmsw check 查看详情）` : ''}`, `\n${rows.length} records${bad ? `, ${bad} of them unreadable (kmsw check says why)` : ''}`)}`;
}

export function formatTally(result: Tally): string {
  const [y, m] = result.month.split('-');
  const lines = [
    say(`${y}年${m}月督导资料清单汇总表\n`, `Checklist of ${result.month}\n`),
    textTable([say('序号', 'no.'), say('表格名称', 'form'), say('数量', 'count'), say('质量', 'quality'), say('分值', 'score'), say('备注', 'notes')], result.rows.map((r) => [String(r.no), r.name, String(r.count), '', '', ''])),
    say('\n质量、分值、备注由项目办填写。', '\nQuality, score and notes are for the project office.'),
  ];
  const counted = new Set(result.rows.flatMap((r) => r.files)).size;
  lines.push(
    result.leftOut.length > 0
      ? say(`\n计入 ${counted} 份记录；另有 ${result.leftOut.length} 个本月的文件没有计入：`, `\n${counted} records counted; ${result.leftOut.length} files of the month are not counted:`)
      : say(`\n计入 ${counted} 份记录，本月的记录文件全部计入。`, `\n${counted} records counted: every record file of the month.`),
  );
  lines.push(...leftOutLines(result.leftOut));
  return lines.join('\n');
}

/** Each file left out, where its fault is and what it is: `2026/11/log/x.yaml:3:7  …  (invalid-value)`. */
/** A diagnostic's hint on its own line under it, as check prints it. */
const hintLine = (hint: string | undefined) => (hint === undefined ? [] : [printable(`      ${say('提示：', 'hint: ')}${hint}`)]);

function leftOutLines(leftOut: readonly LeftOut[]): string[] {
  return leftOut.flatMap((l) => [printable(`  ${l.file}:${l.line}:${l.column}  ${l.message}  (${l.rule})`), ...hintLine(l.hint)]);
}

/**
 * The files written, relative to where the person is; then the months without records, the records
 * that fail check, and last, where it cannot be missed, the record files left out and why.
 */
export function formatExport(result: ExportResult, period: string, byYear: boolean): string {
  const lines: string[] = [];
  const records = result.written.reduce((n, w) => n + w.records, 0);
  const missing = result.leftOut.length;
  if (result.written.length === 0) {
    lines.push(
      missing
        ? say(`${period} 没有可以导出的记录，什么也没有导出；有 ${missing} 个记录文件无法导出（见下）。`, `No records to export in ${period}; nothing was exported; ${missing} record files cannot be exported (below).`)
        : say(`${period} 没有记录，什么也没有导出。`, `No records in ${period}; nothing was exported.`),
    );
  } else {
    lines.push(
      say(
        `已导出 ${result.written.length} 个文件${records ? `，共 ${records} 份记录` : ''}${missing ? `；另有 ${missing} 个记录文件没有导出（见文末）` : ''}：`,
        `Exported ${result.written.length} files${records ? `, ${records} records` : ''}${missing ? `; ${missing} record files were left out (see the end)` : ''}:`,
      ),
    );
    const shown = (f: string) => printable(path.relative(process.cwd(), f) || f);
    for (const w of result.written) lines.push(`  ${shown(w.file)}${w.records ? say(`（${w.records} 份）`, ` (${w.records})`) : ''}`);
    if (byYear && result.empty.length > 0) lines.push(say(`没有记录的月份：${result.empty.join('、')}`, `Months without records: ${result.empty.join(', ')}`));
  }
  if (result.failing.length > 0) {
    lines.push(say(`\n注意：以下 ${result.failing.length} 份记录没有通过 kmsw check，已按原样导出（督导资料清单汇总表的数量没有计入它们），请改正后重新导出：`, `\nNote: these ${result.failing.length} records fail kmsw check and were exported as they are (the checklist does not count them); fix them and export again:`));
    for (const f of result.failing) lines.push(printable(`  ${f.file}  ${f.message}  (${f.rule})`), ...hintLine(f.hint));
  }
  if (result.unignored) {
    const folder = result.unignored;
    lines.push(
      say(
        `\n注意：这个资料文件夹是 Git 仓库，但 ${folder} 没有被 .gitignore 忽略，git add -A 会把导出文件里的姓名、年龄和薪资提交进仓库。请在资料文件夹里运行：echo ${folder} >> .gitignore`,
        `\nNote: this records folder is a Git repository whose ignore rules do not cover ${folder}: git add -A would commit the exports' names, ages and salaries. In the records folder, run: echo ${folder} >> .gitignore`,
      ),
    );
  }
  if (missing > 0) {
    lines.push(say(`\n没有导出：以下 ${missing} 个记录文件不在任何导出的文件里。改正后重新导出：`, `\nLeft out: these ${missing} record files are in no exported file. Fix them and export again:`));
    lines.push(...leftOutLines(result.leftOut));
  }
  return lines.join('\n');
}

export function formatTemplates(templates: readonly TemplateInfo[], root: string): string {
  const table = textTable(
    [say('模板', 'template'), say('来源', 'source'), say('文件', 'file')],
    templates.map((t) => [t.name, t.source === 'folder' ? say('资料文件夹', 'this folder') : say('kmsw 自带', 'built in'), t.source === 'folder' ? path.relative(root, t.file) : t.file]),
  );
  return `${table}\n${say('\n要修改某个模板：kmsw templates copy <名称>，再用 Word、WPS 或 Excel 打开 templates/ 里的文件。', '\nTo change one: kmsw templates copy <name>, then open it in templates/ with Word, WPS or Excel.')}`;
}

export function formatRules(rules: readonly RuleInfo[]): string {
  const severity = (s: string) => (s === 'error' ? say('错误', 'error') : s === 'warning' ? say('警告', 'warning') : say('视情况', 'depends'));
  return textTable([say('规则', 'rule'), say('级别', 'severity'), say('检查什么', 'what it checks')], rules.map((r) => [r.id, severity(r.severity), say(r.zh, r.en)]));
}

/** A bar on the terminal that fills as files are written, and clears itself at the end. */
export function progressBar(stream: NodeJS.WriteStream, width = 24): (done: number, total: number, file: string) => void {
  return (done, total, file) => {
    const filled = Math.round((done / total) * width);
    stream.write(`\r${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total} ${printable(path.basename(file))}\x1b[K`);
    if (done === total) stream.write('\r\x1b[K');
  };
}
