import path from 'node:path';
import { z } from 'zod';
import { KmswError } from './errors.js';
import { say } from './i18n.js';
import { decode } from './records/decode.js';
import { CAPS, insideFolder, readRegular } from './records/inside.js';
import { locate, parseYaml, type ParsedYaml } from './records/yaml.js';
import { outsideYears, parseDate, WORK_YEARS } from './values/date.js';

// zod's own messages (wrong type, too short…) in Chinese, like ours.
z.config(z.locales.zhCN());

export const CONFIG_FILE = 'kmsw.yaml';

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
  const parsed = parseDate(String(v));
  // `since` starts the day-by-day count of missing logs: a year such as 1026 is a typo.
  const outside = parsed.ok ? outsideYears(parsed.value, WORK_YEARS) : parsed.reason;
  if (parsed.ok && !outside) return parsed.value;
  ctx.addIssue({ code: 'custom', message: outside! });
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
      return `${CONFIG_FILE}:${pos.line}:${pos.column}: ${issue.path.join('.') || say('(整个文件)', '(the whole file)')}${say('：', ': ')}${issue.message}`;
    });
    throw new KmswError(lines.join('\n'));
  }
  return { config: result.data, parsed };
}
