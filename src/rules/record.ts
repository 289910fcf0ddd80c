/**
 * Rules about one record, run while its YAML is parsed so that each finding points at the line a
 * person must edit. Each is a small function; none throws, none needs another record.
 */
import { CITY_WIDE } from '../config.js';
import { FACE_TO_FACE } from './sessions.js';
import { valueAt, walkFields, type Field, type Fields, type Signature } from '../forms/fields.js';
import { say } from '../i18n.js';
import { inspectPicture, SIGNATURE_TYPES } from '../records/inside.js';
import { toSlug } from '../records/paths.js';
import { locate } from '../records/yaml.js';
import { countChars } from '../values/chars.js';
import { addDays, daysBetween, monthOf } from '../values/date.js';
import { formatDuration } from '../values/duration.js';
import { nearest } from '../values/nearest.js';
import type { Finding, FolderContext, NameRef, RecordInput, RecordRule } from './types.js';

/** required and invalid-value: what the form's schema said about each field. */
export const fieldValues: RecordRule = (r) =>
  r.issues.map((issue) => ({ rule: issue.rule, file: r.file, line: issue.line, column: issue.column, field: issue.field, message: issue.message, ...(issue.hint ? { hint: issue.hint } : {}) }));

/** misplaced: the folder, year, month and file name must agree with the record's form and date. */
export const misplaced: RecordRule = (r, ctx) => {
  const { form, file, values } = r;
  const when = values[form.dateField] as string | undefined;
  const where = (key: string) => ({ field: key, ...locate(r.parsed, [key]) });
  const expectedDir = when ? `${when.slice(0, 4)}/${when.slice(5, 7)}/${form.key}/` : undefined;
  const m = /^(\d{4})\/(\d{2})\/([^/]+)\/([^/]+)$/.exec(file);
  if (!m) {
    const to = expectedDir ?? `<年>/<月>/${form.key}/`;
    return [{ rule: 'misplaced', file, ...where('form'), message: say(`记录应放在 ${to} 文件夹里（年/月/表格/日期-名称.yaml）`, `records live in ${to} (year/month/form/date-name.yaml)`), hint: say('请移过去（git mv），kmsw 只认这个结构', 'move it there (git mv)') }];
  }
  const [, year, month, folder, name] = m;
  if (folder !== form.key) {
    return [{ rule: 'misplaced', file, ...where('form'), message: say(`这是 ${form.key}（${form.title}），却放在 ${folder}/ 文件夹里`, `this is a ${form.key} (${form.title}) filed under ${folder}/`), hint: say(`移到 ${expectedDir ?? `${year}/${month}/${form.key}/`}，或改正 form`, `move it to ${expectedDir ?? `${year}/${month}/${form.key}/`} or correct form`) }];
  }
  if (!when) return [];
  if (when.slice(0, 4) !== year || when.slice(5, 7) !== month) {
    return [{ rule: 'misplaced', file, ...where(form.dateField), message: say(`记录的${form.fields[form.dateField]!.label}是 ${when}，文件却在 ${year}/${month}/`, `the record says ${when} but sits in ${year}/${month}/`), hint: say(`改正日期，或把文件移到 ${expectedDir}`, `correct the date or move the file to ${expectedDir}`) }];
  }
  const named = /^(\d{4}-\d{2}(?:-\d{2})?)/.exec(name!)?.[1];
  if (named !== when) {
    return [{ rule: 'misplaced', file, ...where(form.dateField), message: say(`文件名应以记录的日期 ${when} 开头（现在是 ${name}）`, `the file name should start with the record's date ${when} (it is ${name})`), hint: say(`改正日期，或把文件改名为 ${when}-….yaml`, `correct the date or rename the file to ${when}-….yaml`) }];
  }
  return writerNamed(r, ctx, when, name!);
};

/**
 * A log or summary whose file name names one assistant while its author is another: most often a
 * teammate's log copied as a start and its author changed, or not. Only a name kmsw.yaml lists as an
 * assistant is taken for a person (`2026-11-26-日志.yaml` names nobody).
 */
