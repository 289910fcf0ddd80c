/**
 * Rules about one record, run while its YAML is parsed so that each finding points at the line a
 * person must edit. Each is a small function; none throws, none needs another record.
 */
import { sameName } from '../values/text.js';
import { CITY_WIDE } from '../config.js';
import { FACE_TO_FACE } from './sessions.js';
import { signatureSlots } from '../forms/digest.js';
import { fieldList, valueAt, walkFields, type Field, type Fields, type Signature } from '../forms/fields.js';
import { msg } from '../i18n.js';
import { inspectPicture, type EMBEDDABLE } from '../records/inside.js';
import { toSlug } from '../records/paths.js';
import { locate } from '../records/yaml.js';
import { countChars } from '../values/chars.js';
import { addDays, daysBetween } from '../values/date.js';
import { showDuration } from '../values/duration.js';
import { nearest } from '../values/nearest.js';
import type { Finding, FolderContext, NameRef, RecordContext, RecordInput, RecordRule } from './types.js';
import { textOf } from '../values/text.js';

/** required and invalid-value: what the form's schema said about each field. */
export const fieldValues: RecordRule = (r) =>
  r.issues.map((issue) => ({
    rule: issue.rule,
    file: r.file,
    line: issue.line,
    column: issue.column,
    field: issue.field,
    message: issue.message,
    ...(issue.hint ? { hint: issue.hint } : {}),
  }));

/** misplaced: the folder, year, month and file name must agree with the record's form and date. */
export const misplaced: RecordRule = (r, ctx) => {
  const { form, file, values } = r;
  const when = values[form.dateField] as string | undefined;
  const where = (key: string) => ({ field: key, ...locate(r.parsed, [key]) });
  const expectedDir = when ? `${when.slice(0, 4)}/${when.slice(5, 7)}/${form.key}/` : undefined;
  // Most records lie where their date says, named after it: said in a few comparisons, not the patterns below.
  const filed = when && expectedDir ? nameWhereDated(file, expectedDir, when) : undefined;
  if (filed) return writerNamed(r, ctx, when!, filed);
  const m = /^(\d{4})\/(\d{2})\/([^/]+)\/([^/]+)$/.exec(file);
  if (!m) {
    const to = expectedDir ?? `<年>/<月>/${form.key}/`;
    return [
      {
        rule: 'misplaced',
        file,
        ...where('form'),
        message: msg().record.recordsLiveInYear(to),
        hint: msg().record.moveItThereGit,
      },
    ];
  }
  const [, year, month, folder, name] = m;
  if (folder !== form.key) {
    return [
      {
        rule: 'misplaced',
        file,
        ...where('form'),
        message: msg().record.thisIsAFiled(form.key, form.title, folder),
        hint: msg().record.moveItToOr(expectedDir ?? `${year}/${month}/${form.key}/`),
      },
    ];
  }
  if (!when) return [];
  if (when.slice(0, 4) !== year || when.slice(5, 7) !== month) {
    return [
      {
        rule: 'misplaced',
        file,
        ...where(form.dateField),
        message: msg().record.theRecordSaysBut(form.fields[form.dateField]!.label, when, year, month),
        hint: msg().record.correctTheDateOr(expectedDir),
      },
    ];
  }
  const named = /^(\d{4}-\d{2}(?:-\d{2})?)/.exec(name!)?.[1];
  if (named !== when) {
    return [
      {
        rule: 'misplaced',
        file,
        ...where(form.dateField),
        message: msg().record.theFileNameShould(when, name),
        hint: msg().record.correctTheDateOrRename(when),
      },
    ];
  }
  return writerNamed(r, ctx, when, name!);
};

/**
 * The file's name when it lies in `dir`, the folder its date `when` says, and its name starts with that date: what
 * misplaced's patterns find of such a file. `when` is a date or month as the form reads it (digits only), so this is a
 * name after the folders with no `/` in it, starting with the date, and a month's not with a day after it
 * (`2026-11-05-…` is no name for 2026-11).
 */
export function nameWhereDated(file: string, dir: string, when: string): string | undefined {
  if (!file.startsWith(dir)) return undefined;
  const name = file.slice(dir.length);
  if (!name.startsWith(when) || name.includes('/')) return undefined;
  return when.length === 10 || !/^-\d{2}/.test(name.slice(7)) ? name : undefined;
}

/**
 * A log or summary whose file name names one assistant while its author is another: most often a
 * teammate's log copied as a start and its author changed, or not. Only a name kmsw.yaml lists as an
 * assistant is taken for a person (`2026-11-26-日志.yaml` names nobody).
 */
