/**
 * Working days by the official Chinese calendar: public holidays off, adjusted working weekends
 * (调休) on. The data is chinese-days', read as JSON rather than through its API, because its API
 * cannot say which years it knows: for a year it does not cover it silently calls every weekday a
 * working day. We detect that and say so, so that updating the package is all a new year needs.
 */
import { createRequire } from 'node:module';
import type { Day } from './date.js';

/** chinese-days' data, as its JSON holds it. */
export interface CalendarData {
  /** `2026-10-07` → `National Day,国庆节,3`. */
  holidays: Record<string, string>;
  /** The weekends that are working days. */
  workdays: Record<string, string>;
}

/** What a day is: a working day, a weekend made a working day (调休), a public holiday, or a weekend. */
export type DayKind = 'workday' | 'adjusted' | 'holiday' | 'weekend';

export interface Calendar {
  isWorkday(day: Day): boolean;
  kindOf(day: Day): DayKind;
  /** A public holiday's name, Chinese and English (`国庆节`, `National Day`); undefined on any other day. */
  holidayOf(day: Day): { zh: string; en: string } | undefined;
  /** Whether the State Council's schedule for this year is in the data. */
  covers(year: number): boolean;
}

let loaded: Calendar | undefined;

export function officialCalendar(): Calendar {
  loaded ??= calendarOf(createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as CalendarData);
  return loaded;
}

/** The calendar of `data`: it covers the years it has holidays in; any other year is Monday to Friday. */
export function calendarOf(data: CalendarData): Calendar {
  const years = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
  return {
    covers: (year) => years.has(year),
    isWorkday: (day) => {
      const kind = kindOf(day);
      return kind === 'workday' || kind === 'adjusted';
    },
    kindOf,
    holidayOf: (day) => {
      const [en, zh] = (kindOf(day) === 'holiday' ? data.holidays[day]! : '').split(',');
      return en && zh ? { zh, en } : undefined;
    },
  };

  function kindOf(day: Day): DayKind {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (day in data.workdays) return weekend ? 'adjusted' : 'workday';
    if (day in data.holidays) return 'holiday';
    return weekend ? 'weekend' : 'workday';
  }
}

/**
 * TEST ONLY: makes officialCalendar() return `calendar` in this process (undefined: the official
 * data again), so a test of the "year not covered" guard does not depend on which years the
 * installed chinese-days has.
 */
export function useCalendarForTests(calendar: Calendar | undefined): void {
  loaded = calendar;
}
