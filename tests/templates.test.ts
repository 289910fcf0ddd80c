/**
 * The built-in templates: what scripts/make-templates.mjs writes from the forms' layouts is, byte
 * for byte, what templates/ holds (the same layouts give the same bytes, whenever and wherever they
 * are drawn), and a form needs nothing more than its folder, its line in the forms table and an
 * example record: everything else about it is found from those.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Field } from '../src/forms/fields.js';
import { FORMS } from '../src/forms/index.js';
import { allJsonSchemas } from '../src/format/json-schema.js';
import { OUTPUTS } from '../src/forms/outputs.js';
import { layoutPlaceholders } from '../src/forms/layout-kit.js';
import { writeTemplates } from '../src/render/make-templates.js';
import { excelOutput } from '../src/render/sheets.js';
import { formPlaceholders, placeholderFields } from '../src/render/values.js';
import { EXAMPLE_RECORDS, ROOT, tempFolder } from './helpers.js';

const TEMPLATES = path.join(ROOT, 'templates');
const committed = () =>
  readdirSync(TEMPLATES)
    .filter((f) => /\.(docx|xlsx)$/.test(f))
    .sort();

/** Every file of `dir` equals templates/'s file of that name, byte for byte, and no file is missing or extra. */
function expectSameAsCommitted(dir: string) {
  expect(readdirSync(dir).sort()).toEqual(committed());
  for (const name of committed())
    expect(readFileSync(path.join(dir, name)).equals(readFileSync(path.join(TEMPLATES, name))), name).toBe(true);
}

describe('templates are reproducible', () => {
  it('the generator writes exactly the committed templates, and again the same bytes', async () => {
    const first = tempFolder({}, 'kmsw-templates-');
    await writeTemplates(first);
    expectSameAsCommitted(first);
    // The runner, from the build, in another time zone: zip entry dates are local, so it must not matter.
    const second = tempFolder({}, 'kmsw-templates-');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/make-templates.mjs'), second], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Pacific/Kiritimati' },
    });
    expect(run.status, run.stderr).toBe(0);
    expectSameAsCommitted(second);
    for (const dir of [first, second]) rmSync(dir, { recursive: true, force: true });
  });
});

/** The placeholders export accepts in an output's template (as `kmsw export` checks a template). */
const known = (key: string): string[] => {
  const form = FORMS.find((f) => f.key === key);
  return form?.document === 'docx' ? formPlaceholders(form).map((p) => p.key) : excelOutput(key).placeholders;
};

/**
 * The placeholders a form's template needs, so that no value of a record is left off the page: each
 * field's, and each column of a table's (as `{{table.column}}` or a tick per choice,
 * `{{table.column:choice}}`), but a column another one stands in for when blank (年龄 / 出生年月).
 */
function needed(fields: Record<string, Field>): string[] {
  const header = placeholderFields(fields)
    .filter((p) => !p.column)
    .map((p) => p.key);
  const columns = Object.entries(fields).flatMap(([table, f]) => {
    if (f.kind !== 'table') return [];
    const fallbacks = new Set(Object.values(f.fields).map((c) => c.fallback));
    return Object.keys(f.fields)
      .filter((c) => !fallbacks.has(c))
      .map((c) => `${table}.${c}`);
  });
  return [...header, ...columns];
}

describe('a form is its folder, its line in the forms table and an example record', () => {
  it.each(FORMS.map((f) => [f.key, f] as const))(
    '%s: has an example record, a template, a JSON Schema',
    (key, form) => {
      expect(
        EXAMPLE_RECORDS.some((f) => f.split('/')[2] === key),
        `records.example/YYYY/MM/${key}/…`,
      ).toBe(true);
      expect(existsSync(path.join(TEMPLATES, `${form.title}.${form.document}`))).toBe(true);
      const schema = allJsonSchemas().find((s) => s.form.key === key)?.schema;
      expect(schema).toBeDefined();
      // Every field of the form is a property the editor knows.
      expect(Object.keys((schema as { properties: object }).properties)).toEqual(
        expect.arrayContaining(Object.keys(form.fields)),
      );
    },
  );

  it.each(OUTPUTS.map((o) => [o.key, o] as const))(
    '%s: its layout holds only placeholders export knows',
    (key, output) => {
      const has = layoutPlaceholders(output.layout());
      expect(has.length).toBeGreaterThan(0);
      expect(has.filter((p) => !known(key).includes(p))).toEqual([]);
    },
  );

  it.each(FORMS.map((f) => [f.key, f] as const))('%s: its layout shows every field of a record', (_, form) => {
    const has = layoutPlaceholders(form.layout());
    expect(needed(form.fields).filter((key) => !has.some((p) => p === key || p.startsWith(`${key}:`)))).toEqual([]);
  });

  it('every template in templates/ is an output’s, and export writes every output', () => {
    expect(committed()).toEqual(OUTPUTS.map((o) => `${o.title}.${o.document}`).sort());
  });
});
