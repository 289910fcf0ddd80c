/**
 * The folder rules' findings are kept under the key of the facts they were worked out from, and only then: when a
 * cached record's facts did not read back and its file was read again (it may have changed meanwhile), the facts the
 * rules saw may not be those the key describes, and nothing is kept (scan/folder-rules.ts's `trusted`).
 */
import { describe, expect, it } from 'vitest';
import { folderRuleFindings } from '../src/scan/folder-rules.js';
import type { ScanCache } from '../src/scan/cache.js';
import type { FolderContext } from '../src/rules/types.js';

/** A cache that holds nothing and notes what it is asked to keep. */
function notingCache(): { cache: ScanCache; kept: string[] } {
  const kept: string[] = [];
  const cache = {
    folderFindings: () => undefined,
    keepFolder: (_key: string, ids: readonly string[]) => void kept.push(ids.join()),
  } as unknown as ScanCache;
  return { cache, kept };
}

const ctx = { today: '2026-11-30' } as unknown as FolderContext;
const run = (trusted?: () => boolean) => {
  const { cache, kept } = notingCache();
  const wanted = (_rule: unknown, ids: readonly string[]) => ids.includes('duplicate');
  folderRuleFindings({ ctx, facts: () => [], files: [], wanted, cache, key: 'k', trusted });
  return kept;
};

describe('the folder rules’ findings kept in the cache', () => {
  it('are kept when the facts are the key’s', () => {
    expect(run(() => true)).toEqual(['duplicate']);
    expect(run()).toEqual(['duplicate']);
  });

  it('are not kept when a record was read again instead of from the cache', () => {
    expect(run(() => false)).toEqual([]);
  });
});
