import path from 'node:path';
import { z } from 'zod';
import { KmswError } from './errors.js';
import { say } from './i18n.js';
import { decode } from './records/decode.js';
import { CONFIG_FILE } from './records/folder.js';
import { CAPS, insideFolder, readRegular } from './records/inside.js';
import { locate, parseYaml, type ParsedYaml } from './records/yaml.js';
import { parseDate, WORK_YEARS } from './values/date.js';
import { nearest } from './values/nearest.js';

// zod's own messages (wrong type, too short…) in Chinese, like ours.
z.config(z.locales.zhCN());

// The name is the records layer's (it finds the folder by it); config re-exports it for its readers.
export { CONFIG_FILE };

/** Kunming's 14 county-level divisions, in the order the city lists them. */
export const KUNMING_COUNTIES = [
  '五华区', '盘龙区', '官渡区', '西山区', '东川区', '呈贡区', '晋宁区',
  '安宁市', '富民县', '宜良县', '石林彝族自治县', '嵩明县', '禄劝彝族苗族自治县', '寻甸回族彝族自治县',
] as const;

/** For city-wide sessions (线上督导 for every station, say). */
export const CITY_WIDE = '全市';

export const EXPERT_KINDS = ['行政协同督导', '专业技术督导'] as const;

const name = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1, '请填写姓名'));
const day = z.union([z.string(), z.number()]).transform((v, ctx) => {
  // `since` starts the day-by-day count of missing logs: a year such as 1026 is a typo.
  const parsed = parseDate(String(v), WORK_YEARS);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.reason });
  return z.NEVER;
});
const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

