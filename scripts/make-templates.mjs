#!/usr/bin/env node
/**
 * Writes the built-in templates (templates/*.docx, *.xlsx) from the forms' layouts
 * (src/forms/<key>/layout.ts), by src/render/make-templates.ts. Run it when a form or a layout
 * changes (npm run build first) and commit templates/: the same layouts give the same bytes.
 *
 *   node scripts/make-templates.mjs [folder]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

// The template writer from kmsw's own build (docs/build.md).
const { writeTemplates } = createRequire(import.meta.url)('../bin/kmsw.cjs').loadKmsw().internals;

const out = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'templates');
for (const file of await writeTemplates(out)) process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
