/**
 * `kmsw <args>` in-process: main() of src/cli.ts, the function bin/kmsw.cjs runs, with the same arguments, the
 * environment kmsw() gives a spawned kmsw (tests/helpers.ts: no colour, no user, no KMSW_TODAY) and `cwd` as its
 * working folder; its stdout and stderr captured and its exit code returned, as a Run. For the answers a test compares a spawned kmsw with (the
 * `--no-cache` runs of tests/cache-days.test.ts, the reports a test only reads): a spawn costs ~0.25-0.35 s of CPU,
 * main() a few ms once its modules are loaded. What it cannot stand in for: the build in dist/, and so the cache
 * (src/scan/cache.ts: only a build has a BUILD_ID; in-process kmsw never reads nor writes one, as with `--no-cache`),
 * a fresh process, worker threads (no host script is given, so a scan stays on this thread). Each file that uses
 * it keeps a spawned run of each kind it tests.
 */
import { vi } from 'vitest';
import { main } from '../../src/cli.js';
import { setLang } from '../../src/i18n.js';
import { setCaching } from '../../src/scan/cache.js';
import type { Run } from '../helpers.js';

/** main() may be awaited by one test at a time: the process's stdout and stderr are borrowed while it runs. */
let busy = false;

export async function kmswInProcess(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  if (busy) throw new Error('kmswInProcess: one run at a time (it borrows process.stdout and stderr)');
  busy = true;
  const env = { NO_COLOR: '1', KMSW_USER: '', KMSW_TODAY: '', FORCE_COLOR: undefined, ...opts.env };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const out = { stdout: '', stderr: '' };
  const capture = (to: 'stdout' | 'stderr') =>
    vi.spyOn(process[to], 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out[to] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    });
  const spies = [capture('stdout'), capture('stderr')];
  const cwd = process.cwd();
  try {
    if (opts.cwd) process.chdir(opts.cwd);
    const code = await main(args);
    return { code, ...out };
  } finally {
    process.chdir(cwd);
    for (const spy of spies) spy.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    // What main() set in kmsw's modules, as tests/support/each-file.ts leaves them.
    setLang('zh');
    setCaching(false);
    busy = false;
  }
}
