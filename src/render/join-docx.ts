/**
 * Joins Word documents made from one template into one document, each starting on a new page.
 * The first document's package is kept (styles, headers, page setup, its last section); the body
 * of each other one is appended, with the pictures it refers to copied in under new names.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';

const DOCUMENT = 'word/document.xml';
const RELS = 'word/_rels/document.xml.rels';
const TYPES = '[Content_Types].xml';

interface Body {
  head: string;
  /** The body's content, without its closing section properties. */
  content: string;
  /** `<w:sectPr>…</w:sectPr></w:body>` and what follows. */
  tail: string;
}

function splitBody(xml: string): Body {
  const open = /<w:body\b[^>]*>/.exec(xml);
  const close = xml.lastIndexOf('</w:body>');
  if (!open || close < 0) throw new Error('word/document.xml has no body');
  const start = open.index + open[0].length;
  const sect = xml.lastIndexOf('<w:sectPr', close);
  const end = sect >= start ? sect : close;
  return { head: xml.slice(0, start), content: xml.slice(start, end), tail: xml.slice(end) };
}

interface Relationship {
  type: string;
  target: string;
  external: boolean;
}

function readRelationships(xml: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  for (const m of xml.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1]!)?.[1];
    const id = attr('Id');
    if (id) rels.set(id, { type: attr('Type') ?? '', target: attr('Target') ?? '', external: attr('TargetMode') === 'External' });
  }
  return rels;
}

/** The elements that may come before pageBreakBefore in a paragraph's properties (Word checks the order). */
const BEFORE_PAGE_BREAK = /^(?:<w:pStyle\b[^>]*\/>|<w:keepNext\b[^>]*\/>|<w:keepLines\b[^>]*\/>)*/;

/** Makes the content start on a new page: its first paragraph breaks before, or an empty one is put before a table. */
function startOnNewPage(content: string): string {
  const first = /^(\s*)<w:p\b([^>]*)>/.exec(content);
  if (!first || first[2]!.endsWith('/')) {
    return `<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>${content}`;
  }
  const afterOpen = first[0].length;
  const rest = content.slice(afterOpen);
  if (rest.startsWith('<w:pPr>')) {
    const inner = rest.slice('<w:pPr>'.length);
    const lead = BEFORE_PAGE_BREAK.exec(inner)![0];
    if (inner.slice(lead.length).startsWith('<w:pageBreakBefore')) return content;
    return `${content.slice(0, afterOpen)}<w:pPr>${lead}<w:pageBreakBefore/>${inner.slice(lead.length)}`;
  }
  return `${content.slice(0, afterOpen)}<w:pPr><w:pageBreakBefore/></w:pPr>${rest}`;
}

export function joinDocuments(docs: readonly Uint8Array[]): Uint8Array {
  if (docs.length === 0) throw new Error('nothing to join');
  if (docs.length === 1) return docs[0]!;
  const base: Unzipped = unzipSync(docs[0]!);
  const first = splitBody(strFromU8(base[DOCUMENT]!));
  let rels = strFromU8(base[RELS]!);
  let types = strFromU8(base[TYPES]!);
  const contents = [first.content];

  docs.slice(1).forEach((doc, i) => {
    const part = unzipSync(doc);
    const own = readRelationships(strFromU8(part[RELS] ?? strToU8('')));
    const added = new Map<string, string>();
    let content = splitBody(strFromU8(part[DOCUMENT]!)).content;
    // Bookmarks would repeat their names and ids in every copy; they mean nothing in an export.
    content = content.replace(/<w:bookmark(?:Start|End)\b[^>]*\/>/g, '');
    content = content.replace(/\br:(embed|id|link|pict)="([^"]+)"/g, (whole, attr: string, id: string) => {
      const rel = own.get(id);
      if (!rel) return whole;
      let newId = added.get(id);
      if (!newId) {
        newId = `rIdJoin${i + 1}_${id}`;
        let target = rel.target;
        if (!rel.external) {
          const source = target.startsWith('/') ? target.slice(1) : `word/${target}`;
          target = target.replace(/([^/]+)$/, `join${i + 1}_$1`);
          const copy = target.startsWith('/') ? target.slice(1) : `word/${target}`;
          if (part[source]) base[copy] = part[source]!;
        }
        rels = rels.replace('</Relationships>', `<Relationship Id="${newId}" Type="${rel.type}" Target="${target}"${rel.external ? ' TargetMode="External"' : ''}/></Relationships>`);
        added.set(id, newId);
      }
      return `r:${attr}="${newId}"`;
    });
    // A picture's file type must be declared in the package the first time one appears.
    for (const m of strFromU8(part[TYPES]!).matchAll(/<Default\b[^>]*Extension="([^"]+)"[^>]*\/>/g)) {
      if (!new RegExp(`Extension="${m[1]}"`, 'i').test(types)) types = types.replace('</Types>', `${m[0]}</Types>`);
    }
    contents.push(startOnNewPage(content));
  });

  // Every drawing needs an id of its own in the joined document.
  let drawing = 0;
  const body = contents.join('').replace(/(<wp:docPr\b[^>]*?\bid=")\d+(")/g, (_, a: string, b: string) => `${a}${++drawing}${b}`);
  base[DOCUMENT] = strToU8(first.head + body + first.tail);
  base[RELS] = strToU8(rels);
  base[TYPES] = strToU8(types);
  return zipSync(base, { level: 6 });
}
