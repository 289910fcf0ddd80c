import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Config } from '../src/config.js';
import type { Fields } from '../src/forms/fields.js';
import { FORMS, formByKey } from '../src/forms/index.js';
import { scaffold } from '../src/forms/scaffold.js';
import { listRecordFiles, loadFile } from '../src/records/load.js';
import { validateRecord } from '../src/forms/validate.js';
import { parseYaml } from '../src/records/yaml.js';
import { countChars } from '../src/values/chars.js';
import { EXAMPLE } from './helpers.js';

const config: Config = {
  city: '昆明市',
  centre: '昆明市社会工作服务站督导中心',
  assistants: [{ name: '李明', since: '2026-11-23' }],
  experts: [{ name: '王芳', kind: '专业技术督导', title: undefined }],
  counties: {
    五华区: {
      org: { name: '某中心', head: '赵敏', title: '主任', contact: '0871' },
      stations: ['红云街道社工站', '华山街道社工站'],
    },
  },
  rules: {},
};

function validate(key: string, yaml: string) {
  return validateRecord(formByKey(key)!, parseYaml(yaml));
}

/** Every text field with a 字 minimum, with its path. */
function minimums(fields: Fields, prefix = ''): Array<[string, number]> {
  return Object.entries(fields).flatMap(([key, f]) => {
    if (f.kind === 'text' && f.min) return [[`${prefix}${key}`, f.min] as [string, number]];
    if (f.kind === 'group') return minimums(f.fields, `${prefix}${key}.`);
    return [];
  });
}

describe('the forms table', () => {
  it('holds the ten forms of the spec in its order, each with its official title (a new form may join them)', () => {
    const spec = [
      ['log', '督导工作日志'],
      ['monthly', '督导工作月度总结'],
      ['record', '督导记录表'],
      ['group', '团体督导记录表'],
      ['individual', '个别督导登记表'],
      ['needs', '已有项目化运营站点督导需求统计表'],
      ['case', '社会工作服务站案例收集需求表'],
      ['roster', '乡镇（街道）社工站点人员情况统计总表'],
      ['sites', '乡镇（街道）社工站点实体建设情况统计总表'],
      ['survey', '督导满意度调研表'],
    ];
    const ofSpec = FORMS.filter((f) => spec.some(([key]) => key === f.key));
    expect(ofSpec.map((f) => [f.key, f.title])).toEqual(spec);
  });

  it('knows the 字 minimums of the handbook', () => {
    expect(minimums(formByKey('log')!.fields)).toEqual([['content', 300]]);
    expect(minimums(formByKey('monthly')!.fields)).toEqual([
      ['content', 300],
      ['review', 150],
      ['plan', 200],
    ]);
  });

  it.each(FORMS.map((f) => [f.key, f] as const))(
    '%s: asks only for fields it has, and dates and names its files by them',
    (_, form) => {
      for (const key of [...form.ask, form.dateField, form.slugField]) expect(form.fields).toHaveProperty(key);
    },
  );
});

