import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, KUNMING_COUNTIES } from '../config.js';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';
import { createExclusive, writeAtomic } from '../records/write.js';
import { installHook, type HookResult, type Runner } from './hooks.js';

export interface InitResult {
  root: string;
  written: string[];
  gitInitialised: boolean;
  /** kmsw's pre-commit hook, written; or why not (another hook is there, no Git). */
  hook?: HookResult | string;
}

/**
 * kmsw.yaml as `init` writes it. Each commented line is an example that stays valid when a person
 * takes its `#` away, alone or with the others (tests/cli-init.test.ts uncomments each in turn):
 * a list's key stands empty above its commented items, and an empty key is read as an empty list.
 */
export function configTemplate(): string {
  const [first, ...rest] = KUNMING_COUNTIES;
  const counties = [
    `  ${first}:`,
    '    #org: { name: 昆明市五华区某社会工作服务中心, head: 赵敏, title: 主任, contact: "0871-0000000" }',
    '    stations:',
    '    #  - 红云街道社工站',
    '    #  - 华山街道社工站',
    ...rest.map((c) => `  ${c}:\n    stations:`),
  ].join('\n');
  return `# kmsw 设置：督导资料文件夹的基本信息。修改后运行 kmsw check 检查。
# 例子写在 # 后面（如 #  - { name: 李明, … }）：去掉那个 # 就生效，照着改成你们自己的信息。
city: 昆明市
centre: 昆明市社会工作服务站督导中心

# 督导助理。since = 开始写督导工作日志的第一天（从这天起每个工作日应有一份日志）
assistants:
#  - { name: 李明, since: 2026-01-05 }

# 督导专家。kind：行政协同督导 | 专业技术督导；title：职称
experts:
#  - { name: 王芳, kind: 专业技术督导, title: 中级社会工作师 }

# 县（市、区）：承接机构（org）和乡镇（街道）社工站（stations，每站一行）。全市性的督导，县填“全市”
counties:
${counties}

# 检查规则的调整（一般不需要），每条一行，如：
rules:
#  late: { severity: error, days: 5 }
`;
}

