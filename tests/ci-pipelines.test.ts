/**
 * docs/ci/: the pipelines a records repository copies. Each parses; the kmsw command lines they run
 * are run here, as written, by the real binary on records.example; the report they publish is the
 * file the command writes; the package they install is this version; and the shell that picks the
 * month is run against a real Git history.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import draft04 from 'ajv-draft-04';
import { parse } from 'yaml';
import { BIN, EXAMPLE, ROOT, forRuns, kmsw, put, tempFolder, type Run } from './helpers.js';

const CI = path.join(ROOT, 'docs', 'ci');
const read = (file: string) => parse(readFileSync(path.join(CI, file), 'utf8')) as Record<string, unknown>;
const PACKAGE_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

interface GitlabJob {
  image: string;
  rules: Array<{ if: string }>;
  before_script: string[];
  script: string[];
  artifacts: { when: string; reports: { codequality: string } };
}
interface GiteaStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

const gitlab = read('.gitlab-ci.yml') as { variables: Record<string, string>; kmsw: GitlabJob };
const gitea = read('.gitea/workflows/kmsw.yml') as {
  on: Record<string, unknown>;
  jobs: { kmsw: { env: Record<string, string>; steps: GiteaStep[] } };
};
const giteaSteps = gitea.jobs.kmsw.steps;

const PIPELINES = {
  gitlab: {
    shell: [...gitlab.kmsw.before_script, ...gitlab.kmsw.script],
    env: gitlab.variables,
    report: gitlab.kmsw.artifacts.reports.codequality,
    format: 'gitlab',
  },
  gitea: {
    shell: giteaSteps.flatMap((s) => (s.run ? [s.run] : [])),
    env: gitea.jobs.kmsw.env,
    report: String(giteaSteps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with?.path),
    format: 'sarif',
  },
};

/** Every line of the pipeline's shell that runs kmsw. */
const kmswLines = (shell: string[]) =>
  shell.flatMap((text) => text.split('\n').map((line) => line.trim())).filter((line) => /^kmsw\s/.test(line));

/**
 * A shell line as the argv kmsw gets, and where its output goes: words split on blanks, double
 * quotes removed, `$VAR` replaced; the line ends at `>` (the file it writes) or `||`.
 */
function argvOf(line: string, vars: Record<string, string>): { argv: string[]; into?: string } {
  const [command = '', redirect] = line.split(/\s*\|\|/)[0]!.split(/\s*>\s*/);
  const argv = command
    .split(/\s+/)
    .slice(1)
    .map((word) => word.replace(/^"(.*)"$/, '$1').replace(/\$\{?(\w+)\}?/g, (_, name: string) => vars[name] ?? ''));
  return { argv, into: redirect?.trim() };
}

/**
 * A pipeline's kmsw line run on records.example, once per argv: both pipelines end with the same plain
 * `kmsw check --month "$MONTH"`, whose run (same argv, folder and day) the second reads.
 */
const runs = new Map<string, Run>();
const runOnExample = (argv: string[]): Run => {
  const key = JSON.stringify(argv);
  if (!runs.has(key)) runs.set(key, kmsw(argv, { cwd: EXAMPLE, env: { KMSW_TODAY: '2026-11-30' } }));
  return runs.get(key)!;
};

describe.each(Object.entries(PIPELINES))('docs/ci: the %s pipeline', (_name, pipeline) => {
  const lines = kmswLines(pipeline.shell);

  it('runs kmsw check --month on each month for the reports, merged into one, and once more for the log', () => {
    const ext = pipeline.format === 'gitlab' ? 'json' : 'sarif';
    expect(lines).toEqual([
      `kmsw check --month "$MONTH" --format ${pipeline.format} > "$REPORTS/$MONTH.${ext}" || true`,
      'kmsw check --month "$MONTH" || STATUS=1',
    ]);
    const merge = pipeline.shell.find((s) => s.includes('node -e'))!;
    expect(merge).toMatch(new RegExp(`' "\\$REPORTS"/\\*\\.${ext} > ${pipeline.report}$`, 'm'));
  });

  it(
    'its kmsw command lines are real: run as written on records.example, exit 0, the report in its format',
    () => {
      for (const line of lines) {
        const { argv, into } = argvOf(line, { MONTH: '2026-11' });
        const run = runOnExample(argv);
        expect(run.code, `${line}\n${run.stderr}`).toBe(0);
        if (into === undefined) continue;
        const report = JSON.parse(run.stdout);
        if (pipeline.format === 'gitlab') expect(report).toEqual([]);
        else expect(report.runs[0].results).toEqual([]);
      }
    },
    forRuns(2),
  );

  it('installs this version of kmsw with npm', () => {
    expect(pipeline.shell).toContain('npm install -g --no-audit --no-fund "$KMSW_PACKAGE"');
    expect(pipeline.env.KMSW_PACKAGE).toBe(`./tools/kmsw-${PACKAGE_VERSION}.tgz`);
    expect(pipeline.env.TZ).toBe('Asia/Shanghai');
  });
});