describe('scaffolds', () => {
  it.each(FORMS.map((f) => [f.key, f] as const))(
    '%s: parses as YAML, with a comment naming every field',
    (key, form) => {
      const text = scaffold(form, {
        ...(form.prefill?.({ county: '五华区' }, config) ?? {}),
        county: '五华区',
        date: '2026-11-28',
      });
      const value = parse(text) as Record<string, unknown>;
      expect(value.form).toBe(key);
      expect(Object.keys(value)).toEqual(['form', ...Object.keys(form.fields)]);
      for (const field of Object.values(form.fields)) expect(text).toContain(`# ${field.label}`);
      expect(text.endsWith('\n')).toBe(true);
    },
  );

  it('writes the rule beside the label, as the paper form does', () => {
    const text = scaffold(formByKey('log')!, { author: '李明', date: '2026-11-28' });
    expect(text).toContain('# 当日工作内容（不少于300字）：本日工作分类汇总，包括工作任务、会议或培训、督导过程');
    expect(scaffold(formByKey('record')!, {})).toContain('# 督导方式（面谈 | 邮件 | 电话 | 其他）');
    expect(scaffold(formByKey('roster')!, {})).toContain('年龄（选填）');
  });

  it('fills one row per station of the county, and the org from kmsw.yaml', () => {
    const sites = formByKey('sites')!;
    const value = parse(scaffold(sites, { county: '五华区', ...sites.prefill!({ county: '五华区' }, config) }));
    expect(value.stations.map((s: { name: string }) => s.name)).toEqual(['红云街道社工站', '华山街道社工站']);
    expect(value.org).toEqual({ name: '某中心', head: '赵敏', title: '主任', contact: '0871' });
  });

  it('writes back whatever text a person gives, however it must be quoted (property)', () => {
    const record = formByKey('record')!;
    const line = fc.string({ unit: 'grapheme', minLength: 1 }).filter((t) => t.trim() === t && !/[\n\r]/.test(t));
    const block = fc
      .array(
        fc.string({ unit: 'grapheme' }).filter((t) => !/[\r\n]/.test(t)),
        { minLength: 2, maxLength: 4 },
      )
      .map((lines) => lines.map((l) => `x${l}`).join('\n'));
    fc.assert(
      fc.property(line, block, (who, content) => {
        const value = parse(scaffold(record, { supervisee: who, location: who, content }));
        expect(value.supervisee).toBe(who);
        expect(value.location).toBe(who);
        expect(value.content.replace(/\n$/, '')).toBe(content);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a blank scaffold invalid at the very lines a person must fill', () => {
    const text = scaffold(formByKey('log')!, { author: '李明', date: '2026-11-28' });
    const { issues } = validate('log', text);
    const lines = text.split('\n');
    expect(issues.map((i) => [i.field, i.rule])).toEqual([
      ['content', 'required'],
      ['plan.0', 'required'],
    ]);
    expect(lines[issues[0]!.line - 1]).toMatch(/^content:/);
  });
});

describe('validateRecord', () => {
  const log = (extra: string) =>
    `form: log\nauthor: 李明\ndate: 2026-11-28\ncontent: 今天的工作\nplan: [联系社工站]\n${extra}`;

  it('normalises what it reads: days, minutes, ratings by label, ✓ marks', () => {
    expect(
      validate(
        'log',
        'form: log\nauthor: 李明\ndate: 2026年11月28日\ncontent: x\nplan: |\n  1、联系社工站\n  2、整理台账\n',
      ).data,
    ).toMatchObject({
      date: '2026-11-28',
      plan: ['联系社工站', '整理台账'],
    });
    // Written over lines without `|`, YAML folds the plan into one line: split again where its numbers run on.
    const folded = (plan: string) =>
      validate('log', `form: log\nauthor: 李明\ndate: 2026-11-28\ncontent: x\nplan: ${plan}\n`).data?.plan;
    expect(folded('1、到盘龙区开展个别督导\n  2、整理本周督导资料')).toEqual([
      '到盘龙区开展个别督导',
      '整理本周督导资料',
    ]);
    expect(folded('1. 联系 2.5 小时 2) 走访 3、汇总 5、不是第4项')).toEqual([
      '联系 2.5 小时',
      '走访',
      '汇总 5、不是第4项',
    ]);
    expect(folded('联系社工站 2、整理台账')).toEqual(['联系社工站 2、整理台账']);
    expect(folded('1、整理 2 份台账')).toEqual(['整理 2 份台账']);
    const record = readFileSync(path.join(EXAMPLE, '2026/11/record/2026-11-24-张丽.yaml'), 'utf8');
    expect(validate('record', record).data).toMatchObject({
      duration: 90,
      signatures: { worker: { name: '张丽', date: '2026-11-26' } },
    });
    const survey = readFileSync(path.join(EXAMPLE, '2026/11/survey/2026-11-20-五华区.yaml'), 'utf8');
    expect((validate('survey', survey).data!.responses as number[][])[6]).toEqual([5, 4, 5, 4, 3, 4, 5]);
  });

  it.each([
    ['date: 2026-11-31', 'date', 'invalid-value', /2026年11月没有31日/],
    ['date: 明天', 'date', 'invalid-value', /日期：应写成 2026-11-28 这样的日期/],
    ['date:', 'date', 'required', /缺少日期/],
    ['content: [a, b]', 'content', 'invalid-value', /当日工作内容：应为文字/],
    ['plan: []', 'plan', 'required', /明日工作计划是空的/],
    ['plan: 7', 'plan', 'invalid-value', /明日工作计划：应为列表/],
  ])('%j → %s %s', (line, field, rule, message) => {
    const text = log('').replace(new RegExp(`^${field}:.*$`, 'm'), line);
    const { issues } = validate('log', text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field, rule, message: expect.stringMatching(message) });
    expect(text.split('\n')[issues[0]!.line - 1]).toMatch(new RegExp(`^${field}:`));
  });

  it('names the row and the column of a table cell at fault', () => {
    const text = [
      'form: roster',
      'city: 昆明市',
      'county: 五华区',
      'date: 2026-11-10',
      'assistant: 李明',
      'org: { name: 某中心, head: 赵敏, title: 主任, contact: "0871" }',
      'staff:',
      '  - { station: 红云街道社工站, name: 张丽, gender: 女, age: 29, hired: 2023-03, major: 社会工作, education: 本科 }',
      '  - { station: 红云街道社工站, name: 刘洋, gender: 男性, hired: 2024-09, major: 社会学, education: 本科 }',
    ].join('\n');
    const { issues } = validate('roster', text);
    expect(issues.map((i) => [i.field, i.rule, i.line])).toEqual([
      ['staff.1.gender', 'invalid-value', 9],
      ['staff.1.age', 'required', 9],
    ]);
    expect(issues[0]!.message).toBe('社工 第2行 性别：应为以下之一：男、女（是不是 男？）');
    expect(issues[0]!.column).toBe(text.split('\n')[8]!.indexOf('男性') + 1);
  });

  it('guesses the choice meant by the handbook’s other words or a slip, and guesses nothing else', () => {
    const said = (form: string, key: string, value: string, rest: string[]) =>
      validate(form, [`form: ${form}`, ...rest, `${key}: ${value}`].join('\n')).issues.find((i) => i.field === key)
        ?.message;
    const group = ['date: 2026-11-10', 'county: 五华区'];
    expect(said('group', 'mode', '面对面', group)).toBe('督导形式：应为以下之一：线下、线上（是不是 线下？）');
    expect(said('group', 'mode', '网络', group)).toMatch(/（是不是 线上？）$/);
    expect(said('group', 'mode', '电话', group)).toBe('督导形式：应为以下之一：线下、线上');
    expect(said('record', 'type', '个别督导', [])).toMatch(/（是不是 个人督导？）$/);
    expect(said('needs', 'type', '个别督导', [])).toMatch(/（是不是 个体督导？）$/);
    expect(said('record', 'method', '面对面', [])).toMatch(/（是不是 面谈？）$/);
    expect(said('evaluation', 'result', '合格了没有', [])).not.toMatch(/是不是/);
  });

  it('reads a rating out of range and a short questionnaire as invalid', () => {
    const { issues } = validate(
      'survey',
      'form: survey\ncounty: 五华区\ndate: 2026-11-20\nresponses:\n  - [5, 5, 5, 5, 5, 5, 6]\n  - [5, 5]\n',
    );
    expect(issues.map((i) => [i.field, i.rule, i.line])).toEqual([
      ['responses.0.6', 'invalid-value', 5],
      ['responses.1', 'invalid-value', 6],
    ]);
  });

  it('leaves a missing signature to the signature rules, but refuses a signature date that is not a date', () => {
    const record = readFileSync(path.join(EXAMPLE, '2026/11/record/2026-11-24-张丽.yaml'), 'utf8');
    expect(validate('record', record.replace(/signatures:[\s\S]*$/, '')).issues).toEqual([]);
    const { issues } = validate('record', record.replace('date: 2026-11-26', 'date: 下周一'));
    expect(issues.map((i) => [i.field, i.rule])).toEqual([['signatures.worker.date', 'invalid-value']]);
  });
});

describe('records.example', async () => {
  const files = await listRecordFiles(EXAMPLE);

  it('has a week of logs for each assistant and a record of every form', () => {
    const forms = new Set(files.map((f) => f.split('/')[2]));
    expect([...forms].sort()).toEqual(FORMS.map((f) => f.key).sort());
    for (const who of ['李明', '赵雪'])
      expect(
        files.filter((f) => f.startsWith('2026/11/log/') && f.endsWith(`-${who}.yaml`)).length,
      ).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s is a valid record with enough 字', (file) => {
    const loaded = loadFile(EXAMPLE, file);
    expect(loaded.problem).toBeUndefined();
    const value = loaded.parsed!.value as Record<string, unknown>;
    const form = formByKey(value.form)!;
    expect(file.split('/')[2]).toBe(form.key);
    const { data, issues } = validateRecord(form, loaded.parsed!);
    expect(issues).toEqual([]);
    for (const [key, min] of minimums(form.fields)) {
      const text = key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], data) as string;
      expect(countChars(text), `${key}: ${countChars(text)}/${min}字`).toBeGreaterThanOrEqual(min);
    }
  });
});
