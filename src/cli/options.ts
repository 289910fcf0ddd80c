/** The options more than one command takes, declared once; each command gives its own description. */
import { Option } from 'commander';
import { say } from '../i18n.js';

/** `--format text|json`. */
export const formatOption = () =>
  new Option(say('--format <格式>', '--format <format>'), say('输出格式', 'output format'))
    .choices(['text', 'json'])
    .default('text');

/** `-m, --month <年-月>`. */
export const monthOption = (description: string) =>
  new Option(say('-m, --month <年-月>', '-m, --month <yyyy-mm>'), description);

/** `--year <年>`: no short form, as `-y` is `new --yes`. */
export const yearOption = (description: string) => new Option(say('--year <年>', '--year <yyyy>'), description);
