/**
 * Where each export's template comes from: the records folder's own `templates/<name>` when the
 * office has made one (`kmsw templates copy`), else the one shipped with kmsw.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KmswError } from '../errors.js';
import { CAPS, insideFolder, readRegular } from '../records/inside.js';
import { createExclusive } from '../records/write.js';
import { OUTPUTS, outputByKey } from '../forms/outputs.js';
import { msg } from '../i18n.js';
import { nearest } from '../values/nearest.js';

/**
 * The templates shipped with kmsw, in the package's own folder: found by walking up from this code,
 * which runs from src/render (tests) or dist/ (the build).
 */
export const BUILTIN_TEMPLATES = path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), 'templates');

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'templates'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`kmsw's templates folder is missing above ${from}`);
  }
}

/** What export can write: every form's document, then the checklist. */
export const OUTPUT_KEYS = OUTPUTS.map((o) => o.key);

/** An output's official title and file type: a form's own, or the checklist's. */
export function outputOf(key: string): { title: string; ext: 'docx' | 'xlsx' } {
  const output = outputByKey(key)!;
  return { title: output.title, ext: output.document };
}

const templateName = (key: string) => `${outputOf(key).title}.${outputOf(key).ext}`;

/** Every template name, in the order of the forms table, then the checklist. */
export const TEMPLATE_NAMES = OUTPUT_KEYS.map(templateName);

export interface TemplateInfo {
  name: string;
  /** Absolute path of the file in use. */
  file: string;
  source: 'folder' | 'built-in';
}

/** The template an output is rendered from. */
export const templateOf = (root: string, key: string): TemplateInfo => templateFor(root, templateName(key));

export function templateFor(root: string, name: string): TemplateInfo {
  // A linked templates/ (or template) that leaves the folder is refused, not read.
  const own = insideFolder(root, `templates/${name}`, { for: 'read' });
  if (existsSync(own)) return { name, file: own, source: 'folder' };
  return { name, file: path.join(BUILTIN_TEMPLATES, name), source: 'built-in' };
}

export function listTemplates(root: string): TemplateInfo[] {
  return TEMPLATE_NAMES.map((name) => templateFor(root, name));
}

/** The template a person means: its file name, with or without the extension, or its form's key. */
export function resolveTemplateName(given: string): string {
  if (OUTPUT_KEYS.includes(given)) return templateName(given);
  const found = TEMPLATE_NAMES.find((n) => n === given || n.replace(/\.(docx|xlsx)$/, '') === given);
  if (found) return found;
  // A form's key (`log`) as much as a file's name: `lgo` is one slip from `log`.
  const guess = nearest(given, [...OUTPUT_KEYS, ...TEMPLATE_NAMES.map((n) => n.replace(/\.(docx|xlsx)$/, ''))]);
  throw new KmswError(msg().renderTemplates.thereIsNoTemplate(given, guess));
}

/** Copies a built-in template into the folder's templates/, never over one the office has edited. */
export async function copyTemplate(root: string, given: string): Promise<string> {
  const name = resolveTemplateName(given);
  const to = insideFolder(root, `templates/${name}`, { for: 'write' });
  const taken = () => new KmswError(msg().renderTemplates.templatesAlreadyExistsAnd(name));
  if (existsSync(to)) throw taken();
  // Whole or not at all, and never over a copy that appeared meanwhile.
  if (!(await createExclusive(to, await readFile(path.join(BUILTIN_TEMPLATES, name))))) throw taken();
  return to;
}

/**
 * A template's bytes: a regular file of at most 20 MiB (a Word form with pictures is a few MiB), never a FIFO or
 * device.
 */
export function readTemplate(file: string): Buffer {
  return readRegular(file, CAPS.template);
}
