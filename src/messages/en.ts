/**
 * kmsw's messages in English (`--lang en` or KMSW_LANG=en), keyed as src/messages/zh.ts, whose type
 * this object must have.
 */
import type { Catalogue } from './zh.js';

/** What a command did not do to a records folder inside the one it ran on (load.nestedFolder). */
const NESTED_VERBS: Partial<Record<string, string>> = {
  check: 'checked',
  list: 'listed',
  status: 'counted',
  tally: 'counted',
  export: 'exported',
};

export const en: Catalogue = {
  commandsCheck: () => ({
    thereIsNoRule: (id, guess) =>
      `There is no rule "${id}"${guess ? `; did you mean ${guess}?` : '.'} kmsw check --list-rules lists them`,
    comma: ', ',
    theHolidayDataChinese: (list) =>
      `The holiday data (chinese-days) has no schedule for ${list} yet: working days there are Monday to Friday. ` +
      `Once the State Council publishes it, update kmsw (npm update chinese-days).`,
  }),
  commandsExport: () => ({
    onlyIsNotA: (key, guess, outputKeys) =>
      `--only: "${key}" is not a form${guess ? `; did you mean ${guess}?` : ''} (one of ${outputKeys.join(', ')})`,
    didYouMean: (guess) => ` (did you mean {{${guess}}}?)`,
    theTemplateHasPlaceholders: (template, list, known) =>
      `the template ${template} has placeholders kmsw does not know: ${list.join(', ')}. Correct them; the known ` +
      `ones: ${known}`,
    placeholderOf: (key, label) => `{{${key}}} (${label})`,
    theTemplateLacksPlaceholders: (template, list, form) =>
      `the template ${template} lacks placeholders: ${list.join(', ')}. Exported with it, the forms would not ` +
      `show them. Put each placeholder back where it was (kmsw's own template shows where), or rename or move ` +
      `this template away and run kmsw templates copy ${form} to copy kmsw's own again. Nothing was written`,
    theTemplateCannotBe: (template, message) =>
      `the template ${template} cannot be used: ${message}. Nothing was written`,
    cannotReadTheTemplate: (template, code) => `cannot read the template ${template} (${code})`,
    theTemplateCannotBeOpened: (template, message) =>
      `the template ${template} cannot be opened: ${message}. It should be a Word (.docx) or Excel (.xlsx) file`,
    isADirFolder: (file, kind) =>
      `${file} is a ${kind === 'dir' ? 'folder' : 'special file'}; the export cannot go there: move or rename it and ` +
      `export again. Nothing was written`,
    itMayBeOpen: 'it may be open in Word, WPS or Excel, or not writable: close it and export again',
    aFolderIsIn: 'a folder is in its place: move or rename it and export again',
    checkThatFile: 'check that file',
    comma: ', ',
    everyExistingFileIs: (before) => `every existing file is as it was before (${before})`,
    filesThatWereNot: (absent) => `files that were not there are still not there (${absent})`,
    semicolon: '; ',
    noTempFileIs: (restored) => `${restored}; no temp file is left`,
    theseFilesAreThe: (replaced, unchanged) =>
      `these files are the new export: ${replaced}; these are still the earlier one: ${unchanged}`,
    cannotReplaceTheExport: (file, code, why, state) =>
      `cannot replace ${file} (${code}): ${why}. The export did not finish; ${state}.`,
  }),
  commandsInit: () => ({
    isAFileNot: (root) => `${root} is a file, not a folder: name the folder to make, e.g. kmsw init records`,
    isNotAFolder: (root) => `${root} is not a folder`,
    isNotAFolderCannot: (at, basename) => `${at} is not a folder; ${basename} cannot be made in it`,
    isNotAPlain: (path) =>
      `${path} is not a plain file (a folder or a link): Git reads its ignore rules from a file named .gitignore. ` +
      `Rename or move it and run kmsw init again`,
    insideRecordsFolder: (root, folder) =>
      `${root} is inside the records folder ${folder} (it has a kmsw.yaml): a records folder made in it would ` +
      `take its records away from ${folder}. To keep records there, run kmsw's commands in ${folder} itself`,
    holdsRecordsFolder: (root, found, dir) =>
      `${root} holds a records folder already (found ${found}): no records folder can be made around it. ` +
      `To use that folder, run kmsw --dir ${dir} check`,
    nothingWasWritten: '. Nothing was written.',
    existsAlreadyNothingWas: (file) =>
      `${file} exists already; nothing was changed. To change the settings, edit that file.`,
  }),
  commandsList: () => ({
    cannotReadTheFile: (code) => `cannot read the file (${code}): check its permissions`,
    notARecordA: 'not a record (a map that starts with form:)',
    formShouldNameA: (form) => `form should name a form (${form ?? 'missing'})`,
    aSymbolicLinkTo: (target) => `a symbolic link (to ${target}), not followed`,
  }),
  commandsNew: () => ({
    nameAFormE: 'Name a form, e.g. kmsw new log. The forms:\n',
    thereIsNoForm: (name, guess) =>
      `There is no form "${name}"${guess ? `; did you mean ${guess}?` : '.'} The forms:\n`,
    giveWhichIsAlso: (label, slugField, mine) =>
      `Give ${label} (${slugField}), which is also part of the file name: add --set ` +
      `${slugField}=…${mine ? ', or --as NAME, or set KMSW_USER' : ''}`,
    alreadyHasAFor: (who, when, title, shown, key) =>
      `${who} already has a ${key} (${title}) for ${when}: ${shown}\nOpen it and go on writing (e.g. code ` +
      `"${shown}"). If this really is a second record, add --force to write one named …-2.`,
    cannotWriteTheRecord: (shown, dir) =>
      `cannot write the record: ${shown} is a file, not a folder, and the record goes in ${dir}/. Rename or move ` +
      `that file and run this again. Nothing was written.`,
    holdsALineBreak: 'holds a line break',
    holdsAControlCharacter: 'holds a control character',
    holdsAnInvisibleDirection: 'holds an invisible direction or zero-width control (such as U+202E)',
    holdsOr: 'holds / or \\',
    holds: 'holds ..',
    cannotBeAName: (source, name, why) =>
      `${source} "${name}" cannot be a name: it ${why}. A name is also part of a file name: one line, without /, \\, ` +
      `.. or control characters`,
    theVariableKmswUser: 'the variable KMSW_USER ',
    setTakesFieldValue: (pair) => `--set takes field=value, e.g. --set date=2026-11-28 (got "${pair}")`,
    hasNoFieldDid: (title, key, guess, key2) =>
      `${key2} (${title}) has no field "${key}"${guess ? `; did you mean ${guess}?` : '.'} Its fields: `,
    setSayWhichColumn: (key, keyPath, fields, columns) =>
      `--set ${key}: say which column of the row, e.g. ${keyPath}.${fields}=… (columns: ${columns})`,
    setIsNotA: (key, keyPath) => `--set ${key}: ${keyPath} is not a table; it has no row numbers`,
    setHasRowsNow: (key, _label, rowsCount, table, rowsCount2) =>
      `--set ${key}: ${table} has ${rowsCount} rows now ` +
      `(${rowsCount ? `${table}.0 to ${table}.${rowsCount2}` : 'none yet'}); add new rows in order: ` +
      `${table}.${rowsCount}.…`,
    label: (label) => ` (${label}): `,
    whoIsWriting: 'who is writing this record (填表人; the name goes into the file name)',
    sayWhoIsWriting: (example) =>
      `say who is writing this record: add --as NAME, or set KMSW_USER. The file name carries the writer's name ` +
      `(e.g. ${example}), so that two assistants' records never share a name and conflict when Git merges them. ` +
      `Nothing was written.`,
    isAfterToday: (label, value, today, key) =>
      `${label} ${value} is after today (${today}), which kmsw check reports as a future-date error: write the real ` +
      `date (--set ${key}=…). Nothing was written.`,
    publicHoliday: (day, _zh, en) =>
      `${day} is a public holiday (${en}), not a working day: no log is expected on it. If you worked that day, ` +
      `write it as usual.`,
    monthDue: (month, current) =>
      `the summary of ${month} is not written yet, so this one is for ${month}; for ${current}, add ` +
      `--set month=${current}`,
  }),
  prompts: () => ({
    thisNameItIs: (why) => `this name ${why}: it is also part of a file name, without /, \\, .. or control characters`,
    someoneElseTypeThe: 'someone else (type the name)',
    thisOneCannotBe: 'this one cannot be left blank',
    severalSeparateWithOr: (message) => `${message} (several: separate with 、 or ,)`,
    pickAtLeastOne: 'pick at least one (space ticks; for someone not listed, tick "someone else")',
    typeTheFileName: 'another (type the file name)',
  }),
  commandsStatus: () => ({
    couldNotBeRead: 'could not be read as a record (kmsw check says why)',
    aSymbolicLinkTo: (target) => `a symbolic link (to ${target}), which kmsw does not follow`,
  }),
  config: () => ({
    anAssistant: 'the assistant',
    anExpert: 'the expert',
    aStationOf: (county) => `${county}'s station`,
    listedTwice: (what, name, first, line) =>
      first === line
        ? `${what} "${name}" is listed twice on line ${line}`
        : `${what} "${name}" is listed twice: lines ${first} and ${line}`,
    keepOne: (first) => `delete one of them; until then kmsw reads only the one on line ${first}`,
    kmswYamlHoldsKey: 'kmsw.yaml holds "key: value" lines: city, centre, assistants, experts, counties, rules',
    assistantsListsTheAssistants: 'assistants lists the assistants, one a line: - { name: 刘思远, since: 2026-01-05 }',
    writeEachAssistantAs: 'write each assistant as { name: 刘思远, since: 2026-01-05 } (since: the first day of logs)',
    expertsListsTheExperts:
      'experts lists the experts, one a line: - { name: 王芳, kind: 专业技术督导, title: 中级社会工作' + '师 }',
    writeEachExpertAs: 'write each expert as { name: 王芳, kind: 专业技术督导, title: 中级社会工作师 }',
    anExpertSKind: (expertKinds) => `an expert's kind is ${expertKinds.join(' or ')}`,
    countiesListsTheStations:
      'counties lists the stations per county, e.g.:\n  五华区:\n    stations: [红云街道社工站, 华山街' + '道社工站]',
    writeEachCountyAs: 'write each county as { org: { name: the operator }, stations: [红云街道社工站, …] }',
    orgIsTheOperator: 'org is the operator: { name: …, head: …, title: …, contact: … }',
    stationsListsStationNames: 'stations lists station names, e.g. [红云街道社工站, 华山街道社工站]',
    aStationNameIs: 'a station name is text, e.g. 红云街道社工站',
    rulesHoldsRuleSetting: 'rules holds "rule: setting" pairs, e.g. rules: { min-chars: { log.content: 300 } }',
    empty: '(empty)',
    found: (found) => `; found ${found}`,
    giveANameText: (got) => `give a name (text, e.g. 刘思远)${got}`,
    sinceIsADate: (got) => `since is a date, e.g. 2026-01-05${got}`,
    shouldBeText: (got) => `should be text${got}`,
    thisEntryIsNot: (got) =>
      `this entry is not written as kmsw expects${got}: compare with the kmsw.yaml that kmsw init writes`,
    hasNoKeyIt: (where, key, guess) => `${where} has no key "${key}"; it is ignored: did you mean ${guess}?`,
    hasNoKeyItIs: (where, key, known) => `${where} has no key "${key}"; it is ignored. The keys: ${known.join(', ')}`,
    cannotReadCheckIts: (file, code) => `Cannot read ${file} (${code}): check its permissions`,
    theFileIsSave: (configFile, encoding) =>
      `${configFile}: the file is ${encoding}; save it as UTF-8 (Notepad: Save as → Encoding UTF-8)`,
    theWholeFile: '(the whole file)',
    colon: ': ',
  }),
  diagnostics: () => ({
    error: 'error',
    warning: 'warning',
    hint: 'hint: ',
    note: 'Note: ',
    checkedFileS: (files, files2) => `Checked ${files} file${files2 ? '' : 's'}: `,
    noProblemsFound: 'no problems found.',
    errorS: (errors, errors2) => `${errors} error${errors2 ? '' : 's'}`,
    noErrors: 'no errors',
    warningS: (warnings, warnings2) => `${warnings} warning${warnings2 ? '' : 's'}`,
    noWarnings: 'no warnings',
    comma: ', ',
    period: '.',
    noLogsOn: (name, days) => `${name} has no log for ${days} working days:`,
    daysOfMonth: (month, days) => `${month}: ${days.join(', ')}`,
    runNewLogEachDay: (name) =>
      `run kmsw new log --as ${name} --set date=<day> for each; since is the first day of logs: correct it if not`,
  }),
  reports: () => ({
    note: 'Note: ',
    noRecordsIn: (month) => `No records in ${month}.`,
    noRecordsYetRun: 'No records yet. Run kmsw new log to write the first log.',
    date: 'date',
    form: 'form',
    who: 'who',
    file: 'file',
    unreadable: '(unreadable)',
    recordsBadOfThem: (rowsCount, bad) =>
      `\n${rowsCount} records${bad ? `, ${bad} of them unreadable or undated (kmsw check says why)` : ''}`,
    checklistOf: (_y, _m, month) => `Checklist of ${month}\n`,
    no: 'no.',
    form2: 'form',
    count: 'count',
    quality: 'quality',
    score: 'score',
    notes: 'notes',
    qualityScoreAndNotes: '\nQuality, score and notes are for the project office.',
    recordsCountedFilesOf: (counted, leftOutCount) =>
      `\n${counted} records counted; ${leftOutCount} files of the month are not counted:`,
    recordsCountedEveryRecord: (counted) => `\n${counted} records counted: every record file of the month.`,
    hint: 'hint: ',
    noRecordsToExport: (period, missing) =>
      `No records to export in ${period}; nothing was exported; ${missing} record files cannot be exported (below).`,
    noRecordsInNothing: (period) => `No records in ${period}; nothing was exported.`,
    exportedFilesRecordsRecords: (writtenCount, records, missing) =>
      `Exported ${writtenCount} ` +
      `files${records ? `, ${records} records` : ''}` +
      `${missing ? `; ${missing} record files were left out (see the end)` : ''}:`,
    records: (records) => ` (${records})`,
    monthsWithoutRecords: (empty) => `Months without records: ${empty.join(', ')}`,
    noteTheseRecordsFail: (failingCount) =>
      `\nNote: these ${failingCount} records fail kmsw check and were exported as they are (the checklist does not ` +
      `count them); fix them and export again:`,
    noteThisRecordsFolder: (folder) =>
      `\nNote: this records folder is a Git repository whose ignore rules do not cover ${folder}: git add -A would ` +
      `commit the exports' names, ages and salaries. In the records folder, run: echo ${folder} >> .gitignore`,
    leftOutTheseRecord: (missing) =>
      `\nLeft out: these ${missing} record files are in no exported file. Fix them and export again:`,
    template: 'template',
    source: 'source',
    thisFolder: 'this folder',
    builtIn: 'built in',
    toChangeOneKmsw: '\nTo change one: kmsw templates copy <name>, then open it in templates/ with Word, WPS or Excel.',
    error: 'error',
    warning: 'warning',
    depends: 'depends',
    rule: 'rule',
    severity: 'severity',
    whatItChecks: 'what it checks',
  }),
  formatStatus: () => ({
    county: 'county',
    supervisionInAsOf: (centre, year, today) => `${centre} · supervision in ${year} (as of ${today})`,
    filesAndFoldersKmsw: (unreadCount) =>
      `Files and folders kmsw could not read (${unreadCount}; not in the counts above)`,
    groupSupervisionPerCounty: 'Group supervision per county',
    faceToFace: (faceToFaceMin) => `face-to-face (线下 ≥${faceToFaceMin})`,
    onSite: 'on-site (线下)',
    kmswYamlListsNo: '  kmsw.yaml lists no counties yet.',
    cityWideOnlineGroup: 'City-wide online group supervision',
    q: (quarter) => `Q${quarter}`,
    year: 'year',
    signaturesDueWithinA: 'Signatures due (within a week of the session)',
    nothingWaitingForA: '  Nothing waiting for a signature.',
    overdueDue: (due) => `overdue (due ${due})`,
    by: (due) => `by ${due}`,
    dailyLogsIn: (month) => `Daily logs in ${month}`,
    kmswYamlListsNoAssistants: '  kmsw.yaml lists no assistants yet.',
    missing: (missingCount, missing) => `${missingCount} missing: ${missing.join(', ')}`,
    withErrorsSeeKmsw: (faultyCount, days) => `${faultyCount} with errors: ${days.join(', ')} (see kmsw check)`,
    complete: 'complete ✓',
    offDuty: 'before the assistants began (since in kmsw.yaml): not judged',
    semicolon: '; ',
  }),
  fields: () => ({
    pleaseFillItIn: (_empty) => 'please fill it in',
    shouldBeAList: 'should be a list (one item a line, starting with - )',
    shouldBeTextNot: 'should be text, not a list or fields',
    shouldBeOneOf: (names, guess) => `should be one of: ${names}${guess ? ` (did you mean ${guess}?)` : ''}`,
    fillInYesOr: 'fill in 是 (yes) or 否 (no)',
    shouldBeOrOr: 'should be 是 or 否 (or true/false, 有/无, √/×)',
    shouldBeAWhole: (min, max) => `should be a whole number from ${min} to ${max}`,
    aRatingIsTo: (ratingLevels) => `a rating is 1 to 5 (or ${ratingLevels.join(', ')})`,
    eachQuestionnaireHasRatings: (questionsCount) =>
      `each questionnaire has ${questionsCount} ratings, one per question`,
  }),
  form: () => ({
    fillInAgeOr: 'fill in 年龄 (age) or 出生年月 (birth)',
  }),
  validate: () => ({
    colon: ': ',
    isMissing: (label) => `${label} is missing`,
    pleaseFillItIn: 'please fill it in',
    isEmpty: (label) => `${label} is empty`,
    giveAtLeastOne: 'give at least one item',
    shouldBeFieldsKey: 'should be fields (key: value, one a line)',
    isNotWrittenRight:
      'is not written right or is not a real date (to protect personal data, what was written is not repeated here)',
    rowItem: (key, row) => `${row ? 'row' : 'item'} ${key}`,
    nthResponse: (n) => `questionnaire ${n}`,
    nthQuestion: (n) => `question ${n}`,
  }),
  recordsFolder: () => ({
    hasNoItIs: (root, configFile, dir) =>
      `${root} has no ${configFile}: it is not a records folder. To make one, run kmsw init ${dir}`,
    noHereOrAbove: (configFile) =>
      `No ${configFile} here or above: run kmsw inside a records folder, or name one with --dir; to make one, run ` +
      `kmsw init`,
    cannotReadTheFolder: (root, code) => `cannot read the folder ${root} (${code}): check its permissions (chmod)`,
  }),
  inside: () => ({
    isNotInsideThe: (rel) => `${rel} is not inside the records folder`,
    isASymbolicLink: (shown, target, part) =>
      `${shown} is a symbolic link to ${target}, outside the records folder: kmsw reads and writes nothing outside ` +
      `the folder. Replace the link with a real ${part.includes('.') ? 'file' : 'folder'}`,
    nothingWritten: (message) => `nothing written: ${message}`,
    aFolder: 'a folder',
    aFifoNamedPipe: 'a FIFO (named pipe)',
    aDevice: 'a device',
    aSocket: 'a socket',
    aSpecialFile: 'a special file',
    isNotARegular: (shown, stat) => `${shown} is not a regular file but ${stat}: kmsw reads regular files only`,
    isOverTheLimit: (shown, size, cap) => `${shown} is ${size}, over the limit of ${cap}: is it the right file?`,
    grewWhileBeingRead: (shown, cap) => `${shown} grew while being read, over the limit of ${cap}`,
    existsAndIsNot: (at) => `${at} exists and is not a folder: choose another place or move it away`,
    cannotMakeTheFolder: (folder, code) =>
      `cannot make the folder ${folder} (${code}): files cannot be kept there; choose another place. Nothing was ` +
      `written`,
    thereIsNoSuch: 'there is no such file',
    itIsAFolder: 'it is a folder, not a picture',
    notARegularFile: (s) => `not a regular file but ${s}`,
    overTheLimitFor: (size, picture) => `${size}, over the limit for pictures of ${picture}`,
    cannotBeRead: (code) => `cannot be read (${code})`,
    comma: ', ',
    notAPicture: (allowed) => `not a picture (${allowed})`,
    isAPictureOnly: (shown, allowed, document) =>
      `is a ${shown} picture; only ${allowed} can be used here (what the exported ` +
      `${document === 'word' ? 'Word form' : 'Excel workbook'} can hold)`,
    saveHeicAsJpg:
      "save the HEIC photo as JPG on the phone or a computer, and write the new file's path in the record (on an " +
      'iPhone, Settings › Camera › Formats › Most Compatible takes JPG photos from then on)',
    shrinkIt:
      'save a smaller copy with a picture viewer (say 4000 pixels on its long side), and write the new ' +
      "file's path in the record",
    saveAs: (types) =>
      `save it as ${types.join(' or ')} (any picture viewer or Paint can), and write the new file's path in the record`,
  }),
  load: () => ({
    thisIsAHidden:
      'this is a hidden file (its name starts with "."), which kmsw does not read as a record: if it is one, remove ' +
      'the leading "."; otherwise move it out of the records',
    hasNoExtension: 'has no extension',
    endsInASpace: 'ends in a space',
    endsIn: (ext) => `ends in "${ext}"`,
    theFileNameNot: (shown) =>
      `the file name ${shown}, not .yaml, so kmsw does not read it as a record (not checked, counted or exported): ` +
      `if it is one, rename it to end in .yaml; otherwise move it out of the records`,
    cannotOpenThisFolder: (code) =>
      `cannot open this folder (${code}): none of its records were checked, counted or exported. Check the folder's ` +
      `permissions (chmod)`,
    folder: 'folder',
    file: 'file',
    thisSNameIs: (what, isDirectory) =>
      `this ${what}'s name is not UTF-8 (a zip made on a Chinese Windows, in GBK): kmsw cannot read ` +
      `${isDirectory ? 'the records in it' : 'it'}. Rename it in a file manager (or convmv -f gbk -t utf-8)`,
    thisIsNotA:
      'this is not a regular file (a FIFO, device or socket): kmsw does not read it. Delete it and put the record ' +
      'itself in the folder',
    theFileIsMib: (size) => `the file is ${size} MiB, over 1 MiB: no record is that large`,
    isItTheRight: 'is it the right file?',
    thisIsNotAText:
      'this is not a text file (it holds binary data) but ends in .yaml: a photo or Word file renamed by mistake?',
    moveItOutOf: 'move it out of the records',
    theFileHoldsNul:
      'the file holds NUL bytes, which YAML does not allow: usually a failed save or a paste from another program',
    openItInVs: 'open it in VS Code (they show as red NUL), delete them and save',
    theFileIsNot: 'the file is not UTF-8 and its encoding is not recognised',
    openItInNotepad: 'open it in Notepad or VS Code and save it as UTF-8',
    theFileIsNotUtf: (encoding) => `the file is ${encoding}, not UTF-8`,
    saveItAsUtf: 'save it as UTF-8 (Notepad: Save as → Encoding UTF-8)',
    nestedFolder: (folder, command, run) =>
      `${folder} is another records folder (it has its own kmsw.yaml): its files are not this folder's records and ` +
      `were not ${NESTED_VERBS[command] ?? 'read'}; to ${command} it, run ${run}`,
  }),
  select: () => ({
    expandsToOverAlternatives: (pattern, maxAlternatives) =>
      `"${pattern}" expands to over ${maxAlternatives} alternatives: make it more specific`,
    namesNoRecordFile: (pattern) => `"${pattern}" names no record file or folder in the records folder`,
  }),
  yaml: () => ({
    theAliasHasNo: (name) => `the alias *${name} has no &${name} before it: write the value out instead`,
    notValidYaml: 'not valid YAML',
    theYamlNestsToo: 'the YAML nests too deep to read: a record has two or three levels (keys, lists, table rows)',
    aQuoteIsNot: 'a quote is not closed: close it at the end of the text, or remove the opening one',
    thisLineLacksA: 'this line lacks a colon (key: value); if it continues the text above, use a | block and indent it',
    theSameKeyAppears: 'the same key appears twice: remove or merge one',
    indentedWithATab: 'indented with a tab: YAML indents with spaces only',
    aOrIsNot: 'a [ ] or { } is not closed',
    wrongIndentationKeysOf: 'wrong indentation: keys of one level line up, the next level indents two more spaces',
    wrongIndentationOrColon:
      'wrong indentation or colon: one key: value a line, a space after the colon; use a | block for text of several ' +
      'lines',
    aSymbolTooMany:
      'a symbol (- : [ ] { }) too many or too few here: check the indentation of this line and the one above',
    aValueCannotStart: 'a value cannot start with @ or `: put the text in quotes',
    oneRecordPerFile: 'one record per file: remove the --- line, or save the second record as its own file',
    aBackslashInsideDouble: 'a backslash inside double quotes is not valid: use single quotes, or double the backslash',
  }),
  excel: () => ({
    itHoldsNoWorksheet: 'it holds no worksheet',
  }),
  templateFile: () => ({
    wordDocx: 'Word (.docx)',
    excelXlsx: 'Excel (.xlsx)',
    itIsOverThe: (bytesCount, file) => `it is ${bytesCount}, over the ${file} a template may be`,
    itIsAnOld: (ext, kind) => `it is an old ${ext} file: open it in Word, WPS or Excel and save it as ${kind}`,
    itIsNotA: (kind) => `it is not a ${kind} file (perhaps a text file, or a file renamed)`,
    unpackedItWouldExceed: (total, entry) =>
      `unpacked, it would exceed ${total} (or ${entry} in one part): not a real template`,
    itIsDamagedAnd: (message, kind) => `it is damaged and cannot be unpacked (${message}): save it again as ${kind}`,
    itHoldsNoWord: (kind) => `it holds no Word document body (word/document.xml): it is not a ${kind} file`,
    itHoldsNoWorksheet: (kind) =>
      `it holds no worksheet: the first sheet of an ${kind} template is what the export looks like`,
  }),
  renderTemplates: () => ({
    thereIsNoTemplate: (given, guess) =>
      `There is no template "${given}"${guess ? `; did you mean ${guess}?` : '.'} kmsw templates list shows them`,
    templatesAlreadyExistsAnd: (name) =>
      `templates/${name} already exists and was left as it is; remove or rename it to start again`,
  }),
  word: () => ({
    noRecordsToExport: 'no records to export',
  }),
  file: () => ({
    thisIsAFull: 'this is a full-width space "　": YAML needs an ASCII space',
    switchTheInputMethod: 'switch the input method to half-width and retype it',
    isFollowedByA: (key) => `"${key}" is followed by a full-width colon "：": YAML needs an ASCII colon and a space`,
    write: (key) => `write ${key}: `,
    thisIsAFullWidth: 'this is a full-width comma "，": the pairs inside { } are separated by an ASCII comma',
    write2: (key) => `write , ${key}: `,
    thisIsAFullWidthComma: 'this is a full-width comma "，": the items inside [ ] are separated by an ASCII comma',
    eG: 'e.g. [王芳, 陈建国]',
    theYamlExpandsToo: (maxAliases) =>
      `the YAML expands too many aliases (*references), over ${maxAliases}: a hand-written record never needs that ` +
      `many`,
    writeTheValuesOut: 'write the values out',
    theFileIsEmpty: 'the file is empty',
    theWholeFileIs: 'the whole file is a list',
    theWholeFileIsOne: 'the whole file is one text',
    notARecord: (what) => `${what}, not a record`,
    aRecordStartsWith: 'a record starts with form: <form> and has one key: value a line (kmsw new writes one)',
    formIsMissing: 'form is missing',
    sayWhichFormOn: (formKeys) => `say which form on the first line, e.g. form: log (one of ${formKeys.join(', ')})`,
    formNamesNoForm: (text) => `form "${text}" names no form`,
    didYouMeanGuess: (guess, formKeys) => `${guess ? `did you mean ${guess}? ` : ''}the forms: ${formKeys.join(', ')}`,
  }),
  rulesFolder: () => ({
    alreadyHasAFor: (who, when, _title, file, key) => `${who} already has a ${key} for ${when}: ${file}`,
    mergeTheTwoOr: "merge the two, or correct one's date",
    hasNoLogFor: (name, day) => `${name} has no log for ${day} (a working day)`,
    runKmswNewLog: (name, day) => `run kmsw new log --as ${name} --set date=${day}`,
    wroteLogsInBut: (author, month, count) => `${author} wrote ${count} logs in ${month} but no monthly summary`,
    runKmswNewMonthly: (author, month) => `run kmsw new monthly --as ${author} --set month=${month}`,
    notAnAssistant: (author, month) =>
      `${author} is no assistant in kmsw.yaml: if the name is misspelt, correct these logs' author; if they are a ` +
      `new assistant, add them to kmsw.yaml's assistants, then run ` +
      `kmsw new monthly --as ${author} --set month=${month}`,
    isNeitherInKmsw: (name) => `"${name}" is neither in kmsw.yaml (assistants, experts) nor in any roster's staff`,
    checkTheNameOr: 'check the name, or add the person',
    signerNameHint:
      'a name under signers must be the one written in the ' +
      "signature slots, or that person's SSH signatures find no key",
    faceToFaceGroup: (county, year, minMinutes, count, target) =>
      `${county}: ${count}/${target} face-to-face group sessions (线下, at least ${minMinutes}) in ${year}`,
    onSiteGroupSessions: (county, year, count, target) =>
      `${county}: ${count}/${target} on-site group sessions (线下) in ${year}`,
    cityOnlineGroupSessions: (year, quarter, count, target) =>
      `city: ${count}/${target} online group sessions in ${year} Q${quarter}`,
    cityOnlineGroupSessionsIn: (year, count, target) => `city: ${count}/${target} online group sessions in ${year}`,
    theRequirementWasNot: (ended) => (ended ? ': the requirement was not met' : ': still behind'),
  }),
  rules: () => ({
    shouldBeAWhole: 'should be a whole number, 0 or more',
    shouldBeOffWarning: 'should be off, warning or error',
    thereIsNoRule: (id, guess, ruleIds) =>
      `there is no rule "${id}"${guess ? `; did you mean ${guess}?` : ` (the rules: ${ruleIds.join(', ')})`}`,
    ruleHasNoSetting: (id, key, guess, namesCount, names) =>
      `rule ${id} has no setting "${key}"` +
      (guess
        ? `; did you mean ${guess}?`
        : namesCount
          ? ` (it takes: severity, ${names.join(', ')})`
          : ' (it takes only severity)'),
  }),
  record: () => ({
    recordsLiveInYear: (to) => `records live in ${to} (year/month/form/date-name.yaml)`,
    moveItThereGit: 'move it there (git mv)',
    thisIsAFiled: (key, title, folder) => `this is a ${key} (${title}) filed under ${folder}/`,
    moveItToOr: (expectedDir) => `move it to ${expectedDir} or correct form`,
    theRecordSaysBut: (_label, when, year, month) => `the record says ${when} but sits in ${year}/${month}/`,
    correctTheDateOr: (expectedDir) => `correct the date or move the file to ${expectedDir}`,
    theFileNameShould: (when, name) => `the file name should start with the record's date ${when} (it is ${name})`,
    correctTheDateOrRename: (when) => `correct the date or rename the file to ${when}-….yaml`,
    theFileNameNames: (name, _label, author, slugField) =>
      `the file name names ${name} but the ${slugField} is ${author}`,
    correctTheOrRename: (_label, when, author, slugField) =>
      `correct the ${slugField}, or rename the file to ${when}-${author}.yaml (git mv)`,
    aKeyHereStarts: 'a key here starts with a digit: most likely a comma inside a number cut the value before it',
    writeAsOrQuote: 'write 3,800 as 3800, or quote the whole value',
    anEmptyKey: '(an empty key)',
    hasNoField: (_title, shown, key) => `${key} has no field "${shown}"`,
    hasNoFieldIt: (_title, shown, key) => `${key} has no field "${shown}"; it is ignored`,
    didYouMean: (guess, label) => `did you mean ${guess} (${label})?`,
    theFields: (keys) => `the fields: ${keys.join(', ')}`,
    has: (label, count, min) => `${label} has ${count}/${min}字`,
    shortPleaseAddTo: (min) => `${min} more 字 (characters) needed, please add to it`,
    isAFaceTo: (label, minutes, _title, min, key) =>
      `${label} is ${minutes}; a face-to-face ${key} session must last at least ${min}`,
    isAfterToday: (label, value, today) => `${label} ${value} is after today (${today})`,
    writeTheRealDate: 'write the real date',
    isNotAmongKmsw: (value) => `"${value}" is not among kmsw.yaml's counties`,
    sStations: (county) => `${county}'s stations`,
    stations: 'stations',
    isNotAmongKmswYaml: (where, value) => `"${value}" is not among kmsw.yaml's ${where}`,
    didYouMean2: (guess) => `did you mean ${guess}?`,
    correctItOrAdd: 'correct it or add it to kmsw.yaml',
  }),
  /** A record's signatures: missing, late, by the wrong person, dated wrongly. */
  recordSign: () => ({
    or: ' or ',
    theNameAndThe: 'the name and the date',
    theName: 'the name',
    theDate: 'the date',
    lacks: (label, missing) => `${label} lacks ${missing}`,
    lacksItWasDue: (label, missing, due) => `${label} lacks ${missing}; it was due by ${due}`,
    theSignerShouldSign: (signer, due) => `${signer ?? 'the signer'} should sign by ${due}`,
    haveItSignedNow: 'have it signed now',
    isSignedByBut: (label, name, signer) => `${label} is signed by "${name}" but ${signer} should sign`,
    correctOneOfThe: 'correct one of the names',
    isDatedBeforeThe: (label, signed, date) => `${label} is dated ${signed}, before the session on ${date}`,
    aSignatureComesAfter: 'a signature comes after the session',
    isDatedAfterToday: (label, signed, today) => `${label} is dated ${signed}, after today (${today})`,
    writeTheDayIt: 'write the day it was signed',
    wasSignedDaysAfter: (label, days, signed, lateDays) =>
      `${label} was signed ${days} days after the session (${signed}), past the ${lateDays}-day limit`,
  }),
  /** A record's picture fields: outside the folder, missing, not a picture. */
  recordPicture: () => ({
    theIsOutsideThe: (_whatZh, p, message, whatEn) =>
      `the ${whatEn} "${p}" is outside the records folder${message ? ` (${message})` : ''}`,
    putItInAnd: (folder) => `put it in ${folder}/ and write a relative path, e.g. ${folder}/2026-11/door.jpg`,
    cannotFindThe: (_whatZh, p, whatEn) => `cannot find the ${whatEn} "${p}"`,
    checkTheNameAnd: 'check the name and folder (case matters) or put the file there',
    the: (_whatZh, p, message, whatEn) => `the ${whatEn} "${p}": ${message}`,
    nameAPictureFile: (folder) => `name a picture file, e.g. ${folder}/2026-11/door.jpg`,
  }),
  surveySession: () => ({
    namesNoGroupRecord: (session) =>
      `所评督导 (session) says ${session}, but no group record has that file name: this survey's satisfaction counts ` +
      "towards no expert's evaluation",
    didYouMean: (names) => `did you mean ${names.join(', ')}? (kmsw new group ends a file name with its author)`,
    noGroupRecordThatDay: (days) =>
      `there is no group record on ${days.join(', ')}: check the date and the file name, or write that session's ` +
      'group record first (kmsw new group)',
  }),
  sessions: () => ({
    thisGroupRecordAnd: (file, what, _differences, differences2) =>
      `this group record and ${file} describe one session (${what}), but ${differences2.join(' and ')}`,
    checkThemAndMake: (duration) =>
      `check them and make them agree (the session counts once, with the longer duration, ${duration})`,
  }),
  scanFolder: () => ({
    cannotReadTheFile: (code) => `cannot read the file (${code})`,
    checkItsPermissions: 'check its permissions',
    thisIsASymbolic: (target) =>
      `this is a symbolic link (to ${target}); kmsw does not follow links nor check what they point to, and Git ` +
      `shares only the link`,
    putTheRecordItself: 'put the record itself in the folder and delete the link',
  }),
  open: () => ({
    colon: ': ',
  }),
  period: () => ({
    theRecordIsDated: (when, month) => `the record is dated ${when}, outside ${month ?? 'the period'}`,
    theRecordSDate: "the record's date cannot be read",
  }),
  control: () => ({
    holdsAnInvisibleControl: (code) =>
      `holds an invisible control character ${code} (usually pasted from another program; the Word export cannot ` +
      `hold it): delete it and save (VS Code shows it as a small red box; if it is an escape such as "\\x..", write ` +
      `plain text instead)`,
  }),
  date: () => ({
    theYearIsNot: (shown, from, to) => `the year ${shown} is not between ${from} and ${to}: a typo in the year?`,
    thereIsNoMonth: (month) => `there is no month ${month}`,
    hasNoDay: (year, _month, date, month2) => `${year}-${month2} has no day ${date}`,
    writeDatesAsOr: 'write dates as 2026-11-28 (or 2026/11/28, 2026.11.28, 2026年11月28日)',
    writeMonthsAsOr: 'write months as 2026-11 (or 2026年11月)',
    writeItAsOr: 'write it as 2026-11 or 2026-11-28',
  }),
  duration: () => ({
    writeDurationsAsH: 'write durations as 2小时, 2.5h, 1h30m or 90min',
    aDurationMustBe: 'a duration must be more than 0',
    noSessionLastsOver: (maxMinutes) => `no session lasts over ${maxMinutes} hours: please check`,
  }),
  meeting: () => ({
    attendedCentreMeetings: (expert, year, count, target) =>
      `${expert} (administrative expert): ${count}/${target} centre work meetings (督导中心工作会议) attended in ${year}`,
    attendedStationActivities: (expert, year, count, target) =>
      `${expert} (administrative expert): ${count}/${target} station activities (社工站点活动) attended in ${year}`,
    writeAMeetingRecord: (expert, kind) =>
      `after attending a ${kind}, write a meeting record (kmsw new meeting --set kind=${kind}) naming ${expert} ` +
      'among the attendees',
    adminExpertsPerYear: 'Administrative experts (行政协同督导, at least each year)',
    expert: 'Expert',
    centreMeeting: 'Centre meetings',
    stationActivity: 'Station activities',
  }),
  expertTitle: () => ({
    isBelow: (name, title) =>
      `professional expert (专业技术督导) ${name} has the title “${title}”, below 中级 (intermediate)`,
    hasNoTitle: (name) => `professional expert (专业技术督导) ${name} has no title`,
    hint:
      'the handbook: a professional expert should hold an intermediate (中级) title or above. Check and write the ' +
      "expert's title; if it counts as 中级 or above (e.g. 主治医师), add under rules: in kmsw.yaml " +
      'expert-title: { accept: [主治医师] }',
    acceptShouldBeAList: 'should be a list of titles (or words of titles), e.g. accept: [主治医师, 高级工程师]',
  }),
  ciReports: () => ({
    withHint: (message, hint) => `${message} (hint: ${hint})`,
  }),
  evaluation: () => ({
    shouldBeANumber: (min, max) => `should be a number from ${min} to ${max}, e.g. 4.5`,
    ledAfterExit: (expert, when, first, second, file) =>
      `${expert} failed two consecutive effect evaluations (${first}, ${second}; ${file}) and no longer ` +
      `qualifies as an expert, yet led this session on ${when}`,
    exitHint:
      'handbook Part 2 §5 (4), exit: two consecutive failed evaluations end the qualification. Have another ' +
      'expert lead it, or check the evaluations',
    noLongerQualifies: (expert, first, second, after) =>
      `${expert} failed two consecutive effect evaluations (${first}, ${second}) and no longer qualifies` +
      (after > 0 ? `; ${after} session(s) led since` : ''),
    configHint: 'remove this expert from experts (or check the two evaluations)',
    doneDisagrees: (done, counted, uncounted) =>
      `sessions done says ${done}, the records count ${counted}` +
      (uncounted > 0 ? ` (${uncounted} more record(s) have errors and are not counted)` : ''),
    doneHint: 'check it: leave it blank to use the count; write the records of any session not yet recorded',
    satisfactionDisagrees: (written, counted, surveys, uncounted) =>
      counted === undefined
        ? uncounted > 0
          ? `satisfaction says ${written}, but the ${uncounted} survey(s) of sessions this expert led in the period ` +
            'all have errors and are not counted'
          : `satisfaction says ${written}, but no survey in the period rates a session this expert led`
        : `satisfaction says ${written}, the mean of ${surveys} survey(s) is ${counted.toFixed(2)}` +
          (uncounted > 0 ? ` (${uncounted} more with errors not counted)` : ''),
    satisfactionHint:
      "check it: leave it blank to use the surveys' mean (a survey names the group record it rates in session:)",
    statusTitle: 'Effect evaluations',
    statusNone: '(none yet)',
    statusLine: (date, from, to, result) => `${date}  period ${from} to ${to}  ${result}`,
    exportSpan: (from, to) => ` (every evaluation dated ${from} to ${to})`,
    statusExit: (date) => `failed twice in a row (${date}): no longer qualifies`,
  }),
  signatureRules: () => ({
    notAPublicKey:
      'should be one line holding an SSH public key, like "ssh-ed25519 AAAAC3Nza…" ' +
      '(the contents of ~/.ssh/id_ed25519.pub), no line breaks or options',
    editedAfterSigning: (label, who, date) =>
      `${label}: the record was changed after ${who} signed it with kmsw sign on ${date} ` +
      '(the digest no longer matches)',
    reviewAndSignAgain: (who, file) => `${who} should review the changes and sign again: kmsw sign ${file} --as ${who}`,
    sigWithoutName: (label) => `${label}: an SSH signature (sig) without the signer's name`,
    sigWithoutDigest: (label) => `${label}: an SSH signature (sig) without a digest`,
    signAgainHint: 'have the signer sign again with kmsw sign --key',
    noKeyFor: (label, name) =>
      `${label}: ${name}'s SSH signature cannot be verified: kmsw.yaml's signers has no key for ${name}`,
    addKeyHint: (name) =>
      `add to kmsw.yaml: signers: { ${name}: "ssh-ed25519 AAAA…" } (${name}'s ~/.ssh/id_ed25519.pub)`,
    doesNotVerify: (label, name) =>
      `${label}: the SSH signature does not verify against ${name}'s key in kmsw.yaml ` +
      `(not signed by ${name}, or altered)`,
    doesNotVerifyHint: (name, file) =>
      `${name} should review the record and sign again with their key: ` +
      `kmsw sign ${file} --as ${name} --key ~/.ssh/id_ed25519`,
    cannotVerify: (count, files) =>
      `cannot verify ${count} SSH signature${count === 1 ? '' : 's'}: ssh-keygen is not installed on this machine ` +
      `(${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more files` : ''})`,
    installOpenssh:
      'install the OpenSSH client, then run kmsw check again (Debian/Ubuntu: apt install openssh-client; ' +
      'Windows: Settings → Optional features → OpenSSH Client)',
  }),
  sign: () => ({
    noSuchFile: 'no such file',
    isAFolder: 'a folder: give the record files in it (e.g. 2026/11/record/*.yaml)',
    noSuchKey: (key) => `no private key file ${key} (--key takes an SSH private key, e.g. ~/.ssh/id_ed25519)`,
    keyNotRegistered: (name, key) =>
      `Note: kmsw.yaml's signers has no public key for ${name}, so kmsw check cannot verify this SSH signature (it ` +
      `reports bad-signature). Add to kmsw.yaml:\nsigners:\n  ${name}: "${key ?? 'ssh-ed25519 AAAA…'}"` +
      (key ? '' : `\n(${name}'s public key is in the .pub file beside the private key, e.g. ~/.ssh/id_ed25519.pub)`),
    keyIsNotTheirs: (name) =>
      `the --key private key does not pair with ${name}'s public key in kmsw.yaml signers: check would report ` +
      'bad-signature, so nothing was signed',
    notARecordFile: 'not a record file of the records folder',
    notUtf8: (encoding) => `the file is not UTF-8 (looks like ${encoding})`,
    noSlotFor: (name, whose) =>
      `no signature slot waits for ${name} ` +
      `(${whose.map(([label, names]) => `${label}: ${names}`).join('; ') || 'the form has no signature'})`,
    slotSignedBy: (label, other) => `${label} is signed by ${other} already; it is not yours to sign`,
    slotNames: (label, other) =>
      `${label} names ${other} as the signer: ${other} should sign it ` +
      '(if it is yours to sign, put your name there first)',
    ruleTag: (rule) => ` (${rule})`,
    beforeTheRecord: (today, date) => `today (${today}) is before the record's date ${date}: sign after the session`,
    sshKeygenFailed: (why) =>
      why === 'ENOENT' ? 'ssh-keygen not found: --key needs the OpenSSH client' : `ssh-keygen could not sign: ${why}`,
    cannotPlace:
      'cannot write the signature without changing anything else ' +
      '(the file is unchanged; sign it by hand, or report this)',
    changedMeanwhile: 'another program changed the file while signing (it stays as they left it): run again',
    signed: (file, slots) => `signed: ${file} (${slots.join(', ')})`,
    already: (file, name) => `${file}: already signed by ${name}, unchanged since; nothing to do`,
    refused: (file) => `not signed: ${file}`,
    summary: (signed, already, refused) =>
      `${signed} signed${already ? `, ${already} already signed` : ''}` +
      `${refused ? `, ${refused} not signed (see why above; files unchanged)` : ''}`,
    waitingTitle: (name, count) => `Records waiting for ${name}'s signature (${count}, oldest first):`,
    nothingWaiting: (name) => `No record waits for ${name}'s signature.`,
    overdue: (due) => `overdue (due ${due})`,
    dueBy: (due) => `by ${due}`,
    stale: 'changed after signing: sign again',
    hasErrors: 'has errors: fix them first (kmsw check shows them)',
    howToSign: (name) =>
      `On a terminal, kmsw sign --as ${name} lets you tick and sign them; ` +
      `or sign files: kmsw sign <file>... --as ${name}`,
    perExpert: "Waiting for the experts' signatures",
    expertLine: (count, oldest, overdue) =>
      count === 0 ? 'none ✓' : `${count}, oldest ${oldest}${overdue ? `, ${overdue} overdue` : ''}`,
  }),
  staged: () => ({
    noGit: (code) => `cannot run git (${code}): --staged and the pre-commit check need Git installed`,
    notARepository: (root) =>
      `${root} is not in a Git repository: --staged and the pre-commit check work in one (git init or git clone first)`,
    gitFailed: (why) => `git could not read the staged files: ${why}`,
    diffTooLong: (mb) =>
      `the list of staged files is over ${mb} MB, which kmsw does not read: stage and commit in parts ` +
      `(git add some files), or skip the check with git commit --no-verify`,
    configUnreadable: (size) =>
      `the staged kmsw.yaml cannot be read (${size} MiB, over the ` +
      `1 MiB cap, or damaged): fix it and git add kmsw.yaml again`,
    missing: "Git's index does not hold this file's content (the repository may be damaged): git add the file again",
    configFromIndex:
      'kmsw.yaml has edits that are not staged: the records were checked by the staged kmsw.yaml (the one the ' +
      'commit holds). To check by the edited one, git add kmsw.yaml first',
  }),
  hooks: () => ({
    scriptWhat:
      'Checks the staged supervision records before a commit ' +
      '(kmsw check --staged): errors stop it, warnings are shown.',
    scriptSkip:
      'Skip it once: git commit --no-verify. Your own pre-commit ' +
      'steps go in pre-commit.local beside this file; it runs first.',
    notFound:
      'kmsw pre-commit check: kmsw not found (the node and kmsw of ' +
      'the install are gone, no kmsw on PATH, npx finds none); ' +
      "this commit's records were not checked. Run npx kmsw hooks install in the records folder to install it again.",
    foreign: (file, local) =>
      `${file} is a pre-commit hook kmsw did not install; it was left as it is. To use both: rename it to ${local} ` +
      "(kmsw's hook runs it first), then run kmsw hooks install",
    foreignKept: (file) => `${file} is a pre-commit hook kmsw did not install; not removed`,
    sharedHooks: (dir) =>
      `Git's hooks folder ${dir} is outside this repository (core.hooksPath names it, likely in your global Git ` +
      'settings): a hook there runs on the commits of every repository of this computer that uses it, so kmsw does ' +
      'not install one there. To install it for this repository alone: git config core.hooksPath .git/hooks (this ' +
      'repository only; the hooks of that folder then no longer run here), then kmsw hooks install',
    otherRepository:
      'kmsw pre-commit check: this hook was installed for another repository (core.hooksPath makes this one use it ' +
      'too); this commit was not checked.',
    noConfig: (dir) =>
      `kmsw: the pre-commit check's records folder ${dir} has no kmsw.yaml in this commit, so nothing was checked. ` +
      'If the records folder moved or was renamed, run kmsw hooks install in its new place.',
    noConfigRecords: (dir, count) =>
      `kmsw: this commit changes ${count} record file(s) in the records folder ${dir}, but there is no kmsw.yaml ` +
      'there, so they were not checked. If kmsw.yaml was deleted or moved, put it back; if the records folder moved ' +
      'or was renamed, run kmsw hooks install in its new place.',
  }),
  fix: () => ({
    slipsKept:
      'with the full-width marks mended the file still does not read as a record: they were left; mend them by hand',
    fullwidth: (mark) => `${mark} written as the ASCII mark YAML needs`,
    fullwidthSpace: 'full-width space written as a space',
    slipsLeft: (line) =>
      `with the full-width marks mended, line ${line}'s indent or list dash still does not read as YAML's layout ` +
      '(a full-width space is left, or it runs on from the text above), so a value would read wrong: ' +
      'left as it is; mend it by hand',
    renamed: (from, to) => `key ${from} renamed ${to}`,
    dateWritten: (from, to) => `date ${from} written ${to} (the file moves to the folder of its date)`,
    targetExists: (to) => `${to} exists already: not moved (nothing is overwritten); compare the two records`,
    targetInNested: (to, folder) =>
      `${to} is in another records folder, ${folder} (it has its own kmsw.yaml): not moved; decide where this ` +
      `record belongs`,
    noDateToMove: 'the date does not read, so where the record belongs is unknown: not moved',
    unsafe: "these fixes would change the record's values: keys and date left as they are; mend them by hand",
    changedMeanwhile:
      'the file changed after it was read (an editor saving?): left as it is; ' +
      'run kmsw check --fix again once it is saved',
    moved: (to, git) => `moved to ${to}${git ? ' (git mv)' : ''}`,
    moveFailed: (to, why) => `could not move to ${to}: ${why}`,
    writeFailed: (why) => `could not write: ${why}`,
    fixedHeader: (n) => `Fixed ${n} file${n === 1 ? '' : 's'}:`,
    plannedHeader: (n) => `--fix would fix ${n} file${n === 1 ? '' : 's'} (nothing was changed this time):`,
    nothing: 'Nothing that can be fixed automatically.',
    leftHeader: 'Left as they are:',
    atLine: (line) => `line ${line}: `,
    remainHeader: 'What remains after fixing:',
    commentSlip:
      'a full-width space "\u3000" stands before "#": ' +
      'YAML reads the "#" and what follows as part of the value, not as a comment',
    commentHint:
      'for a comment, type a half-width space before "#" (kmsw check --fix does it); ' +
      'if the "#" belongs to the value, put the value in quotes',
    notStaged:
      "--fix changes the files of the work tree, not Git's index: it cannot go with --staged. " +
      'Run kmsw check --fix, then git add the files it changed',
    fixOrDryRun: 'give --fix or --fix-dry-run, not both',
  }),
  photos: () => ({
    leftOutCaption: (name, why) => `${name}\n(not included: ${why})`,
    withHint: (message, hint) => `${message}: ${hint}`,
    onlyJpegPng: 'only JPG or PNG photos can go in',
    tooManyPixels: 'the picture has too many pixels (over 50 megapixels)',
    cannotDecode: (why) => `the picture cannot be decoded (${why})`,
    empty: 'the picture has no pixels',
    outside: 'the path is not inside the records folder',
    noteLeftOut: (n) =>
      `Note: ${n} photo(s) were not put in the workbook (the photo sheet gives their file name and why):`,
  }),
  report: () => ({
    title: (centre, period) => `${centre}: supervision report (${period})`,
    year: (year) => `${year}`,
    month: (year, month) => `${year}-${String(month).padStart(2, '0')}`,
    counted: (until, today) => `Counted up to ${until}, made on ${today} by kmsw report from the records folder.`,
    yearToDate: (year) => `${year} so far (as kmsw status --year ${year})`,
    contents: 'Contents',
    quotaTitle: 'Group supervision per county',
    quotaNote: (min) =>
      `A session written up by several assistants counts once; a ` +
      `face-to-face session must last ${min}, as kmsw status counts.`,
    county: 'County',
    faceToFace: (min) => `Face-to-face (${min}+)`,
    onSite: 'On-site',
    target: 'Required',
    done: 'Held',
    onlineTitle: 'Online group supervision (city, per quarter)',
    quarter: (q) => `Q${q}`,
    quarterHead: 'Quarter',
    wholeYear: 'Year',
    notStarted: 'not begun',
    offDuty: 'before the assistants began (since in kmsw.yaml): not judged',
    logsTitle: "Assistants' daily logs",
    logsNote:
      'One cell a day. Working days follow the State Council ' +
      'holiday schedule (adjusted working weekends marked “W”); ' +
      'holidays and weekends need no log.',
    assistant: 'Assistant',
    expected: 'Due',
    written: 'Written',
    faulty: 'With errors',
    missing: 'Missing',
    holiday: 'Holiday',
    weekend: 'Weekend',
    notDue: 'Not due',
    adjustedMark: 'W',
    holidayMark: 'H',
    adjustedDay: 'adjusted working day',
    marked: (word, mark) => `${word} (${mark})`,
    remark: 'Note',
  }),
  /** The report's sections on signatures and on the experts. */
  reportSigns: () => ({
    signTitle: 'Days from session to signature',
    signNote: (days) =>
      `A signature is due within ${days} days of the session; later ones are red. Records with errors are counted ` +
      "too (as kmsw status counts signatures due); until they are fixed, kmsw check's word stands.",
    daysAxis: 'days',
    days: (n) => `${n} d`,
    signedCount: 'Signed',
    lateCount: (days) => `Signed after more than ${days} days`,
    pendingCount: 'Not signed yet',
    pendingOverdue: 'of which overdue',
    overdueList: 'Overdue and not signed',
    expertsTitle: 'Experts',
    expertsNote:
      'Sessions, hours and satisfaction as the effect evaluation ' +
      'counts them (a group session once; the mean rating of ' +
      'the surveys of their sessions).',
    expert: 'Expert',
    sessions: 'Sessions',
    hours: 'Hours',
    satisfaction: 'Mean satisfaction',
    evaluations: 'Evaluations',
    noEvaluation: 'none',
    minutes: 'Minutes',
    duration: 'Duration',
    signHead: 'Signatures',
    countHead: 'Count',
    overdueItem: (file, label, signer, due) => `${file} (${label}${signer ? ` ${signer}` : ''}, due ${due})`,
    listSeparator: '; ',
  }),
  /** The report's sections on the month's counts, the problems and the files left out. */
  reportCounts: () => ({
    tallyTitle: 'Checklist: records per month',
    tallyNote: "Each month's numbers are kmsw tally --month's (records without errors only).",
    form: 'Form',
    total: 'Total',
    monthShort: (m) => `M${m}`,
    problemsTitle: 'Open problems (kmsw check)',
    problemsNote: (files, errors, warnings, command) =>
      `${files} files checked: ${errors} errors, ${warnings} warnings. Run ${command} for each place and its fix ` +
      '(the same numbers).',
    noProblems: 'No problems found ✓',
    rule: 'Rule',
    errors: 'Errors',
    warnings: 'Warnings',
    files: 'Files',
    unreadTitle: 'Files not counted',
    unreadNote:
      'These files could not be read or dated and are in none of the numbers above, but for the logs marked: their ' +
      'name gives the day and the assistant, and the log calendar counts that day as one with errors (not missing, ' +
      'as kmsw check and kmsw status count it):',
    countedAsFaulty: (why, days) => `${why} (the log calendar counts ${days.join(', ')} as with errors)`,
    none: 'none',
    unreadItem: (file, why) => `${file}: ${why}`,
  }),
  /** Making the report: the files written, the browser for its PDF, a period not begun. */
  reportMaking: () => ({
    wrote: (file) => `Wrote ${file}`,
    noBrowser:
      'No Chromium, Chrome or Edge found: no PDF was made (the HTML was written; open it in a browser to print). ' +
      'Install one, or name its path in the KMSW_CHROME environment variable.',
    notBegun: (period, today) =>
      `${period} has not begun (today is ${today}): every number in the report is 0. Did you mean a past period?`,
    browserMissing: (file) => `KMSW_CHROME names a browser that is not there: ${file}`,
    pdfFailed: (browser, why, html) =>
      `${browser} could not make the PDF (${why}). The report is written as a web page: ${html}; ` +
      'open it in a browser and print it to PDF',
    browserExited: (code, said) =>
      `the browser exited with code ${code ?? '(killed)'}${said ? `, saying: ${said}` : ''}`,
    noPdfWritten: 'the browser wrote no PDF',
  }),
  reportLeftOut: () => ({
    notCounted: (count) =>
      `\nNot counted: these ${count} files could not be read or dated and are in none of the report's numbers, but ` +
      'for the logs marked, whose day counts as one with errors (its "Files not counted" section lists them too). ' +
      'Fix them and run the report again:',
  }),
  checkFixable: () => ({
    line: (count, command) =>
      `${count} of these problems can be fixed by ${command} (see the changes first with --fix-dry-run).`,
    staged: (count, command) =>
      `${count} of these problems can be fixed by ${command}: it mends the work tree's files; look at git diff, ` +
      'git add them, and commit again.',
  }),
  configFix: () => ({
    then: (hint) => `; ${hint.trim()}`,
    stillUnreadable:
      'kmsw.yaml would still not read once mended (something else is wrong): left as it is; fix the rest first',
    hint:
      'kmsw check --fix can mend these full-width marks and misspelt keys in kmsw.yaml ' +
      '(see the changes first with kmsw check --fix-dry-run).',
  }),
};
