/**
 * `kmsw check --format sarif|gitlab`: the reports the office's Git server shows, validated against
 * the published schemas vendored in tests/schemas/ (README there), on the real binary, over a folder
 * with every kind of finding (file, record, folder, kmsw.yaml) and over a clean one, in both languages.
 */
import { appendFileSync, cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import draft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { KMSW_VERSION } from '../src/cli/context.js';
import { RULES } from '../src/rules/ids.js';
import { EXAMPLE, ROOT, forRuns, kmsw, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const schema = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'tests', 'schemas', name), 'utf8'));
const PACKAGE_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

const validSarif = (() => {
  const v = new draft04.default({ allErrors: true, strict: false });
  formats.default(v);
  return v.compile(schema('sarif-schema-2.1.0.json'));
})();

/** GitLab's entry schema over an array of entries, with what GitLab's documentation asks beyond it. */
const validGitlab = (() => {
  const v = new Ajv({ allErrors: true, strict: false });
  v.addSchema(schema('gitlab-codeclimate.json'), 'codeclimate.json');
  return v.compile({
    type: 'array',
    items: {
      allOf: [
        { $ref: 'codeclimate.json' },
        {
          required: ['check_name', 'location'],
          properties: {
            check_name: { type: 'string', minLength: 1 },
            severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
            location: {
              required: ['path', 'lines'],
              properties: {
                path: { type: 'string', pattern: '^[^/\\\\]' },
                lines: { required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
              },
            },
          },
        },
      ],
    },
  });
})();

const TODAY = ['--today', '2026-11-30'];

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  rule: string;
  message: string;
  hint?: string;
  field?: string;
}

/** records.example with one finding of each kind: file rules with and without a line, records, the folder, kmsw.yaml. */
function problemFolder(): string {
  const dir = tempFolder({}, 'kmsw-ci-');
  cpSync(EXAMPLE, dir, { recursive: true });
  const at = (f: string) => path.join(dir, f);
  // A record's typo (a warning with a hint, at its line), and a log that is not there (missing-log, on kmsw.yaml).
  appendFileSync(at('2026/11/log/2026-11-23-李明.yaml'), 'plna: 明天\n');
  rmSync(at('2026/11/log/2026-11-24-赵雪.yaml'));
  // A full-width colon (line and column), in a file whose name a URI must escape.
  writeFileSync(at('2026/11/case/2026-11-13-坏 #%.yaml'), 'form：case\n');
  // Whole-file findings: GBK bytes, a link to a file, a link to a folder.
  writeFileSync(
    at('2026/11/needs/2026-11-06-gbk.yaml'),
    Buffer.from('form: needs\nnote: \xb6\xbd\xb6\xbd\n', 'latin1'),
  );
  symlinkSync('/etc/passwd', at('2026/11/group/link.yaml'));
  symlinkSync('/nonexistent-kmsw-folder', at('2026/10'));
  // kmsw.yaml's own finding.
  writeFileSync(
    at('kmsw.yaml'),
    readFileSync(at('kmsw.yaml'), 'utf8').replace(/^assistants:/m, 'expert: 王芳\nassistants:'),
  );
  return dir;
}

describe('the vendored schemas', () => {
  // Each would pass a check that validates nothing: the schemas must refuse what the formats forbid.
  it('refuse what SARIF and GitLab forbid', () => {
    const sarif = (uri: string, level: string) => ({
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'kmsw' } },
          results: [
            { message: { text: '…' }, level, locations: [{ physicalLocation: { artifactLocation: { uri } } }] },
          ],
        },
      ],
    });
    expect(validSarif(sarif('2026/11/log/2026-11-28-%E6%9D%8E.yaml', 'error'))).toBe(true);
    expect(validSarif(sarif('2026/11/log/2026-11-28-李.yaml', 'error'))).toBe(false); // not a URI: unescaped
    expect(validSarif(sarif('2026/11/log/a b.yaml', 'error'))).toBe(false);
    expect(validSarif(sarif('a.yaml', 'fatal'))).toBe(false);
    const entry = { description: '…', check_name: 'required', fingerprint: 'f', severity: 'major' };
    expect(validGitlab([{ ...entry, location: { path: 'a.yaml', lines: { begin: 1 } } }])).toBe(true);
    expect(validGitlab([{ ...entry, location: { path: 'a.yaml' } }])).toBe(false);
    expect(validGitlab([{ ...entry, severity: 'high', location: { path: 'a.yaml', lines: { begin: 1 } } }])).toBe(
      false,
    );
    expect(validGitlab([{ ...entry, fingerprint: 1, location: { path: 'a.yaml', lines: { begin: 1 } } }])).toBe(false);
    expect(validGitlab({ ...entry, location: { path: 'a.yaml', lines: { begin: 1 } } })).toBe(false);
  });
});

