import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FORMS } from '../src/forms/index.js';
import { CONFIG, EXAMPLE, EXAMPLE_RECORDS, kmsw, snapshot, tempFolder } from './helpers.js';
import { newInProcess } from './support/new-in-process.js';
import { kmswInProcess } from './support/in-process.js';

const TODAY = { KMSW_TODAY: '2026-11-28' };

/** The arguments that name each form's record, and the path the spec says it gets. */
const CASES: Record<string, { set: string[]; path: string; values: Record<string, unknown> }> = {
  log: {
    set: ['--as', '李明'],
    path: '2026/11/log/2026-11-28-李明.yaml',
    values: { author: '李明', date: '2026-11-28' },
  },
  monthly: {
    set: ['--as', '赵雪'],
    path: '2026/11/monthly/2026-11-赵雪.yaml',
    values: { author: '赵雪', month: '2026-11', date: '2026-11-28' },
  },
  record: {
    set: ['--set', 'supervisee=张丽', '--set', 'supervisor=王芳', '--set', 'method=面谈', '--as', '李明'],
    path: '2026/11/record/2026-11-28-张丽-李明.yaml',
    values: {
      supervisee: '张丽',
      method: '面谈',
      signatures: { worker: { name: '张丽', date: null }, supervisor: { name: '王芳', date: null } },
    },
  },
  group: {
    set: ['--set', 'county=五华区', '--set', 'experts=王芳,陈建国', '--set', 'mode=线下', '--as', '李明'],
    // The writer's name joins the county, so two assistants' records of one session never share a path.
    path: '2026/11/group/2026-11-28-五华区-李明.yaml',
    values: {
      city: '昆明市',
      county: '五华区',
      experts: ['王芳', '陈建国'],
      assistants: ['李明'],
      signature: { name: '王芳', date: null },
    },
  },
  individual: {
    set: ['--set', 'worker=周强', '--set', 'type=专项督导', '--as', '赵雪'],
    path: '2026/11/individual/2026-11-28-周强-赵雪.yaml',
    values: { worker: '周强', type: '专项督导' },
  },
  needs: {
    set: ['--set', 'station=红云街道社工站', '--set', 'county=五华区', '--as', '李明'],
    path: '2026/11/needs/2026-11-28-红云街道社工站-李明.yaml',
    values: { station: '红云街道社工站' },
  },
  case: {
    set: ['--set', 'title=社区睦邻互助', '--as', '李明'],
    path: '2026/11/case/2026-11-28-社区睦邻互助-李明.yaml',
    values: { title: '社区睦邻互助' },
  },
  roster: {
    set: ['--set', 'county=五华区', '--as', '李明'],
    path: '2026/11/roster/2026-11-28-五华区-李明.yaml',
    values: {
      county: '五华区',
      assistant: '李明',
      org: { head: '赵敏' },
      staff: [{ station: '红云街道社工站' }, { station: '华山街道社工站' }],
    },
  },
  sites: {
    // The writer is the assistant the record names.
    set: ['--set', 'county=盘龙区', '--set', 'date=2026年11月20日', '--set', 'assistant=赵雪'],
    path: '2026/11/sites/2026-11-20-盘龙区-赵雪.yaml',
    values: { county: '盘龙区', date: '2026-11-20', assistant: '赵雪', stations: [{ name: '拓东街道社工站' }] },
  },
  survey: {
    set: ['--set', 'county=五华区', '--set', 'session=2026-11-20-五华区.yaml', '--as', '赵雪'],
    path: '2026/11/survey/2026-11-28-五华区-赵雪.yaml',
    values: { session: '2026-11-20-五华区.yaml' },
  },
};

const folder = () => tempFolder({ 'kmsw.yaml': CONFIG });

/**
 * A form the spec cases above do not name yet: the header `new` asks for, set from its example record
 * (records.example), and a path under 2026/11/<form>/ dated this day or month.
 */
function exampleCase(form: (typeof FORMS)[number]): { set: string[]; path: RegExp; values: Record<string, unknown> } {
  const file = EXAMPLE_RECORDS.find((f) => f.split('/')[2] === form.key)!;
  const record = parse(readFileSync(path.join(EXAMPLE, file), 'utf8')) as Record<string, unknown>;
  const asked = form.ask.filter((key) => key !== form.dateField && record[key] !== undefined && record[key] !== null);
  const text = (value: unknown) => (Array.isArray(value) ? value.join(',') : String(value));
  // Who writes it: its file name carries the writer when the record does not name one.
  const set = [...asked.flatMap((key) => ['--set', `${key}=${text(record[key])}`]), '--as', '李明'];
  return { set, path: new RegExp(`2026/11/${form.key}/2026-11-[^/\\s]+\\.yaml`), values: { form: form.key } };
}

