import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseDate } from '../src/values/date.js';
import { countChars } from '../src/values/chars.js';
import { parseDate, parseMonth, parseMonthOrDate } from '../src/values/date.js';
import { formatDuration, parseDuration } from '../src/values/duration.js';
import { distance, nearest } from '../src/values/nearest.js';
import { FORM_KEYS } from '../src/forms/index.js';
import { textOf } from '../src/values/text.js';
import { countCharsSlowly } from './support/count-chars-slowly.js';

describe('parseDate', () => {
  it.each([
    ['2026-11-28', '2026-11-28'],
    ['2026/11/28', '2026-11-28'],
    ['2026.11.28', '2026-11-28'],
    ['2026年11月28日', '2026-11-28'],
    ['2026年11月28号', '2026-11-28'],
    ['2026 年 1 月 5 日', '2026-01-05'],
    ['2026-1-5', '2026-01-05'],
    ['２０２６－１１－２８', '2026-11-28'],
    ['２０２６年１１月２８日', '2026-11-28'],
    ['2026／11／28', '2026-11-28'],
    ['  2026-11-28 ', '2026-11-28'],
    // A YAML timestamp is that calendar day, whatever the zone: no shift to the 27th.
    ['2026-11-28T00:30:00+08:00', '2026-11-28'],
    ['2026-11-28 23:59', '2026-11-28'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
  ])('reads %j as %s', (input, day) => {
    expect(parseDate(input)).toEqual({ ok: true, value: day });
  });

  it.each([
    ['2026-11-31', '2026年11月没有31日'],
    ['2026-02-29', '2026年2月没有29日'],
    ['1900-02-29', '1900年2月没有29日'],
    ['2026-13-01', '没有13月'],
    ['2026-00-10', '没有0月'],
  ])('refuses the impossible day %j instead of rolling it over', (input, reason) => {
    expect(parseDate(input)).toEqual({ ok: false, reason });
  });

  it.each([
    ['明天'],
    [''],
    ['11/28/2026'],
    ['2026-11'],
    ['20261128'],
    [20261128],
    [null],
    [undefined],
    [{}],
    [['2026-11-28']],
  ])('refuses %j with the spelling to use', (input) => {
    const result = parseDate(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/2026-11-28|没有/);
  });

  const days = fc.date({
    min: new Date('1950-01-01T00:00:00Z'),
    max: new Date('2100-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const iso = (d: Date) => d.toISOString().slice(0, 10);

  it('reads back every day it is given, in each spelling (property)', () => {
    fc.assert(
      fc.property(days, (d) => {
        const day = iso(d);
        const [y, m, dd] = day.split('-').map(Number);
        for (const spelling of [day, day.replaceAll('-', '/'), day.replaceAll('-', '.'), `${y}年${m}月${dd}日`]) {
          expect(parseDate(spelling)).toEqual({ ok: true, value: day });
        }
      }),
    );
  });

  it('reads back the dates the exports print, days and months (property)', () => {
    fc.assert(
      fc.property(days, (d) => {
        expect(parseDate(chineseDate(iso(d)))).toEqual({ ok: true, value: iso(d) });
        expect(parseMonth(chineseDate(iso(d).slice(0, 7)))).toEqual({ ok: true, value: iso(d).slice(0, 7) });
      }),
    );
  });

  it('never throws, whatever it is given (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        parseDate(v);
        parseMonth(v);
        parseMonthOrDate(v);
      }),
    );
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => void parseDate(s)));
  });
});

describe('parseMonth', () => {
  it.each([
    ['2026-11', '2026-11'],
    ['2026-1', '2026-01'],
    ['2026/11', '2026-11'],
    ['2026.11', '2026-11'],
    ['2026年11月', '2026-11'],
    ['２０２６年１１月', '2026-11'],
  ])('reads %j as %s', (input, month) => expect(parseMonth(input)).toEqual({ ok: true, value: month }));

  it.each([['2026-13'], ['2026-11-28'], ['十一月'], [202611]])('refuses %j', (input) =>
    expect(parseMonth(input).ok).toBe(false),
  );

  it('takes a month or a whole date for 出生年月 and 入职时间', () => {
    expect(parseMonthOrDate('1995-06')).toEqual({ ok: true, value: '1995-06' });
    expect(parseMonthOrDate('1995年6月3日')).toEqual({ ok: true, value: '1995-06-03' });
    expect(parseMonthOrDate('1995-06-31').ok).toBe(false);
  });
});

describe('parseDuration', () => {
  it.each([
    ['2小时', 120],
    ['2.5小时', 150],
    ['1小时30分钟', 90],
    ['1小时30分', 90],
    ['90分钟', 90],
    ['2h', 120],
    ['1.5h', 90],
    ['90min', 90],
    ['1h30m', 90],
    ['1h30', 90],
    ['2 小时', 120],
    ['２小时', 120],
    ['3个小时', 180],
    ['2', 120],
    [2, 120],
    [1.5, 90],
    ['0.25h', 15],
  ])('reads %j as %i minutes', (input, minutes) => expect(parseDuration(input)).toEqual({ ok: true, value: minutes }));

  it.each([
    ['-2小时'],
    ['0'],
    [0],
    ['999小时'],
    [25],
    ['两小时'],
    ['2小时半'],
    [''],
    ['abc'],
    [null],
    [true],
    [Number.NaN],
  ])('refuses %j', (input) => expect(parseDuration(input).ok).toBe(false));

  it('reads back what it writes, for every duration up to a day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 * 60 }), (minutes) => {
        expect(parseDuration(formatDuration(minutes))).toEqual({ ok: true, value: minutes });
        expect(parseDuration(`${minutes}min`)).toEqual({ ok: true, value: minutes });
        expect(parseDuration(`${Math.floor(minutes / 60)}h${minutes % 60}m`)).toEqual({ ok: true, value: minutes });
      }),
    );
  });

  it('writes durations the way the paper form does', () => {
    expect([45, 60, 90, 150, 180].map(formatDuration)).toEqual([
      '45分钟',
      '1小时',
      '1小时30分钟',
      '2小时30分钟',
      '3小时',
    ]);
  });

  it('never throws (property)', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.double(), fc.anything()), (v) => void parseDuration(v)));
  });
});

