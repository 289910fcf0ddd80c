import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameWhereDated } from '../src/rules/record.js';

/** What misplaced's patterns say of a file: its name when it lies where `when` says and is named after it. */
function byPatterns(file: string, key: string, when: string): string | undefined {
  const m = /^(\d{4})\/(\d{2})\/([^/]+)\/([^/]+)$/.exec(file);
  if (!m) return undefined;
  const [, year, month, folder, name] = m;
  if (folder !== key || when.slice(0, 4) !== year || when.slice(5, 7) !== month) return undefined;
  return /^(\d{4}-\d{2}(?:-\d{2})?)/.exec(name!)?.[1] === when ? name : undefined;
}

describe('misplaced: nameWhereDated', () => {
  it('finds a file where its date says as the patterns do (property)', () => {
    const piece = fc.constantFrom(
      '2026',
      '11',
      '05',
      '2026-11',
      '2026-11-05',
      '-',
      '/',
      'log',
      'monthly',
      '.yaml',
      '王芳',
      '-2',
      '',
    );
    const date = fc.constantFrom('2026-11-05', '2026-11', '2026-12-05', '2025-11');
    const key = fc.constantFrom('log', 'monthly');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), date, key, (pieces, when, form) => {
        const dir = `${when.slice(0, 4)}/${when.slice(5, 7)}/${form}/`;
        for (const file of [pieces.join(''), dir + pieces.join('')]) {
          const found = nameWhereDated(file, dir, when);
          // Where it finds a name, the patterns find the same; where it does not, they decide (misplaced runs them).
          if (found !== undefined) expect(found).toBe(byPatterns(file, form, when));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['2026/11/log/2026-11-05-王芳.yaml', 'log', '2026-11-05', '2026-11-05-王芳.yaml'],
    ['2026/11/monthly/2026-11-王芳.yaml', 'monthly', '2026-11', '2026-11-王芳.yaml'],
    ['2026/11/monthly/2026-11-05-王芳.yaml', 'monthly', '2026-11', undefined],
    ['2026/11/log/2026-11-05/x.yaml', 'log', '2026-11-05', undefined],
  ])('%s', (file, form, when, name) => {
    expect(nameWhereDated(file, `${when.slice(0, 4)}/${when.slice(5, 7)}/${form}/`, when)).toBe(name);
    expect(byPatterns(file, form, when)).toBe(name);
  });
});