describe('kmsw new --yes', () => {
  it('has its spec cases only for forms of the table', () => {
    expect(FORMS.map((f) => f.key)).toEqual(expect.arrayContaining(Object.keys(CASES)));
  });

  it.each(FORMS.map((f) => [f.key, f] as const))(
    '%s: writes the scaffold at the spec path, never over the first one',
    async (key, form) => {
      const dir = folder();
      const c = CASES[key] ?? exampleCase(form);
      // log (--as) and record (--set) through the command line; the other forms in-process, through the
      // newRecord() that `kmsw new` calls with the same options and whose file it prints (new-in-process.ts).
      const spawned = key === 'log' || key === 'record';
      const run = async (args: string[]) => {
        if (spawned) {
          const r = kmsw(['new', key, ...args], { cwd: dir, env: TODAY });
          expect(r.stderr).toBe('');
          expect(r.code).toBe(0);
          return r.stdout;
        }
        const { result, error } = await newInProcess(dir, key, args, { today: TODAY.KMSW_TODAY });
        expect(error).toBeUndefined();
        return result!.relative;
      };
      const first = await run(['--yes', ...c.set]);
      expect(first).toMatch(c.path);
      const written = typeof c.path === 'string' ? c.path : c.path.exec(first)![0];
      const text = readFileSync(path.join(dir, written), 'utf8');
      const value = parse(text);
      expect(value).toMatchObject({ form: key, ...c.values });
      for (const field of Object.values(form.fields)) expect(text).toContain(`# ${field.label}`);

      writeFileSync(path.join(dir, written), `${text}# 已经开始填写\n`);
      // A second log (summary) by one author for one day (month) takes --force (tests/new-safety.test.ts).
      const second = await run(['--yes', ...c.set, ...(form.unique ? ['--force'] : [])]);
      const again = written.replace(/\.yaml$/, '-2.yaml');
      expect(second).toContain(again);
      expect(readFileSync(path.join(dir, written), 'utf8')).toBe(`${text}# 已经开始填写\n`);
      expect(readFileSync(path.join(dir, again), 'utf8')).toBe(text);
    },
  );

  // The first through the real binary; KMSW_USER in-process, through main(), which reads it from the environment.
  it('takes the only assistant of kmsw.yaml as the author, and KMSW_USER over it', async () => {
    const dir = tempFolder({ 'kmsw.yaml': 'assistants: [{ name: 李明, since: 2026-01-05 }]\n' });
    expect(kmsw(['new', 'log', '--yes'], { cwd: dir, env: TODAY }).stdout).toContain('2026-11-28-李明.yaml');
    expect(
      (await kmswInProcess(['new', 'log', '--yes'], { cwd: dir, env: { ...TODAY, KMSW_USER: '赵雪' } })).stdout,
    ).toContain('2026-11-28-赵雪.yaml');
  });

  it('opens the new file in $EDITOR with --edit', () => {
    const dir = folder();
    const editor = path.join(dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\necho "# 在编辑器里写的" >> "$1"\n', { mode: 0o755 });
    const run = kmsw(['new', 'log', '--yes', '--as', '李明', '--edit'], {
      cwd: dir,
      env: { ...TODAY, EDITOR: editor, VISUAL: '' },
    });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, '2026/11/log/2026-11-28-李明.yaml'), 'utf8')).toMatch(/# 在编辑器里写的\n$/);
    const missing = kmsw(['new', 'log', '--yes', '--as', '赵雪', '--edit'], {
      cwd: dir,
      env: { ...TODAY, EDITOR: '/nonexistent/editor', VISUAL: '' },
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/无法打开编辑器.*文件已写好/);
  });

  it('works from a subfolder and with --dir, on a path with spaces and Chinese', async () => {
    const dir = tempFolder({ '督导 资料/kmsw.yaml': CONFIG, '督导 资料/2026/readme.txt': '' });
    const root = path.join(dir, '督导 资料');
    expect(kmsw(['new', 'log', '--yes', '--as', '李明'], { cwd: path.join(root, '2026'), env: TODAY }).code).toBe(0);
    // --dir in-process, through main(), which the binary runs: its folder is found from the argument alone.
    expect(
      (await kmswInProcess(['--dir', root, 'new', 'log', '--yes', '--as', '赵雪'], { cwd: dir, env: TODAY })).code,
    ).toBe(0);
    expect(readdirSync(path.join(root, '2026/11/log')).sort()).toEqual([
      '2026-11-28-李明.yaml',
      '2026-11-28-赵雪.yaml',
    ]);
  });
});

