/**
 * `check`'s results for the office's Git server: SARIF 2.1.0 (OASIS; code-scanning viewers, artifact
 * of a Gitea/Forgejo run) and GitLab's Code Quality report (a merge request's widget). Both carry
 * every diagnostic, in the user's language, with its hint; both are checked against their published
 * schemas in tests/ci-reports.test.ts.
 */
import { createHash } from 'node:crypto';
import { getLang, msg } from '../i18n.js';
import { RULES } from '../rules/index.js';
import type { Diagnostic } from '../rules/types.js';
import type { CheckResult } from '../scan/results.js';
import { WHOLE_FILE_RULES } from './diagnostics.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Where a SARIF viewer roots the records folder's paths: the checkout (GitHub's and VS Code's name for it). */
export const SRCROOT = '%SRCROOT%';

/**
 * One fingerprint per diagnostic, the same on every run over the same records: its rule, file, field
 * and message, and how many identical ones came before it in the file. The line is left out, so a
 * finding keeps its fingerprint when lines are added above it; a changed message is a new finding.
 */
export function fingerprints(diagnostics: readonly Diagnostic[]): string[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const key = JSON.stringify([d.rule, d.file, d.field ?? '', d.message]);
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    return createHash('sha256').update(`${key}#${index}`).digest('hex').slice(0, 32);
  });
}

/** The message with its hint, for a reader that shows one line of text. */
const described = (d: Diagnostic) => (d.hint === undefined ? d.message : msg().ciReports.withHint(d.message, d.hint));

/**
 * Markdown's punctuation taken literally: a starred-out `***` or a `*引用` stays text, and so does a line
 * that starts like a heading or a list item.
 */
const literal = (text: string) =>
  text
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');

/** A path relative to the records folder as a URI reference: each segment percent-encoded, `/` kept. */
const uriOf = (file: string) =>
  file
    // A lone surrogate has no UTF-8 to encode: it becomes U+FFFD, as on the terminal.
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');

/** GitLab's Code Quality report: a JSON array, one entry per diagnostic (an empty array when all is well). */
export function formatGitlab(result: CheckResult): string {
  const prints = fingerprints(result.diagnostics);
  const entries = result.diagnostics.map((d, i) => ({
    description: described(d),
    check_name: d.rule,
    fingerprint: prints[i]!,
    // An error keeps a record out of the export: GitLab's "major". A warning asks for a look: "minor".
    severity: d.severity === 'error' ? 'major' : 'minor',
    location: { path: d.file, lines: { begin: d.line } },
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/** The rules table as SARIF's rule metadata, in the user's language. */
function sarifRules() {
  const lang = getLang();
  return RULES.map((r) => ({
    id: r.id,
    shortDescription: { text: r[lang] },
    // A rule that decides its own severity (signature-missing, quota) starts as a warning, as check's does.
    defaultConfiguration: { level: r.severity === 'dynamic' ? 'warning' : r.severity },
    properties: { scope: r.scope, ...(r.severity === 'dynamic' ? { severity: 'dynamic' } : {}) },
  }));
}

function sarifResult(d: Diagnostic, fingerprint: string, ruleIndex: Map<string, number>) {
  const physicalLocation = {
    artifactLocation: { uri: uriOf(d.file), uriBaseId: SRCROOT },
    // A rule about the whole file (unreadable, encoding, too-large) points at the file, not at 1:1.
    ...(WHOLE_FILE_RULES.has(d.rule) ? {} : { region: { startLine: d.line, startColumn: d.column } }),
  };
  const markdown =
    d.hint === undefined
      ? literal(d.message)
      : `${literal(d.message)}\n\n**${literal(msg().diagnostics.hint.trim())}** ${literal(d.hint)}`;
  return {
    ruleId: d.rule,
    ruleIndex: ruleIndex.get(d.rule)!,
    level: d.severity,
    // SARIF's `fixes` must carry the edit itself (artifactChanges); a hint says what to do, so it rides in the message.
    message: { text: described(d), markdown },
    locations: [{ physicalLocation }],
    partialFingerprints: { 'kmsw/v1': fingerprint },
    properties: {
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
      ...(d.field !== undefined ? { field: d.field } : {}),
    },
  };
}

/**
 * One SARIF 2.1.0 log with one run. Paths are relative to %SRCROOT%, the records folder; its absolute
 * place on this machine is left out, so the log is the same wherever it was made. `notes` (the holiday
 * data's gaps) become notifications: said, never dropped.
 */
export function formatSarif(result: CheckResult, opts: { version: string }): string {
  const language = getLang() === 'zh' ? 'zh-CN' : 'en-US';
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id as string, i]));
  const prints = fingerprints(result.diagnostics);
  const notifications = result.notes.map((text) => ({ level: 'note', message: { text } }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kmsw', version: opts.version, semanticVersion: opts.version, language, rules } },
        invocations: [
          {
            executionSuccessful: true,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        language,
        // kmsw's columns count UTF-16 code units (JavaScript's string offsets), as VS Code's do.
        columnKind: 'utf16CodeUnits',
        results: result.diagnostics.map((d, i) => sarifResult(d, prints[i]!, ruleIndex)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
