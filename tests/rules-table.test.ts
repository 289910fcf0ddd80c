/**
 * The rules are one closed table (src/rules/ids.ts): every id has a scope, and a function of that
 * scope reports it. A typo in an id is a compile error (`npm run typecheck`); these tests hold the
 * shape the types cannot see.
 */
import { describe, expect, it } from 'vitest';
import { FILE_RULES, FOLDER_RULES, RECORD_RULES, RULES, RULE_BY_ID, RULE_IDS } from '../src/rules/index.js';

const tables = { file: FILE_RULES, record: RECORD_RULES, folder: FOLDER_RULES } as const;

describe('the rules table', () => {
  it('lists each id once, and by id', () => {
    expect(new Set(RULE_IDS).size).toBe(RULES.length);
    for (const rule of RULES) expect(RULE_BY_ID[rule.id]).toBe(rule);
  });

  it('has, for each id, a function of its own scope that reports it, and no function reports an id of another scope', () => {
    for (const rule of RULES) {
      const own = (tables[rule.scope] as ReadonlyArray<readonly [unknown, readonly string[]]>).filter(([, ids]) =>
        ids.includes(rule.id),
      );
      expect(own.length, rule.id).toBeGreaterThan(0);
    }
    for (const [scope, table] of Object.entries(tables)) {
      for (const [, ids] of table as ReadonlyArray<readonly [unknown, readonly string[]]>) {
        for (const id of ids) expect(RULE_BY_ID[id as keyof typeof RULE_BY_ID]?.scope, id).toBe(scope);
      }
    }
  });

  it('gives each signature rule its own function', () => {
    const signatureRows = RECORD_RULES.filter(([, ids]) =>
      ids.some((id) => id.startsWith('signature-') || id === 'late'),
    );
    expect(signatureRows.map(([, ids]) => ids)).toEqual([
      ['signature-missing'],
      ['signature-mismatch'],
      ['signature-date'],
      ['late'],
    ]);
    expect(new Set(signatureRows.map(([fn]) => fn)).size).toBe(4);
  });
});
