import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';

/** The file that makes a folder a records folder: the folder's settings (src/config.ts reads it). */
export const CONFIG_FILE = 'kmsw.yaml';

/** The records folder: `--dir` as given, or the first folder holding kmsw.yaml walking up from `cwd`. */
export function findFolder(dir: string | undefined, cwd = process.cwd()): string {
  if (dir !== undefined) {
    const root = path.resolve(cwd, dir);
    if (!existsSync(path.join(root, CONFIG_FILE))) {
      unreadableFolder(root);
      throw new KmswError(msg().recordsFolder.hasNoItIs(root, CONFIG_FILE, dir));
    }
    return root;
  }
  for (let at = path.resolve(cwd); ; at = path.dirname(at)) {
    if (existsSync(path.join(at, CONFIG_FILE))) return at;
    if (path.dirname(at) === at) break;
  }
  throw new KmswError(msg().recordsFolder.noHereOrAbove(CONFIG_FILE));
}

/** A folder kmsw may not open is said to be that, not "not a records folder". */
function unreadableFolder(root: string): void {
  try {
    if (!statSync(root).isDirectory()) return;
    accessSync(root, constants.R_OK | constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new KmswError(msg().recordsFolder.cannotReadTheFolder(root, code));
    }
  }
}
