/**
 * Word forms: the template is one record's page. Its body is repeated once per record, each copy
 * starting on a new page, and filled in.
 *
 * Word often splits a placeholder over several runs (`{{con` `tent}}`) as a person edits the
 * template; docx's patchDocument copes with that, so a first call gathers every placeholder into
 * one run under a marker (`{{@content}}`). The copies are then filled by replacing markers in the
 * XML, which stays linear in the number of records: a month of 200 logs patched through
 * patchDocument one by one, or all at once, takes many seconds. Signature pictures, which need a
 * picture part, go through patchDocument again, only for the records that have one.
 */
import { randomBytes } from 'node:crypto';
import { readPicture } from '../records/inside.js';
import type { IPatch } from 'docx';
import { valueAt, type Field } from '../forms/fields.js';
import type { Form } from '../forms/form.js';
import { msg } from '../i18n.js';
import { splitBody, startOnNewPage } from './docx-body.js';
import { xmlText } from './xml-text.js';
import { columnLines, displayLines, displayText, formPlaceholders, isBlock, type Placeholder } from './values.js';
import { unzip, zip } from './zip.js';

const DECODER = new TextDecoder();
const ENCODER = new TextEncoder();
/** A part's XML as text (a leading byte-order mark dropped), and back. */
const strFromU8 = (bytes: Uint8Array) => DECODER.decode(bytes);
const strToU8 = (text: string) => ENCODER.encode(text);

export interface RenderRecord {
  file: string;
  values: Record<string, unknown>;
}

/** A picture's size in pixels, read from its header (PNG and JPEG: what a phone or a scanner writes). */
function imageSize(bytes: Uint8Array): { type: 'png' | 'jpg'; width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length > 24 && view.getUint32(0) === 0x89504e47)
    return { type: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  if (bytes.length > 4 && view.getUint16(0) === 0xffd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1]!;
      const length = view.getUint16(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
        return { type: 'jpg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
      at += 2 + length;
    }
  }
  return undefined;
}

type Docx = typeof import('docx');

/** A signature picture at the height of two lines of text, when the record names one that exists in the folder. */
function signatureImage(docx: Docx, root: string, rel: unknown): IPatch | undefined {
  if (typeof rel !== 'string' || rel === '') return undefined;
  // Only a regular file inside the folder, not through a link that leaves it (check reports it as missing-photo).
  const bytes = readPicture(root, rel);
  if (!bytes) return undefined;
  const size = imageSize(bytes);
  if (!size || size.width === 0 || size.height === 0) return undefined;
  const height = 40;
  const width = Math.round((size.width / size.height) * height);
  return {
    type: docx.PatchType.PARAGRAPH,
    children: [new docx.ImageRun({ type: size.type, data: bytes, transformation: { width, height } })],
  };
}

const MARK = '@';
const MARKER = /\{\{@([^{}]+)\}\}/g;

/**
 * A record's text as the XML of a run: escaped, with only what XML allows (a vertical tab a line
 * break), and its braces written as character references, so that text which looks like a
 * placeholder (`{{@supervisor}}`) is shown as written and never filled in.
 */
const escapeXml = (text: string) =>
  xmlText(
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[{}]/g, (c) => `&#${c.charCodeAt(0)};`),
    '</w:t><w:br/><w:t xml:space="preserve">',
  );

/**
 * Paragraph properties may only hold their children in the schema's order: `ind` comes after `spacing`, before `jc`.
 */
const AFTER_IND = new RegExp(
  `<w:(?:${[
    ...['contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc', 'textDirection', 'textAlignment'],
    ...['textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange'],
  ].join('|')})\\b`,
);

function withFirstLineIndent(pPr: string): string {
  const ind = '<w:ind w:firstLineChars="200" w:firstLine="480"/>';
  if (!pPr) return `<w:pPr>${ind}</w:pPr>`;
  if (/<w:ind\b[^>]*\/>/.test(pPr)) return pPr.replace(/<w:ind\b[^>]*\/>/, ind);
  const after = AFTER_IND.exec(pPr);
  const at = after ? after.index : pPr.lastIndexOf('</w:pPr>');
  return pPr.slice(0, at) + ind + pPr.slice(at);
}