function writerNamed(r: RecordInput, ctx: RecordContext, when: string, name: string): Finding[] {
  const field = r.form.fields[r.form.slugField];
  const author = r.values[r.form.slugField];
  if (!r.form.unique || field?.kind !== 'person' || typeof author !== 'string') return [];
  const slug = name
    .replace(/\.ya?ml$/i, '')
    .slice(when.length + 1)
    .replace(/-\d+$/, '');
  const assistant = assistantsBySlug(ctx.config).get(slug);
  if (!assistant || authorSlug(author) === slug) return [];
  return [
    {
      rule: 'misplaced',
      file: r.file,
      field: r.form.slugField,
      ...locate(r.parsed, [r.form.slugField]),
      message: msg().record.theFileNameNames(assistant.name, field.label, author, r.form.slugField),
      hint: msg().record.correctTheOrRename(field.label, when, toSlug(author), r.form.slugField),
    },
  ];
}

/**
 * Each author's toSlug, worked out once (four patterns; a folder of years has a few dozen authors), up to AUTHORS. Only
 * a short author is kept: V8 keeps a string of 13 or more characters cut from a file's text as a window on that text,
 * so a long one kept here would keep its whole file alive (a name is a few characters).
 */
const authorSlugs = new Map<string, string>();
const AUTHORS = 10_000;
const KEPT_LENGTH = 12;

function authorSlug(author: string): string {
  if (author.length > KEPT_LENGTH) return toSlug(author);
  let slug = authorSlugs.get(author);
  if (slug === undefined) {
    slug = toSlug(author);
    if (authorSlugs.size < AUTHORS) authorSlugs.set(author, slug);
  }
  return slug;
}

const slugs = new WeakMap<FolderContext['config'], Map<string, FolderContext['config']['assistants'][number]>>();

/**
 * kmsw.yaml's assistants by the slug of their name (the first with it, as a search in order finds), worked out once
 * per kmsw.yaml: writerNamed asks for every log and summary of a folder of years.
 */
function assistantsBySlug(config: FolderContext['config']) {
  let bySlug = slugs.get(config);
  if (!bySlug) {
    bySlug = new Map();
    for (const a of config.assistants) if (!bySlug.has(toSlug(a.name))) bySlug.set(toSlug(a.name), a);
    slugs.set(config, bySlug);
  }
  return bySlug;
}

/** unknown-field: a key the form does not have, usually a typo or a Chinese label typed as a key. */
export const unknownField: RecordRule = (r) => {
  const findings: Finding[] = [];
  const walk = (fields: Fields, value: unknown, at: Array<string | number>, top: boolean) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      // Own keys only: `constructor:` typed in a record is not Object.prototype.constructor.
      const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (field) {
        const v = (value as Record<string, unknown>)[key];
        if (field.kind === 'group' || field.kind === 'signature') walk(field.fields, v, [...at, key], false);
        if (field.kind === 'table' && Array.isArray(v))
          v.forEach((row, i) => walk(field.fields, row, [...at, key, i], false));
        continue;
      }
      if (top && key === 'form') continue;
      // `{ name：王芳 }` reads as a key `name：王芳`: fullwidth-syntax says what is wrong with it, at the colon.
      const slip = key.split(/：|:\u3000/)[0]!.trim();
      if (slip !== key && Object.hasOwn(fields, slip)) continue;
      const byLabel = Object.entries(fields).find(([, f]) => f.label === key)?.[0];
      // The form's keys only here, for an unknown key: most records have none.
      const keys = Object.keys(fields);
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
          message: msg().record.aKeyHereStarts,
          hint: msg().record.writeAsOrQuote,
        });
        continue;
      }
      const shown = key === '' ? msg().record.anEmptyKey : key;
      findings.push({
        rule: 'unknown-field',
        file: r.file,
        field: path.join('.'),
        ...locate(r.parsed, path, 'key'),
        message: guess
          ? msg().record.hasNoField(r.form.title, shown, r.form.key)
          : msg().record.hasNoFieldIt(r.form.title, shown, r.form.key),
        hint: guess ? msg().record.didYouMean(guess, fields[guess]!.label) : msg().record.theFields(keys),
      });
    }
  };
  walk(r.form.fields, r.raw, [], true);
  return findings;
};

