import path from 'node:path';
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { KmswError } from './errors.js';
import { msg } from './i18n.js';
import { decode } from './records/decode.js';
import { CONFIG_FILE } from './records/folder.js';
import { CAPS, insideFolder, readRegular } from './records/inside.js';
import { locate, parseYamlFast, type ParsedYaml } from './records/yaml.js';
import { parseDate, WORK_YEARS } from './values/date.js';
import { nearest } from './values/nearest.js';
import { publicKey } from './values/ssh.js';
import { textOf } from './values/text.js';

// zod's own messages (wrong type, too short…) in Chinese, like ours. Imported alone: \`z.locales\` would
// bundle zod's 50 languages (~390 kB) into every command's start-up.
// jitless: no schema is compiled to a function with `new Function` on its first parse (issue 17): a run parses
// kmsw.yaml once, and a record's fields go to zod only when their fast reader cannot read them.
z.config({ ...zhCN(), jitless: true });

// The name is the records layer's (it finds the folder by it); config re-exports it for its readers.
export { CONFIG_FILE };

/** Kunming's 14 county-level divisions, in the order the city lists them. */
export const KUNMING_COUNTIES = [
  '五华区',
  '盘龙区',
  '官渡区',
  '西山区',
  '东川区',
  '呈贡区',
  '晋宁区',
  '安宁市',
  '富民县',
  '宜良县',
  '石林彝族自治县',
  '嵩明县',
  '禄劝彝族苗族自治县',
  '寻甸回族彝族自治县',
] as const;

/** For city-wide sessions (线上督导 for every station, say). */
export const CITY_WIDE = '全市';

export const EXPERT_KINDS = ['行政协同督导', '专业技术督导'] as const;

const name = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, '请填写姓名'));
const day = z.union([z.string(), z.number()]).transform((v, ctx) => {
  // `since` starts the day-by-day count of missing logs: a year such as 1026 is a typo.
  const parsed = parseDate(String(v), WORK_YEARS);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.reason });
  return z.NEVER;
});
const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const signerKey = z.unknown().transform((v, ctx) => {
  const key = typeof v === 'string' && !/[\r\n]/.test(v.trim()) ? publicKey(v) : undefined;
  if (key) return key;
  ctx.addIssue({ code: 'custom', message: msg().signatureRules.notAPublicKey });
  return z.NEVER;
});

const configSchema = z.object({
  city: text.default('昆明市'),
  centre: text.default('昆明市社会工作服务站督导中心'),
  // A person or station listed twice counts once, as first written (duplicateConfigEntries says so).
  assistants: z
    .array(z.object({ name, since: day }))
    .nullish()
    .transform((v) => firstOfEach(v ?? [], (a) => a.name)),
  experts: z
    .array(
      z.object({
        name,
        kind: z.enum(EXPERT_KINDS, { error: `应为 ${EXPERT_KINDS.join(' 或 ')}` }),
        // A blank `title:` is a title not yet known (expert-title says so), not a broken kmsw.yaml.
        title: text.nullish().transform((v) => (v === null ? '' : v)),
      }),
    )
    .nullish()
    .transform((v) => firstOfEach(v ?? [], (e) => e.name)),
  counties: z
    .record(
      z.string(),
      z
        .object({
          org: z
            .object({ name: text.optional(), head: text.optional(), title: text.optional(), contact: text.optional() })
            .nullish()
            .transform((v) => v ?? undefined),
          stations: z
            .array(name)
            .nullish()
            .transform((v) => firstOfEach(v ?? [], (station) => station)),
        })
        .nullish()
        .transform((v) => v ?? { org: undefined, stations: [] }),
    )
    .nullish()
    // Without a prototype: a record's `county: constructor` looks up nothing, not Object's constructor.
    .transform((v) => Object.assign(Object.create(null) as NonNullable<typeof v>, v ?? {})),
  rules: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => v ?? {}),
  // Each expert's SSH public key, for `kmsw sign --key` signatures; one line `ssh-ed25519 AAAA…`, nothing else.
  signers: z
    .record(z.string(), signerKey)
    .nullish()
    // Without a prototype: a signer named `constructor` is nobody's key.
    .transform((v) => Object.assign(Object.create(null) as Record<string, string>, v ?? {}))
    .optional(),
});

export type Config = z.output<typeof configSchema>;

/** The keys kmsw.yaml may hold at each place (`*` a county, `#` a list item): the rest are typos. */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': ['city', 'centre', 'assistants', 'experts', 'counties', 'rules', 'signers'],
  'assistants.#': ['name', 'since'],
  'experts.#': ['name', 'kind', 'title'],
  'counties.*': ['org', 'stations'],
  'counties.*.org': ['name', 'head', 'title', 'contact'],
};

