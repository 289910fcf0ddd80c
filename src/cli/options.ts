/** The options more than one command takes, declared once; each command gives its own description. */
import { Option } from 'commander';
import { msg } from '../i18n.js';

/** `--format text|json`; `check` adds the reports for the office's Git server (`sarif`, `gitlab`). */
export const formatOption = (choices: readonly string[] = ['text', 'json']) =>
  new Option(msg().options.formatFormat, msg().options.outputFormat).choices(choices).default('text');

/** `-m, --month <年-月>`. */
export const monthOption = (description: string) => new Option(msg().options.mMonthYyyyMm, description);

/** `--year <年>`: no short form, as `-y` is `new --yes`. */
export const yearOption = (description: string) => new Option(msg().options.yearYyyy, description);

/**
 * `--no-cache`, on every command that scans the folder: its files are read and checked again, and .kmsw/ is
 * left alone.
 */
export const cacheOption = () => new Option('--no-cache', msg().cache.noCache);
