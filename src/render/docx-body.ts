/** A Word document's body, cut where its content ends and its last section's properties begin. */
export interface Body {
  head: string;
  /** The body's content, without its closing section properties. */
  content: string;
  /** `<w:sectPr>…</w:sectPr></w:body>` and what follows. */
  tail: string;
}

export function splitBody(xml: string): Body {
  const open = /<w:body\b[^>]*>/.exec(xml);
  const close = xml.lastIndexOf('</w:body>');
  if (!open || close < 0) throw new Error('word/document.xml has no body');
  const start = open.index + open[0].length;
  const sect = xml.lastIndexOf('<w:sectPr', close);
  const end = sect >= start ? sect : close;
  return { head: xml.slice(0, start), content: xml.slice(start, end), tail: xml.slice(end) };
}

/** The elements that may come before pageBreakBefore in a paragraph's properties (Word checks the order). */
const BEFORE_PAGE_BREAK = /^(?:<w:pStyle\b[^>]*\/>|<w:keepNext\b[^>]*\/>|<w:keepLines\b[^>]*\/>)*/;

/** Makes the content start on a new page: its first paragraph breaks before, or an empty one is put before a table. */
export function startOnNewPage(content: string): string {
  const first = /^(\s*)<w:p\b([^>]*)>/.exec(content);
  if (!first || first[2]!.endsWith('/')) {
    const breakOnly = '<w:pageBreakBefore/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>';
    return `<w:p><w:pPr>${breakOnly}</w:pPr></w:p>${content}`;
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
