import { formByKey } from '../forms/index.js';
import { msg } from '../i18n.js';
import type { Form } from '../forms/form.js';
import { validateRecord } from '../forms/validate.js';
import { listRecordFiles, loadFile, nestedNote, type LoadedFile, type SkippedLink } from '../records/load.js';
import { isMapDocument, parseYaml, type ParsedYaml } from '../records/yaml.js';
import { fileProblems } from '../rules/file.js';
import type { ListResult, ListRow } from '../scan/results.js';
import { parseDate, parseMonth } from '../values/date.js';
import { textOf } from '../values/text.js';

export interface ListOptions {
  root: string;
  /** `YYYY-MM`: only that month's records. */
  month?: string;
  form?: string;
}

/** The records in the folder, in date order: what an assistant looks at before `check` or `export`. */
export async function list(opts: ListOptions): Promise<ListResult> {
  const skipped: SkippedLink[] = [];
  const nested: string[] = [];
  const files = await listRecordFiles(opts.root, skipped, undefined, nested);
  const rows = files.map((file): ListRow => {
    let loaded;
    try {
      // The fast path, as check reads records: the positioned Document is built only for a file it is unsure of.
      loaded = loadFile(opts.root, file, true);
    } catch (e) {
      // Unreadable (permissions) or gone since the listing: shown with the reason, the others still listed.
      return { file, problem: msg().commandsList.cannotReadTheFile((e as NodeJS.ErrnoException).code ?? String(e)) };
    }
    // As check says it: a full-width space that breaks the YAML is named as that, not as the syntax error it makes.
    if (loaded.problem) return { file, problem: fileProblem(loaded) };
    const value = loaded.parsed?.value;
    if (!loaded.parsed || !isMapDocument(loaded.parsed) || typeof value !== 'object' || value === null) {
      return { file, problem: msg().commandsList.notARecordA };
    }
    const record = value as Record<string, unknown>;
    const form = formByKey(record.form);
    if (!form)
      return {
        file,
        problem: msg().commandsList.formShouldNameA(record.form == null ? undefined : textOf(record.form)),
      };
    const raw = record[form.dateField];
    const parsed = form.dateField === 'month' ? parseMonth(raw) : parseDate(raw);
    const who = record[form.slugField];
    return {
      file,
      form: form.key,
      title: form.title,
      when: parsed.ok ? parsed.value : undefined,
      who: Array.isArray(who) ? who.map(textOf).join('、') : who == null ? undefined : textOf(who),
      // A record whose date does not read is in no month's count: why, in check's words (its date field's finding).
      ...(parsed.ok ? {} : { problem: dateProblem(form, loaded.parsed) ?? parsed.reason }),
    };
  });
  // Links, special files, folders that cannot be opened and names that are not UTF-8: listed with why.
  for (const skip of skipped)
    rows.push({ file: skip.file, problem: skip.message ?? msg().commandsList.aSymbolicLinkTo(skip.target) });
  const shown = rows
    .filter((r) => !opts.form || r.form === opts.form)
    .filter((r) => !opts.month || (r.when?.slice(0, 7) ?? pathMonth(r.file)) === opts.month)
    .sort((a, b) => byText(a.when ?? '', b.when ?? '') || byText(a.file, b.file));
  return { rows: shown, notes: nested.map((folder) => nestedNote(opts.root, folder, 'list')) };
}

/** The first thing check says of a file that does not read as YAML (rules/file.ts), on the Document check reads. */
function fileProblem(loaded: LoadedFile): string {
  const full =
    loaded.parsed?.fast && loaded.text !== undefined ? { ...loaded, parsed: parseYaml(loaded.text) } : loaded;
  return fileProblems(full, loaded.text)[0]?.message ?? loaded.problem!.message;
}

/** What check says of a record's date field (missing, or not a day), when it says something. */
function dateProblem(form: Form, parsed: ParsedYaml): string | undefined {
  return validateRecord(form, parsed).issues.find((i) => i.field === form.dateField)?.message;
}

// Code-point order: dates and paths sort right, and no ICU collator is loaded (~20 ms) to do it.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `2026/11/…` → `2026-11`, for files whose own date cannot be read. */
function pathMonth(file: string): string | undefined {
  const m = /^(\d{4})\/(\d{2})\//.exec(file);
  return m ? `${m[1]}-${m[2]}` : undefined;
}
