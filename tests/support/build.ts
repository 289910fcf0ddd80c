/**
 * vitest globalSetup: builds kmsw once before any test file runs, so every spawned `bin/kmsw.cjs`
 * runs the code under test, never a stale dist/. `npm run build` is whatever the build is.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    throw new Error(`npm run build failed (exit ${run.status ?? run.signal}): the tests would run a stale dist/`);
  }
}
