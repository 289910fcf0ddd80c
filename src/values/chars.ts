/**
 * Counts 字 the way Microsoft Word's 字数 statistic does (中文字符和朝鲜语单词 + 非中文单词), which is
 * what the project office uses when it reads 不少于300字:
 * every East Asian character or mark counts 1; every other run of non-space characters that holds a
 * letter or digit counts 1 (`2026`, `PPT`, `e-mail`); spaces and lone ASCII punctuation count 0.
 */
export function countChars(text: string): number {
  let count = 0;
  let inWord = false;
  let wordHasAlnum = false;
  const endWord = () => {
    if (inWord && wordHasAlnum) count++;
    inWord = false;
    wordHasAlnum = false;
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isEastAsian(cp)) {
      endWord();
      count++;
    } else if (/\s/u.test(ch)) {
      endWord();
    } else {
      inWord = true;
      if (!wordHasAlnum && /[\p{L}\p{N}]/u.test(ch)) wordHasAlnum = true;
    }
  }
  endWord();
  return count;
}

// “ ” ‘ ’ — … · : the marks of Chinese typesetting that live outside the CJK blocks.
const CHINESE_MARKS = new Set([0x201c, 0x201d, 0x2018, 0x2019, 0x2014, 0x2026, 0x00b7]);

function isEastAsian(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility Ideographs
    (cp >= 0x20000 && cp <= 0x323af) || // Extensions B–H
    (cp >= 0x3000 && cp <= 0x303f && cp !== 0x3000) || // CJK symbols and punctuation (not the ideographic space)
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms: ，。：；！？（） and full-width digits/letters
    (cp >= 0xac00 && cp <= 0xd7af) || // Hangul syllables
    (cp >= 0x1100 && cp <= 0x11ff) || // Hangul Jamo
    (cp >= 0x3130 && cp <= 0x318f) || // Hangul compatibility Jamo
    CHINESE_MARKS.has(cp)
  );
}
