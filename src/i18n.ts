/**
 * Chinese first; English with `--lang en` (or KMSW_LANG=en). The messages live in one catalogue per
 * language, src/messages/zh.ts and en.ts, read through `msg()`; the official forms' labels stay
 * Chinese in both.
 */
import { KmswError } from './errors.js';
import { en } from './messages/en.js';
import { type Catalogue, type Messages, zh } from './messages/zh.js';

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
  return (built[current] ??= lazily(current === 'en' ? en : zh));
}

/** The catalogue with each group built when first read, then kept. */
function lazily(groups: Catalogue): Messages {
  const messages = {} as Messages;
  for (const group of Object.keys(groups) as Array<keyof Messages>) {
    Object.defineProperty(messages, group, {
      configurable: true,
      enumerable: true,
      get() {
        const value = groups[group]();
        Object.defineProperty(messages, group, { value, enumerable: true });
        return value;
      },
    });
  }
  return messages;
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