function writerNamed(r: RecordInput, ctx: FolderContext, when: string, name: string): Finding[] {
  const field = r.form.fields[r.form.slugField];
  const author = r.values[r.form.slugField];
  if (!r.form.unique || field?.kind !== 'person' || typeof author !== 'string') return [];
  const slug = name.replace(/\.ya?ml$/i, '').slice(when.length + 1).replace(/-\d+$/, '');
  const assistant = ctx.config.assistants.find((a) => toSlug(a.name) === slug);
  if (!assistant || toSlug(author) === slug) return [];
  return [{
    rule: 'misplaced',
    file: r.file,
    field: r.form.slugField,
    ...locate(r.parsed, [r.form.slugField]),
    message: say(`文件名写的是 ${assistant.name}，${field.label}却是 ${author}`, `the file name names ${assistant.name} but the ${r.form.slugField} is ${author}`),
    hint: say(
      `改正${field.label}，或把文件改名为 ${when}-${toSlug(author)}.yaml（git mv）`,
      `correct the ${r.form.slugField}, or rename the file to ${when}-${toSlug(author)}.yaml (git mv)`,
    ),
  }];
}

/** unknown-field: a key the form does not have, usually a typo or a Chinese label typed as a key. */
export const unknownField: RecordRule = (r) => {
  const findings: Finding[] = [];
  const walk = (fields: Fields, value: unknown, at: Array<string | number>, top: boolean) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    const keys = Object.keys(fields);
    for (const key of Object.keys(value)) {
      // Own keys only: `constructor:` typed in a record is not Object.prototype.constructor.
      const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (field) {
        const v = (value as Record<string, unknown>)[key];
        if (field.kind === 'group' || field.kind === 'signature') walk(field.fields, v, [...at, key], false);
        if (field.kind === 'table' && Array.isArray(v)) v.forEach((row, i) => walk(field.fields, row, [...at, key, i], false));
        continue;
      }
      if (top && key === 'form') continue;
      // `{ name：王芳 }` reads as a key `name：王芳`: fullwidth-syntax says what is wrong with it, at the colon.
      const slip = key.split(/：|:\u3000/)[0]!.trim();
      if (slip !== key && Object.hasOwn(fields, slip)) continue;
      const byLabel = Object.entries(fields).find(([, f]) => f.label === key)?.[0];
      const guess = byLabel ?? nearest(key, keys);
      const path = [...at, key];
      // A key that starts with a digit is no field: a comma inside a number cut the value (`salary: 3,800元`). It
      // may be the rest of a private value, so it is not repeated.
      if (/^[0-9\uff10-\uff19]/.test(key)) {
        findings.push({
          rule: 'unknown-field',
          file: r.file,
          field: [...at, '(number)'].join('.'),
          ...locate(r.parsed, [...at, key], 'key'),
          message: say('这里有一个以数字开头的键：多半是数字里的英文逗号把前面的值断开了', 'a key here starts with a digit: most likely a comma inside a number cut the value before it'),
          hint: say('如 3,800 应写成 3800，或给整个值加引号', 'write 3,800 as 3800, or quote the whole value'),
        });
        continue;
      }
      const shown = key === '' ? say('（空的键）', '(an empty key)') : key;
      findings.push({
        rule: 'unknown-field',
        file: r.file,
        field: path.join('.'),
        ...locate(r.parsed, path, 'key'),
        message: guess
          ? say(`${r.form.title}没有“${shown}”这一项`, `${r.form.key} has no field "${shown}"`)
          : say(`${r.form.title}没有“${shown}”这一项，会被忽略`, `${r.form.key} has no field "${shown}"; it is ignored`),
        hint: guess
          ? say(`是不是 ${guess}（${fields[guess]!.label}）？`, `did you mean ${guess} (${fields[guess]!.label})?`)
          : say(`可填的有 ${keys.join('、')}`, `the fields: ${keys.join(', ')}`),
      });
    }
  };
  walk(r.form.fields, r.raw, [], true);
  return findings;
};

