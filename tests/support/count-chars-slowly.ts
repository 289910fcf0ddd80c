/** countChars as it was written before its fast loop (one string and one regex per character): the reference. */
export function countCharsSlowly(text: string): number {
  const eastAsian = (cp: number) =>
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x323af) ||
    (cp >= 0x3000 && cp <= 0x303f && cp !== 0x3000) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x3130 && cp <= 0x318f) ||
    [0x201c, 0x201d, 0x2018, 0x2019, 0x2014, 0x2026, 0x00b7].includes(cp);
  let count = 0;
  let inWord = false;
  let alnum = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (eastAsian(cp) || /\s/u.test(ch)) {
      if (inWord && alnum) count++;
      inWord = alnum = false;
      if (eastAsian(cp)) count++;
    } else {
      inWord = true;
      if (!alnum && /[\p{L}\p{N}]/u.test(ch)) alnum = true;
    }
  }
  return count + (inWord && alnum ? 1 : 0);
}