describe('countChars (Word 字数: 中文字符和朝鲜语单词 + 非中文单词)', () => {
  // Each count below was made by hand, character by character.
  it.each([
    ['我们于2026年11月28日召开了Party meeting，共30人参加。', 21], // the spec's own example
    ['今天去红云街道社工站。', 11],
    ['PPT 做得很好！', 6], // PPT(1) 做得很好(4) ！(1)
    ['e-mail 和 2.5 小时', 5], // e-mail(1) 和(1) 2.5(1) 小时(2)
    ['“社工”——助人自助…', 11], // “ 社 工 ” — — 助 人 自 助 …
    ['Hello, world! ...', 2], // lone "..." counts 0
    ['１２３ＡＢＣ', 6], // full-width forms count one each
    ['社工站（一）', 6],
    ['A、B、C', 5],
    ['第1次督导,共3人', 8], // half-width comma alone counts 0
    ['한국어 단어', 5],
    ['𠀀𠀁', 2], // Extension B, outside the BMP
    ['中·文', 3],
    ['社工\u3000站', 3], // the ideographic space is a space
    ['', 0],
    [' \n\t\r\n ', 0],
    ['- , . ; !', 0],
    ['1、联系社工站\n2、整理台账', 13], // 1 、 联 系 社 工 站 (7) + 2 、 整 理 台 账 (6)
  ])('%j counts %i', (text, count) => expect(countChars(text)).toBe(count));

  it('counts each Chinese character once (property)', () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp));
    fc.assert(
      fc.property(fc.array(han), (chars) => {
        expect(countChars(chars.join(''))).toBe(chars.length);
      }),
    );
  });

  it('adds up across a space (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(countChars(`${a} ${b}`)).toBe(countChars(a) + countChars(b));
      }),
    );
  });

  it('never counts more than the characters written, and spaces add nothing (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(countChars(s)).toBeLessThanOrEqual([...s].length);
        expect(countChars(s.replaceAll(' ', '   '))).toBe(countChars(s));
      }),
    );
  });

  it('counts as the plain loop over code points does, whatever the text (property)', () => {
    // Chinese, ASCII, marks, Hangul, spaces, lone and paired surrogates, any code point: the fast paths' edges.
    const unit = fc.oneof(
      fc.integer({ min: 0x4dff, max: 0x4e01 }),
      fc.integer({ min: 0x9ffe, max: 0xa000 }),
      fc.integer({ min: 0x4e00, max: 0x9fff }),
      fc.integer({ min: 0, max: 0x80 }),
      fc.constantFrom(0x3000, 0x3001, 0x3002, 0xff0c, 0xff10, 0x201c, 0x2014, 0x00b7, 0x00a0, 0x2028, 0xac00, 0x00e9),
      fc.integer({ min: 0xd7ff, max: 0xe000 }),
      fc.integer({ min: 0, max: 0xffff }),
    );
    const units = (arbitrary: fc.Arbitrary<number>) =>
      fc.array(arbitrary, { maxLength: 40 }).map((codes) => String.fromCharCode(...codes));
    // Mostly Chinese too, so that `enough` Chinese characters are often there (countChars' pattern) and often not.
    const han = fc.integer({ min: 0x4e00, max: 0x9fff });
    const text = fc.oneof(units(unit), units(fc.oneof({ arbitrary: han, weight: 4 }, { arbitrary: unit, weight: 1 })));
    const withPairs = fc.oneof(text, fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(withPairs, fc.integer({ min: 1, max: 30 }), (s, enough) => {
        expect(countChars(s)).toBe(countCharsSlowly(s));
        // With `enough`: the exact count below it, and at least it otherwise.
        const upTo = countChars(s, enough);
        if (countCharsSlowly(s) < enough) expect(upTo).toBe(countCharsSlowly(s));
        else expect(upTo).toBeGreaterThanOrEqual(enough);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nearest', () => {
  it.each([
    ['lgo', 'log'],
    ['mothly', 'monthly'],
    ['grop', 'group'],
    ['Survey', 'survey'],
    ['individaul', 'individual'],
    ['foo', undefined],
    ['x', undefined],
  ])('%s → %s', (word, expected) => {
    expect(nearest(word, FORM_KEYS)).toBe(expected);
  });

  it('is a distance: zero only to itself, symmetric (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(distance(a, a)).toBe(0);
        expect(distance(a, b)).toBe(distance(b, a));
        expect(distance(a, b) === 0).toBe(a === b);
      }),
    );
  });
});

describe('textOf: a record value as text', () => {
  it.each([
    ['李明', '李明'],
    [3, '3'],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
    [['李明', '赵雪'], '["李明","赵雪"]'],
    [{ name: '王芳' }, '{"name":"王芳"}'],
  ])('%j reads %j', (value, text) => {
    expect(textOf(value)).toBe(text);
  });

  it('a value that refers to itself (a YAML alias can make one) does not throw', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(textOf(loop)).toBe('[…]');
  });
});
