import type { Parsed } from './date.js';
import { toHalfwidth } from './halfwidth.js';
import { getLang, msg } from '../i18n.js';

/** Longest single supervision we believe: anything longer is a typo (`999小时`), not a session. */
export const MAX_MINUTES = 24 * 60;

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const HOURS = String.raw`(?:个?小时|个?钟头|h|hr|hrs|hour|hours)`;
const MINUTES = String.raw`(?:分钟|分|m|min|mins|minute|minutes)`;

/**
 * The spellings of a duration, as regular-expression sources over the half-width text with its
 * white space removed, matched ignoring case: the parser reads them, the JSON Schema widens them.
 * Each comes with how many hours and minutes its numbers are.
 */
const SPELLINGS: Array<[string, (m: RegExpExecArray) => Array<[string, number]>]> = [
  [`${NUM}${HOURS}?`, (m) => [[m[1]!, 60]]],
  [`${NUM}${MINUTES}`, (m) => [[m[1]!, 1]]],
  [
    `${NUM}${HOURS}${NUM}${MINUTES}?`,
    (m) => [
      [m[1]!, 60],
      [m[2]!, 1],
    ],
  ],
];
export const DURATION_SPELLINGS: readonly string[] = SPELLINGS.map(([source]) => source);
const PATTERNS = SPELLINGS.map(([source, parts]) => [new RegExp(`^${source}$`, 'i'), parts] as const);

/**
 * `1.995` hours in minutes without a rounding on the way: the digits are read as a whole number
 * and scaled once (1995 × 60 / 1000), so a value is the nearest double to the exact one and a
 * threshold is never crossed by arithmetic (`1.995h` stays under 2 hours).
 */
function exactMinutes(number: string, factor: number): number {
  const [whole, fraction = ''] = number.split('.');
  return (Number(`${whole}${fraction}`) * factor) / 10 ** fraction.length;
}

const hint = () => msg().duration.writeDurationsAsH;

/**
 * 督导时长 in minutes, exact (119.5 stays 119.5: spec section 3, a threshold is compared on the
 * value as written). A bare number means hours, as people say "督导了2".
 */
export function parseDuration(input: unknown): Parsed<number> {
  let minutes: number | undefined;
  // A YAML number is read from its shortest decimal spelling, as if it had been written as text.
  const text =
    typeof input === 'number' && Number.isFinite(input) && input >= 0
      ? String(input)
      : typeof input === 'string'
        ? toHalfwidth(input).replace(/\s+/g, '')
        : undefined;
  if (typeof input === 'number' && input < 0) return { ok: false, reason: msg().duration.aDurationMustBe };
  if (text !== undefined) {
    for (const [pattern, parts] of PATTERNS) {
      const m = pattern.exec(text);
      if (m) {
        minutes = parts(m).reduce((sum, [n, factor]) => sum + exactMinutes(n, factor), 0);
        break;
      }
    }
  }
  if (minutes === undefined || !Number.isFinite(minutes)) return { ok: false, reason: hint() };
  if (minutes <= 0) return { ok: false, reason: msg().duration.aDurationMustBe };
  if (minutes > MAX_MINUTES) return { ok: false, reason: msg().duration.noSessionLastsOver(MAX_MINUTES / 60) };
  return { ok: true, value: minutes };
}

/**
 * The way a person writes it on the paper form: `2小时`, `1小时30分钟`, `45分钟`. A fraction of a
 * minute is shown cut (never rounded up) to two places: 119.999 minutes reads 1小时59.99分钟, not 2小时.
 */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const rest = minutes - h * 60;
  const m = Number.isInteger(rest) ? String(rest) : String(Math.floor(rest * 100 + 1e-9) / 100);
  if (h === 0) return `${m}分钟`;
  return rest === 0 ? `${h}小时` : `${h}小时${m}分钟`;
}

/**
 * A duration in the language of kmsw's own words: `formatDuration`'s Chinese, or with `--lang en`
 * `2 h`, `1 h 30 min`, `45 min`. For messages and the report; a record's value stays `formatDuration`'s.
 */
export function showDuration(minutes: number): string {
  if (getLang() !== 'en') return formatDuration(minutes);
  const h = Math.floor(minutes / 60);
  const rest = minutes - h * 60;
  const m = Number.isInteger(rest) ? String(rest) : String(Math.floor(rest * 100 + 1e-9) / 100);
  if (h === 0) return `${m} min`;
  return rest === 0 ? `${h} h` : `${h} h ${m} min`;
}
