/**
 * What every command's declaration (src/cli/<command>.ts) shares: the global options as commander
 * hands them over, the day and folder they name, `--month`/`--year` checked, and stdout. Light on
 * purpose: each helper imports what it needs only when an action runs.
 */
import path from 'node:path';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';

export interface GlobalOptions {
  dir?: string;
  today?: string;
  color: boolean;
  lang?: 'zh' | 'en';
}

/** What cli.ts gives each command's declaration: the exit code to set, and the host's worker script. */
export interface CliContext {
  setExit(code: number): void;
  workerScript(): string | undefined;
  /** The forms table's keys, for `new`'s help (empty unless `new` is on the command line). */
  formKeys: string;
}

/**
 * kmsw's version, as package.json gives it (a test holds the two together): `--version` and the
 * SARIF log say it. Not npm's `npm_package_version`, which under `npm run`/`npx` in a records
 * repository with its own package.json is that repository's version.
 */
export const KMSW_VERSION = '0.1.0';

/** An option given more than once, as a list (`--rule a --rule b`). */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

export const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** Colour only on a terminal, unless FORCE_COLOR says otherwise (main sets it to 0 for NO_COLOR and --no-color). */
export const colour = () =>
  process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== ''
    ? process.env.FORCE_COLOR !== '0'
    : process.stdout.isTTY === true;

export async function today(opts: GlobalOptions): Promise<string> {
  const { localToday, outsideYears, parseDate, WORK_YEARS } = await import('../values/date.js');
  const given = opts.today ?? process.env.KMSW_TODAY;
  const parsed =
    given === undefined || given === '' ? { ok: true as const, value: localToday() } : parseDate(given, WORK_YEARS);
  if (!parsed.ok) {
    throw new KmswError(msg().context.todayOrKmswToday(given, parsed.reason));
  }
  // The working-day rules count day by day up to today: a today centuries away is a typo (or a wrong clock).
  const outside = outsideYears(parsed.value, WORK_YEARS);
  if (outside) {
    throw new KmswError(msg().context.todaySDateToday(parsed.value, outside));
  }
  return parsed.value;
}

export async function folder(opts: GlobalOptions): Promise<string> {
  const { findFolder } = await import('../records/folder.js');
  return findFolder(opts.dir);
}

/** `--month` and `--year` as given (either may be absent), checked and normalised. */
export async function periodOf(local: { month?: string; year?: string }): Promise<{ month?: string; year?: number }> {
  return {
    month: local.month === undefined ? undefined : await parseMonthOption(local.month),
    year: local.year === undefined ? undefined : parseYearOption(local.year),
  };
}

export async function parseMonthOption(text: string): Promise<string> {
  const { parseMonth } = await import('../values/date.js');
  const parsed = parseMonth(text);
  if (!parsed.ok) throw new KmswError(msg().context.month(text, parsed.reason));
  return parsed.value;
}

function parseYearOption(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) {
    throw new KmswError(msg().context.yearGiveAFour(text));
  }
  return Number(text.trim());
}

/**
 * Record paths given on the command line. With `--dir` they are relative to the records folder
 * (the spec's words), or absolute inside it; without, relative to where kmsw runs, as a shell
 * completes them. A glob is kept as typed, relative to the folder.
 */
export function pathsInFolder(root: string, given: string[], dir: string | undefined): string[] | undefined {
  if (given.length === 0) return undefined;
  const base = dir === undefined ? process.cwd() : root;
  return given.map((p) => {
    const rel = path.relative(root, path.resolve(base, p));
    if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
      throw new KmswError(msg().context.isNotInsideThe(p, root));
    }
    return rel.split(path.sep).join('/');
  });
}
