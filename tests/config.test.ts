/**
 * kmsw.yaml's own faults (issue 11.4): a misspelt key is an `unknown-field` diagnostic on kmsw.yaml
 * with line, column and the key it likely means, not dozens of warnings elsewhere; every fault the
 * schema can find is said in kmsw's words, never zod's (`期望 object，实际接收 string`).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/records/yaml.js';
import { check } from '../src/commands/check.js';
import { unknownConfigKeys } from '../src/config.js';
import { KmswError } from '../src/errors.js';
import { CONFIG, EXAMPLE, kmsw, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const TODAY = { KMSW_TODAY: '2026-11-27' };

const diagnostics = (config: string) => {
  const dir = tempFolder({ 'kmsw.yaml': config });
  const run = kmsw(['check', '--format', 'json', '--rule', 'unknown-field'], { cwd: dir, env: TODAY });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout).diagnostics as Array<{
    file: string;
    line: number;
    column: number;
    rule: string;
    field: string;
    message: string;
  }>;
};

/** What check() finds, in-process, with the same rule and day as `diagnostics` (no notes: nothing on stderr). */
const inProcess = async (config: string) => {
  const result = await check({
    root: tempFolder({ 'kmsw.yaml': config }),
    today: TODAY.KMSW_TODAY,
    rules: ['unknown-field'],
  });
  expect(result.notes).toEqual([]);
  return result.diagnostics;
};

describe('unknown keys in kmsw.yaml', () => {
  it.each([
    [
      'expert: at the top',
      CONFIG.replace('experts:', 'expert:'),
      'expert',
      /kmsw\.yaml 没有“expert”这一项，它会被忽略：是不是 experts？/,
    ],
    ['assistant: at the top', CONFIG.replace('assistants:', 'assistant:'), 'assistant', /是不是 assistants？/],
    [
      'statons: in a county',
      CONFIG.replace('stations: [拓东', 'statons: [拓东'),
      'counties.盘龙区.statons',
      /counties\.盘龙区 没有“statons”这一项.*是不是 stations？/,
    ],
    [
      'sice: in an assistant',
      CONFIG.replace('{ name: 李明, since: 2026-11-23 }', '{ name: 李明, since: 2026-11-23, sice: 1 }'),
      'assistants.0.sice',
      /是不是 since？/,
    ],
    [
      'titel: in an expert',
      CONFIG.replace('title: 中级社会工作师', 'titel: 中级社会工作师'),
      'experts.0.titel',
      /是不是 title？/,
    ],
    [
      'contcat: in an org',
      CONFIG.replace('contact: "0871', 'contcat: "0871'),
      'counties.五华区.org.contcat',
      /是不是 contact？/,
    ],
    [
      'a key unlike any',
      `${CONFIG}备注: 测试\n`,
      '备注',
      /可写的有：city、centre、assistants、experts、counties、rules/,
    ],
  ])('%s: unknown-field on kmsw.yaml at its key, with a guess', async (name, config, field, message) => {
    // The first case through the command line; the others in-process, through check() (whose result
    // `check --format json` prints as it is): a spawn costs ~0.25 s of CPU.
    const found = (name === 'expert: at the top' ? diagnostics(config) : await inProcess(config)).filter(
      (d) => d.rule === 'unknown-field',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'kmsw.yaml', field });
    expect(found[0]!.message).toMatch(message);
    const key = field.split('.').at(-1)!;
    const line = config.split('\n')[found[0]!.line - 1]!;
    expect(line.slice(found[0]!.column - 1)).toMatch(new RegExp(`^${key}:`));
  });

  it('a clean kmsw.yaml has none, and rules: is left to the rules', () => {
    expect(unknownConfigKeys(parseYaml(`${CONFIG}rules:\n  min-chars: { log.content: 300 }\n`))).toEqual([]);
  });

  it('commands that only read kmsw.yaml proceed', () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG.replace('experts:', 'expert:') });
    expect(kmsw(['new', 'log', '--yes', '--as', '李明'], { cwd: dir, env: TODAY }).code).toBe(0);
    expect(kmsw(['status'], { cwd: dir, env: TODAY }).code).toBe(0);
  });
});

