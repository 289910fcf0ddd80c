/** Everything export writes and `kmsw templates` knows: every form's document, then the checklist. */
import { checklist } from './checklist/checklist.js';
import type { Output } from './form.js';
import { FORMS } from './index.js';

export const OUTPUTS: readonly Output[] = [...FORMS, checklist];

export const outputByKey = (key: string): Output | undefined => OUTPUTS.find((o) => o.key === key);