describe('check --format sarif and gitlab on a folder with problems', () => {
  let dir = '';
  const runs: Record<string, { code: number; stdout: string; stderr: string }> = {};
  let expected: JsonDiagnostic[] = [];
  // Each format through the real binary in Chinese; in English in-process, through main(), which the binary runs
  // (tests/support/in-process.ts): the same report, exit code and stderr.
  beforeAll(async () => {
    dir = problemFolder();
    const json = kmsw(['--dir', dir, ...TODAY, 'check', '--format', 'json']);
    expect(json.code, json.stderr).toBe(1);
    expected = JSON.parse(json.stdout).diagnostics;
    for (const lang of ['zh', 'en'])
      for (const format of ['sarif', 'gitlab']) {
        const args = ['--dir', dir, '--lang', lang, ...TODAY, 'check', '--format', format];
        runs[`${format}-${lang}`] = lang === 'zh' ? kmsw(args) : await kmswInProcess(args);
      }
  }, forRuns(3));

  it('the folder has each kind of finding the reports must carry', () => {
    const kinds = expected.map((d) => `${d.rule} ${d.file}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'unknown-field kmsw.yaml',
        'missing-log kmsw.yaml',
        'fullwidth-syntax 2026/11/case/2026-11-13-坏 #%.yaml',
        'unreadable 2026/11/group/link.yaml',
        'unreadable 2026/10',
        'encoding 2026/11/needs/2026-11-06-gbk.yaml',
        'unknown-field 2026/11/log/2026-11-23-李明.yaml',
      ]),
    );
  });

  it.each(['zh', 'en'])('SARIF (%s) is valid SARIF 2.1.0, exits as check does, and drops no diagnostic', (lang) => {
    const run = runs[`sarif-${lang}`]!;
    expect(run.code, run.stderr).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(validSarif(log), JSON.stringify(validSarif.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [only] = log.runs;
    expect(only.language).toBe(lang === 'zh' ? 'zh-CN' : 'en-US');
    expect(only.results).toHaveLength(expected.length);
    const back = only.results.map((r: SarifResult) => {
      const uri = r.locations[0]!.physicalLocation.artifactLocation.uri;
      return `${r.ruleId} ${r.level} ${uri.split('/').map(decodeURIComponent).join('/')}`;
    });
    expect(back).toEqual(expected.map((d) => `${d.rule} ${d.severity} ${d.file}`));
  });

  it('SARIF carries the rules table: id, description in the language, default level', () => {
    for (const lang of ['zh', 'en'] as const) {
      const driver = JSON.parse(runs[`sarif-${lang}`]!.stdout).runs[0].tool.driver;
      expect(driver.name).toBe('kmsw');
      expect(driver.version).toBe(PACKAGE_VERSION);
      expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
      for (const [i, rule] of RULES.entries()) {
        expect(driver.rules[i].shortDescription.text).toBe(rule[lang]);
        const level = rule.severity === 'dynamic' ? 'warning' : rule.severity;
        expect(driver.rules[i].defaultConfiguration.level).toBe(level);
      }
    }
  });

  it('SARIF results: message and hint in the language, place in the records folder, region only where there is one', () => {
    const results: SarifResult[] = JSON.parse(runs['sarif-zh']!.stdout).runs[0].results;
    const rules = JSON.parse(runs['sarif-zh']!.stdout).runs[0].tool.driver.rules;
    results.forEach((r, i) => {
      const d = expected[i]!;
      expect(rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.message.text.startsWith(d.message)).toBe(true);
      expect(r.properties?.hint).toBe(d.hint);
      if (d.hint) expect(r.message.text).toContain(`（提示：${d.hint}）`);
      const loc = r.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      if (['unreadable', 'encoding'].includes(d.rule)) expect(loc.region).toBeUndefined();
      else expect(loc.region).toEqual({ startLine: d.line, startColumn: d.column });
    });
    const typo = results.find((r) => r.ruleId === 'unknown-field' && r.properties?.field === 'plna')!;
    expect(typo.message.text).toBe('督导工作日志没有“plna”这一项（提示：是不是 plan（明日工作计划）？）');
    expect(typo.message.markdown).toBe('督导工作日志没有“plna”这一项\n\n**提示：** 是不是 plan（明日工作计划）？');
    const colon = results.find((r) => r.ruleId === 'fullwidth-syntax')!;
    expect(colon.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      '2026/11/case/2026-11-13-%E5%9D%8F%20%23%25.yaml',
    );
    const english: SarifResult[] = JSON.parse(runs['sarif-en']!.stdout).runs[0].results;
    expect(english.find((r) => r.properties?.field === 'plna')!.message.text).toMatch(/^.*plna.* \(hint: .*plan.*\)$/);
  });

  it.each(['zh', 'en'])('GitLab Code Quality (%s) passes GitLab’s schema and drops no diagnostic', (lang) => {
    const run = runs[`gitlab-${lang}`]!;
    expect(run.code, run.stderr).toBe(1);
    const report: GitlabEntry[] = JSON.parse(run.stdout);
    expect(validGitlab(report), JSON.stringify(validGitlab.errors, null, 2)).toBe(true);
    expect(report.map((e) => [e.check_name, e.severity, e.location.path, e.location.lines.begin])).toEqual(
      expected.map((d) => [d.rule, d.severity === 'error' ? 'major' : 'minor', d.file, d.line]),
    );
    expect(new Set(report.map((e) => e.fingerprint)).size).toBe(report.length);
    if (lang === 'zh') {
      const typo = report.find((e) => e.description.includes('plna'))!;
      expect(typo.description).toBe('督导工作日志没有“plna”这一项（提示：是不是 plan（明日工作计划）？）');
    }
  });

  it('fingerprints stay the same run after run, and when lines are added above a finding', async () => {
    // The runs after the first in-process, through main() (the first, above, is the binary's).
    const prints = (stdout: string) => (JSON.parse(stdout) as GitlabEntry[]).map((e) => e.fingerprint);
    const first = prints(runs['gitlab-zh']!.stdout);
    const again = await kmswInProcess(['--dir', dir, ...TODAY, 'check', '--format', 'gitlab']);
    expect(prints(again.stdout)).toEqual(first);
    // The SARIF log carries the same fingerprints.
    const sarif: SarifResult[] = JSON.parse(runs['sarif-zh']!.stdout).runs[0].results;
    expect(sarif.map((r) => r.partialFingerprints['kmsw/v1'])).toEqual(first);
    const log = path.join(dir, '2026/11/log/2026-11-23-李明.yaml');
    const before = readFileSync(log, 'utf8');
    writeFileSync(log, `# 一行注释\n# 又一行\n${before}`);
    try {
      const moved = await kmswInProcess(['--dir', dir, ...TODAY, 'check', '--format', 'gitlab']);
      const entries: GitlabEntry[] = JSON.parse(moved.stdout);
      const typo = entries.find((e) => e.description.includes('plna'))!;
      const original = (JSON.parse(runs['gitlab-zh']!.stdout) as GitlabEntry[]).find((e) =>
        e.description.includes('plna'),
      )!;
      expect(typo.location.lines.begin).toBe(original.location.lines.begin + 2);
      expect(typo.fingerprint).toBe(original.fingerprint);
    } finally {
      writeFileSync(log, before);
    }
  });
});

describe('check --format sarif and gitlab on a clean folder', () => {
  // Chinese through the real binary, English in-process, through main().
  it.each(['zh', 'en'])(
    'an empty report (%s), valid, exit 0',
    async (lang) => {
      const run = (args: string[]) => (lang === 'zh' ? kmsw(args) : kmswInProcess(args));
      const sarif = await run(['--dir', EXAMPLE, '--lang', lang, ...TODAY, 'check', '--format', 'sarif']);
      expect(sarif.code, sarif.stderr).toBe(0);
      const log = JSON.parse(sarif.stdout);
      expect(validSarif(log), JSON.stringify(validSarif.errors, null, 2)).toBe(true);
      expect(log.runs[0].results).toEqual([]);
      expect(log.runs[0].tool.driver.rules).toHaveLength(RULES.length);
      const gitlab = await run(['--dir', EXAMPLE, '--lang', lang, ...TODAY, 'check', '--format', 'gitlab']);
      expect(gitlab.code, gitlab.stderr).toBe(0);
      expect(JSON.parse(gitlab.stdout)).toEqual([]);
      expect(validGitlab([])).toBe(true);
    },
    forRuns(2),
  );
});

describe('check --format sarif and gitlab: what is said beside the findings', () => {
  it(
    'a year the holiday data does not cover: a SARIF notification, and on stderr beside either report',
    async () => {
      // 2099: a year no holiday data will hold while this test lives.
      const config = readFileSync(path.join(ROOT, 'tests/fixtures/calendar-uncovered/kmsw.yaml'), 'utf8');
      const dir = tempFolder({ 'kmsw.yaml': config.replace('since: 2027-01-04', 'since: 2099-01-05') });
      const sarif = kmsw(['--today', '2099-01-10', 'check', '--format', 'sarif'], { cwd: dir });
      const log = JSON.parse(sarif.stdout);
      expect(validSarif(log), JSON.stringify(validSarif.errors, null, 2)).toBe(true);
      const notes = log.runs[0].invocations[0].toolExecutionNotifications;
      expect(notes).toHaveLength(1);
      expect(notes[0].level).toBe('note');
      expect(notes[0].message.text).toMatch(/还没有 2099 年的放假安排/);
      expect(sarif.stderr.match(/还没有 2099 年的放假安排/g)).toHaveLength(1);
      // GitLab's in-process, through main() (SARIF's above is the binary's).
      const gitlab = await kmswInProcess(['--today', '2099-01-10', 'check', '--format', 'gitlab'], { cwd: dir });
      expect(validGitlab(JSON.parse(gitlab.stdout))).toBe(true);
      expect(gitlab.stderr.match(/还没有 2099 年的放假安排/g)).toHaveLength(1);
    },
    forRuns(2),
  );
});

describe('--format', () => {
  it.each([
    ['status', 'sarif'],
    ['list', 'gitlab'],
    ['tally', 'sarif', '--month', '2026-11'],
  ])(
    '%s keeps text|json and refuses --format %s, naming the choices (exit 2)',
    async (command, format, ...rest) => {
      // status through the real binary, the others in-process, through main().
      const args = ['--dir', EXAMPLE, ...TODAY, command, ...rest, '--format', format];
      const run = command === 'status' ? kmsw(args) : await kmswInProcess(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`kmsw: 选项 --format 的值“${format}”无效，可选：text、json\n`);
    },
    forRuns(1),
  );

  // In-process, through main() (kmsw --help and kmsw --lang en check --help are spawned in tests/cli-words.test.ts).
  it('check lists its four formats in its help', async () => {
    expect((await kmswInProcess(['check', '--help'])).stdout).toMatch(
      /--format <格式>\s+输出格式（可选：text、json、sarif、gitlab；默认：text）/,
    );
  });

  it('the version kmsw says (--version, SARIF) is package.json’s', () => {
    expect(KMSW_VERSION).toBe(PACKAGE_VERSION);
    expect(kmsw(['--version']).stdout.trim()).toBe(PACKAGE_VERSION);
  });
});

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string; markdown?: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region?: { startLine: number; startColumn: number };
    };
  }>;
  partialFingerprints: Record<string, string>;
  properties?: { hint?: string; field?: string };
}

interface GitlabEntry {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}