/** The paragraphs of the body, each without paragraphs inside it. */
const PARAGRAPH = /<w:p\b[^>]*>(?:(?!<w:p\b)(?!<\/w:p>)[\s\S])*?<\/w:p>/g;

/**
 * A long text's paragraph: its first line takes the marker's place (text around it is kept), each
 * further line becomes a paragraph of the same look after it. A paragraph holding nothing but the
 * text is indented two characters, as Chinese prose is.
 */
function fillBlock(paragraph: string, key: string, field: Field, lines: string[]): string {
  const marker = `{{${MARK}${key}}}`;
  const pPr = /<w:pPr>[\s\S]*?<\/w:pPr>/.exec(paragraph)?.[0] ?? '';
  const run = new RegExp(`<w:r\\b[^>]*>((?:(?!</w:r>)[\\s\\S])*?)${marker.replace(/[{}.]/g, '\\$&')}`).exec(paragraph);
  const rPr = run ? (/<w:rPr>[\s\S]*?<\/w:rPr>/.exec(run[1]!)?.[0] ?? '') : '';
  const alone = paragraph.replace(/<w:pPr>[\s\S]*?<\/w:pPr>/, '').replace(/<[^>]+>/g, '') === marker;
  const indent = field.kind === 'text' && alone;
  const [first = '', ...rest] = lines;
  // A function, so that `$&` or `$'` in a record's text is written as it is, not as a replacement pattern.
  let out = paragraph.replace(marker, () => escapeXml(first));
  if (indent)
    out = out.replace(pPr || /(<w:p\b[^>]*>)/, pPr ? withFirstLineIndent(pPr) : `$1${withFirstLineIndent('')}`);
  const style = indent ? withFirstLineIndent(pPr) : pPr;
  for (const line of rest)
    out += `<w:p>${style}<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`;
  return out;
}

type Placeholders = ReadonlyMap<string, Placeholder>;

function fillCopy(
  content: string,
  fields: Placeholders,
  values: Record<string, unknown>,
  index: number,
  nonce: string,
): string {
  const blocks = content.replace(PARAGRAPH, (paragraph) => {
    let out = paragraph;
    for (const m of paragraph.matchAll(MARKER)) {
      const p = fields.get(m[1]!);
      if (p?.column) out = fillBlock(out, p.key, p.field, columnLines(p, valueAt(values, p.path)));
      else if (p && isBlock(p.field))
        out = fillBlock(out, p.key, p.field, displayLines(p.field, valueAt(values, p.path)));
    }
    return out;
  });
  return blocks.replace(MARKER, (_, key: string) => {
    const p = fields.get(key);
    if (!p) return '';
    // A picture is put in by patchDocument afterwards, under the record's own name.
    if (p.path[p.path.length - 1] === 'image') return `{{r${index}-${nonce}${MARK}${key}}}`;
    return escapeXml(displayText(p.field, valueAt(values, p.path)));
  });
}

export interface PreparedWord {
  /** Placeholders the template holds that the form has no field for. */
  unknown: string[];
  /** The form's placeholders the template holds, wherever it holds them (body, headers, footers). */
  placeholders: string[];
  render(records: readonly RenderRecord[], root: string): Promise<Uint8Array>;
}

/** The text a paragraph shows, tags dropped: a placeholder Word split over runs reads whole again. */
const paragraphTexts = (xml: string) => [...xml.matchAll(PARAGRAPH)].map((m) => m[0].replace(/<[^>]+>/g, ''));

/**
 * Reads a template once: every placeholder the form knows is gathered into one run, and any it
 * does not know is reported (it would otherwise be printed as `{{…}}` in every record).
 */
const TEMPLATE_PARTS = /^word\/(document|header\d*|footer\d*)\.xml$/;
const PLACEHOLDER = /\{\{\s*([^{}@][^{}]*?)\s*\}\}/g;

/** Whether every placeholder is written whole in one run, as in kmsw's own templates: then no gathering is needed. */
function placeholdersWhole(xml: string): boolean {
  const shown = new Map<string, number>();
  for (const text of paragraphTexts(xml))
    for (const m of text.matchAll(PLACEHOLDER)) shown.set(m[0], (shown.get(m[0]) ?? 0) + 1);
  return [...shown].every(([placeholder, n]) => xml.split(placeholder).length - 1 === n);
}