/** min-chars: 不少于N字, counted as Word counts 字数. */
export const minChars: RecordRule = (r, ctx) => {
  const findings: Finding[] = [];
  const overridden = anyKey(ctx.thresholds.minChars);
  walkFields(r.form.fields, r.values, (field, value, at) => {
    if (field.kind !== 'text' || typeof value !== 'string') return;
    if (!field.min && !overridden) return;
    // The field's key in kmsw.yaml's thresholds, made only when kmsw.yaml sets any.
    const min = overridden
      ? (ctx.thresholds.minChars[`${r.form.key}.${at.filter((k) => typeof k === 'string').join('.')}`] ?? field.min)
      : field.min;
    if (!min) return;
    const count = countChars(value, min);
    if (count >= min) return;
    findings.push({
      rule: 'min-chars',
      file: r.file,
      field: at.join('.'),
      ...locate(r.parsed, at),
      message: msg().record.has(field.label, count, min),
      hint: msg().record.shortPleaseAddTo(min - count),
    });
  });
  return findings;
};

/** Whether an object has a key of its own, without listing them all (min-chars asks for every record). */
function anyKey(o: object): boolean {
  for (const key in o) if (Object.hasOwn(o, key)) return true;
  return false;
}

// Where a form's signatures are: the forms layer finds them (the digest needs them too).
export { signatureSlots, type SignatureSlot } from '../forms/digest.js';

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

/** A signature of a record as the signature rules see it, with who should sign. */
interface SignatureAt {
  at: string[];
  field: Field & { kind: 'signature' };
  sig: Signature | undefined;
  /** Where a finding about it points: asked only for a finding (most signatures have none). */
  pos: () => { file: string; field: string; line: number; column: number };
  signerValue: unknown;
  signer: string | undefined;
}

/**
 * The record's signatures, but those written as something else than name and date (a list, a
 * text): an invalid-value already. The forms are due, signed, within a week of the session.
 */
function signaturesOf(r: RecordInput): SignatureAt[] {
  const slots = signatureSlots(r.form.fields);
  // Most records' forms have none (a log, a monthly summary): no closure and no list made for them.
  if (slots.length === 0) return [];
  return slots.flatMap(({ path: at, field }) => {
    const written = valueAt(r.raw, at);
    if (!blank(written) && (typeof written !== 'object' || Array.isArray(written))) return [];
    const signerValue = valueAt(r.values, field.signer.split('.'));
    const signer = Array.isArray(signerValue)
      ? signerValue.join(msg().recordSign.or)
      : (signerValue as string | undefined);
    const pos = () => ({ file: r.file, field: at.join('.'), ...locate(r.parsed, at) });
    return [{ at, field, sig: valueAt(r.values, at) as Signature | undefined, pos, signerValue, signer }];
  });
}

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** signature-missing: a warning while the week after the session runs, an error after. */
export const signatureMissing: RecordRule = (r, ctx) => {
  // Without a readable session date (an invalid-value already) nothing is due yet.
  const date = r.values.date as string | undefined;
  if (!date) return [];
  return signaturesOf(r).flatMap(({ at, field, sig, pos, signer }): Finding[] => {
    // A part that is written but does not read (a bad date) is an invalid-value, not a missing part.
    const noName = !sig?.name && blank(valueAt(r.raw, [...at, 'name']));
    const noDate = !sig?.date && blank(valueAt(r.raw, [...at, 'date']));
    if (!noName && !noDate) return [];
    const due = addDays(date, ctx.thresholds.signatureDays);
    const inTime = !ctx.today.after(due);
    const missing =
      noName && noDate ? msg().recordSign.theNameAndThe : noName ? msg().recordSign.theName : msg().recordSign.theDate;
    return [
      {
        ...pos(),
        rule: 'signature-missing',
        severity: inTime ? 'warning' : 'error',
        message: inTime
          ? msg().recordSign.lacks(field.label, missing)
          : msg().recordSign.lacksItWasDue(field.label, missing, due),
        hint: inTime ? msg().recordSign.theSignerShouldSign(signer, due) : msg().recordSign.haveItSignedNow,
      },
    ];
  });
};

/** signature-mismatch: the signer is not the person the form names. */
export const signatureMismatch: RecordRule = (r) =>
  signaturesOf(r).flatMap(({ at, field, sig, pos, signerValue, signer }): Finding[] => {
    if (!sig?.name || signerValue === undefined) return [];
    const allowed = Array.isArray(signerValue) ? signerValue.map(textOf) : [textOf(signerValue)];
    if (allowed.some((n) => sameName(n, sig.name!))) return [];
    return [
      {
        ...pos(),
        rule: 'signature-mismatch',
        ...locate(r.parsed, [...at, 'name']),
        field: [...at, 'name'].join('.'),
        message: msg().recordSign.isSignedByBut(field.label, sig.name, signer),
        hint: msg().recordSign.correctOneOfThe,
      },
    ];
  });

