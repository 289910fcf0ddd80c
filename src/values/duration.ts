import type { Parsed } from './date.js';
import { toHalfwidth } from './halfwidth.js';
import { say } from '../i18n.js';

/** Longest single supervision we believe: anything longer is a typo (`999小时`), not a session. */
export const MAX_MINUTES = 24 * 60;

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const HOURS = String.raw`(?:个?小时|个?钟头|h|hr|hrs|hour|hours)`;
const MINUTES = String.raw`(?:分钟|分|m|min|mins|minute|minutes)`;
const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => number]> = [
  [new RegExp(`^${NUM}${HOURS}?$`, 'i'), (m) => Number(m[1]) * 60],
  [new RegExp(`^${NUM}${MINUTES}$`, 'i'), (m) => Number(m[1])],
  [new RegExp(`^${NUM}${HOURS}${NUM}${MINUTES}?$`, 'i'), (m) => Number(m[1]) * 60 + Number(m[2])],
];

const hint = () => say('督导时长应写成 2小时、2.5小时、1小时30分钟、90分钟 或 1h30m', 'write durations as 2小时, 2.5h, 1h30m or 90min');

/** 督导时长 in minutes. A bare number means hours, as people say "督导了2". */
export function parseDuration(input: unknown): Parsed<number> {
  let minutes: number | undefined;
  if (typeof input === 'number') {
    minutes = input * 60;
  } else if (typeof input === 'string') {
    const text = toHalfwidth(input).replace(/\s+/g, '');
    for (const [pattern, toMinutes] of PATTERNS) {
      const m = pattern.exec(text);
      if (m) {
        minutes = toMinutes(m);
        break;
      }
    }
  }
  if (minutes === undefined || !Number.isFinite(minutes)) return { ok: false, reason: hint() };
  minutes = Math.round(minutes);
  if (minutes <= 0) return { ok: false, reason: say('督导时长应大于0', 'a duration must be more than 0') };
  if (minutes > MAX_MINUTES) return { ok: false, reason: say(`督导时长不应超过${MAX_MINUTES / 60}小时，请核对`, `no session lasts over ${MAX_MINUTES / 60} hours: please check`) };
  return { ok: true, value: minutes };
}

/** The way a person writes it on the paper form: `2小时`, `1小时30分钟`, `45分钟`. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}分钟`;
  return m === 0 ? `${h}小时` : `${h}小时${m}分钟`;
}