/** What each place of kmsw.yaml holds, said the way the file is written. */
const SHAPES: Record<string, () => string> = {
  '': () => msg().config.kmswYamlHoldsKey,
  assistants: () => msg().config.assistantsListsTheAssistants,
  'assistants.#': () => msg().config.writeEachAssistantAs,
  experts: () => msg().config.expertsListsTheExperts,
  'experts.#': () => msg().config.writeEachExpertAs,
  'experts.#.kind': () => msg().config.anExpertSKind(EXPERT_KINDS),
  counties: () => msg().config.countiesListsTheStations,
  'counties.*': () => msg().config.writeEachCountyAs,
  'counties.*.org': () => msg().config.orgIsTheOperator,
  'counties.*.stations': () => msg().config.stationsListsStationNames,
  'counties.*.stations.#': () => msg().config.aStationNameIs,
  rules: () => msg().config.rulesHoldsRuleSetting,
};

/**
 * `assistants.0.name` → `assistants.#.name`, `counties.五华区.org` → `counties.*.org`: the place in KNOWN_KEYS and SHAPES.
 */
const placeOf = (path: ReadonlyArray<PropertyKey>) =>
  path.map((k, i) => (typeof k === 'number' ? '#' : i === 1 && path[0] === 'counties' ? '*' : String(k))).join('.');

/** The keys a map of kmsw.yaml holds at a path (`['assistants', 0]`), or undefined where its keys are free. */
export const configKeysAt = (path: ReadonlyArray<PropertyKey>): readonly string[] | undefined =>
  KNOWN_KEYS[placeOf(path)];

/** Every key kmsw.yaml has anywhere: a `key：` typed with the Chinese input method is one of these. */
export const CONFIG_KEYS: ReadonlySet<string> = new Set(Object.values(KNOWN_KEYS).flat());

/**
 * kmsw.yaml could not be read as the folder's settings (a line YAML cannot read, a value of the wrong kind): the
 * message says where; the text as read goes with it, for the scan to say more (a full-width colon, a misspelt key).
 */
export class ConfigError extends KmswError {
  constructor(
    message: string,
    readonly text: string,
    readonly parsed: ParsedYaml,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A zod issue about kmsw.yaml in kmsw's words: what the place holds, and what was found there. */
function configMessage(issue: z.core.$ZodIssue, value: unknown): string {
  const place = placeOf(issue.path);
  const last = issue.path[issue.path.length - 1];
  const found =
    value === undefined || value === null ? msg().config.empty : typeof value === 'object' ? '' : `“${textOf(value)}”`;
  const got = found ? msg().config.found(found) : '';
  if (issue.code === 'custom') return issue.message;
  if (place === 'assistants.#.name' || place === 'experts.#.name') return msg().config.giveANameText(got);
  if (last === 'since') return msg().config.sinceIsADate(got);
  const shape = SHAPES[place];
  if (shape) return shape() + got;
  if (['city', 'centre', 'title', 'head', 'contact'].includes(String(last)) || place.startsWith('counties.*.org.')) {
    return msg().config.shouldBeText(got);
  }
  return msg().config.thisEntryIsNot(got);
}

/**
 * A key kmsw.yaml does not have at its place: a typo (`expert:`, `statons:`) that would otherwise be ignored; or a
 * person or station listed twice.
 */
export interface ConfigProblem {
  rule: 'unknown-field' | 'duplicate';
  file: typeof CONFIG_FILE;
  line: number;
  column: number;
  field: string;
  message: string;
  hint?: string;
}

/** A name as the schema reads it (`name` above), or undefined where it would not read one. */
const nameOf = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' ? String(v).trim() || undefined : undefined;

/** Each name's first item of a list read by `name`: a later one is a duplicate, which kmsw passes by. */
function firstOfEach<T>(items: readonly T[], name: (item: T) => unknown): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = nameOf(name(item));
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Every assistant, expert or station that kmsw.yaml lists a second time (`- { name: 刘洋, since: … }` twice), at the
 * later line, naming the first: kmsw reads the first and passes the others by (status would show two rows of one
 * person, missing-log count one person's days twice).
 */
export function duplicateConfigEntries(parsed: ParsedYaml): ConfigProblem[] {
  const root = parsed.value as Record<string, unknown> | null;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return [];
  const problems: ConfigProblem[] = [];
  const look = (path: Array<string | number>, items: unknown, what: string, byName: boolean) => {
    if (!Array.isArray(items)) return;
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const key = nameOf(byName ? (item as Record<string, unknown> | null)?.name : item);
      if (key === undefined) return;
      const at = byName ? [...path, i, 'name'] : [...path, i];
      const earlier = first.get(key);
      if (earlier === undefined) return void first.set(key, locate(parsed, at).line);
      const { line, column } = locate(parsed, at);
      const message = msg().config.listedTwice(what, key, earlier, line);
      problems.push({
        rule: 'duplicate',
        file: CONFIG_FILE,
        line,
        column,
        field: at.join('.'),
        message,
        hint: msg().config.keepOne(earlier),
      });
    });
  };
  look(['assistants'], root.assistants, msg().config.anAssistant, true);
  look(['experts'], root.experts, msg().config.anExpert, true);
  const counties = root.counties;
  if (counties !== null && typeof counties === 'object' && !Array.isArray(counties))
    for (const [county, value] of Object.entries(counties as Record<string, unknown>))
      if (value !== null && typeof value === 'object')
        look(
          ['counties', county, 'stations'],
          (value as Record<string, unknown>).stations,
          msg().config.aStationOf(county),
          false,
        );
  return problems;
}

/** Every key of kmsw.yaml that is not one kmsw reads, with where it stands and the key it likely means. */
export function unknownConfigKeys(parsed: ParsedYaml): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const walk = (value: unknown, path: Array<string | number>): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, [...path, i]));
    if (value === null || typeof value !== 'object' || value instanceof Date) return;
    const known = KNOWN_KEYS[placeOf(path)];
    for (const [key, child] of Object.entries(value)) {
      if (known && !known.includes(key)) {
        const guess = nearest(key, known);
        const at = [...path, key];
        const where = path.length === 0 ? CONFIG_FILE : path.join('.');
        problems.push({
          rule: 'unknown-field',
          file: CONFIG_FILE,
          field: at.join('.'),
          ...locate(parsed, at, 'key'),
          message: guess ? msg().config.hasNoKeyIt(where, key, guess) : msg().config.hasNoKeyItIs(where, key, known),
        });
        continue;
      }
      // rules: are read by the rules themselves (readRuleSettings), signers: are names; the rest is walked.
      if (path.length === 0 && (key === 'rules' || key === 'signers')) continue;
      walk(child, [...path, key]);
    }
  };
  walk(parsed.value, []);
  return problems;
}