describe('docs/ci: when and what they publish', () => {
  it('GitLab: on merge requests (and the default branch, to compare with), the Code Quality report always kept', () => {
    expect(gitlab.kmsw.rules.map((r) => r.if)).toContain('$CI_PIPELINE_SOURCE == "merge_request_event"');
    expect(gitlab.kmsw.artifacts.when).toBe('always');
    expect(gitlab.kmsw.image).toMatch(/^node:(20|22|24)/);
  });

  it('Gitea/Forgejo: on pull requests, the SARIF file uploaded even when the check fails', () => {
    expect(Object.keys(gitea.on)).toContain('pull_request');
    const upload = giteaSteps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.if).toBe('always()');
    expect(giteaSteps[0]!.uses).toMatch(/^actions\/checkout@/);
    expect(giteaSteps[0]!.with).toEqual({ 'fetch-depth': 0 });
  });
});

/** A Git repository whose `main` holds kmsw.yaml and whose HEAD adds `files` on top. */
function history(files: string[]): { dir: string; base: string } {
  const dir = tempFolder({ 'kmsw.yaml': 'city: 昆明市\n' }, 'kmsw-ci-git-');
  return { dir, base: mergeRequest(dir, () => files.forEach((file) => addRecord(dir, file))) };
}

/** `dir` committed as `main` (also as origin/main), then `topic` with what `write` adds: the base commit. */
function mergeRequest(dir: string, write: () => void): string {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'base');
  const base = git('rev-parse', 'HEAD');
  git('update-ref', 'refs/remotes/origin/main', base);
  git('checkout', '-qb', 'topic');
  write();
  git('add', '.');
  git('commit', '-qm', 'records');
  return base;
}

function addRecord(dir: string, file: string): void {
  execFileSync('sh', ['-c', 'mkdir -p "$(dirname "$1")" && printf "form: log\\n" > "$1"', 'sh', file], { cwd: dir });
}

/** Runs the pipeline's month step under bash -eo pipefail (GitLab's shell), as the runner would. */
function monthFrom(pipeline: 'gitlab' | 'gitea', dir: string, env: Record<string, string>): string {
  const block = PIPELINES[pipeline].shell.find((s) => s.includes('KMSW_MONTHS="$('))!;
  // stdin not a pipe: bash reads ~/.bashrc when stdin is a socket (as if started by sshd), and Node's pipes are
  // sockets. A runner's shell reads no one's ~/.bashrc; here it cost ~1 s of CPU a run (pyenv, cargo).
  const run = spawnSync('bash', ['-eo', 'pipefail', '-c', `${block}\necho "month=$KMSW_MONTHS"`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, TZ: 'Asia/Shanghai', GITHUB_ENV: path.join(dir, '.github-env'), ...env },
  });
  expect(run.status, run.stderr).toBe(0);
  return /month=(.*)/.exec(run.stdout)![1]!;
}

describe('docs/ci: the month they check', () => {
  const beijingMonth = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);

  it(
    'is every month whose records the merge request changes (Chinese names too)',
    () => {
      const { dir, base } = history(['2026/09/log/2026-09-30-李明.yaml', '2026/10/group/2026-10-09-五华区-李明.yaml']);
      expect(monthFrom('gitlab', dir, { CI_MERGE_REQUEST_DIFF_BASE_SHA: base })).toBe('2026-09 2026-10');
      expect(monthFrom('gitea', dir, { GITHUB_BASE_REF: 'main' })).toBe('2026-09 2026-10');
      expect(readFileSync(path.join(dir, '.github-env'), 'utf8')).toBe('KMSW_MONTHS=2026-09 2026-10\n');
    },
    forRuns(4),
  );

  it(
    'is this month (Beijing time) when no record changed, or the base cannot be found',
    () => {
      const { dir } = history(['notes/说明.yaml']);
      // Taken before and after, so a run across midnight at a month's end passes too.
      const before = beijingMonth();
      const months = [
        monthFrom('gitlab', dir, { CI_MERGE_REQUEST_DIFF_BASE_SHA: 'main' }),
        monthFrom('gitlab', dir, { CI_MERGE_REQUEST_DIFF_BASE_SHA: '0123456789abcdef' }),
        monthFrom('gitea', dir, { GITHUB_BASE_REF: 'no-such-branch' }),
      ];
      const after = beijingMonth();
      for (const month of months) expect([before, after]).toContain(month);
    },
    forRuns(4),
  );
});

/**
 * A Git repository holding records.example on `main` (its remote-tracking `origin/main` too) and a branch `topic` that
 * writes `files` on top: a merge request of `topic` into `main`.
 */
function exampleHistory(files: Record<string, string>): { dir: string; base: string } {
  const dir = tempFolder({}, 'kmsw-ci-example-');
  cpSync(EXAMPLE, dir, { recursive: true });
  return { dir, base: mergeRequest(dir, () => Object.entries(files).forEach(([file, text]) => put(dir, file, text))) };
}