export async function prepareWord(form: Form, template: Uint8Array): Promise<PreparedWord> {
  const fields = formPlaceholders(form);
  const known = new Set(fields.map((f) => f.key));
  let parts = unzip(template);
  const names = Object.keys(parts).filter((name) => TEMPLATE_PARTS.test(name));
  if (names.every((name) => placeholdersWhole(strFromU8(parts[name]!)))) {
    for (const name of names) {
      const xml = strFromU8(parts[name]!).replace(PLACEHOLDER, (whole, key: string) =>
        known.has(key) ? `{{${MARK}${key}}}` : whole,
      );
      parts[name] = strToU8(xml);
    }
  } else {
    const { patchDocument, PatchType, TextRun } = await import('docx');
    const gathered = await patchDocument({
      outputType: 'uint8array',
      data: template,
      patches: Object.fromEntries(
        fields.map(({ key }) => [key, { type: PatchType.PARAGRAPH, children: [new TextRun(`{{${MARK}${key}}}`)] }]),
      ),
      keepOriginalStyles: true,
      trimPlaceholders: true,
    });
    parts = unzip(gathered);
  }
  const unknown = new Set<string>();
  const present = new Set<string>();
  for (const name of names) {
    const xml = strFromU8(parts[name]!);
    for (const m of xml.matchAll(MARKER)) present.add(m[1]!);
    for (const text of paragraphTexts(xml)) for (const m of text.matchAll(PLACEHOLDER)) unknown.add(m[1]!);
  }
  return {
    unknown: [...unknown],
    placeholders: [...present],
    render: (records, root) => fillTemplate(form, parts, records, root),
  };
}

async function fillTemplate(
  form: Form,
  gathered: Record<string, Uint8Array>,
  records: readonly RenderRecord[],
  root: string,
): Promise<Uint8Array> {
  if (records.length === 0) throw new Error(msg().word.noRecordsToExport);
  const fields = formPlaceholders(form);
  const byKey: Placeholders = new Map(fields.map((p) => [p.key, p]));
  const parts = { ...gathered };
  // The pictures' markers carry a random part: a record's text cannot name one (patchDocument reads the text
  // unescaped).
  const nonce = randomBytes(6).toString('hex');
  const body = splitBody(strFromU8(parts['word/document.xml']!));
  const pages = records.map((record, i) => {
    const page = fillCopy(body.content, byKey, record.values, i, nonce);
    return i === 0 ? page : startOnNewPage(page);
  });
  const filled = body.head + pages.join('') + body.tail;
  // Headers and footers are not repeated: they show the first record's values.
  for (const name of Object.keys(parts)) {
    if (/^word\/(header|footer)\d*\.xml$/.test(name))
      parts[name] = strToU8(fillCopy(strFromU8(parts[name]!), byKey, records[0]!.values, 0, nonce));
  }
  const pictures = fields.filter((f) => f.path[f.path.length - 1] === 'image');
  const named = records.some((record) => pictures.some((f) => typeof valueAt(record.values, f.path) === 'string'));
  // No pictures: the markers left for them are simply removed, and docx is never loaded.
  parts['word/document.xml'] = strToU8(
    named ? filled : filled.replace(new RegExp(`\\{\\{r\\d+-${nonce}@[^{}]+\\}\\}`, 'g'), ''),
  );
  if (!named) return zip(parts, { level: 6 });
  const docx = await import('docx');
  const empty: IPatch = { type: docx.PatchType.PARAGRAPH, children: [] };
  const patches: Record<string, IPatch> = {};
  records.forEach((record, i) => {
    for (const { key, path: at } of pictures)
      patches[`r${i}-${nonce}${MARK}${key}`] = signatureImage(docx, root, valueAt(record.values, at)) ?? empty;
  });
  return docx.patchDocument({
    outputType: 'uint8array',
    // Stored, not deflated: patchDocument unzips it again and writes the document deflated.
    data: zip(parts, { level: 0 }),
    patches,
    keepOriginalStyles: true,
  });
}
