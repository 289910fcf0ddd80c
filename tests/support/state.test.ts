/**
 * The test files share their worker's process (isolate: false): what one sets in kmsw's modules is put back
 * after it (tests/support/each-file.ts, with tests/support/state.ts), and each file checks at its start
 * that nothing was left. These tests set every piece in this process and prove both: the check names each one,
 * and the restore puts each one back. A piece the restore forgot would fail the second test here, and the
 * start of whichever file runs next in this worker.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { setLang } from '../../src/i18n.js';
import { setCaching } from '../../src/scan/cache.js';
import { planConfigFix } from '../../src/scan/fix.js';
import { signMessage } from '../../src/values/ssh.js';
import { CONFIG, tempFolder } from '../helpers.js';
import { newInProcess } from './new-in-process.js';
import { leakedKmswState, restoreKmswState } from './state.js';

/** Sets every piece of kmsw's module state an in-process test can set, as a test would. */
async function setEverything(): Promise<void> {
  // ssh-keygen not found: a PATH with nothing in it.
  vi.stubEnv('PATH', tempFolder({}, 'kmsw-nopath-'));
  expect(signMessage('x', path.join(os.tmpdir(), 'kmsw-no-such-key'))).toEqual({ error: 'ENOENT' });
  vi.unstubAllEnvs();
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  expect(await main(['--help'], { workerScript: '/kmsw-test/worker.cjs' })).toBe(0);
  vi.restoreAllMocks();
  setLang('en');
  // On whatever the suite's environment says (KMSW_NO_CACHE=1 runs the suite without the cache).
  vi.stubEnv('KMSW_NO_CACHE', '');
  setCaching(true);
  vi.unstubAllEnvs();
  planConfigFix('city: 昆明市\n', () => true);
}

describe("kmsw's module state between test files", () => {
  it('a file that leaves any piece set is named at the start of the next file', async () => {
    expect(leakedKmswState()).toEqual([]);
    await setEverything();
    expect(leakedKmswState()).toEqual([
      'the language (en)',
      'the cache switched on',
      'ssh-keygen found missing',
      'the host of main()',
      'the last parse of --fix',
    ]);
    restoreKmswState();
  });

  it('the restore after each file puts every piece back', async () => {
    await setEverything();
    restoreKmswState();
    expect(leakedKmswState()).toEqual([]);
  });

  it("newInProcess sets KMSW_USER for its call only, and leaves the test's own stubbed variables", async () => {
    vi.stubEnv('KMSW_TODAY', '2026-01-05');
    vi.stubEnv('KMSW_USER', '赵雪');
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    const { result, error } = await newInProcess(dir, 'log', ['--yes'], { today: '2026-11-28', user: '李明' });
    expect(error).toBeUndefined();
    expect(result?.relative).toBe('2026/11/log/2026-11-28-李明.yaml');
    expect(process.env.KMSW_TODAY).toBe('2026-01-05');
    expect(process.env.KMSW_USER).toBe('赵雪');
    vi.unstubAllEnvs();
  });
});
