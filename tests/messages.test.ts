import { afterEach, describe, expect, it } from 'vitest';
import { getLang, msg, setLang } from '../src/i18n.js';
import { en } from '../src/messages/en.js';
import { enCli } from '../src/messages/en-cli.js';
import { zh } from '../src/messages/zh.js';
import { zhCli } from '../src/messages/zh-cli.js';

// The compiler is the main guard (en.ts is typed by zh.ts, so a missing or mistyped English message
// does not build); these check what a type cannot: an `as` cast, an empty text, a dropped parameter.

type Entry = string | ((...args: unknown[]) => string);
type Catalogue = Record<string, Record<string, Entry>>;
const built = (groups: Record<string, () => unknown>) =>
  Object.fromEntries(Object.entries(groups).map(([group, build]) => [group, build()])) as Catalogue;
// Each language's whole catalogue: the command line's groups (zh-cli.ts, in the build's first part)
// and the commands' (zh.ts, in its second).
const catalogues = { zh: built({ ...zhCli, ...zh }), en: built({ ...enCli, ...en }) };

const keysOf = (c: Catalogue) =>
  Object.entries(c).flatMap(([group, messages]) => Object.keys(messages).map((key) => `${group}.${key}`));

/** Values to fill a message's parameters with: one of these fits every parameter type it declares. */
const SAMPLES: unknown[] = ['甲', 2, ['甲', '乙']];

/** A message's text for some parameters: the first set of samples it accepts. */
function textOf(entry: Entry): string {
  if (typeof entry === 'string') return entry;
  for (const sample of SAMPLES) {
    try {
      return entry(...Array.from({ length: entry.length }, () => sample));
    } catch {
      // Another kind of value, then.
    }
  }
  throw new Error(`no sample parameters fit ${String(entry)}`);
}

describe('message catalogues', () => {
  afterEach(() => setLang('zh'));

  it('hold each group in one part only, the command line’s or the commands’, the same in both languages', () => {
    expect(Object.keys(zhCli).filter((group) => Object.hasOwn(zh, group))).toEqual([]);
    expect(Object.keys(enCli)).toEqual(Object.keys(zhCli));
    expect(Object.keys(en)).toEqual(Object.keys(zh));
  });

  it('have the same groups and keys in both languages', () => {
    expect(keysOf(catalogues.en)).toEqual(keysOf(catalogues.zh));
    expect(keysOf(catalogues.zh).length).toBeGreaterThan(300);
  });

  it('give each message the same shape in both languages: a text, or a function of as many values', () => {
    for (const [group, messages] of Object.entries(catalogues.zh)) {
      for (const [key, zhEntry] of Object.entries(messages)) {
        const enEntry = catalogues.en[group]![key]!;
        expect(typeof enEntry, `${group}.${key}`).toBe(typeof zhEntry);
        if (typeof zhEntry === 'function' && typeof enEntry === 'function') {
          expect(enEntry.length, `${group}.${key}`).toBe(zhEntry.length);
        }
      }
    }
  });

  it('have no empty message in either language', () => {
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      for (const [group, messages] of Object.entries(catalogue)) {
        for (const [key, entry] of Object.entries(messages)) {
          const text = textOf(entry);
          expect(typeof text, `${lang} ${group}.${key}`).toBe('string');
          expect(text.trim(), `${lang} ${group}.${key}`).not.toBe('');
        }
      }
    }
  });

  it('are what msg() gives in each language, each group built once', () => {
    expect(getLang()).toBe('zh');
    expect(msg().cli.showHelp).toBe(catalogues.zh.cli!.showHelp);
    expect(msg().cli).toBe(msg().cli);
    expect(msg().commandsCheck.comma).toBe(catalogues.zh.commandsCheck!.comma);
    expect(msg().commandsCheck).toBe(msg().commandsCheck);
    setLang('en');
    expect(msg().cli.showHelp).toBe(catalogues.en.cli!.showHelp);
    expect(msg().cli.showHelp).not.toBe(catalogues.zh.cli!.showHelp);
    expect(msg().commandsCheck.comma).toBe(catalogues.en.commandsCheck!.comma);
  });
});
