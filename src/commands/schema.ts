/**
 * `kmsw schema`: a JSON Schema per form in the folder's `schemas/`, which the scaffolds of
 * `kmsw new` name in their first line, so that VS Code (with Red Hat's YAML extension) completes
 * keys and choices and flags a wrong value while the assistant types.
 */
import path from 'node:path';
import type { Config } from '../config.js';
import type { Form } from '../forms/form.js';
import { allJsonSchemas, formJsonSchema } from '../format/json-schema.js';
import { CAPS, insideFolder, makeFolder, readRegular } from '../records/inside.js';
import { writeAtomic } from '../records/write.js';

export const SCHEMA_DIR = 'schemas';

/** What a record's first line says, from where `kmsw new` puts it (`<year>/<month>/<form>/`). */
export const modelineUrl = (form: Form) => `../../../${SCHEMA_DIR}/${form.key}.json`;

const render = (schema: object) => `${JSON.stringify(schema, null, 2)}\n`;

/** Writes the file only when its text changes, so Git sees no churn. Returns whether it wrote. */
async function writeIfChanged(file: string, text: string): Promise<boolean> {
  let old: string | undefined;
  try {
    old = readRegular(file, CAPS.template, { noFollow: true }).toString('utf8');
  } catch {
    old = undefined;
  }
  if (old === text) return false;
  await writeAtomic(file, text);
  return true;
}

export interface SchemaResult {
  dir: string;
  files: Array<{ file: string; written: boolean }>;
}

/**
 * Writes every form's schema into `dir`. With `root`, a `dir` inside the records folder is checked
 * first: no file is written through a link that leaves the folder (`schemas -> /x`).
 */
export async function writeSchemas(opts: { dir: string; config?: Config; root?: string }): Promise<SchemaResult> {
  const files = [];
  const schemas = allJsonSchemas(opts.config);
  const inside = (file: string) => {
    const rel = opts.root === undefined ? '..' : path.relative(opts.root, file);
    return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)
      ? file
      : insideFolder(opts.root!, rel, { for: 'write' });
  };
  for (const { form } of schemas) inside(path.join(opts.dir, `${form.key}.json`));
  makeFolder(opts.dir);
  for (const { form, schema } of schemas) {
    const file = inside(path.join(opts.dir, `${form.key}.json`));
    files.push({ file, written: await writeIfChanged(file, render(schema)) });
  }
  return { dir: opts.dir, files };
}

/** The one schema a new record names, kept up to date with kmsw.yaml's names. */
export async function ensureSchema(root: string, form: Form, config: Config): Promise<void> {
  await writeIfChanged(
    insideFolder(root, `${SCHEMA_DIR}/${form.key}.json`, { for: 'write' }),
    render(formJsonSchema(form, config)),
  );
}
