/**
 * Word forms: the template is one record's page; each record patches a copy of it (docx's
 * patchDocument copes with placeholders that Word has split into several runs), and the copies
 * are joined into one document, each record starting on a new page.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ImageRun, Paragraph, patchDocument, PatchType, TextRun, type IPatch } from 'docx';
import type { Form } from '../forms/form.js';
import { say } from '../i18n.js';
import { joinDocuments } from './join-docx.js';
import { displayLines, displayText, isBlock, placeholderFields } from './values.js';

export interface RenderRecord {
  file: string;
  values: Record<string, unknown>;
}

const get = (value: unknown, keys: readonly string[]): unknown =>
  keys.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);

/** A picture's size in pixels, read from its header (PNG and JPEG: what a phone or a scanner writes). */
export function imageSize(bytes: Uint8Array): { type: 'png' | 'jpg'; width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length > 24 && view.getUint32(0) === 0x89504e47) return { type: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  if (bytes.length > 4 && view.getUint16(0) === 0xffd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1]!;
      const length = view.getUint16(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { type: 'jpg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
      at += 2 + length;
    }
  }
  return undefined;
}

/** A signature picture at the height of two lines of text; nothing when there is none to show. */
function signatureImage(root: string, rel: unknown): IPatch {
  const empty: IPatch = { type: PatchType.PARAGRAPH, children: [] };
  if (typeof rel !== 'string' || rel === '') return empty;
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep) || !existsSync(file)) return empty;
  const bytes = readFileSync(file);
  const size = imageSize(bytes);
  if (!size || size.width === 0 || size.height === 0) return empty;
  const height = 40;
  const width = Math.round((size.width / size.height) * height);
  return { type: PatchType.PARAGRAPH, children: [new ImageRun({ type: size.type, data: bytes, transformation: { width, height } })] };
}

function patchesFor(form: Form, values: Record<string, unknown>, root: string): Record<string, IPatch> {
  const patches: Record<string, IPatch> = {};
  for (const { key, path: at, field } of placeholderFields(form.fields)) {
    const value = get(values, at);
    if (at[at.length - 1] === 'image') {
      patches[key] = signatureImage(root, value);
    } else if (isBlock(field)) {
      const lines = displayLines(field, value);
      patches[key] = {
        type: PatchType.DOCUMENT,
        children: (lines.length ? lines : ['']).map(
          (text) => new Paragraph({ spacing: { line: 360 }, indent: field.kind === 'text' ? { firstLine: 480 } : undefined, children: [new TextRun(text)] }),
        ),
      };
    } else {
      patches[key] = { type: PatchType.PARAGRAPH, children: [new TextRun(displayText(field, value))] };
    }
  }
  return patches;
}

export async function renderWord(form: Form, records: readonly RenderRecord[], template: Uint8Array, root: string): Promise<Uint8Array> {
  if (records.length === 0) throw new Error(say('没有记录可以导出', 'no records to export'));
  const pages: Uint8Array[] = [];
  for (const record of records) {
    pages.push(
      await patchDocument({
        outputType: 'uint8array',
        data: template,
        patches: patchesFor(form, record.values, root),
        keepOriginalStyles: true,
        trimPlaceholders: true,
      }),
    );
  }
  return joinDocuments(pages);
}
