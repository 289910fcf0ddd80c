/**
 * The build's stamp: a digest of everything scripts/bundle.mjs reads (src/, bin/, the build's scripts, the package
 * and lock files, tsconfig.json, Node's version, KMSW_NOMINIFY) and of the dist/ it wrote, kept in
 * node_modules/.cache/ (not in dist/: tests/build.test.ts holds dist/ to its four files). The build writes it last; the tests' globalSetup
 * (tests/support/build.ts) builds again only when it no longer matches, so `npm ci` (whose `prepare` builds) and then
 * `npm test` build once, and an edit to any input, or a dist/ built or changed by anything else, builds again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What scripts/bundle.mjs reads besides node_modules (whose versions package-lock.json pins). */
const INPUTS = [
  'src',
  'bin',
  'scripts/bundle.mjs',
  'scripts/ascii.mjs',
  'scripts/build-stamp.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

const stampFile = (root) => path.join(root, 'node_modules', '.cache', 'kmsw-build-stamp');

/** Every file below each of `entries` (a folder or a file), by name and bytes, in one digest; '' if one is missing. */
function digest(root, entries, extra = '') {
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

const stampOf = (root) =>
  `${digest(root, INPUTS, `${process.version}\0${process.env.KMSW_NOMINIFY ?? ''}\0`)} ${digest(root, ['dist'])}\n`;

/** Records that dist/ is the build of the inputs as they are now (the build's last step). */
export function writeStamp(root) {
  const file = stampFile(root);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, stampOf(root));
  renameSync(`${file}.tmp`, file);
}

/** Whether dist/ is the build of the inputs as they are now. */
export function isBuilt(root) {
  const file = stampFile(root);
  return existsSync(file) && readFileSync(file, 'utf8') === stampOf(root);
}