/**
 * Runs a pipeline's job as its runner would, under bash -eo pipefail, in `dir`, with this kmsw on PATH in place of the
 * npm install: GitLab's script as one shell; Gitea's steps one after the other, each given what the ones before wrote
 * to $GITHUB_ENV, up to the first that fails. Returns the job's exit code, the report it published and its log.
 */
function runJob(name: 'gitlab' | 'gitea', dir: string, env: Record<string, string>) {
  const bin = tempFolder({}, 'kmsw-ci-bin-');
  writeFileSync(path.join(bin, 'kmsw'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`, { mode: 0o755 });
  const githubEnv = path.join(tempFolder({}, 'kmsw-ci-env-'), 'env');
  writeFileSync(githubEnv, '');
  const blocks = PIPELINES[name].shell.filter((s) => !s.startsWith('npm install'));
  const steps = name === 'gitlab' ? [blocks.join('\n')] : blocks;
  let code = 0;
  let log = '';
  for (const step of steps) {
    const written = Object.fromEntries(
      readFileSync(githubEnv, 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const run = spawnSync('bash', ['-eo', 'pipefail', '-c', step], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        TZ: 'Asia/Shanghai',
        KMSW_TODAY: '2026-11-30',
        NO_COLOR: '1',
        GITHUB_ENV: githubEnv,
        ...written,
        ...env,
      },
    });
    log += run.stdout + run.stderr;
    code = run.status ?? -1;
    if (code !== 0) break;
  }
  const report = path.join(dir, PIPELINES[name].report);
  return { code, log, report: existsSync(report) ? readFileSync(report, 'utf8') : '' };
}

/** The merged report, against the schema of its format (tests/schemas/, as tests/ci-reports.test.ts uses them). */
const validReport = (() => {
  const schema = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'tests', 'schemas', name), 'utf8'));
  const sarif = new draft04.default({ strict: false, validateFormats: false }).compile(
    schema('sarif-schema-2.1.0.json'),
  );
  const gitlab = new Ajv({ strict: false, validateFormats: false })
    .addSchema(schema('gitlab-codeclimate.json'), 'codeclimate.json')
    .compile({ type: 'array', items: { $ref: 'codeclimate.json' } });
  return (name: 'gitlab' | 'gitea', report: unknown) => (name === 'gitlab' ? gitlab(report) : sarif(report));
})();

describe('docs/ci: the job, run on a merge request', () => {
  const OCTOBER = '2026/10/log/2026-10-15-李明.yaml';
  const NOVEMBER = '2026/11/log/2026-11-23-李明.yaml';
  const november = `${readFileSync(path.join(EXAMPLE, NOVEMBER), 'utf8')}# 补充\n`;
  const envOf = (name: 'gitlab' | 'gitea', base: string): Record<string, string> =>
    name === 'gitlab' ? { CI_MERGE_REQUEST_DIFF_BASE_SHA: base } : { GITHUB_BASE_REF: 'main' };

  it.each(['gitlab', 'gitea'] as const)(
    '%s: a broken record in an older month the merge request touches fails the job, and is in the one report',
    (name) => {
      const { dir, base } = exampleHistory({
        [OCTOBER]: 'form: log\nauthor: 李明\ndate: 2026-10-3x\n',
        [NOVEMBER]: november,
      });
      const job = runJob(name, dir, envOf(name, base));
      expect(job.code, job.log).not.toBe(0);
      expect(job.log).toContain(OCTOBER);
      const report = JSON.parse(job.report);
      expect(validReport(name, report)).toBe(true);
      // The schema refuses what its format forbids: the check above can fail.
      expect(validReport(name, name === 'gitlab' ? [{ location: 1 }] : { version: '2.1.0', runs: 1 })).toBe(false);
      const files =
        name === 'gitlab'
          ? report.map((i: { location: { path: string } }) => i.location.path)
          : report.runs[0].results.map(
              (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
                decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri),
            );
      expect(files).toContain(OCTOBER);
      expect(report.runs?.length ?? 1).toBe(1);
    },
    forRuns(6),
  );

  it.each(['gitlab', 'gitea'] as const)(
    '%s: records without errors in two months pass, the report holding their warnings and no error',
    (name) => {
      const october = readFileSync(path.join(EXAMPLE, NOVEMBER), 'utf8').replace(
        'date: 2026-11-23',
        'date: 2026-10-15',
      );
      const { dir, base } = exampleHistory({ [OCTOBER]: october, [NOVEMBER]: november });
      const job = runJob(name, dir, envOf(name, base));
      expect(job.code, job.log).toBe(0);
      expect(job.log).toContain('2026-10 2026-11');
      const report = JSON.parse(job.report);
      expect(validReport(name, report)).toBe(true);
      const levels =
        name === 'gitlab'
          ? report.map((i: { severity: string }) => i.severity)
          : report.runs[0].results.map((r: { level: string }) => r.level);
      // October's month has no monthly summary: a warning, which passes.
      expect(levels.length, job.report).toBeGreaterThan(0);
      expect(levels).not.toContain(name === 'gitlab' ? 'major' : 'error');
    },
    forRuns(6),
  );
});
