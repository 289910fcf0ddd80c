/**
 * A value from a record as text. Records are hand-written YAML, so a field meant to hold a name may
 * hold a list or a mapping: it is shown as JSON, never as `[object Object]`. Absent is ''.
 */
export function textOf(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'object':
      return value === null ? '' : jsonOf(value);
    default:
      return '';
  }
}

/** JSON of a parsed value; a YAML alias can make one refer to itself, which JSON cannot show. */
function jsonOf(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[…]';
  }
}

/** A person's name as kmsw compares it: its spaces left out (`王 芳` is 王芳). */
export const bareName = (name: string): string => name.replace(/\s+/g, '');

/** Whether two names are one person's, as written with or without spaces. */
export const sameName = (a: string, b: string): boolean => bareName(a) === bareName(b);

/** A word for a POSIX shell: as it is when it is plain, else in single quotes (a command to copy and run). */
export const shellWord = (s: string): string =>
  /^[\p{L}\p{N}_./@:+=-]+$/u.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
