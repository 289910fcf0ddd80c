/** The JSON Schemas that `kmsw schema` writes, checked with a real validator (ajv, as editors use). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLE, EXAMPLE_RECORDS, kmsw, tempFolder, CONFIG } from './helpers.js';
import { FORM_KEYS } from '../src/forms/index.js';
import { listRecordFiles } from '../src/records/load.js';

function writtenSchemas() {
  const dir = tempFolder({ 'kmsw.yaml': CONFIG });
  const run = kmsw(['schema'], { cwd: dir });
  expect(run.code).toBe(0);
  const ajv = new Ajv({ allErrors: true, strict: false });
  const schema = (f: string) => JSON.parse(readFileSync(path.join(dir, 'schemas', `${f}.json`), 'utf8'));
  return Object.fromEntries(FORM_KEYS.map((f) => [f, ajv.compile(schema(f))]));
}

describe('kmsw schema', () => {
  const validators = writtenSchemas();

  it('accepts every record of records.example', async () => {
    const files = await listRecordFiles(EXAMPLE);
    expect(files).toEqual(EXAMPLE_RECORDS);
    for (const file of files) {
      const value = parse(readFileSync(path.join(EXAMPLE, file), 'utf8'));
      const validate = validators[value.form]!;
      expect(validate(value), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('refuses what check calls required, invalid-value and unknown-field', () => {
    const log = { form: 'log', author: '李明', date: '2026-11-28', content: '字'.repeat(300), plan: ['写总结'] };
    expect(validators.log!(log)).toBe(true);
    expect(validators.log!({ ...log, date: '2026年11月28日' })).toBe(true);
    expect(validators.log!({ ...log, date: '11/28' })).toBe(false);
    expect(validators.log!({ ...log, plan: undefined })).toBe(false);
    expect(validators.log!({ ...log, plna: ['x'] })).toBe(false);
    expect(validators.log!({ ...log, content: '太短' })).toBe(false);
    const survey = {
      form: 'survey',
      county: '五华区',
      date: '2026-11-20',
      responses: [[5, 4, '一般', 5, 5, 5, '非常满意']],
    };
    expect(validators.survey!(survey)).toBe(true);
    expect(validators.survey!({ ...survey, responses: [[5, 4, 3]] })).toBe(false);
    expect(validators.survey!({ ...survey, responses: [[6, 4, 3, 3, 3, 3, 3]] })).toBe(false);
  });

  it('reads durations the way check does', () => {
    const group = parse(readFileSync(path.join(EXAMPLE, '2026/11/group/2026-11-20-五华区.yaml'), 'utf8'));
    for (const ok of ['2小时', '2.5小时', '1小时30分钟', '90分钟', '2h', '1.5h', '90min', '1h30m', 3])
      expect(validators.group!({ ...group, duration: ok }), String(ok)).toBe(true);
    for (const bad of ['两小时', '2天', '', -1])
      expect(validators.group!({ ...group, duration: bad }), String(bad)).toBe(false);
  });

  it('offers the names kmsw.yaml knows as completions', () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    kmsw(['schema'], { cwd: dir });
    const group = JSON.parse(readFileSync(path.join(dir, 'schemas', 'group.json'), 'utf8'));
    expect(group.properties.county.examples).toEqual(['五华区', '盘龙区', '全市']);
    expect(group.properties.experts.anyOf[0].items.examples).toEqual(['王芳', '陈建国']);
  });

  it('new names the schema in the first line and writes it', () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    const run = kmsw(['--today', '2026-11-28', 'new', 'log', '--yes', '--as', '李明'], { cwd: dir });
    expect(run.code).toBe(0);
    const text = readFileSync(path.join(dir, '2026/11/log/2026-11-28-李明.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/log.json');
    const schema = JSON.parse(readFileSync(path.join(dir, '2026/11/log', '../../../schemas/log.json'), 'utf8'));
    expect(schema.title).toBe('督导工作日志');
  });
});
