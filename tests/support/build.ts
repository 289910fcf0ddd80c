/**
 * vitest globalSetup: builds kmsw before any test file runs, so every spawned `bin/kmsw.cjs` runs the
 * code under test, never a stale dist/. `npm run build` is whatever the build is.
 *
 * The build (~3.5 s of CPU, ~8 s on a busy machine, before any test starts) is skipped when dist/ is the one
 * this setup last built from the same inputs: the digest of everything the build reads (src/, the build's
 * scripts, bin/, the package and lock files, Node's version, KMSW_NOMINIFY) and of the dist/ it wrote is kept
 * in node_modules/.cache/kmsw-test-build (not in dist/: tests/build.test.ts holds dist/ to its four files).
 * An edit to any input, a dist/ built by hand from anything else, or no stamp: the build runs.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const STAMP = path.join(root, 'node_modules', '.cache', 'kmsw-test-build');
/** What scripts/bundle.mjs reads besides node_modules (whose versions package-lock.json pins). */
const INPUTS = ['src', 'bin', 'scripts/bundle.mjs', 'scripts/ascii.mjs', 'package.json', 'package-lock.json'];

/** Every file below each of `entries` (a folder or a file), by name and bytes, in one digest; '' if one is missing. */
function digest(entries: string[], extra = ''): string {
  const hash = createHash('sha256').update(extra);
  for (const entry of entries) {
    const full = path.join(root, entry);
    if (!existsSync(full)) return '';
    const files = statSync(full).isDirectory()
      ? readdirSync(full, { recursive: true, withFileTypes: true })
          .filter((f) => f.isFile())
          .map((f) => path.join(f.parentPath, f.name))
      : [full];
    for (const file of files.sort()) hash.update(`${path.relative(root, file)}\0`).update(readFileSync(file));
  }
  return hash.digest('hex');
}

const stampOf = () =>
  `${digest(INPUTS, `${process.version}\0${process.env.KMSW_NOMINIFY ?? ''}\0`)} ${digest(['dist'])}\n`;

export default function setup(): void {
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stampOf()) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    throw new Error(`npm run build failed (exit ${run.status ?? run.signal}): the tests would run a stale dist/`);
  }
  mkdirSync(path.dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, stampOf());
}
