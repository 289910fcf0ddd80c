/**
 * What kmsw's own scripts and benchmark take from its build (scripts/make-templates.mjs,
 * bench/generate.mjs): `require('../bin/kmsw.cjs').loadKmsw().internals`. Loaded only when a script
 * asks for it, so the command line never initialises it. See docs/build.md.
 */
export { CHECKLIST_NOTE, CHECKLIST_TITLE } from './forms/checklist/checklist.js';
export { FORMS, formByKey } from './forms/index.js';
export { OUTPUTS } from './forms/outputs.js';
export { writeTemplates } from './render/make-templates.js';
export { officialCalendar } from './values/calendar.js';
export { addDays } from './values/date.js';
