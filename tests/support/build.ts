/**
 * vitest globalSetup: builds kmsw before any test file runs, so every spawned `bin/kmsw.cjs` runs the
 * code under test, never a stale dist/. `npm run build` is whatever the build is.
 *
 * The build (~3.5 s of CPU, ~8 s on a busy machine, before any test starts) is skipped when dist/ is the build of
 * the inputs as they are now (scripts/build-stamp.mjs: the build's last step records a digest of its inputs and of
 * dist/): after `npm ci`, whose `prepare` builds, or a second `npm test` with nothing edited.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuilt } from '../../scripts/build-stamp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default function setup(): void {
  if (isBuilt(root)) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    throw new Error(`npm run build failed (exit ${run.status ?? run.signal}): the tests would run a stale dist/`);
  }
  if (!isBuilt(root)) throw new Error('npm run build left no stamp of its inputs (scripts/build-stamp.mjs)');
}