/** min-chars: 不少于N字, counted as Word counts 字数. */
export const minChars: RecordRule = (r, ctx) => {
  const findings: Finding[] = [];
  const overridden = Object.keys(ctx.thresholds.minChars).length > 0;
  walkFields(r.form.fields, r.values, (field, value, at) => {
    if (field.kind !== 'text' || typeof value !== 'string') return;
    if (!field.min && !overridden) return;
    const key = `${r.form.key}.${at.filter((k) => typeof k === 'string').join('.')}`;
    const min = ctx.thresholds.minChars[key] ?? field.min;
    if (!min) return;
    const count = countChars(value);
    if (count >= min) return;
    findings.push({
      rule: 'min-chars',
      file: r.file,
      field: at.join('.'),
      ...locate(r.parsed, at),
      message: say(`${field.label}只有 ${count}/${min}字`, `${field.label} has ${count}/${min}字`),
      hint: say(`还差 ${min - count}字，请补充`, `${min - count} short, please add to it`),
    });
  });
  return findings;
};

export interface SignatureSlot {
  path: string[];
  field: Field & { kind: 'signature' };
}

const slotCache = new WeakMap<Fields, SignatureSlot[]>();

/** Where a form's signatures are (`signatures.worker`, `signature`…); found once per form. */
export function signatureSlots(fields: Fields): SignatureSlot[] {
  let slots = slotCache.get(fields);
  if (!slots) {
    const find = (f: Fields, at: string[]): SignatureSlot[] =>
      Object.entries(f).flatMap(([key, field]): SignatureSlot[] => {
        if (field.kind === 'signature') return [{ path: [...at, key], field }];
        if (field.kind === 'group') return find(field.fields, [...at, key]);
        return [];
      });
    slotCache.set(fields, (slots = find(fields, [])));
  }
  return slots;
}

const kindCache = new WeakMap<Fields, Set<string>>();

/** Whether a form has a field of this kind anywhere: rules skip forms they have nothing to say about. */
function hasKind(fields: Fields, kind: Field['kind']): boolean {
  let kinds = kindCache.get(fields);
  if (!kinds) {
    const found = new Set<string>();
    const visit = (f: Fields) => {
      for (const field of Object.values(f)) {
        found.add(field.kind);
        if ('fields' in field) visit(field.fields);
      }
    };
    visit(fields);
    kindCache.set(fields, (kinds = found));
  }
  return kinds.has(kind);
}

const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** A signature of a record as the signature rules see it, with who should sign. */
interface SignatureAt {
  at: string[];
  field: Field & { kind: 'signature' };
  sig: Signature | undefined;
  pos: { file: string; field: string; line: number; column: number };
  signerValue: unknown;
  signer: string | undefined;
}

/**
 * The record's signatures, but those written as something else than name and date (a list, a
 * text): an invalid-value already. The forms are due, signed, within a week of the session.
 */
function signaturesOf(r: RecordInput): SignatureAt[] {
  return signatureSlots(r.form.fields).flatMap(({ path: at, field }) => {
    const written = valueAt(r.raw, at);
    if (!blank(written) && (typeof written !== 'object' || Array.isArray(written))) return [];
    const signerValue = valueAt(r.values, field.signer.split('.'));
    const signer = Array.isArray(signerValue) ? signerValue.join(say('或', ' or ')) : (signerValue as string | undefined);
    const pos = { file: r.file, field: at.join('.'), ...locate(r.parsed, at) };
    return [{ at, field, sig: valueAt(r.values, at) as Signature | undefined, pos, signerValue, signer }];
  });
}

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** signature-missing: a warning while the week after the session runs, an error after. */
export const signatureMissing: RecordRule = (r, ctx) => {
  // Without a readable session date (an invalid-value already) nothing is due yet.
  const date = r.values.date as string | undefined;
  if (!date) return [];
  const due = addDays(date, ctx.thresholds.signatureDays);
  const inTime = ctx.today <= due;
  return signaturesOf(r).flatMap(({ at, field, sig, pos, signer }): Finding[] => {
    // A part that is written but does not read (a bad date) is an invalid-value, not a missing part.
    const noName = !sig?.name && blank(valueAt(r.raw, [...at, 'name']));
    const noDate = !sig?.date && blank(valueAt(r.raw, [...at, 'date']));
    if (!noName && !noDate) return [];
    const missing = noName && noDate ? say('签名人和签名日期', 'the name and the date') : noName ? say('签名人', 'the name') : say('签名日期', 'the date');
    return [{
      ...pos,
      rule: 'signature-missing',
      severity: inTime ? 'warning' : 'error',
      message: inTime
        ? say(`${field.label}缺少${missing}`, `${field.label} lacks ${missing}`)
        : say(`${field.label}缺少${missing}，已过签名期限 ${due}`, `${field.label} lacks ${missing}; it was due by ${due}`),
      hint: inTime ? say(`请${signer ?? ''}在 ${due} 前签名`, `${signer ?? 'the signer'} should sign by ${due}`) : say('请尽快补签', 'have it signed now'),
    }];
  });
};