function insideGitRepo(dir: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/**
 * What Git must never share: exports hold personal data (salaries, ages), made from the records; `.kmsw/` is
 * each machine's cache of its checks (it also holds a `.gitignore` of its own, for folders made before).
 */
const IGNORED: ReadonlyArray<readonly [string, RegExp]> = [
  ['exports/', /^\/?exports\/?$/],
  ['.kmsw/', /^\/?\.kmsw\/?$/],
];

/** What stands in the way of making a records folder at `root`, said before anything is written. */
function obstacle(root: string): string | undefined {
  const kind = (file: string) => {
    try {
      const stat = lstatSync(file);
      return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? 'none' : 'other';
    }
  };
  const rootKind = kind(root);
  if (rootKind === 'file') return msg().commandsInit.isAFileNot(root);
  if (rootKind === 'other') return msg().commandsInit.isNotAFolder(root);
  if (rootKind === 'none') {
    // Its parents must be folders too: `init a/b` where `a` is a file.
    for (let at = path.dirname(root); at !== path.dirname(at); at = path.dirname(at)) {
      const k = kind(at);
      if (k === 'folder') break;
      if (k !== 'none') return msg().commandsInit.isNotAFolderCannot(at, path.basename(root));
    }
    return undefined;
  }
  const gitignoreKind = kind(path.join(root, '.gitignore'));
  if (gitignoreKind !== 'none' && gitignoreKind !== 'file') {
    return msg().commandsInit.isNotAPlain(path.join(root, '.gitignore'));
  }
  return undefined;
}

/**
 * A records folder `root` would be inside, or one below it (a few levels down, a bounded number of folders): the
 * outer folder's listing would pass the inner one by (records/load.ts), so one of the two would go unchecked.
 */
function recordsFolderAround(root: string): string | undefined {
  const hasConfig = (folder: string) => {
    try {
      return lstatSync(path.join(folder, CONFIG_FILE)).isFile();
    } catch {
      return false;
    }
  };
  for (let at = path.dirname(root); at !== path.dirname(at); at = path.dirname(at))
    if (hasConfig(at)) return msg().commandsInit.insideRecordsFolder(root, at);
  const found = configBelow(root, hasConfig);
  if (found === undefined) return undefined;
  const dir = path.relative(process.cwd(), path.join(root, found)) || '.';
  return msg().commandsInit.holdsRecordsFolder(root, path.join(found, CONFIG_FILE), dir);
}

/** How far down, and over how many folders, init looks for a records folder inside the one it would make. */
const LOOK_DOWN = { levels: 3, folders: 2000 };

/** The first folder below `root` (relative to it), level by level, that `hasConfig`; hidden folders are passed by. */
function configBelow(root: string, hasConfig: (folder: string) => boolean): string | undefined {
  let level = [''];
  let seen = 0;
  for (let depth = 1; depth <= LOOK_DOWN.levels && level.length > 0; depth++) {
    const next: string[] = [];
    for (const rel of level) {
      let entries: import('node:fs').Dirent[];
      try {
        entries = readdirSync(path.join(root, rel), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (!e.isDirectory() || e.name.startsWith('.') || e.name === 'node_modules') continue;
        const child = rel ? path.join(rel, e.name) : e.name;
        if (hasConfig(path.join(root, child))) return child;
        if (++seen >= LOOK_DOWN.folders) return undefined;
        next.push(child);
      }
    }
    level = next;
  }
  return undefined;
}

/** Makes `dir` a records folder: kmsw.yaml, a Git repository, and a .gitignore that keeps exports out of it. */
export async function init(dir: string, runner?: Runner): Promise<InitResult> {
  const root = path.resolve(dir);
  const file = path.join(root, CONFIG_FILE);
  // A folder that is one already is said below (exists already), whatever lies around it.
  const blocked = obstacle(root) ?? (existsSync(file) ? undefined : recordsFolderAround(root));
  if (blocked) throw new KmswError(`${blocked}${msg().commandsInit.nothingWasWritten}`);
  if (!(await createExclusive(file, configTemplate()))) {
    throw new KmswError(msg().commandsInit.existsAlreadyNothingWas(file));
  }
  const written = [CONFIG_FILE];
  try {
    if (await ignoreExports(path.join(root, '.gitignore'))) written.push('.gitignore');
  } catch (e) {
    // Whole or not at all: a folder without its .gitignore would let exports into Git.
    await unlink(file).catch(() => {});
    throw e;
  }

  let gitInitialised = false;
  if (!insideGitRepo(root)) {
    try {
      execFileSync('git', ['init', '--quiet'], { cwd: root, stdio: 'pipe' });
      gitInitialised = true;
      // `git status` shows 2026-11-28-李明.yaml, not "2026-11-28-\346\235\216\346\230\216.yaml".
      execFileSync('git', ['config', 'core.quotepath', 'false'], { cwd: root, stdio: 'pipe' });
    } catch {
      // No git on this computer: the folder works without it; sharing it with the team needs it.
    }
  }
  if (!runner || !insideGitRepo(root)) return { root, written, gitInitialised };
  // The hook is a help, not the folder: a hook of the user's own, kept, is said, and init still succeeds.
  const hook = await installHook(root, runner).catch((e: Error) => e.message);
  return { root, written, gitInitialised, hook };
}

/**
 * Adds `exports/` and `.kmsw/` (the cache, src/scan/cache.ts) to the folder's .gitignore, each unless
 * a line says it already. The file's bytes are kept as they are (it may be GBK from a Chinese
 * Windows): the lines are appended as bytes, in the file's own line ending. Returns whether the file was written.
 */
async function ignoreExports(gitignore: string): Promise<boolean> {
  const bytes = existsSync(gitignore) ? await readFile(gitignore) : Buffer.alloc(0);
  // Latin-1 maps byte for byte: an ASCII line such as `exports/` is found in any ASCII-compatible encoding.
  const lines = bytes
    .toString('latin1')
    .split(/\r?\n/)
    .map((l) => l.trim());
  const missing = IGNORED.filter(([, pattern]) => !lines.some((l) => pattern.test(l))).map(([line]) => line);
  if (missing.length === 0) return false;
  const text = bytes.toString('latin1');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const gap = text !== '' && !text.endsWith('\n') ? eol : '';
  const added = Buffer.from(`${gap}${missing.map((l) => `${l}${eol}`).join('')}`, 'latin1');
  await writeAtomic(gitignore, Buffer.concat([bytes, added]));
  return true;
}
