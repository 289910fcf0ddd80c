/**
 * The questions `kmsw new` asks on a terminal. Loaded only when a person is there to answer.
 */
import { checkbox, input, select } from '@inquirer/prompts';
import { CITY_WIDE } from '../config.js';
import type { Field } from '../forms/fields.js';
import { parseDate, parseMonth } from '../values/date.js';
import { nameProblem, type Ask, type AskContext } from './new.js';
import { getLang, msg } from '../i18n.js';

const OTHER = Symbol('other');

const ACTIONS: Record<string, string> = {
  navigate: '上下移动',
  select: '选择',
  submit: '确认',
  all: '全选',
  invert: '反选',
};
const KEYS: Record<string, string> = { space: '空格' };
const inChinese = () => getLang() === 'zh';
/** The key hints under a list, in Chinese: `↑↓ 上下移动 • ⏎ 选择`. */
const theme = {
  style: {
    keysHelpTip: (keys: Array<[string, string]>) =>
      keys
        .map(([key, action]) => (inChinese() ? `${KEYS[key] ?? key} ${ACTIONS[action] ?? action}` : `${key} ${action}`))
        .join(' • '),
  },
};

/** A typed name goes into the file name and the YAML: refused at the prompt with what is wrong. */
const nameCheck = (v: string): string | true => {
  const why = nameProblem(v);
  return why ? msg().prompts.thisNameItIs(why) : true;
};

async function pick(message: string, names: string[], ctx: AskContext): Promise<string | undefined> {
  if (names.length === 0) return text(message, ctx, nameCheck);
  const choices = [
    ...names.map((name) => ({ name, value: name })),
    { name: msg().prompts.someoneElseTypeThe, value: OTHER as string | typeof OTHER },
  ];
  const answer = await select({
    message,
    theme,
    choices,
    default: typeof ctx.default === 'string' && names.includes(ctx.default) ? ctx.default : undefined,
    pageSize: 15,
  });
  return answer === OTHER ? text(message, { ...ctx, default: undefined }, nameCheck) : answer;
}

async function text(
  message: string,
  ctx: AskContext,
  check?: (v: string) => string | true,
): Promise<string | undefined> {
  const answer = await input({
    message,
    default: typeof ctx.default === 'string' ? ctx.default : undefined,
    validate: (v) => {
      if (v.trim() === '') return ctx.required ? msg().prompts.thisOneCannotBe : true;
      return check ? check(v.trim()) : true;
    },
  });
  return answer.trim() || undefined;
}

function names(field: Field, ctx: AskContext): string[] {
  if (field.kind !== 'person' && field.kind !== 'people') return [];
  if (field.role === 'assistant') return ctx.config.assistants.map((a) => a.name);
  if (field.role === 'expert') return ctx.config.experts.map((e) => e.name);
  return [];
}

export const askOnTerminal: Ask = async (field, key, ctx) => {
  // List hints ("每人一行") are about writing YAML; on a terminal the list itself shows how.
  const listy = field.kind === 'people' || field.kind === 'lines' || field.kind === 'paths';
  const message = field.hint && !listy ? `${field.label}（${field.hint}）` : field.label;
  switch (field.kind) {
    case 'date':
      return text(message, ctx, (v) => {
        const parsed = parseDate(v);
        return parsed.ok || parsed.reason;
      }).then((v) => (v === undefined ? v : (parseDate(v) as { value: string }).value));
    case 'month':
      return text(message, ctx, (v) => {
        const parsed = parseMonth(v);
        return parsed.ok || parsed.reason;
      }).then((v) => (v === undefined ? v : (parseMonth(v) as { value: string }).value));
    case 'choice':
      return select({ message, theme, choices: field.choices.map((c) => ({ name: c, value: c })) });
    case 'person':
      return pick(message, names(field, ctx), ctx);
    case 'people':
      return tick(message, field, ctx);
    case 'county': {
      const counties = Object.keys(ctx.config.counties);
      return pick(message, field.cityWide ? [...counties, CITY_WIDE] : counties, ctx);
    }
    case 'station': {
      const county = ctx.config.counties[String(ctx.values.county)];
      const stations = county ? county.stations : Object.values(ctx.config.counties).flatMap((c) => c.stations);
      return pick(message, stations, ctx);
    }
    default:
      return ctx.choices?.length ? pickFile(message, ctx.choices, ctx) : text(message, ctx);
  }
};

const eachName = (v: string) =>
  v
    .split(/[、,，]/)
    .map((n) => nameCheck(n.trim()))
    .find((r) => r !== true) ?? true;

const splitNames = (v: string | undefined) =>
  v
    ?.split(/[、,，]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Several people: ticked from kmsw.yaml's names, with someone not listed typed in. A field the form requires
 * (a group's experts) takes at least one, as check would say of it.
 */
async function tick(message: string, field: Field, ctx: AskContext): Promise<string[] | undefined> {
  const known = names(field, ctx);
  if (known.length === 0) return text(msg().prompts.severalSeparateWithOr(message), ctx, eachName).then(splitNames);
  const preset = Array.isArray(ctx.default) ? ctx.default : [];
  const required = ctx.required || !field.optional;
  const ticked = await checkbox<string | typeof OTHER>({
    message,
    theme,
    choices: [
      ...known.map((name) => ({ name, value: name, checked: preset.includes(name) })),
      { name: msg().prompts.someoneElseTypeThe, value: OTHER },
    ],
    pageSize: 15,
    validate: (items) => (required && items.length === 0 ? msg().prompts.pickAtLeastOne : true),
  });
  const chosen = ticked.filter((v): v is string => v !== OTHER);
  if (!ticked.includes(OTHER)) return chosen;
  const typed = await text(
    msg().prompts.severalSeparateWithOr(message),
    { ...ctx, default: undefined, required },
    eachName,
  );
  return [...chosen, ...(splitNames(typed) ?? [])];
}

/** A record named by its file (a survey's 所评督导): the folder's records to choose from, or one typed in. */
async function pickFile(message: string, files: string[], ctx: AskContext): Promise<string | undefined> {
  const answer = await select<string | typeof OTHER>({
    message,
    theme,
    choices: [...files.map((name) => ({ name, value: name })), { name: msg().prompts.typeTheFileName, value: OTHER }],
    pageSize: 15,
  });
  return answer === OTHER ? text(message, { ...ctx, default: undefined }) : answer;
}

/** `kmsw sign --as` on a terminal: the records waiting for a signature, several ticked at once. */
export async function tickRecords(
  message: string,
  choices: Array<{ name: string; value: string; disabled?: string | boolean }>,
): Promise<string[]> {
  return checkbox({ message, choices, pageSize: 15, theme });
}
