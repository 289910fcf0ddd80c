/** Opening a records folder for a scan: kmsw.yaml read, its `rules:` applied. */
import {
  CONFIG_FILE,
  ConfigError,
  duplicateConfigEntries,
  loadConfigDocument,
  unknownConfigKeys,
  type Config,
} from '../config.js';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';
import { locate, type ParsedYaml } from '../records/yaml.js';
import { configSlips } from '../rules/file.js';
import { readRuleSettings, severityOf, type RuleSettings } from '../rules/index.js';
import type { Finding, FolderContext } from '../rules/types.js';
import { officialCalendar } from '../values/calendar.js';
import type { Day } from '../values/date.js';
import { planConfigFix } from './fix.js';

export interface OpenFolder {
  ctx: FolderContext;
  settings: RuleSettings;
  /**
   * Misspelt keys of kmsw.yaml (`expert:`, `statons:`) and its full-width slips in a file that reads: check reports
   * them; the other commands just proceed.
   */
  configProblems: Finding[];
  /** kmsw.yaml as written (the folder rules' findings point at its lines: the cache keys their results by it). */
  configText: string;
}

/** kmsw.yaml read and its `rules:` applied: what every rule needs to know about the folder. */
export async function openFolder(opts: {
  root: string;
  today: Day;
  month?: string;
  year?: number;
  /** kmsw.yaml's bytes as staged in Git's index (`check --staged`), read instead of the file on disk. */
  config?: Buffer;
}): Promise<OpenFolder> {
  const { config, parsed: configDoc, text: configText } = await loadConfigExplained(opts.root, opts.config);
  const { settings, problems } = readRuleSettings(config.rules);
  if (problems.length > 0) {
    throw new KmswError(
      problems
        .map((p) => {
          const pos = locate(configDoc, ['rules', ...p.path], 'key');
          return `${CONFIG_FILE}:${pos.line}:${pos.column}: rules.${p.path.join('.')}${msg().open.colon}${p.message}`;
        })
        .join('\n'),
    );
  }
  const ctx = folderContext(opts, config, settings, () => configDoc);
  return { ctx, settings, configProblems: configProblems(configText, configDoc), configText };
}

/**
 * A folder's context from its kmsw.yaml as read (`config`, its `rules:` as `settings`, the parsed text for places in
 * it): openFolder's, and a scan's worker thread's, which is given what the main thread read (scan/parallel.ts). The
 * calendar is loaded when a rule first asks for it: the record rules never do.
 */
export function folderContext(
  opts: { root: string; today: Day; month?: string; year?: number },
  config: Config,
  settings: RuleSettings,
  configDoc: () => ParsedYaml,
): FolderContext {
  return {
    root: opts.root,
    config,
    configAt: (path) => locate(configDoc(), path, 'key'),
    today: opts.today,
    get calendar() {
      return officialCalendar();
    },
    thresholds: settings.thresholds,
    scope: { month: opts.month, year: opts.year },
    // A short session is still a session held on site: the quota measures its duration itself.
    counts: (r) => !(r.faults ?? []).some((f) => f.rule !== 'duration-short' && severityOf(f, settings) === 'error'),
  };
}

/**
 * What check reports of a kmsw.yaml that reads: its misspelt keys, a person or station listed twice, and a
 * full-width `：` or `　` where YAML needs `:` or a space (`centre: 督导中心　# 全称` reads the comment into the
 * centre's name). Only lines outside comments with such a mark are looked at, so a kmsw.yaml without one is not
 * parsed again.
 */
function configProblems(text: string, parsed: ParsedYaml): Finding[] {
  const problems: Finding[] = [...unknownConfigKeys(parsed), ...duplicateConfigEntries(parsed)];
  const marked = text.split('\n').some((line) => !/^\s*#/.test(line) && /[：，\u3000]/.test(line));
  if (marked) problems.push(...configSlips(text, parsed));
  return problems;
}

/** Whether kmsw.yaml written as `text` can be read as the folder's settings, `rules:` and all. */
export async function configLoads(root: string, text: string): Promise<boolean> {
  try {
    const { config } = await loadConfigDocument(root, Buffer.from(text));
    return readRuleSettings(config.rules).problems.length === 0;
  } catch {
    return false;
  }
}

/**
 * kmsw.yaml read as loadConfigDocument reads it; when it cannot be, the message goes on to what YAML and the
 * schema cannot see: each full-width `：` or `　` typed where YAML needs `:` or a space (the likely cause of a
 * line that does not read), each misspelt key (a `since` missing because it was typed `sinse`), and whether
 * `kmsw check --fix` would mend them.
 */
export async function loadConfigExplained(root: string, staged?: Buffer): ReturnType<typeof loadConfigDocument> {
  try {
    return await loadConfigDocument(root, staged);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    throw new KmswError(await explainConfig(root, e));
  }
}

async function explainConfig(root: string, e: ConfigError): Promise<string> {
  const at = (p: { line: number; column: number }) => `${CONFIG_FILE}:${p.line}:${p.column}: `;
  const causes =
    e.parsed.errors.length > 0
      ? configSlips(e.text, e.parsed).map((f) => `${at(f)}${f.message}${f.hint ? msg().configFix.then(f.hint) : ''}`)
      : unknownConfigKeys(e.parsed).map((p) => `${at(p)}${p.message}`);
  // --fix is offered only when what it would write can be read: otherwise it writes nothing (commands/fix.ts).
  const plan = planConfigFix(e.text, () => true);
  const fixable = plan.after !== plan.before && (await configLoads(root, plan.after)) ? [msg().configFix.hint] : [];
  return [e.message, ...causes, ...fixable].join('\n');
}