/** signature-mismatch: the signer is not the person the form names. */
export const signatureMismatch: RecordRule = (r) =>
  signaturesOf(r).flatMap(({ at, field, sig, pos, signerValue, signer }): Finding[] => {
    if (!sig?.name || signerValue === undefined) return [];
    const allowed = Array.isArray(signerValue) ? (signerValue as string[]) : [String(signerValue)];
    if (allowed.some((n) => sameName(n, sig.name!))) return [];
    return [{
      ...pos,
      rule: 'signature-mismatch',
      ...locate(r.parsed, [...at, 'name']),
      field: [...at, 'name'].join('.'),
      message: say(`${field.label}是“${sig.name}”，但应由 ${signer} 签名`, `${field.label} is signed by "${sig.name}" but ${signer} should sign`),
      hint: say('请改正签名人，或改正表上的姓名', 'correct one of the names'),
    }];
  });

/** The signatures with a date, beside the session's date: what signature-date and late compare. */
function datedSignatures(r: RecordInput): Array<SignatureAt & { signed: string; date: string }> {
  const date = r.values.date as string | undefined;
  if (!date) return [];
  return signaturesOf(r).flatMap((s) => (s.sig?.date ? [{ ...s, signed: s.sig.date, date, pos: { ...s.pos, field: [...s.at, 'date'].join('.'), ...locate(r.parsed, [...s.at, 'date']) } }] : []));
}

/** signature-date: signed before the session, or after today. */
export const signatureDate: RecordRule = (r, ctx) =>
  datedSignatures(r).flatMap(({ field, signed, date, pos }): Finding[] => {
    if (signed < date) {
      return [{ ...pos, rule: 'signature-date', message: say(`${field.label}的日期 ${signed} 早于督导日期 ${date}`, `${field.label} is dated ${signed}, before the session on ${date}`), hint: say('签名应在督导之后', 'a signature comes after the session') }];
    }
    if (signed > ctx.today) {
      return [{ ...pos, rule: 'signature-date', message: say(`${field.label}的日期 ${signed} 在今天（${ctx.today}）之后`, `${field.label} is dated ${signed}, after today (${ctx.today})`), hint: say('请写实际签名的日期', 'write the day it was signed') }];
    }
    return [];
  });

/** late: signed, in the past, more than `lateDays` after the session. */
export const late: RecordRule = (r, ctx) =>
  datedSignatures(r).flatMap(({ field, signed, date, pos }): Finding[] => {
    if (signed < date || signed > ctx.today) return [];
    const days = daysBetween(date, signed);
    if (days <= ctx.thresholds.lateDays) return [];
    return [{ ...pos, rule: 'late', message: say(`${field.label}在督导后 ${days} 天才签（${signed}），超过了 ${ctx.thresholds.lateDays} 天的期限`, `${field.label} was signed ${days} days after the session (${signed}), past the ${ctx.thresholds.lateDays}-day limit`) }];
  });