/** The signatures with a date, beside the session's date: what signature-date and late compare. */
function datedSignatures(r: RecordInput): Array<SignatureAt & { signed: string; date: string }> {
  const date = r.values.date as string | undefined;
  if (!date) return [];
  return signaturesOf(r).flatMap((s) =>
    s.sig?.date
      ? [
          {
            ...s,
            signed: s.sig.date,
            date,
            pos: () => ({ ...s.pos(), field: [...s.at, 'date'].join('.'), ...locate(r.parsed, [...s.at, 'date']) }),
          },
        ]
      : [],
  );
}

/** signature-date: signed before the session, or after today. */
export const signatureDate: RecordRule = (r, ctx) =>
  datedSignatures(r).flatMap(({ field, signed, date, pos }): Finding[] => {
    if (signed < date) {
      return [
        {
          ...pos(),
          rule: 'signature-date',
          message: msg().recordSign.isDatedBeforeThe(field.label, signed, date),
          hint: msg().recordSign.aSignatureComesAfter,
        },
      ];
    }
    if (ctx.today.before(signed)) {
      return [
        {
          ...pos(),
          rule: 'signature-date',
          message: msg().recordSign.isDatedAfterToday(field.label, signed, ctx.today.named()),
          hint: msg().recordSign.writeTheDayIt,
        },
      ];
    }
    return [];
  });

/** late: signed, in the past, more than `lateDays` after the session. */
export const late: RecordRule = (r, ctx) =>
  datedSignatures(r).flatMap(({ field, signed, date, pos }): Finding[] => {
    if (signed < date || ctx.today.before(signed)) return [];
    const days = daysBetween(date, signed);
    if (days <= ctx.thresholds.lateDays) return [];
    return [
      {
        ...pos(),
        rule: 'late',
        message: msg().recordSign.wasSignedDaysAfter(field.label, days, signed, ctx.thresholds.lateDays),
      },
    ];
  });

/**
 * duration-short: a face-to-face (`mode: 线下`) group session shorter than the handbook's 2 hours,
 * compared on the exact value (119.5 minutes is short). The 2-hour rule is a 面对面督导
 * requirement: an online session, or one whose mode does not read, is not held to it.
 */
export const durationShort: RecordRule = (r, ctx) => {
  const findings: Finding[] = [];
  if (Object.hasOwn(r.form.fields, 'mode') && r.values.mode !== FACE_TO_FACE) return findings;
  for (const [key, field] of durationsWithMin(r.form.fields)) {
    const minutes = r.values[key];
    const min = ctx.thresholds.groupMin;
    if (typeof minutes === 'number' && minutes < min) {
      findings.push({
        rule: 'duration-short',
        file: r.file,
        field: key,
        ...locate(r.parsed, [key]),
        message: msg().record.isAFaceTo(
          field.label,
          showDuration(minutes),
          r.form.title,
          showDuration(min),
          r.form.key,
        ),
      });
    }
  }
  return findings;
};

const durations = new WeakMap<Fields, Array<[string, Field & { kind: 'duration' }]>>();

/** A form's durations that have a minimum, found once per form: most forms have none (duration-short asks for each). */
function durationsWithMin(fields: Fields) {
  let found = durations.get(fields);
  if (!found) {
    found = [];
    for (const [key, field] of fieldList(fields))
      if (field.kind === 'duration' && field.min !== undefined) found.push([key, field]);
    durations.set(fields, found);
  }
  return found;
}

const ONLY_DATE = ['date'] as const;

/** future-date: a record dated after today (a summary for a month that has not come). */
export const futureDate: RecordRule = (r, ctx) => {
  const findings: Finding[] = [];
  const keys = r.form.dateField === 'date' ? ONLY_DATE : [r.form.dateField, 'date'];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = r.values[key];
    if (typeof value !== 'string') continue;
    const future = value.length === 7 ? ctx.today.monthBefore(value) : ctx.today.before(value);
    if (future) {
      findings.push({
        rule: 'future-date',
        file: r.file,
        field: key,
        ...locate(r.parsed, [key]),
        message: msg().record.isAfterToday(r.form.fields[key]!.label, value, ctx.today.named()),
        hint: msg().record.writeTheRealDate,
      });
    }
  }
  return findings;
};

