/**
 * A template is a file of the records folder, so a teammate may have committed anything under its
 * name: a text file, an old .doc, a zip without the parts Word or Excel needs, or a zip bomb. Each is
 * refused here, by name, before anything is written. Sizes are read from the zip's central directory
 * and checked before anything is inflated; inflating is then bounded by those sizes (fflate writes
 * into a buffer of the declared size and no further), and exceljs is handed the checked parts again.
 */
import { unzipSync, zipSync } from 'fflate';
import { msg } from '../i18n.js';
import { CAPS } from '../records/inside.js';

/** What a template may hold: kmsw's own are under 100 KiB unpacked; an office's own, with a logo, a few MiB. */
export const TEMPLATE_CAPS = { file: CAPS.template, entry: 20 * 1024 * 1024, total: 50 * 1024 * 1024, entries: 1000 };

/** A template that cannot be used, and why, in kmsw's words. */
export class TemplateProblem extends Error {
  override name = 'TemplateProblem';
}

const MiB = (n: number) => `${Math.round(n / 1048576)} MiB`;

/**
 * The template's parts, checked: a zip within the caps, holding a Word body or an Excel sheet. Returns it zipped again,
 * honestly.
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
  let total = 0;
  let count = 0;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (entry) => {
        total += entry.originalSize;
        count++;
        if (entry.originalSize > TEMPLATE_CAPS.entry || total > TEMPLATE_CAPS.total || count > TEMPLATE_CAPS.entries) {
          throw new TemplateProblem(
            msg().templateFile.unpackedItWouldExceed(MiB(TEMPLATE_CAPS.total), MiB(TEMPLATE_CAPS.entry)),
          );
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof TemplateProblem) throw e;
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
  return zipSync(parts, { level: 1 });
}