/** Reads `kmsw.yaml`; any fault stops the command (exit 2) with the line that holds it. */
export async function loadConfig(root: string): Promise<Config> {
  return (await loadConfigDocument(root)).config;
}

/** The same, with the parsed YAML, for commands that point at kmsw.yaml's own lines. */
export async function loadConfigDocument(
  root: string,
  staged?: Buffer,
): Promise<{ config: Config; parsed: ParsedYaml; text: string }> {
  const file = path.join(root, CONFIG_FILE);
  let bytes: Buffer;
  // `check --staged` with kmsw.yaml staged: its bytes come from Git's index (read under the same cap).
  if (staged !== undefined) bytes = staged;
  else
    try {
      // kmsw.yaml too is the folder's content: a link out of the folder, a FIFO or a huge file is refused unread.
      bytes = readRegular(insideFolder(root, CONFIG_FILE, { for: 'read' }), CAPS.config, { shown: CONFIG_FILE });
    } catch (e) {
      if (e instanceof KmswError) throw e;
      const err = e as NodeJS.ErrnoException;
      throw new KmswError(msg().config.cannotReadCheckIts(file, err.code ?? err.message));
    }
  const decoded = decode(bytes);
  if (!decoded.ok) {
    throw new KmswError(msg().config.theFileIsSave(CONFIG_FILE, decoded.encoding));
  }
  // The fast path (records/fast-yaml.ts): yaml itself is not even run for a kmsw.yaml in the scaffolds' YAML.
  const parsed = parseYamlFast(decoded.text);
  const [syntax] = parsed.errors;
  if (syntax) {
    throw new ConfigError(`${CONFIG_FILE}:${syntax.line}:${syntax.column}: ${syntax.message}`, decoded.text, parsed);
  }
  const result = configSchema.safeParse(parsed.value ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const pos = locate(parsed, issue.path);
      const value = issue.path.reduce<unknown>(
        (at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined),
        parsed.value,
      );
      const place = issue.path.join('.') || msg().config.theWholeFile;
      return `${CONFIG_FILE}:${pos.line}:${pos.column}: ${place}${msg().config.colon}${configMessage(issue, value)}`;
    });
    throw new ConfigError(lines.join('\n'), decoded.text, parsed);
  }
  return { config: result.data, parsed, text: decoded.text };
}
