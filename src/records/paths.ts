/** What a file name may not hold: separators, `..`, control characters and what Windows forbids. */
export function toSlug(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, '')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 60);
}

/**
 * Where a record lives: `<year>/<month>/<form>/<date>-<slug>` (without the extension). `when` is
 * the record's own day, or its month for `monthly`.
 */
export function recordBase(
  form: { key: string; title: string },
  when: string,
  slug: string,
): { dir: string; base: string } {
  const [year, month] = when.split('-');
  const cleaned = toSlug(slug) || form.title;
  return { dir: `${year}/${month}/${form.key}`, base: `${when}-${cleaned}` };
}
