/**
 * `kmsw new <form> --yes [--as X] [--set k=v]… [--force]` in-process: newRecord(), which the command line
 * calls with exactly these options (src/cli/new.ts runNew, which then only prints the path). For cases
 * whose spawned path is covered by a spawned sibling: a spawn costs ~0.25 s of CPU, newRecord() a few ms.
 * The environment is the one kmsw() gives a spawned kmsw (tests/helpers.ts): no KMSW_USER unless given.
 */
import { type NewResult, newRecord } from '../../src/commands/new.js';
import { KmswError } from '../../src/errors.js';

/** What a spawned `kmsw new` would have done: the result (exit 0) or the KmswError it prints (exit 2). */
export async function newInProcess(
  dir: string,
  form: string | undefined,
  args: string[],
  opts: { today: string; user?: string },
): Promise<{ result?: NewResult; error?: KmswError }> {
  const options = { root: dir, form, today: opts.today, as: undefined as string | undefined, set: [] as string[] };
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--as') options.as = args[++i];
    else if (a === '--set') options.set.push(args[++i]!);
    else if (a === '--force') force = true;
    else if (a !== '--yes') throw new Error(`newInProcess: ${a} is not an option it knows`);
  }
  // KMSW_USER alone is set, and put back after: not vi.unstubAllEnvs(), which would undo the test's own stubs too.
  const user = process.env.KMSW_USER;
  process.env.KMSW_USER = opts.user ?? '';
  try {
    return { result: await newRecord({ ...options, force }) };
  } catch (e) {
    if (e instanceof KmswError) return { error: e };
    throw e;
  } finally {
    if (user === undefined) delete process.env.KMSW_USER;
    else process.env.KMSW_USER = user;
  }
}
