import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, KUNMING_COUNTIES } from '../config.js';
import { KmswError } from '../errors.js';
import { say } from '../i18n.js';
import { createExclusive, writeAtomic } from '../records/write.js';

export interface InitResult {
  root: string;
  written: string[];
  gitInitialised: boolean;
}

export function configTemplate(): string {
  const counties = KUNMING_COUNTIES.map((c) => `  ${c}:\n    stations: []`).join('\n');
  return `# kmsw 设置：督导资料文件夹的基本信息。修改后运行 kmsw check 检查。
city: 昆明市
centre: 昆明市社会工作服务站督导中心

# 督导助理。since = 开始写督导工作日志的第一天（从这天起每个工作日应有一份日志）
assistants: []
#  - { name: 李明, since: 2026-01-05 }

# 督导专家。kind：行政协同督导 | 专业技术督导；title：职称
experts: []
#  - { name: 王芳, kind: 专业技术督导, title: 中级社会工作师 }

# 县（市、区）：承接机构（org）和乡镇（街道）社工站（stations）。全市性的督导，县填“全市”
counties:
${counties}
#  五华区:
#    org: { name: 昆明市五华区某社会工作服务中心, head: 赵敏, title: 主任, contact: "0871-0000000" }
#    stations: [红云街道社工站, 华山街道社工站]

# 检查规则的调整（一般不需要）
rules: {}
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

/** Makes `dir` a records folder: kmsw.yaml, a Git repository, and a .gitignore that keeps exports out of it. */
export async function init(dir: string): Promise<InitResult> {
  const root = path.resolve(dir);
  const written: string[] = [];
  if (!(await createExclusive(path.join(root, CONFIG_FILE), configTemplate()))) {
    const file = path.join(root, CONFIG_FILE);
    throw new KmswError(say(`${file} 已存在，未做任何修改。要修改设置，请直接编辑这个文件。`, `${file} exists already; nothing was changed. To change the settings, edit that file.`));
  }
  written.push(CONFIG_FILE);

  // Exports hold personal data (salaries, ages): they are made from the records, never shared through Git.
  const gitignore = path.join(root, '.gitignore');
  const current = existsSync(gitignore) ? await readFile(gitignore, 'utf8') : '';
  if (!current.split(/\r?\n/).some((l) => /^\/?exports\/?$/.test(l.trim()))) {
    await writeAtomic(gitignore, `${current}${current && !current.endsWith('\n') ? '\n' : ''}exports/\n`);
    written.push('.gitignore');
  }

  let gitInitialised = false;
  if (!insideGitRepo(root)) {
    try {
      execFileSync('git', ['init', '--quiet'], { cwd: root, stdio: 'pipe' });
      gitInitialised = true;
    } catch {
      // No git on this computer: the folder works without it; sharing it with the team needs it.
    }
  }
  return { root, written, gitInitialised };
}
