/**
 * Chinese first; English with `--lang en` (or KMSW_LANG=en). Messages are written where they are
 * used, as a pair, so that each reads in context; the official forms' labels stay Chinese in both.
 */
export type Lang = 'zh' | 'en';

let current: Lang = 'zh';

export function setLang(lang: Lang): void {
  current = lang;
}

export function getLang(): Lang {
  return current;
}

/** The message in the user's language. */
export function say(zh: string, en: string): string {
  return current === 'en' ? en : zh;
}

/** `--lang en` anywhere on the command line wins over KMSW_LANG; anything else is Chinese. */
export function langFrom(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const given = i < 0 ? env.KMSW_LANG : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return given?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}
