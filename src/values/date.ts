import { toHalfwidth } from './halfwidth.js';
import { msg } from '../i18n.js';

/** A calendar day, always written `YYYY-MM-DD`. */
export type Day = string;
/** A calendar month, always written `YYYY-MM`. */
export type Month = string;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Two digits (a month, a day): compared, not padStart, as it runs for every day of a folder of years. */
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  // Worked out for the Gregorian years a record may name (every day of a folder of years asks); Date elsewhere (it
  // reads a year below 100 as 19xx, and rolls a month outside 1-12 over).
  if (Number.isInteger(year) && year >= 100 && Number.isInteger(month) && month >= 1 && month <= 12) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
  }
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The years a record's date may name. A supervision record is from this century; a year outside
 * (`1026`, `0000`, `9999`) is a typo, and refusing it keeps every day-by-day computation short.
 */
export const RECORD_YEARS = { from: 1900, to: 2100 } as const;
/**
 * The years an assistant's `since` and `--today` may name: the working-day rules run day by day from one to the other.
 */
export const WORK_YEARS = { from: 2000, to: 2100 } as const;

/** Why `d` is outside `range`, or undefined when it is inside. */
export function outsideYears(d: Day, range: Years): string | undefined {
  return yearOutside(Number(d.slice(0, 4)), range);
}

type Years = { readonly from: number; readonly to: number };

/** Why a year is refused, in the words of the range it falls outside; undefined inside it. */
function yearOutside(year: number, range: Years): string | undefined {
  if (year >= range.from && year <= range.to) return undefined;
  const shown = String(year).padStart(4, '0');
  return msg().date.theYearIsNot(shown, range.from, range.to);
}

function day(year: number, month: number, date: number, range: Years): Parsed<Day> {
  const outside = yearOutside(year, range);
  if (outside) return { ok: false, reason: outside };
  if (month < 1 || month > 12) return { ok: false, reason: msg().date.thereIsNoMonth(month) };
  if (date < 1 || date > daysInMonth(year, month)) {
    return { ok: false, reason: msg().date.hasNoDay(year, month, date, pad(month)) };
  }
  return { ok: true, value: `${year}-${pad(month)}-${pad(date)}` };
}

// The date part as written; a time and zone after it (a YAML timestamp) never shift the day.
export const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
/**
 * The spellings of a day and of a month, as regular-expression sources over the half-width text:
 * the parsers below match them, and the JSON Schema widens the same sources (values/grammar.ts).
 */
export const DAY_SPELLINGS: readonly string[] = [
  String.raw`(\d{4})-(\d{1,2})-(\d{1,2})${TIME}`,
  String.raw`(\d{4})[/.](\d{1,2})[/.](\d{1,2})`,
  String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?`,
];
export const MONTH_SPELLINGS: readonly string[] = [
  String.raw`(\d{4})[-/.](\d{1,2})`,
  String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月?`,
];
const DAY_PATTERNS = DAY_SPELLINGS.map((s) => new RegExp(`^${s}$`));
const MONTH_PATTERNS = MONTH_SPELLINGS.map((s) => new RegExp(`^${s}$`));

const dayHint = () => msg().date.writeDatesAsOr;
const monthHint = () => msg().date.writeMonthsAsOr;

/** Reads a date in any spelling the records contract accepts; an impossible day is refused, never rolled over. */
export function parseDate(input: unknown, range: Years = RECORD_YEARS): Parsed<Day> {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { ok: false, reason: dayHint() };
    return day(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate(), range);
  }
  if (typeof input !== 'string') return { ok: false, reason: dayHint() };
  // Most dates are written `YYYY-MM-DD` already: read without the spellings' patterns (the first one's answer).
  if (isoDigits(input)) return day(digits(input, 0, 4), digits(input, 5, 7), digits(input, 8, 10), range);
  const text = toHalfwidth(input).trim();
  for (const pattern of DAY_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]), range);
  }
  return { ok: false, reason: dayHint() };
}

/** Whether `s` is `DDDD-DD-DD`, each D an ASCII digit. */
function isoDigits(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return false;
  for (let i = 0; i < 10; i++) {
    const c = s.charCodeAt(i);
    if (i !== 4 && i !== 7 && (c < 0x30 || c > 0x39)) return false;
  }
  return true;
}

/** The number `s`'s ASCII digits from `from` to `to` write. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 0x30;
  return n;
}

export function parseMonth(input: unknown): Parsed<Month> {
  if (typeof input !== 'string') return { ok: false, reason: monthHint() };
  const text = toHalfwidth(input).trim();
  for (const pattern of MONTH_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const month = Number(m[2]);
    const outside = yearOutside(Number(m[1]), RECORD_YEARS);
    if (outside) return { ok: false, reason: outside };
    if (month < 1 || month > 12) return { ok: false, reason: msg().date.thereIsNoMonth(month) };
    return { ok: true, value: `${m[1]}-${pad(month)}` };
  }
  return { ok: false, reason: monthHint() };
}

/** 出生年月 and 入职时间: a month, or a whole date when the assistant knows it. */
// eslint-disable-next-line @typescript-eslint/no-duplicate-type-constituents -- both are strings; the union says which
export function parseMonthOrDate(input: unknown): Parsed<Month | Day> {
  const asMonth = parseMonth(input);
  if (asMonth.ok) return asMonth;
  const asDay = parseDate(input);
  if (asDay.ok) return asDay;
  return { ok: false, reason: msg().date.writeItAsOr };
}

/** Today's calendar day where the user is (the machine's local time). */
export function localToday(now = new Date()): Day {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const monthOf = (d: Day): Month => d.slice(0, 7);

/** The day `n` days after `d` (before, for negative `n`). */
export function addDays(d: Day, n: number): Day {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  return utcDay(new Date(Date.UTC(y, m - 1, dd + n)));
}

/** The calendar day of a Date at UTC midnight (as addDays makes them). */
export const utcDay = (t: Date): Day => `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: Day, b: Day): number {
  const utc = (d: Day) => {
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, dd);
  };
  return Math.round((utc(b) - utc(a)) / 86_400_000);
}

/** The last day of a month. */
export function monthEnd(m: Month): Day {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return `${m}-${pad(daysInMonth(y, mm))}`;
}

/** 1–4. */
export const quarterOf = (d: Day): number => Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1;

/** A date as the official forms print it: 2026年11月28日 (or 2026年11月 for a month). */
export function chineseDate(value: string): string {
  const [y, m, d] = value.split('-');
  if (d) return `${y}年${Number(m)}月${Number(d)}日`;
  if (m) return `${y}年${Number(m)}月`;
  return value;
}
