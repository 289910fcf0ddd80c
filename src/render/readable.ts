import { ratingOf, type Fields } from '../forms/fields.js';

/**
 * A record's values for export, field by field: each that parses is normalised, and one that does
 * not is kept as written, so a record that fails `check` is still exported with what it says.
 * Groups and table rows are read cell by cell for the same reason.
 */
export function readable(fields: Fields, raw: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [key, field] of Object.entries(fields)) {
    const value = (raw as Record<string, unknown>)[key];
    const parsed = field.schema.safeParse(value);
    if (parsed.success) {
      if (parsed.data !== undefined) out[key] = parsed.data;
    } else if ((field.kind === 'group' || field.kind === 'signature') && value && typeof value === 'object') {
      out[key] = readable(field.fields, value);
    } else if (field.kind === 'table' && Array.isArray(value)) {
      out[key] = value.map((row) => readable(field.fields, row));
    } else if (field.kind === 'ratings' && Array.isArray(value)) {
      // Each rating read as check reads it, a bad one left blank; a questionnaire that is not a list kept as written:
      // the survey's sheet counts and names every questionnaire (forms/survey/sheets.ts).
      out[key] = value.map((row: unknown) => (Array.isArray(row) ? row.map(ratingOf) : row));
    } else if (typeof value === 'string' || typeof value === 'number') {
      out[key] = String(value);
    } else if (Array.isArray(value)) {
      out[key] = value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
    }
  }
  return out;
}
