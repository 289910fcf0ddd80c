/**
 * What export puts on the survey's sheets: not its records but their counts, a row per question
 * with how many chose each rating and the mean.
 */
import { chineseDate } from '../../values/date.js';
import type { CellValue, ExcelOutput, ExportRecord, SessionName, SheetContext, SheetData } from '../sheet-data.js';
import { RATING_LEVELS } from '../fields.js';
import { textOf } from '../../values/text.js';

const PLACEHOLDERS = [
  'county',
  'date',
  'session',
  'responses',
  'questions.no',
  'questions.text',
  ...RATING_LEVELS.map((_, i) => `questions.level${i + 1}`),
  'questions.mean',
];

/** A record's questionnaires: those counted, how many it holds, and each left out with its place and why. */
interface Responses {
  counted: number[][];
  total: number;
  left: string[];
}

/**
 * A questionnaire is counted only when every one of its ratings reads and it has one per question: one with a bad
 * rating (6, 好) or a rating too many or too few cannot be trusted to match the questions, so none of its answers is
 * counted, and the sheet says which it left out and why: every question's counts add up to the same number.
 */
function responsesOf(questions: readonly string[], raw: unknown, where = ''): Responses {
  const list = Array.isArray(raw) ? raw : [];
  const out: Responses = { counted: [], total: list.length, left: [] };
  list.forEach((row: unknown, i) => {
    const at = `${where}第${i + 1}份`;
    if (!Array.isArray(row)) out.left.push(`${at}（不是${questions.length}个评分的列表）`);
    else if (row.length !== questions.length)
      out.left.push(`${at}（有${row.length}个评分，应为${questions.length}个）`);
    else {
      const bad = row.findIndex((n) => typeof n !== 'number');
      if (bad >= 0) out.left.push(`${at}（第${bad + 1}题的评分不是1到5）`);
      else out.counted.push(row as number[]);
    }
  });
  return out;
}

/** 问卷份数: every questionnaire of the records (a number when all are counted), and those left out, with why. */
const responsesText = (r: Responses): CellValue =>
  r.left.length === 0 ? r.total : `${r.total}（其中 ${r.left.length} 份未计入下表：${r.left.join('；')}）`;

function surveySheet(
  questions: readonly string[],
  name: string,
  values: Record<string, CellValue>,
  read: Responses,
): SheetData {
  const responses = read.counted;
  const rows = questions.map((text, q) => {
    const answers = responses.map((r) => r[q]).filter((n): n is number => typeof n === 'number');
    const item: Record<string, CellValue> = { no: q + 1, text };
    RATING_LEVELS.forEach((_, level) => (item[`level${level + 1}`] = answers.filter((a) => a === level + 1).length));
    item.mean = answers.length ? Math.round((answers.reduce((a, b) => a + b, 0) / answers.length) * 100) / 100 : '';
    return item;
  });
  return { name, values: { ...values, responses: responsesText(read) }, rows: { questions: rows } };
}

const fileName = (file: string) => file.replace(/\\/g, '/').split('/').pop()!;

/**
 * 所评督导 as a person reads it: the session's day, county and experts (`2026年11月20日 五华区团体督导
 * （督导专家：王芳、陈建国）`), found among the period's group records by its file name; a name no
 * record of the period has is printed as written, saying so. The workbook is Chinese whatever --lang says.
 */
export function sessionText(ref: unknown, sessions: ReadonlyMap<string, SessionName> | undefined): string {
  const written = textOf(ref).trim();
  if (written === '') return '';
  const found = sessions?.get(fileName(written));
  if (!found) return `${written}（本期导出的记录中没有这份团体督导记录）`;
  const date = found.date ? chineseDate(found.date) : '';
  const experts = found.experts.length > 0 ? `（督导专家：${found.experts.join('、')}）` : '';
  return `${date} ${found.county}团体督导${experts}`;
}

/** A survey's sheet: its day and county (`10-20五华区`). */
const sheetName = (r: ExportRecord) =>
  `${typeof r.values.date === 'string' ? r.values.date.slice(5) : ''}${textOf(r.values.county)}`;

/** A sheet per survey, and a 合计 sheet over all of them when the month has more than one. */
export function surveySheets(
  questions: readonly string[],
  records: readonly ExportRecord[],
  sessions?: ReadonlyMap<string, SessionName>,
): SheetData[] {
  const sheets = records.map((r) => {
    const date = typeof r.values.date === 'string' ? r.values.date : '';
    const values = {
      county: textOf(r.values.county),
      date: date ? chineseDate(date) : '',
      session: sessionText(r.values.session, sessions),
    };
    return surveySheet(questions, sheetName(r), values, responsesOf(questions, r.values.responses));
  });
  if (records.length > 1) {
    const counties = [...new Set(records.map((r) => textOf(r.values.county)))].join('、');
    // 日期: the days of the sessions surveyed, as on each survey's own sheet; 所评督导: each of them.
    const dates = [...new Set(sheets.map((s) => String(s.values.date ?? '')).filter(Boolean))].join('、');
    const named = sheets.map((s) => String(s.values.session ?? '')).filter(Boolean);
    const values = {
      county: counties,
      date: `${dates}（共${records.length}次督导）`,
      session: [...new Set(named)].join('；'),
    };
    const each = records.map((r) => responsesOf(questions, r.values.responses, `${sheetName(r)} `));
    const all = {
      counted: each.flatMap((e) => e.counted),
      total: each.reduce((n, e) => n + e.total, 0),
      left: each.flatMap((e) => e.left),
    };
    sheets.unshift(surveySheet(questions, '合计', values, all));
  }
  return sheets;
}

/** The survey's export: its counts, over the questions it asks. */
export const surveyOutput = (questions: readonly string[]): ExcelOutput => ({
  placeholders: PLACEHOLDERS,
  labels: {
    responses: '问卷份数',
    'questions.no': '序号',
    'questions.text': '选项内容',
    ...Object.fromEntries(RATING_LEVELS.map((level, i) => [`questions.level${i + 1}`, level])),
    'questions.mean': '平均分',
  },
  sheets: (records, ctx: SheetContext) => surveySheets(questions, records, ctx.sessions),
});
