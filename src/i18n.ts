/**
 * Chinese first; English with `--lang en` (or KMSW_LANG=en). The messages live in one catalogue per
 * language, read through `msg()`: the command line's groups in src/messages/zh-cli.ts and en-cli.ts,
 * the commands' in zh.ts and en.ts. The official forms' labels stay Chinese in both languages.
 */
import { KmswError } from './errors.js';
import { en } from './messages/en.js';
import { enCli } from './messages/en-cli.js';
import { type Catalogue, type Messages, zh } from './messages/zh.js';
import { type CliCatalogue, zhCli } from './messages/zh-cli.js';

export type Lang = 'zh' | 'en';

let current: Lang = 'zh';

export function setLang(lang: Lang): void {
  current = lang;
}

export function getLang(): Lang {
  return current;
}

const built: Partial<Record<Lang, Messages>> = {};

/** The messages in the user's language: `msg().<module>.<key>`, or `msg().<module>.<key>(values)`. */
export function msg(): Messages {
  return (built[current] ??= current === 'en' ? lazily(enCli, () => en) : lazily(zhCli, () => zh));
}

/**
 * The catalogue with each group built when first read, then kept. The commands' catalogue is looked
 * at only when one of its groups is read: the build leaves it to its second part, which a command's
 * module has loaded by then (docs/build.md), so `kmsw --help` never reads it.
 */
function lazily(cli: CliCatalogue, commands: () => Catalogue): Messages {
  const builderOf = (group: string): (() => unknown) | undefined => {
    const catalogue: Record<string, () => unknown> = Object.hasOwn(cli, group) ? cli : commands();
    return Object.hasOwn(catalogue, group) ? catalogue[group] : undefined;
  };
  const groups: Record<string, unknown> = {};
  return new Proxy(groups, {
    get(_, group) {
      if (typeof group !== 'string') return undefined;
      if (!Object.hasOwn(groups, group)) groups[group] = builderOf(group)?.();
      return groups[group];
    },
  }) as Messages;
}

/** The languages kmsw speaks, each named in itself. */
export const LANGS: Readonly<Record<Lang, string>> = { zh: '中文', en: 'English' };

/**
 * `--lang` anywhere on the command line wins over KMSW_LANG; Chinese when neither is given.
 * `zh`, `en` and locale spellings of them (`zh-CN`, `en_US.UTF-8`) are taken; any other language
 * is refused, in both languages since the user's is not known.
 */
export function langFrom(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const given =
    i < 0 ? env.KMSW_LANG : argv[i]!.includes('=') ? argv[i]!.slice(argv[i]!.indexOf('=') + 1) : argv[i + 1];
  if (given === undefined || given.trim() === '') return 'zh';
  const lang = /^(zh|en)(?:[-_.@].*)?$/i.exec(given.trim())?.[1]?.toLowerCase();
  if (lang === 'zh' || lang === 'en') return lang;
  const from = i < 0 ? 'KMSW_LANG' : '--lang';
  const list = Object.entries(LANGS)
    .map(([k, name]) => `${k}（${name}）`)
    .join('、');
  const listEn = Object.entries(LANGS)
    .map(([k, name]) => `${k} (${name})`)
    .join(', ');
  // In both languages: the user's is not known.
  throw new KmswError(
    [
      `${from} “${given}”：kmsw 没有这种界面语言。可用：${list}`,
      `${from} "${given}": kmsw does not speak this language. Use one of: ${listEn}`,
    ].join('\n'),
  );
}
