/**
 * Writes a form's blank record as YAML text: every field in the official order, each under a
 * Chinese comment giving its official label and how to fill it, with what is already known filled in.
 */
import { stringify } from 'yaml';
import type { Field, Fields } from './fields.js';
import type { Form, Values } from './form.js';

const EXAMPLES: Partial<Record<Field['kind'], string>> = {
  date: '（如 2026-11-28）',
  month: '（如 2026-11）',
  monthOrDate: '（如 2024-03，也可写完整日期）',
  duration: '（如 2小时、1小时30分钟、90分钟）',
  bool: '（是 / 否）',
  signature: '（签名人姓名和签名日期）',
};

/** The comment above a field: label, rule, the form's own hint. */
export function fieldComment(f: Field): string {
  let rule = EXAMPLES[f.kind] ?? '';
  if (f.kind === 'text' && f.min) rule = `（不少于${f.min}字）`;
  if (f.kind === 'choice') rule = `（${f.choices.join(' | ')}）`;
  // Signatures are optional to the schema only because a missing one is its own rule (signature-missing).
  const signing =
    f.kind === 'signature' || (f.kind === 'group' && Object.values(f.fields).every((g) => g.kind === 'signature'));
  if (f.optional && !signing) rule += '（选填）';
  return `${f.label}${rule}${f.hint ? `：${f.hint}` : ''}`;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * YAML as the library writes it, every line at `indent`: a value from a flag or the environment is
 * quoted, or a block scalar for several lines, so it stays one value and never adds a key.
 */
function yamlLines(value: unknown, indent: string): string[] {
  // Only the document's own final line break goes: a kept (`|+`) block's trailing lines are its value.
  return stringify(value, { lineWidth: 0 })
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `${indent}${l}`);
}

function emitField(key: string, f: Field, value: unknown, indent: string, comments: boolean, out: string[]): void {
  if (comments) out.push(`${indent}# ${fieldComment(f)}`);
  switch (f.kind) {
    case 'text': {
      const text = isEmpty(value) ? '' : String(value);
      // A blank long text opens a block to type into; a blank optional one (备注) stays a plain `key:`.
      if (text === '' && f.optional) {
        out.push(`${indent}${key}:`);
      } else if (text === '') {
        out.push(`${indent}${key}: |`, `${indent}  `);
      } else {
        out.push(...yamlLines({ [key]: text }, indent));
      }
      return;
    }
    case 'people':
    case 'lines':
    case 'paths': {
      out.push(`${indent}${key}:`);
      const items = Array.isArray(value) && value.length > 0 ? value : [undefined];
      for (const item of items) out.push(...(isEmpty(item) ? [`${indent}  -`] : yamlLines([item], `${indent}  `)));
      return;
    }
    case 'ratings':
      out.push(`${indent}${key}:`);
      out.push(`${indent}  # - [5, 5, 4, 5, 3, 5, 5]`);
      return;
    case 'signature': {
      // Name and date, without comments: the label above says whose signature it is. An image only when given.
      out.push(`${indent}${key}:`);
      const given = (value ?? {}) as Values;
      const parts = Object.fromEntries(
        Object.entries(f.fields).filter(([k, p]) => given[k] !== undefined || (k !== 'image' && p.onPaper !== false)),
      );
      emitFields(parts, given, `${indent}  `, false, out);
      return;
    }
    case 'group':
      out.push(`${indent}${key}:`);
      emitFields(f.fields, (value ?? {}) as Values, `${indent}  `, comments, out);
      return;
    case 'table': {
      out.push(`${indent}${key}:`);
      const rows = Array.isArray(value) && value.length > 0 ? (value as Values[]) : [{}];
      rows.forEach((row, i) => {
        const lines: string[] = [];
        emitFields(f.fields, row, `${indent}    `, comments && i === 0, lines);
        // The row's first key goes on the dash line: `  - station: …`.
        const first = lines.findIndex((l) => !l.trimStart().startsWith('#'));
        lines[first] = `${indent}  - ${lines[first]!.trimStart()}`;
        for (let j = 0; j < first; j++) lines[j] = `${indent}  ${lines[j]!.trimStart()}`;
        out.push(...lines);
      });
      return;
    }
    default:
      out.push(...(isEmpty(value) ? [`${indent}${key}:`] : yamlLines({ [key]: value }, indent)));
  }
}

function emitFields(fields: Fields, values: Values, indent: string, comments: boolean, out: string[]): void {
  for (const [key, f] of Object.entries(fields)) emitField(key, f, values[key], indent, comments, out);
}

export interface ScaffoldOptions {
  /** A `# yaml-language-server: $schema=` line, for editors that validate as you type. */
  schemaUrl?: string;
  /** Comment lines after the form's own (what kmsw counted for an evaluation). */
  notes?: readonly string[];
}

export function scaffold(form: Form, values: Values, opts: ScaffoldOptions = {}): string {
  const out: string[] = [];
  if (opts.schemaUrl) out.push(`# yaml-language-server: $schema=${opts.schemaUrl}`);
  out.push(`# ${form.title}：${form.purpose}`);
  if (form.note) out.push(`# 注：${form.note}`);
  for (const line of form.guide ?? []) out.push(`# ${line}`);
  for (const line of opts.notes ?? []) out.push(`# ${line}`);
  out.push('# 填写完成后运行 kmsw check 检查。', '', `form: ${form.key}`);
  emitFields(form.fields, values, '', true, out);
  return `${out.join('\n')}\n`;
}