/**
 * duration-short: a face-to-face (`mode: 线下`) group session shorter than the handbook's 2 hours,
 * compared on the exact value (119.5 minutes is short). The 2-hour rule is a 面对面督导
 * requirement: an online session, or one whose mode does not read, is not held to it.
 */
export const durationShort: RecordRule = (r, ctx) => {
  const findings: Finding[] = [];
  if (Object.hasOwn(r.form.fields, 'mode') && r.values.mode !== FACE_TO_FACE) return findings;
  for (const [key, field] of Object.entries(r.form.fields)) {
    if (field.kind !== 'duration' || field.min === undefined) continue;
    const minutes = r.values[key];
    const min = ctx.thresholds.groupMin;
    if (typeof minutes === 'number' && minutes < min) {
      findings.push({ rule: 'duration-short', file: r.file, field: key, ...locate(r.parsed, [key]), message: say(`${field.label}是 ${formatDuration(minutes)}，线下${r.form.title.replace(/记录表$/, '')}要求不少于 ${formatDuration(min)}`, `${field.label} is ${formatDuration(minutes)}; a face-to-face ${r.form.key} session must last at least ${formatDuration(min)}`) });
    }
  }
  return findings;
};

/** future-date: a record dated after today (a summary for a month that has not come). */
export const futureDate: RecordRule = (r, ctx) => {
  const findings: Finding[] = [];
  for (const key of new Set([r.form.dateField, 'date'])) {
    const value = r.values[key];
    if (typeof value !== 'string') continue;
    const future = value.length === 7 ? value > monthOf(ctx.today) : value > ctx.today;
    if (future) {
      findings.push({ rule: 'future-date', file: r.file, field: key, ...locate(r.parsed, [key]), message: say(`${r.form.fields[key]!.label} ${value} 在今天（${ctx.today}）之后`, `${r.form.fields[key]!.label} ${value} is after today (${ctx.today})`), hint: say('请写实际的日期', 'write the real date') });
    }
  }
  return findings;
};

/** unknown-place: a county or station that kmsw.yaml does not list. */
export const unknownPlace: RecordRule = (r, ctx) => {
  if (!hasKind(r.form.fields, 'county') && !hasKind(r.form.fields, 'station')) return [];
  const counties = Object.keys(ctx.config.counties);
  const county = typeof r.values.county === 'string' ? r.values.county : undefined;
  const stationsOf = county && ctx.config.counties[county] ? ctx.config.counties[county].stations : Object.values(ctx.config.counties).flatMap((c) => c.stations);
  const findings: Finding[] = [];
  walkFields(r.form.fields, r.values, (field, value, at) => {
    if (typeof value !== 'string') return;
    const pos = { rule: 'unknown-place' as const, file: r.file, field: at.join('.'), ...locate(r.parsed, at) };
    if (field.kind === 'county' && value !== CITY_WIDE && !counties.includes(value)) {
      const guess = nearest(value, counties) ?? counties.find((c) => c.startsWith(value) || value.startsWith(c));
      findings.push({ ...pos, message: say(`kmsw.yaml 的 counties 里没有“${value}”`, `"${value}" is not among kmsw.yaml's counties`), hint: placeHint(guess) });
    }
    if (field.kind === 'station' && !stationsOf.includes(value)) {
      const guess = nearest(value, stationsOf) ?? stationsOf.find((s) => s.startsWith(value));
      const where = county && ctx.config.counties[county] ? say(`${county}的社工站`, `${county}'s stations`) : say('社工站', 'stations');
      findings.push({ ...pos, message: say(`kmsw.yaml 里${where}没有“${value}”`, `"${value}" is not among kmsw.yaml's ${where}`), hint: placeHint(guess) });
    }
  });
  return findings;
};

const placeHint = (guess: string | undefined) =>
  guess ? say(`是不是 ${guess}？`, `did you mean ${guess}?`) : say('请改正，或把它加进 kmsw.yaml', 'correct it or add it to kmsw.yaml');

