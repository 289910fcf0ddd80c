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

function surveySheet(
  questions: readonly string[],
  name: string,
  values: Record<string, CellValue>,
  responses: number[][],
): SheetData {
  const rows = questions.map((text, q) => {
    const answers = responses.map((r) => r[q]).filter((n): n is number => typeof n === 'number');
    const item: Record<string, CellValue> = { no: q + 1, text };
    RATING_LEVELS.forEach((_, level) => (item[`level${level + 1}`] = answers.filter((a) => a === level + 1).length));
    item.mean = answers.length ? Math.round((answers.reduce((a, b) => a + b, 0) / answers.length) * 100) / 100 : '';
    return item;
  });
  return { name, values: { ...values, responses: responses.length }, rows: { questions: rows } };
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

/** A sheet per survey, and a 合计 sheet over all of them when the month has more than one. */
export function surveySheets(
  questions: readonly string[],
  records: readonly ExportRecord[],
  sessions?: ReadonlyMap<string, SessionName>,
): SheetData[] {
  // A questionnaire with more or fewer ratings than questions cannot be matched to them: it is left out
  // of the counts and means (check names it); one with a bad answer keeps its other answers.
  const ratings = (r: ExportRecord) =>
    Array.isArray(r.values.responses)
      ? ((r.values.responses as unknown[]).filter(
          (row) => Array.isArray(row) && row.length === questions.length,
        ) as number[][])
      : [];
  const sheets = records.map((r) => {
    const date = typeof r.values.date === 'string' ? r.values.date : '';
    const values = {
      county: textOf(r.values.county),
      date: date ? chineseDate(date) : '',
      session: sessionText(r.values.session, sessions),
    };
    return surveySheet(questions, `${date.slice(5)}${textOf(r.values.county)}`, values, ratings(r));
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
    sheets.unshift(surveySheet(questions, '合计', values, records.flatMap(ratings)));
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