/** unknown-place: a county or station that kmsw.yaml does not list. */
export const unknownPlace: RecordRule = (r, ctx) => {
  if (!hasKind(r.form.fields, 'county') && !hasKind(r.form.fields, 'station')) return [];
  const counties = Object.keys(ctx.config.counties);
  const county = typeof r.values.county === 'string' ? r.values.county : undefined;
  const stationsOf =
    county && ctx.config.counties[county]
      ? ctx.config.counties[county].stations
      : Object.values(ctx.config.counties).flatMap((c) => c.stations);
  const findings: Finding[] = [];
  walkFields(r.form.fields, r.values, (field, value, at) => {
    if (typeof value !== 'string') return;
    const pos = { rule: 'unknown-place' as const, file: r.file, field: at.join('.'), ...locate(r.parsed, at) };
    if (field.kind === 'county' && value !== CITY_WIDE && !counties.includes(value)) {
      const guess = nearest(value, counties) ?? counties.find((c) => c.startsWith(value) || value.startsWith(c));
      findings.push({ ...pos, message: msg().record.isNotAmongKmsw(value), hint: placeHint(guess) });
    }
    if (field.kind === 'station' && !stationsOf.includes(value)) {
      const guess = nearest(value, stationsOf) ?? stationsOf.find((s) => s.startsWith(value));
      const where = county && ctx.config.counties[county] ? msg().record.sStations(county) : msg().record.stations;
      findings.push({ ...pos, message: msg().record.isNotAmongKmswYaml(where, value), hint: placeHint(guess) });
    }
  });
  return findings;
};

const placeHint = (guess: string | undefined) =>
  guess ? msg().record.didYouMean2(guess) : msg().record.correctItOrAdd;

/** missing-photo: a photo path that is not a file inside the records folder. */
export const missingPhoto: RecordRule = (r, ctx) => {
  if (!hasKind(r.form.fields, 'paths') && !hasKind(r.form.fields, 'signature')) return [];
  const findings: Finding[] = [];
  const look = (
    p: string,
    at: ReadonlyArray<string | number>,
    what: { zh: string; en: string },
    folder: string,
    embed: keyof typeof EMBEDDABLE,
  ) => {
    const pos = { rule: 'missing-photo' as const, file: r.file, field: at.join('.'), ...locate(r.parsed, at) };
    ctx.looksAt?.(p);
    const found = inspectPicture(ctx.root, p, { head: true, embed });
    if (found.ok) return;
    if (found.why === 'outside') {
      findings.push({
        ...pos,
        message: msg().recordPicture.theIsOutsideThe(what.zh, p, found.message, what.en),
        hint: msg().recordPicture.putItInAnd(folder),
      });
    } else if (found.why === 'missing') {
      findings.push({
        ...pos,
        message: msg().recordPicture.cannotFindThe(what.zh, p, what.en),
        hint: msg().recordPicture.checkTheNameAnd,
      });
    } else {
      findings.push({
        ...pos,
        message: msg().recordPicture.the(what.zh, p, found.message, what.en),
        hint: found.hint ?? msg().recordPicture.nameAPictureFile(folder),
      });
    }
  };
  walkFields(r.form.fields, r.values, (field, value, at) => {
    if (field.kind === 'paths' && Array.isArray(value))
      value.forEach((p: string, i) => look(p, [...at, i], { zh: '照片', en: 'photo' }, 'photos', 'photo'));
    // A signature picture that is not there would leave the exported form unsigned without a word. Each picture
    // is checked for what its export can embed: a GIF photo or an iPhone's HEIC would be left out of the workbook.
    if (field.file && typeof value === 'string')
      look(value, at, { zh: field.label, en: 'signature picture' }, 'signatures', 'signature');
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
      if (!known.has(value.replace(/\s+/g, '')))
        names.push({ name: value, field: at.join('.'), ...locate(r.parsed, at) });
    }
    if (field.kind === 'people' && Array.isArray(value)) {
      value.forEach((v: string, i) => {
        // 可写姓名（所在社工站）: the name is what comes before the bracket.
        const name = v.replace(/\s*[（(].*$/, '').trim();
        if (!name || known.has(name.replace(/\s+/g, ''))) return;
        names.push({
          name,
          field: [...at, i].join('.'),
          ...locate(r.parsed, Array.isArray(valueAt(r.raw, at)) ? [...at, i] : at),
        });
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
    names = new Set(
      [
        ...config.assistants.map((a) => a.name),
        ...config.experts.map((e) => e.name),
        ...Object.values(config.counties).flatMap((c) => (c.org?.head ? [c.org.head] : [])),
      ].map((n) => n.replace(/\s+/g, '')),
    );
    configNames.set(config, names);
  }
  return names;
}
