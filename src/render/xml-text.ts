/**
 * What XML 1.0 allows in text. A record may hold control characters (pasted from another program);
 * written as they are, they make word/document.xml or an .xlsx's sheets malformed, and Word, WPS and
 * LibreOffice then refuse the whole file. A vertical tab or form feed is a line break, as Word itself
 * writes one; every other character XML forbids is dropped.
 */
const NOT_XML = new RegExp(
  String.raw`[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]` +
    String.raw`|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]`,
  'g',
);

export function xmlText(text: string, lineBreak: string): string {
  return text.replace(NOT_XML, (c) => (c === '\u000b' || c === '\u000c' ? lineBreak : ''));
}