describe("kmsw.yaml's faults in kmsw's words", () => {
  it.each([
    [
      'a bare assistant name',
      'assistants: [刘思远]\n',
      /kmsw\.yaml:1:\d+: assistants\.0：每位督导助理写成 \{ name: 刘思远, since: 2026-01-05 \}.*这里写的是“刘思远”/,
    ],
    ['assistants as one name', 'assistants: 刘思远\n', /assistants：assistants 是督导助理的列表，每人一行/],
    [
      'an assistant without since',
      'assistants:\n  - { name: 李明 }\n',
      /kmsw\.yaml:2:\d+: assistants\.0\.since：since 应是日期，如 2026-01-05/,
    ],
    [
      'a since that is not a date',
      'assistants:\n  - { name: 李明, since: 昨天 }\n',
      /assistants\.0\.since：应写成 2026-11-28 这样的日期/,
    ],
    [
      'a name that is a list',
      'assistants:\n  - { name: [李, 明], since: 2026-11-23 }\n',
      /assistants\.0\.name：请填写姓名/,
    ],
    ['an empty name', 'assistants:\n  - { name: "", since: 2026-11-23 }\n', /assistants\.0\.name：请填写姓名/],
    ['an expert as a name', 'experts: [王芳]\n', /experts\.0：每位督导专家写成 \{ name: 王芳, kind: 专业技术督导/],
    [
      'an expert of an unknown kind',
      'experts:\n  - { name: 王芳, kind: 技术督导 }\n',
      /experts\.0\.kind：督导专家的类别应为 行政协同督导 或 专业技术督导，这里写的是“技术督导”/,
    ],
    ['counties as a list', 'counties: [五华区]\n', /counties：counties 按县（市、区）列出社工站/],
    ['a county as a list', 'counties:\n  五华区: [红云街道社工站]\n', /counties\.五华区：每个县（市、区）写成 \{ org:/],
    [
      'stations as one name',
      'counties:\n  五华区:\n    stations: 红云街道社工站\n',
      /counties\.五华区\.stations：stations 是社工站名称的列表.*这里写的是“红云街道社工站”/,
    ],
    [
      'a station that is a map',
      'counties:\n  五华区:\n    stations: [{ a: 1 }]\n',
      /counties\.五华区\.stations\.0：社工站名称应是一段文字/,
    ],
    ['org as text', 'counties:\n  五华区:\n    org: 某中心\n', /counties\.五华区\.org：org 是运营机构/],
    [
      'an org name that is a list',
      'counties:\n  五华区:\n    org: { name: [a] }\n',
      /counties\.五华区\.org\.name：应是一段文字/,
    ],
    ['city as a list', 'city: [昆明]\n', /city：应是一段文字/],
    ['rules as a list', 'rules: [1]\n', /rules：rules 写成“规则: 设置”/],
    ['a list for the whole file', '- a\n- b\n', /kmsw\.yaml:1:1: \(整个文件\)：kmsw\.yaml 应由“键: 值”组成/],
  ])('%s', async (name, config, message) => {
    // The first case through the command line (exit 2, the message on stderr; the English one below in-process);
    // the others in-process: main() prints what check() throws after "kmsw: " and exits with its code.
    if (name === 'a bare assistant name') {
      const run = kmsw(['check'], { cwd: tempFolder({ 'kmsw.yaml': config }), env: TODAY });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/期望|实际接收|expected|received|Invalid/i);
      return;
    }
    const error = await check({ root: tempFolder({ 'kmsw.yaml': config }), today: TODAY.KMSW_TODAY }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KmswError);
    expect((error as KmswError).exitCode).toBe(2);
    const said = (error as KmswError).message;
    expect(said).toMatch(message);
    expect(said).not.toMatch(/期望|实际接收|expected|received|Invalid/i);
  });

  it('in English too', async () => {
    // In-process (main(), tests/support/in-process.ts): the Chinese refusal above is spawned.
    const run = await kmswInProcess(['--lang', 'en', 'check'], {
      cwd: tempFolder({ 'kmsw.yaml': 'assistants: [刘思远]\n' }),
      env: TODAY,
    });
    expect(run.stderr).toMatch(
      /assistants\.0: write each assistant as \{ name: 刘思远, since: 2026-01-05 \}.*found “刘思远”/,
    );
  });
});

describe('a full-width comma in a list of kmsw.yaml', () => {
  // kmsw.yaml has no form, so no field is prose: `stations: [红云，华山]` is one station named "红云，华山" unless the
  // `，` is reported. It used to be taken for prose and left unsaid, and every record naming a station was blamed.
  it('is reported on kmsw.yaml as fullwidth-syntax, and --fix mends it', () => {
    const dir = tempFolder({}, 'kmsw-config-comma-');
    cpSync(EXAMPLE, dir, { recursive: true });
    const file = path.join(dir, 'kmsw.yaml');
    const written = readFileSync(file, 'utf8');
    const line = written.split('\n').findIndex((l) => l.includes('stations: [红云街道社工站, 华山街道社工站')) + 1;
    writeFileSync(file, written.replace('[红云街道社工站, 华山街道社工站, ', '[红云街道社工站，华山街道社工站，'));
    const found = (run: ReturnType<typeof kmsw>) =>
      (JSON.parse(run.stdout) as { diagnostics: Array<{ file: string; rule: string; line: number }> }).diagnostics;
    const before = found(kmsw(['--dir', dir, 'check', '--no-cache', '--format', 'json'], { env: TODAY }));
    expect(before.filter((d) => d.file === 'kmsw.yaml').map((d) => [d.rule, d.line])).toEqual([
      ['fullwidth-syntax', line],
      ['fullwidth-syntax', line],
    ]);
    const fixed = kmsw(['--dir', dir, 'check', '--fix'], { env: TODAY });
    expect(`${fixed.stdout}${fixed.stderr}`).toContain('kmsw.yaml');
    expect(readFileSync(file, 'utf8')).toBe(written);
  });
});
