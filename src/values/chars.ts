/**
 * Counts 字 the way Microsoft Word's 字数 statistic does (中文字符和朝鲜语单词 + 非中文单词), which is
 * what the project office uses when it reads 不少于300字:
 * every East Asian character or mark counts 1; every other run of non-space characters that holds a
 * letter or digit counts 1 (`2026`, `PPT`, `e-mail`); spaces and lone ASCII punctuation count 0.
 * With `enough`, the count stops as soon as it reaches that many (min-chars needs the exact count only below it).
 */
export function countChars(text: string, enough = Infinity): number {
  // Most texts min-chars counts hold enough Chinese characters alone: a pattern finds that, without the loop.
  if (enough <= HAN_PATTERN_MAX && enough <= text.length && enough > 0 && Number.isInteger(enough)) {
    if (hanAtLeast(enough).test(text)) return enough;
  }
  let count = 0;
  let inWord = false;
  let wordHasAlnum = false;
  // By UTF-16 unit, pairing surrogates as `for…of` would: no string per character, no regex for ASCII.
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    // The CJK Unified block (most of a Chinese text) and ASCII (the rest of it) told here, not by isEastAsian,
    // isSpace and isLetterOrDigit: kmsw's V8 does not inline them, and a call per character was ~4% of a check.
    if (cp >= 0x4e00 && cp <= 0x9fff) {
      if (inWord && wordHasAlnum) count++;
      inWord = false;
      wordHasAlnum = false;
      if (++count >= enough) return count;
      continue;
    }
    if (cp < 0x80) {
      if (cp === 32 || (cp >= 9 && cp <= 13)) {
        if (inWord && wordHasAlnum) count++;
        inWord = false;
        wordHasAlnum = false;
      } else {
        inWord = true;
        if (!wordHasAlnum && ((cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122)))
          wordHasAlnum = true;
      }
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (isEastAsian(cp)) {
      if (inWord && wordHasAlnum) count++;
      inWord = false;
      wordHasAlnum = false;
      // The count only grows: a caller that needs `enough` stops here.
      if (++count >= enough) return count;
    } else if (isSpace(cp)) {
      if (inWord && wordHasAlnum) count++;
      inWord = false;
      wordHasAlnum = false;
    } else {
      inWord = true;
      if (!wordHasAlnum && isLetterOrDigit(cp)) wordHasAlnum = true;
    }
  }
  if (inWord && wordHasAlnum) count++;
  return count;
}

/** `\s` with the u flag, for one code point. */
const isSpace = (cp: number) => (cp < 0x80 ? cp === 32 || (cp >= 9 && cp <= 13) : /\s/u.test(String.fromCodePoint(cp)));

/** `[\p{L}\p{N}]`, for one code point. */
const isLetterOrDigit = (cp: number) =>
  cp < 0x80
    ? (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122)
    : /[\p{L}\p{N}]/u.test(String.fromCodePoint(cp));

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

/**
 * The largest minimum hanAtLeast makes a pattern for: a pattern of millions of repetitions runs out of V8's regex
 * stack (a RangeError), and no record's minimum is near this; a larger one is counted by the loop.
 */
const HAN_PATTERN_MAX = 100_000;

const hanPatterns = new Map<number, RegExp>();

/**
 * A pattern that matches a text holding at least `n` characters of the CJK Unified block, each of which counts 1:
 * then the count is at least `n`. The regex engine's compiled code goes through a log's 300 字 several times cheaper
 * than the loop above, which a short run mostly runs before V8 has optimised it (callgrind, office folder's check:
 * 2,734 -> 2,685 M instructions). `[^一-鿿]*` cannot take a Chinese character, so a text with fewer fails in one
 * pass: no backtracking to speak of. One pattern per `n` (a form's minimums and kmsw.yaml's: a handful).
 */
function hanAtLeast(n: number): RegExp {
  let pattern = hanPatterns.get(n);
  if (!pattern) hanPatterns.set(n, (pattern = new RegExp(`^(?:[^\\u4e00-\\u9fff]*[\\u4e00-\\u9fff]){${n}}`)));
  return pattern;
}
