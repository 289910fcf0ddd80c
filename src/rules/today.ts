/**
 * Today as a record rule sees it. What a record rule finds is kept in the folder's cache and given again on
 * another day (scan/cache.ts), so a record rule reaches today only through these methods: each answers one
 * comparison and notes the days on which that answer would be the same. The days on which every answer a
 * file's rules got is the same are the file's span: its result holds on each of them, and the cache reuses it
 * there only. A message that names today (`named()`, or today turned into a string) holds on that day only; a
 * comparison with anything but a real day does too.
 */
import type { Day } from '../values/date.js';
import type { Finding } from './types.js';

/** The days a result holds on, as day numbers (days since 1970-01-01), both included. */
export type DaySpan = readonly [from: number, to: number];

/** No bound: the first and last day a span can name (kept as 32-bit integers in the cache). */
export const FIRST_DAY = -2_147_483_647;
export const LAST_DAY = 2_147_483_647;
/** Every day. */
export const ALWAYS: DaySpan = [FIRST_DAY, LAST_DAY];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * dayNumber's answers, by text: a folder of years asks for the same few thousand days over and over (every record
 * compares its dates with today). Emptied when it grows past DAYS_KEPT, so that odd values cannot grow it forever.
 */
const days = new Map<string, number | undefined>();
const DAYS_KEPT = 20_000;

/** The day number of a real calendar day written `YYYY-MM-DD`; undefined for anything else (`2026-02-30`). */
export function dayNumber(day: string): number | undefined {
  let n = days.get(day);
  if (n === undefined && !days.has(day)) {
    if (days.size >= DAYS_KEPT) days.clear();
    days.set(day, (n = countDays(day)));
  }
  return n;
}

function countDays(day: string): number | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return Math.round(t.getTime() / 86_400_000);
}

/** Whether a span holds on a day (a day number). */
export const holdsOn = (span: DaySpan, day: number): boolean => span[0] <= day && day <= span[1];

export class Today {
  readonly #day: Day;
  /** Today's day number; undefined when today is not a real day (no result then holds on another day). */
  readonly #n: number | undefined;
  #from = FIRST_DAY;
  #to = LAST_DAY;

  constructor(day: Day) {
    this.#day = day;
    this.#n = dayNumber(day);
  }

  /** Whether today is after `day` (as a text, `YYYY-MM-DD`). */
  after(day: string): boolean {
    const answer = this.#day > day;
    const n = dayNumber(day);
    if (n === undefined) this.#pin();
    else if (answer) this.#from = Math.max(this.#from, n + 1);
    else this.#to = Math.min(this.#to, n);
    return answer;
  }

  /** Whether today is before `day` (as a text, `YYYY-MM-DD`). */
  before(day: string): boolean {
    const answer = this.#day < day;
    const n = dayNumber(day);
    if (n === undefined) this.#pin();
    else if (answer) this.#to = Math.min(this.#to, n - 1);
    else this.#from = Math.max(this.#from, n);
    return answer;
  }

  /** Whether today's month is before `month` (`YYYY-MM`): the month has not come. */
  monthBefore(month: string): boolean {
    const answer = this.#day.slice(0, 7) < month;
    const m = MONTH.exec(month);
    const n = m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? dayNumber(`${month}-01`) : undefined;
    if (n === undefined) this.#pin();
    else if (answer) this.#to = Math.min(this.#to, n - 1);
    else this.#from = Math.max(this.#from, n);
    return answer;
  }

  /** Today itself, for a message that names it: what the rule says then holds on this day only. */
  named(): Day {
    this.#pin();
    return this.#day;
  }

  /** The days on which every answer given so far is the same. */
  span(): DaySpan {
    return this.#n === undefined ? [1, 0] : [this.#from, this.#to];
  }

  /** Any other use of today (a template, a comparison past the types) names it. */
  [Symbol.toPrimitive](): Day {
    return this.named();
  }
  toString(): Day {
    return this.named();
  }
  toJSON(): Day {
    return this.named();
  }

  #pin(): void {
    if (this.#n === undefined) return;
    this.#from = Math.max(this.#from, this.#n);
    this.#to = Math.min(this.#to, this.#n);
  }
}

/**
 * The findings of a dated rule's list (rules/index.ts's FOLDER_DATED: each finding with the day it holds after) that
 * hold on `today`, in its order: the rule itself, the scan and the cache all pick them so.
 */
export function holdingOn(gaps: ReadonlyArray<readonly [Finding, Day]>, today: Day): Finding[] {
  const found: Finding[] = [];
  for (const [finding, before] of gaps) if (before < today) found.push(finding);
  return found;
}