const configSchema = z.object({
  city: text.default('昆明市'),
  centre: text.default('昆明市社会工作服务站督导中心'),
  assistants: z.array(z.object({ name, since: day })).nullish().transform((v) => v ?? []),
  experts: z
    .array(
      z.object({
        name,
        kind: z.enum(EXPERT_KINDS, { error: `应为 ${EXPERT_KINDS.join(' 或 ')}` }),
        title: text.optional(),
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
  counties: z
    .record(
      z.string(),
      z
        .object({
          org: z
            .object({ name: text.optional(), head: text.optional(), title: text.optional(), contact: text.optional() })
            .nullish()
            .transform((v) => v ?? undefined),
          stations: z.array(name).nullish().transform((v) => v ?? []),
        })
        .nullish()
        .transform((v) => v ?? { org: undefined, stations: [] }),
    )
    .nullish()
    // Without a prototype: a record's `county: constructor` looks up nothing, not Object's constructor.
    .transform((v) => Object.assign(Object.create(null) as NonNullable<typeof v>, v ?? {})),
  rules: z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? {}),
});

export type Config = z.output<typeof configSchema>;

/** The keys kmsw.yaml may hold at each place (`*` a county, `#` a list item): the rest are typos. */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': ['city', 'centre', 'assistants', 'experts', 'counties', 'rules'],
  'assistants.#': ['name', 'since'],
  'experts.#': ['name', 'kind', 'title'],
  'counties.*': ['org', 'stations'],
  'counties.*.org': ['name', 'head', 'title', 'contact'],
};

/** What each place of kmsw.yaml holds, said the way the file is written. */
const SHAPES: Record<string, () => string> = {
  '': () => say('kmsw.yaml 应由“键: 值”组成：city、centre、assistants、experts、counties、rules', 'kmsw.yaml holds "key: value" lines: city, centre, assistants, experts, counties, rules'),
  assistants: () => say('assistants 是督导助理的列表，每人一行：- { name: 刘思远, since: 2026-01-05 }', 'assistants lists the assistants, one a line: - { name: 刘思远, since: 2026-01-05 }'),
  'assistants.#': () => say('每位督导助理写成 { name: 刘思远, since: 2026-01-05 }（since 是开始写日志的第一天）', 'write each assistant as { name: 刘思远, since: 2026-01-05 } (since: the first day of logs)'),
  experts: () => say('experts 是督导专家的列表，每人一行：- { name: 王芳, kind: 专业技术督导, title: 中级社会工作师 }', 'experts lists the experts, one a line: - { name: 王芳, kind: 专业技术督导, title: 中级社会工作师 }'),
  'experts.#': () => say('每位督导专家写成 { name: 王芳, kind: 专业技术督导, title: 中级社会工作师 }', 'write each expert as { name: 王芳, kind: 专业技术督导, title: 中级社会工作师 }'),
  'experts.#.kind': () => say(`督导专家的类别应为 ${EXPERT_KINDS.join(' 或 ')}`, `an expert's kind is ${EXPERT_KINDS.join(' or ')}`),
  counties: () => say('counties 按县（市、区）列出社工站，如：\n  五华区:\n    stations: [红云街道社工站, 华山街道社工站]', 'counties lists the stations per county, e.g.:\n  五华区:\n    stations: [红云街道社工站, 华山街道社工站]'),
  'counties.*': () => say('每个县（市、区）写成 { org: { name: 运营机构 }, stations: [红云街道社工站, …] }', 'write each county as { org: { name: the operator }, stations: [红云街道社工站, …] }'),
  'counties.*.org': () => say('org 是运营机构：{ name: 机构名称, head: 负责人, title: 职务, contact: 联系电话 }', 'org is the operator: { name: …, head: …, title: …, contact: … }'),
  'counties.*.stations': () => say('stations 是社工站名称的列表，如 [红云街道社工站, 华山街道社工站]', 'stations lists station names, e.g. [红云街道社工站, 华山街道社工站]'),
  'counties.*.stations.#': () => say('社工站名称应是一段文字，如 红云街道社工站', 'a station name is text, e.g. 红云街道社工站'),
  rules: () => say('rules 写成“规则: 设置”，如 rules: { min-chars: { log.content: 300 } }', 'rules holds "rule: setting" pairs, e.g. rules: { min-chars: { log.content: 300 } }'),
};

/** `assistants.0.name` → `assistants.#.name`, `counties.五华区.org` → `counties.*.org`: the place in KNOWN_KEYS and SHAPES. */
const placeOf = (path: ReadonlyArray<PropertyKey>) =>
  path.map((k, i) => (typeof k === 'number' ? '#' : i === 1 && path[0] === 'counties' ? '*' : String(k))).join('.');

/** A zod issue about kmsw.yaml in kmsw's words: what the place holds, and what was found there. */
function configMessage(issue: z.core.$ZodIssue, value: unknown): string {
  const place = placeOf(issue.path);
  const last = issue.path[issue.path.length - 1];
  const found = value === undefined || value === null ? say('（空）', '(empty)') : typeof value === 'object' ? '' : `“${String(value)}”`;
  const got = found ? say(`，这里写的是${found}`, `; found ${found}`) : '';
  if (issue.code === 'custom') return issue.message;
  if (place === 'assistants.#.name' || place === 'experts.#.name') return say(`请填写姓名（一段文字，如 刘思远）${got}`, `give a name (text, e.g. 刘思远)${got}`);
  if (last === 'since') return say(`since 应是日期，如 2026-01-05${got}`, `since is a date, e.g. 2026-01-05${got}`);
  const shape = SHAPES[place];
  if (shape) return shape() + got;
  if (['city', 'centre', 'title', 'head', 'contact'].includes(String(last)) || place.startsWith('counties.*.org.')) {
    return say(`应是一段文字${got}`, `should be text${got}`);
  }
  return say(`这一项的写法不对${got}：请对照 kmsw init 写出的 kmsw.yaml 示例`, `this entry is not written as kmsw expects${got}: compare with the kmsw.yaml that kmsw init writes`);
}

/** A key kmsw.yaml does not have at its place: a typo (`expert:`, `statons:`) that would otherwise be ignored. */
export interface ConfigProblem {
  rule: 'unknown-field';
  file: typeof CONFIG_FILE;
  line: number;
  column: number;
  field: string;
  message: string;
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
          message: guess
            ? say(`${where} 没有“${key}”这一项，它会被忽略：是不是 ${guess}？`, `${where} has no key "${key}"; it is ignored: did you mean ${guess}?`)
            : say(`${where} 没有“${key}”这一项，它会被忽略。可写的有：${known.join('、')}`, `${where} has no key "${key}"; it is ignored. The keys: ${known.join(', ')}`),
        });
        continue;
      }
      // rules: are read by the rules themselves (readRuleSettings); the rest is walked.
      if (path.length === 0 && key === 'rules') continue;
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
export async function loadConfigDocument(root: string): Promise<{ config: Config; parsed: ParsedYaml }> {
  const file = path.join(root, CONFIG_FILE);
  let bytes: Buffer;
  try {
    // kmsw.yaml too is the folder's content: a link out of the folder, a FIFO or a huge file is refused unread.
    bytes = readRegular(insideFolder(root, CONFIG_FILE, { for: 'read' }), CAPS.config, { shown: CONFIG_FILE });
  } catch (e) {
    if (e instanceof KmswError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new KmswError(say(`无法读取 ${file}（${err.code ?? err.message}）：请检查文件的权限`, `Cannot read ${file} (${err.code ?? err.message}): check its permissions`));
  }
  const decoded = decode(bytes);
  if (!decoded.ok) {
    throw new KmswError(
      say(
        `${CONFIG_FILE}: 文件编码是 ${decoded.encoding}，请用 UTF-8 另存（记事本“另存为”→ 编码选 UTF-8）`,
        `${CONFIG_FILE}: the file is ${decoded.encoding}; save it as UTF-8 (Notepad: Save as → Encoding UTF-8)`,
      ),
    );
  }
  const parsed = parseYaml(decoded.text);
  const [syntax] = parsed.errors;
  if (syntax) throw new KmswError(`${CONFIG_FILE}:${syntax.line}:${syntax.column}: ${syntax.message}`);
  const result = configSchema.safeParse(parsed.value ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const pos = locate(parsed, issue.path);
      const value = issue.path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined), parsed.value);
      return `${CONFIG_FILE}:${pos.line}:${pos.column}: ${issue.path.join('.') || say('(整个文件)', '(the whole file)')}${say('：', ': ')}${configMessage(issue, value)}`;
    });
    throw new KmswError(lines.join('\n'));
  }
  return { config: result.data, parsed };
}
