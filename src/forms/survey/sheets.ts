/**
 * What export puts on the survey's sheets: not its records but their counts, a row per question
 * with how many chose each rating and the mean.
 */
import { chineseDate } from '../../values/date.js';
import type { CellValue, ExcelOutput, ExportRecord, SheetData } from '../sheet-data.js';
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

/** A sheet per survey, and a 合计 sheet over all of them when the month has more than one. */
export function surveySheets(questions: readonly string[], records: readonly ExportRecord[]): SheetData[] {
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
      session: textOf(r.values.session),
    };
    return surveySheet(questions, `${date.slice(5)}${textOf(r.values.county)}`, values, ratings(r));
  });
  if (records.length > 1) {
    const counties = [...new Set(records.map((r) => textOf(r.values.county)))].join('、');
    sheets.unshift(
      surveySheet(
        questions,
        '合计',
        { county: counties, date: `${records.length}次督导`, session: '' },
        records.flatMap(ratings),
      ),
    );
  }
  return sheets;
}

/** The survey's export: its counts, over the questions it asks. */
export const surveyOutput = (questions: readonly string[]): ExcelOutput => ({
  placeholders: PLACEHOLDERS,
  sheets: (records) => surveySheets(questions, records),
});
