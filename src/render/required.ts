/**
 * The placeholders an office's own template must keep. A placeholder deleted while a person edits the
 * form in Word or Excel would leave its field off every page without a word, so every placeholder the
 * built-in template holds (its output's layout) must be in the office's too, before anything is written.
 *
 * No placeholder of a built-in template is optional: each shows a field of the record (a blank optional
 * field prints blank, a filled one must show), a signature's picture, or a figure kmsw counts. What the
 * office may leave out is what the built-in template never holds: the checklist's 质量, 分值, 备注 (the
 * project office's), a record's digest and SSH signature, 出生年月 (shown under 年龄 when no age is given).
 * A field may be shown another way than the built-in template shows it: a choice column as its answer
 * (`{{stations.office}}`) rather than a tick per option (`{{stations.office:独用}}` …), or the other way round.
 */
import { formByKey } from '../forms/index.js';
import { fieldOf, layoutPlaceholders } from '../forms/layout-kit.js';
import type { Field } from '../forms/fields.js';
import type { Output } from '../forms/form.js';

export interface MissingPlaceholder {
  key: string;
  /** The field's name on the form (明日工作计划), or the column's heading. */
  label: string;
}

/** A station table's row number, as its column heading reads. */
const ROW_NUMBER = '序号';

/** The choices of a form's field at `dotted` (`stations.office`), when it is a choice. */
function choicesOf(output: Output, dotted: string): readonly string[] {
  const form = formByKey(output.key);
  if (!form) return [];
  try {
    const field = fieldOf(form.fields, dotted);
    return field.kind === 'choice' ? field.choices : [];
  } catch {
    return [];
  }
}

/** Whether the template shows what `key` shows: the key itself, or the field's answer in its other spelling. */
function shown(output: Output, key: string, present: ReadonlySet<string>): boolean {
  if (present.has(key)) return true;
  const [base, choice] = key.split(':');
  if (choice !== undefined) return present.has(base!);
  const choices = choicesOf(output, key);
  return choices.length > 0 && choices.every((c) => present.has(`${key}:${c}`));
}

/**
 * The label of the field at `dotted`, with its group's when it is inside one and does not say it (社工（签名）·签名日期);
 * a table's column by its own heading (办公场所).
 */
function fieldLabel(fields: Record<string, Field>, dotted: string): string {
  const parts = dotted.split('.');
  const leaf = fieldOf(fields, dotted).label;
  if (parts.length === 1) return leaf;
  const group = fieldOf(fields, parts.slice(0, -1).join('.'));
  return group.kind === 'table' || leaf.includes(group.label) ? leaf : `${group.label}·${leaf}`;
}

/** What a placeholder shows, in the form's words; the key itself when the form has no word for it. */
function placeholderLabel(output: Output, key: string): string {
  const declared = output.sheets?.labels?.[key];
  if (declared) return declared;
  const form = formByKey(output.key);
  const [base, choice] = key.split(':');
  const parts = base!.split('.');
  if (!form) return key;
  try {
    if (parts.length === 2 && parts[1] === 'no' && form.fields[parts[0]!]?.kind === 'table') return ROW_NUMBER;
    const label =
      parts[0] === 'counted' && form.counted
        ? fieldOf(form.counted, parts.slice(1).join('.')).label
        : fieldLabel(form.fields, base!);
    return choice === undefined ? label : `${label}（${choice}）`;
  } catch {
    return key;
  }
}

/** The built-in template's placeholders that `present` (those the office's template holds) lacks, in its order. */
export function missingPlaceholders(output: Output, present: readonly string[]): MissingPlaceholder[] {
  const has = new Set(present);
  return layoutPlaceholders(output.layout())
    .filter((key) => !shown(output, key, has))
    .map((key) => ({ key, label: placeholderLabel(output, key) }));
}