describe('kmsw new refuses what it cannot do, and writes nothing', () => {
  it.each([
    [
      ['new', 'lgo', '--yes'],
      /没有名为“lgo”的表格，是不是 log？[\s\S]*log\s+督导工作日志[\s\S]*survey\s+督导满意度调研表/,
    ],
    [['new', 'mothly', '--yes'], /是不是 monthly？/],
    [['new', '--yes'], /请指定表格/],
    [['new', 'record', '--yes'], /请给出督导对象.*--set supervisee=/],
    [['new', 'log', '--yes', '--set', 'date=2026-11-31', '--as', '李明'], /--set date（日期）：2026年11月没有31日/],
    [['new', 'log', '--yes', '--set', 'dat=2026-11-20', '--as', '李明'], /督导工作日志没有字段“dat”，是不是 date？/],
    [
      ['new', 'record', '--yes', '--set', 'supervisee=张丽', '--set', 'method=见面'],
      /--set method（督导方式）：应为以下之一：面谈、邮件、电话、其他/,
    ],
    [['new', 'log', '--yes', '--set', 'author'], /--set 应写成 字段=值/],
    [['new', 'log', '--yes', '--today', '11月28日'], /--today.*不是日期/],
    [['new', 'log', '--bogus'], /kmsw new 没有选项 --bogus/],
  ])('%j', async (args, message) => {
    const dir = folder();
    const before = snapshot(dir);
    // Through the command line: the first (the form list). What only the command line reads (--today, an unknown
    // option) through main() in-process, which the binary runs: its exit code and stderr (tests/support/in-process.ts;
    // commander's complaints are spawned in tests/cli-words.test.ts). The others are newRecord()'s refusals,
    // in-process: main() prints its KmswError.
    if (args[1] === 'lgo' || args.some((a) => a.startsWith('--today') || a === '--bogus')) {
      const run = args[1] === 'lgo' ? kmsw(args, { cwd: dir }) : await kmswInProcess(args, { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    } else {
      const form = args[1]?.startsWith('-') ? undefined : args[1];
      const { error } = await newInProcess(dir, form, args.slice(form ? 2 : 1), { today: TODAY.KMSW_TODAY });
      expect(error?.exitCode).toBe(2);
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toMatch(/at .*\.js:\d+/);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  // The record written through the real binary (stdout as a user reads it); the refusals and the help in-process,
  // through main(), which the binary runs (tests/support/in-process.ts), KMSW_LANG in its environment.
  it('speaks English with --lang en or KMSW_LANG=en; the forms keep their official Chinese names', async () => {
    const dir = folder();
    const unknown = await kmswInProcess(['--lang', 'en', 'new', 'lgo', '--yes'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/There is no form "lgo"; did you mean log\? The forms:\n\s+log\s+督导工作日志/);
    const badDate = await kmswInProcess(['new', 'log', '--yes', '--as', '李明', '--set', 'date=2026-02-30'], {
      cwd: dir,
      env: { KMSW_LANG: 'en' },
    });
    expect(badDate.stderr).toContain('--set date (日期): 2026-02 has no day 30');
    const made = kmsw(['new', 'log', '--yes', '--as', '李明', '--lang=en'], { cwd: dir, env: TODAY });
    expect(made.stdout).toContain('New log (督导工作日志): 2026/11/log/2026-11-28-李明.yaml');
    expect((await kmswInProcess(['--help'], { env: { KMSW_LANG: 'en' } })).stdout).toMatch(
      /Usage: kmsw[\s\S]*make a records folder/,
    );
  });

  it('lists the forms with --list', () => {
    const run = kmsw(['new', '--list']);
    expect(run.code).toBe(0);
    for (const form of FORMS)
      expect(run.stdout).toMatch(new RegExp(`${form.key}\\s+${form.title.replace(/[()（）]/g, '.')}`));
  });

  // `kmsw new --help` through the real binary (the build loads the forms table only for `new`: tests/build.test.ts);
  // the other two ways in-process, through main(), which the binary runs and which reads `new` in them the same way.
  it('names every form of the table in its help, however the help is asked for', async () => {
    for (const args of [
      ['new', '--help'],
      ['help', 'new'],
      ['--lang', 'en', 'new', '-h'],
    ]) {
      const run = args[0] === 'new' ? kmsw(args) : await kmswInProcess(args);
      expect(run.code).toBe(0);
      expect(run.stdout.replace(/\s+/g, ' ')).toContain(FORMS.map((f) => f.key).join(' '));
    }
  });

  it('says where to start when there is no records folder', () => {
    const run = kmsw(['new', 'log', '--yes'], { cwd: tempFolder() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/找不到 kmsw\.yaml.*kmsw init/);
  });

  it('points at the line of a broken kmsw.yaml', () => {
    const dir = tempFolder({ 'kmsw.yaml': 'city: 昆明市\nexperts:\n  - { name: 王芳, kind: 专家督导 }\n' });
    const run = kmsw(['new', 'log', '--yes', '--as', '李明'], { cwd: dir, env: TODAY });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /kmsw\.yaml:3:\d+: experts\.0\.kind：督导专家的类别应为 行政协同督导 或 专业技术督导，这里写的是“专家督导”/,
    );
    const syntax = kmsw(['new', 'log', '--yes', '--as', '李明'], {
      cwd: tempFolder({ 'kmsw.yaml': 'city: [昆明市\n' }),
      env: TODAY,
    });
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/kmsw\.yaml:\d+:\d+: 方括号 \[ \] 或花括号 \{ \} 没有收尾/);
  });
});
