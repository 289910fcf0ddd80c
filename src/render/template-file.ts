/**
 * A template is a file of the records folder, so a teammate may have committed anything under its
 * name: a text file, an old .doc, a zip without the parts Word or Excel needs, or a zip bomb. Each is
 * refused here, by name, before anything is written. Sizes are read from the zip's central directory
 * and checked before anything is inflated; inflating is then bounded by those sizes (fflate writes
 * into a buffer of the declared size and no further), and exceljs is handed the checked parts again.
 */
import { unzipSync, zipSync } from 'fflate';
import { say } from '../i18n.js';
import { CAPS } from '../records/inside.js';

/** What a template may hold: kmsw's own are under 100 KiB unpacked; an office's own, with a logo, a few MiB. */
export const TEMPLATE_CAPS = { file: CAPS.template, entry: 20 * 1024 * 1024, total: 50 * 1024 * 1024, entries: 1000 };

/** A template that cannot be used, and why, in kmsw's words. */
export class TemplateProblem extends Error {
  override name = 'TemplateProblem';
}

const MiB = (n: number) => `${Math.round(n / 1048576)} MiB`;

/** The template's parts, checked: a zip within the caps, holding a Word body or an Excel sheet. Returns it zipped again, honestly. */
export function checkTemplate(bytes: Uint8Array, ext: 'docx' | 'xlsx'): Uint8Array {
  const kind = ext === 'docx' ? say('Word（.docx）', 'Word (.docx)') : say('Excel（.xlsx）', 'Excel (.xlsx)');
  if (bytes.length > TEMPLATE_CAPS.file) throw new TemplateProblem(say(`文件有 ${MiB(bytes.length)}，超过模板的上限 ${MiB(TEMPLATE_CAPS.file)}`, `it is ${MiB(bytes.length)}, over the ${MiB(TEMPLATE_CAPS.file)} a template may be`));
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new TemplateProblem(say(`这是旧版的 ${ext === 'docx' ? '.doc' : '.xls'} 文件：请用 Word、WPS 或 Excel 打开，另存为 ${kind}`, `it is an old ${ext === 'docx' ? '.doc' : '.xls'} file: open it in Word, WPS or Excel and save it as ${kind}`));
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new TemplateProblem(say(`它不是 ${kind}文件（可能是文本文件或改了扩展名的文件）`, `it is not a ${kind} file (perhaps a text file, or a file renamed)`));
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
          throw new TemplateProblem(say(`解压后超过 ${MiB(TEMPLATE_CAPS.total)}（或单个部分超过 ${MiB(TEMPLATE_CAPS.entry)}）：这不是正常的模板`, `unpacked, it would exceed ${MiB(TEMPLATE_CAPS.total)} (or ${MiB(TEMPLATE_CAPS.entry)} in one part): not a real template`));
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof TemplateProblem) throw e;
    throw new TemplateProblem(say(`文件已损坏，无法解压（${(e as Error).message}）：请重新保存为 ${kind}`, `it is damaged and cannot be unpacked (${(e as Error).message}): save it again as ${kind}`));
  }
  if (ext === 'docx') {
    const body = parts['word/document.xml'];
    if (!body || !/<w:body\b/.test(new TextDecoder().decode(body))) {
      throw new TemplateProblem(say(`里面没有 Word 文档的正文（word/document.xml）：它不是 ${kind}文件`, `it holds no Word document body (word/document.xml): it is not a ${kind} file`));
    }
  } else if (!parts['xl/workbook.xml'] || !Object.keys(parts).some((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name))) {
    throw new TemplateProblem(say(`里面没有工作表：${kind} 模板的第一个工作表是导出的样子`, `it holds no worksheet: the first sheet of an ${kind} template is what the export looks like`));
  }
  return zipSync(parts, { level: 1 });
}
