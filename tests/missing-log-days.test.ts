import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byMonth } from '../src/format/diagnostics.js';

// check's text output shows four or more missing logs at one place as one finding listing the days by month
// (src/format/diagnostics.ts): every day listed must be a day of the findings, and every day of the findings listed.
describe('missing logs by month', () => {
  it('property: the ranges shown are exactly the days given', () => {
    const day = fc
      .record({ m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
      .map(({ m, d }) => `2026-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.uniqueArray(day, { minLength: 1, maxLength: 80 }), (given) => {
        const days = [...given].sort();
        const shown = byMonth(days).flatMap((line) => {
          const m = /^(\d{4}-\d{2})：(.*)日$/.exec(line)!;
          return m[2]!.split('、').flatMap((run) => {
            const [a, b = a] = run.split('–').map(Number) as [number, number?];
            return Array.from({ length: b - a + 1 }, (_, k) => `${m[1]}-${String(a + k).padStart(2, '0')}`);
          });
        });
        expect(shown).toEqual(days);
      }),
    );
  });
});
