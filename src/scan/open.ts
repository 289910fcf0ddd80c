/** Opening a records folder for a scan: kmsw.yaml read, its `rules:` applied. */
import { CONFIG_FILE, loadConfigDocument, unknownConfigKeys } from '../config.js';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';
import { locate } from '../records/yaml.js';
import { readRuleSettings, severityOf, type RuleSettings } from '../rules/index.js';
import type { Finding, FolderContext } from '../rules/types.js';
import { officialCalendar } from '../values/calendar.js';
import type { Day } from '../values/date.js';

export interface OpenFolder {
  ctx: FolderContext;
  settings: RuleSettings;
  /** Misspelt keys of kmsw.yaml (`expert:`, `statons:`): check reports them; the other commands just proceed. */
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
  const { config, parsed: configDoc, text: configText } = await loadConfigDocument(opts.root, opts.config);
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
  const ctx: FolderContext = {
    root: opts.root,
    config,
    configAt: (path) => locate(configDoc, path, 'key'),
    today: opts.today,
    calendar: officialCalendar(),
    thresholds: settings.thresholds,
    scope: { month: opts.month, year: opts.year },
    // A short session is still a session held on site: the quota measures its duration itself.
    counts: (r) => !(r.faults ?? []).some((f) => f.rule !== 'duration-short' && severityOf(f, settings) === 'error'),
  };
  return { ctx, settings, configProblems: unknownConfigKeys(configDoc), configText };
}