/** missing-photo: a photo path that is not a file inside the records folder. */
export const missingPhoto: RecordRule = (r, ctx) => {
  if (!hasKind(r.form.fields, 'paths') && !hasKind(r.form.fields, 'signature')) return [];
  const findings: Finding[] = [];
  const look = (p: string, at: Array<string | number>, what: { zh: string; en: string }, folder: string, types?: readonly string[]) => {
    const pos = { rule: 'missing-photo' as const, file: r.file, field: at.join('.'), ...locate(r.parsed, at) };
    const found = inspectPicture(ctx.root, p, { head: true, types });
    if (found.ok) return;
    if (found.why === 'outside') {
      findings.push({
        ...pos,
        message: say(`${what.zh}“${p}”不在资料文件夹里${found.message ? `（${found.message}）` : ''}`, `the ${what.en} "${p}" is outside the records folder${found.message ? ` (${found.message})` : ''}`),
        hint: say(`请把它放进 ${folder}/，写相对路径，如 ${folder}/2026-11/门牌.jpg`, `put it in ${folder}/ and write a relative path, e.g. ${folder}/2026-11/door.jpg`),
      });
    } else if (found.why === 'missing') {
      findings.push({ ...pos, message: say(`找不到${what.zh}“${p}”`, `cannot find the ${what.en} "${p}"`), hint: say('请检查文件名和文件夹（区分大小写），或把文件放到这个位置', 'check the name and folder (case matters) or put the file there') });
    } else {
      findings.push({ ...pos, message: say(`${what.zh}“${p}”${found.message}`, `the ${what.en} "${p}": ${found.message}`), hint: say(`请写一张图片的路径，如 ${folder}/2026-11/门牌.jpg`, `name a picture file, e.g. ${folder}/2026-11/door.jpg`) });
    }
  };
  walkFields(r.form.fields, r.values, (field, value, at) => {
    if (field.kind === 'paths' && Array.isArray(value)) value.forEach((p: string, i) => look(p, [...at, i], { zh: '照片', en: 'photo' }, 'photos'));
    // A signature picture that is not there would leave the exported form unsigned without a word.
    // It is embedded in the Word export, which holds PNG and JPEG only: a GIF would be left out unsigned.
    if (field.file && typeof value === 'string') look(value, at, { zh: field.label, en: 'signature picture' }, 'signatures', SIGNATURE_TYPES);
  });
  return findings;
};

/**
 * The names a record mentions (persons and lists of persons) that kmsw.yaml does not know, with
 * where they stand: unknown-person checks them once every roster has been read. Names kmsw.yaml
 * knows are skipped here, so most records cost nothing.
 */
export function namesIn(r: RecordInput, known: ReadonlySet<string>): NameRef[] {
  if (!hasKind(r.form.fields, 'person') && !hasKind(r.form.fields, 'people')) return [];
  const names: NameRef[] = [];
  walkFields(r.form.fields, r.values, (field, value, at) => {
    if (field.kind === 'person' && typeof value === 'string') {
      if (!known.has(value.replace(/\s+/g, ''))) names.push({ name: value, field: at.join('.'), ...locate(r.parsed, at) });
    }
    if (field.kind === 'people' && Array.isArray(value)) {
      value.forEach((v: string, i) => {
        // 可写姓名（所在社工站）: the name is what comes before the bracket.
        const name = v.replace(/\s*[（(].*$/, '').trim();
        if (!name || known.has(name.replace(/\s+/g, ''))) return;
        names.push({ name, field: [...at, i].join('.'), ...locate(r.parsed, Array.isArray(valueAt(r.raw, at)) ? [...at, i] : at) });
      });
    }
  });
  return names;
}

const configNames = new WeakMap<FolderContext['config'], Set<string>>();

/** Everyone kmsw.yaml names: assistants, experts, the counties' org heads. */
export function namesInConfig(config: FolderContext['config']): Set<string> {
  let names = configNames.get(config);
  if (!names) {
    names = new Set([...config.assistants.map((a) => a.name), ...config.experts.map((e) => e.name), ...Object.values(config.counties).flatMap((c) => (c.org?.head ? [c.org.head] : []))].map((n) => n.replace(/\s+/g, '')));
    configNames.set(config, names);
  }
  return names;
}
