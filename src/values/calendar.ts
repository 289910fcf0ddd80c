/**
 * Working days by the official Chinese calendar: public holidays off, adjusted working weekends
 * (调休) on. The data is chinese-days', read as JSON rather than through its API, because its API
 * cannot say which years it knows: for a year it does not cover it silently calls every weekday a
 * working day. We detect that and say so, so that updating the package is all a new year needs.
 */
import { createRequire } from 'node:module';
import type { Day } from './date.js';

interface Data {
  /** `2026-10-07` → `National Day,国庆节,3`. */
  holidays: Record<string, string>;
  /** The weekends that are working days. */
  workdays: Record<string, string>;
}

export interface Calendar {
  isWorkday(day: Day): boolean;
  /** Whether the State Council's schedule for this year is in the data. */
  covers(year: number): boolean;
}

let loaded: Calendar | undefined;

export function officialCalendar(): Calendar {
  if (loaded) return loaded;
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as Data;
  const years = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
  loaded = {
    covers: (year) => years.has(year),
    isWorkday(day) {
      if (day in data.workdays) return true;
      if (day in data.holidays) return false;
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
  };
  return loaded;
}
