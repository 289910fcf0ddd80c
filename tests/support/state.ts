/**
 * kmsw's own module state that a test can set in-process, and how to put it back (tests/support/each-file.ts
 * does after each test file: the workers run file after file in one process, isolate: false in vitest.config.ts):
 * - the language of msg() (setLang), the cache switch (setCaching), an injected holiday calendar;
 * - ssh-keygen found missing (src/values/ssh.ts: a check with an empty PATH would make every later signature
 *   'no-ssh-keygen' in this process);
 * - the host and command of the last main() (src/cli.ts), the last YAML parse of --fix (src/scan/fix.ts).
 */
import { forgetHost } from '../../src/cli.js';
import { getLang, setLang } from '../../src/i18n.js';
import { cachingOn, setCaching } from '../../src/scan/cache.js';
import { forgetLastParse } from '../../src/scan/fix.js';
import { useCalendarForTests } from '../../src/values/calendar.js';
import { forgetSshKeygenMissing, sshKeygenMissing } from '../../src/values/ssh.js';

/** Puts kmsw's module state back as a fresh process has it. */
export function restoreKmswState(): void {
  setLang('zh');
  setCaching(false);
  useCalendarForTests(undefined);
  forgetSshKeygenMissing();
  forgetHost();
  forgetLastParse();
}

/**
 * What of kmsw's module state is not as a fresh process has it, by name (and put back: forgetting is how
 * the host and the last parse are read). Empty at the start of every test file (tests/support/each-file.ts):
 * the file before it in this worker restored all of it.
 */
export function leakedKmswState(): string[] {
  const leaked = [
    getLang() !== 'zh' && `the language (${getLang()})`,
    cachingOn() && 'the cache switched on',
    sshKeygenMissing() && 'ssh-keygen found missing',
    forgetHost().workerScript !== undefined && 'the host of main()',
    forgetLastParse() && 'the last parse of --fix',
  ];
  return leaked.filter((l): l is string => typeof l === 'string');
}
