/**
 * vitest setupFiles: runs before every test file. The workers are reused from file to file (isolate: false
 * in vitest.config.ts: a fresh process and module graph per file cost ~0.5 s of CPU a file), so whatever a
 * file changes in its process is put back after it, and the next file starts as if alone:
 * - the temp folders tempFolder() made for it are removed;
 * - process.env and the working directory are restored, mocks, stubbed env and globals and fake timers undone;
 * - kmsw's own module state that a test can set in-process (tests/support/state.ts): the language
 *   (msg()), the cache switch, an injected holiday calendar, ssh-keygen found missing, main()'s host, the
 *   last parse of --fix. A file that starts with any of it set fails here, naming it: the file before it in
 *   this worker leaked it (tests/support/state.test.ts proves the restore puts each one back).
 * vi.mock is hoisted per file and would leak into other files' imports: no test uses it (vi.doMock with
 * vi.resetModules, as tests/cli-words.test.ts does, only). Files run in any order: `--sequence.shuffle.files`.
 */
import { afterAll, vi } from 'vitest';
import { removeTempFolders } from '../helpers.js';
import { leakedKmswState, restoreKmswState } from './state.js';

const leaked = leakedKmswState();
if (leaked.length > 0) throw new Error(`a test file before this one left kmsw's state changed: ${leaked.join(', ')}`);

const env = { ...process.env };
const cwd = process.cwd();

afterAll(() => {
  removeTempFolders();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  process.chdir(cwd);
  restoreKmswState();
});
