/**
 * `kmsw <args>` in this process: main() of src/cli.ts, what bin/kmsw.cjs runs, with what it writes to stdout
 * and stderr caught. For cases of a kind whose spawned run a sibling test covers (say which beside the call):
 * a spawn costs ~0.15-0.3 s of CPU, main() a few ms. The environment is the one kmsw() gives a spawned kmsw
 * (tests/helpers.ts): no colour, no KMSW_USER, no KMSW_TODAY, and `env`; each put back after the call, and the language
 * of msg() too (main() sets it from the arguments).
 */
import { vi } from 'vitest';
import { main } from '../../src/cli.js';
import { getLang, setLang } from '../../src/i18n.js';
import type { Run } from '../helpers.js';

const ENV = { NO_COLOR: '1', KMSW_USER: '', KMSW_TODAY: '', FORCE_COLOR: undefined };

export async function mainInProcess(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  const env: Record<string, string | undefined> = { ...ENV, ...opts.env };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const cwd = process.cwd();
  const lang = getLang();
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  try {
    if (opts.cwd) process.chdir(opts.cwd);
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
    setLang(lang);
    out.mockRestore();
    err.mockRestore();
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}
