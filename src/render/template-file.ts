/**
 * A template is a file of the records folder, so a teammate may have committed anything under its
 * name: a text file, an old .doc, a zip without the parts Word or Excel needs, or a zip bomb. Each is
 * refused here, by name, before anything is written. Sizes are read from the zip's central directory
 * and checked before anything is inflated; inflating is then bounded by those sizes (zlib stops at the
 * declared size, and a part that is not its declared size or CRC is refused), and exceljs is handed the checked
 * parts again.
 */
import { msg } from '../i18n.js';
import { CAPS } from '../records/inside.js';
import { unzip, zip, zipEntries, ZipTooMany } from './zip.js';

/** What a template may hold: kmsw's own are under 100 KiB unpacked; an office's own, with a logo, a few MiB. */
export const TEMPLATE_CAPS = { file: CAPS.template, entry: 20 * 1024 * 1024, total: 50 * 1024 * 1024, entries: 1000 };

/** A template that cannot be used, and why, in kmsw's words. */
export class TemplateProblem extends Error {
  override name = 'TemplateProblem';
}

const MiB = (n: number) => `${Math.round(n / 1048576)} MiB`;

/**
 * The template's parts, checked: a zip within the caps, holding a Word body or an Excel sheet. Returns it zipped again,
 * honestly, and stored, not deflated: it is only read again in memory, by kmsw, docx or exceljs.
 */
export function checkTemplate(bytes: Uint8Array, ext: 'docx' | 'xlsx'): Uint8Array {
  const kind = ext === 'docx' ? msg().templateFile.wordDocx : msg().templateFile.excelXlsx;
  if (bytes.length > TEMPLATE_CAPS.file)
    throw new TemplateProblem(msg().templateFile.itIsOverThe(MiB(bytes.length), MiB(TEMPLATE_CAPS.file)));
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new TemplateProblem(msg().templateFile.itIsAnOld(ext === 'docx' ? '.doc' : '.xls', kind));
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new TemplateProblem(msg().templateFile.itIsNotA(kind));
  }
  let parts: Record<string, Uint8Array>;
  try {
    const entries = zipEntries(bytes, TEMPLATE_CAPS.entries);
    let total = 0;
    for (const entry of entries) total += entry.originalSize;
    if (
      entries.some((e) => e.originalSize > TEMPLATE_CAPS.entry) ||
      total > TEMPLATE_CAPS.total ||
      entries.length > TEMPLATE_CAPS.entries
    )
      throw new TemplateProblem(
        msg().templateFile.unpackedItWouldExceed(MiB(TEMPLATE_CAPS.total), MiB(TEMPLATE_CAPS.entry)),
      );
    parts = unzip(bytes, entries);
  } catch (e) {
    if (e instanceof TemplateProblem) throw e;
    if (e instanceof ZipTooMany) {
      throw new TemplateProblem(
        msg().templateFile.unpackedItWouldExceed(MiB(TEMPLATE_CAPS.total), MiB(TEMPLATE_CAPS.entry)),
      );
    }
    throw new TemplateProblem(msg().templateFile.itIsDamagedAnd((e as Error).message, kind));
  }
  if (ext === 'docx') {
    const body = parts['word/document.xml'];
    if (!body || !/<w:body\b/.test(new TextDecoder().decode(body))) {
      throw new TemplateProblem(msg().templateFile.itHoldsNoWord(kind));
    }
  } else if (
    !parts['xl/workbook.xml'] ||
    !Object.keys(parts).some((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name))
  ) {
    throw new TemplateProblem(msg().templateFile.itHoldsNoWorksheet(kind));
  }
  return zip(parts, { level: 0 });
}
