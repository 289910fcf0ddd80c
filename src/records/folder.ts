import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { KmswError } from '../errors.js';
import { say } from '../i18n.js';

/** The file that makes a folder a records folder: the folder's settings (src/config.ts reads it). */
export const CONFIG_FILE = 'kmsw.yaml';

/** The records folder: `--dir` as given, or the first folder holding kmsw.yaml walking up from `cwd`. */
export function findFolder(dir: string | undefined, cwd = process.cwd()): string {
  if (dir !== undefined) {
    const root = path.resolve(cwd, dir);
    if (!existsSync(path.join(root, CONFIG_FILE))) {
      unreadableFolder(root);
      throw new KmswError(
        say(
          `${root} 里没有 ${CONFIG_FILE}：这不是督导资料文件夹。新建请运行 kmsw init ${dir}`,
          `${root} has no ${CONFIG_FILE}: it is not a records folder. To make one, run kmsw init ${dir}`,
        ),
      );
    }
    return root;
  }
  for (let at = path.resolve(cwd); ; at = path.dirname(at)) {
    if (existsSync(path.join(at, CONFIG_FILE))) return at;
    if (path.dirname(at) === at) break;
  }
  throw new KmswError(
    say(
      `找不到 ${CONFIG_FILE}：请在督导资料文件夹内运行，或用 --dir 指定文件夹；还没有资料文件夹时运行 kmsw init`,
      `No ${CONFIG_FILE} here or above: run kmsw inside a records folder, or name one with --dir; to make one, run kmsw init`,
    ),
  );
}

/** A folder kmsw may not open is said to be that, not "not a records folder". */
function unreadableFolder(root: string): void {
  try {
    if (!statSync(root).isDirectory()) return;
    accessSync(root, constants.R_OK | constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new KmswError(say(`无法读取文件夹 ${root}（${code}）：请检查文件夹的权限（chmod）`, `cannot read the folder ${root} (${code}): check its permissions (chmod)`));
    }
  }
}
