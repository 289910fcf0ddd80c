/**
 * The command line's messages in English (`--lang en` or KMSW_LANG=en), keyed as
 * src/messages/zh-cli.ts, whose type this object must have.
 */
import type { CliCatalogue } from './zh-cli.js';

export const enCli: CliCatalogue = {
  cli: () => ({
    options: '[options]',
    command: '[command]',
    oneOf: (choices) => `one of: ${choices.join(', ')}`,
    defaultText: (shownDefault) => `default: ${shownDefault}`,
    extra: (extra) => ` (${extra.join('; ')})`,
    or: ' or ',
    didYouMean: (s) => `; did you mean ${s}?`,
    period: '.',
    hasNoOptionRun: (cmd, o, s) => `${cmd} has no option ${o}${s} Run ${cmd} --help to see the options`,
    thereIsNoCommand: (c, s, cmd) => `there is no command ${c}${s} Run ${cmd} --help to see the commands`,
    theOptionNeedsA: (o, o2) => `the option ${o} needs a value after it: ${o2}`,
    needsRunHelpTo: (cmd, o) => `${cmd} needs ${o}. Run ${cmd} --help to see how`,
    needsAfterItRun: (cmd, a) => `${cmd} needs <${a}> after it. Run ${cmd} --help to see how`,
    tooManyArgumentsTakes: (cmd, n, got) =>
      `too many arguments: ${cmd} takes at most ${n}, got ${got}. Run ${cmd} --help to see how`,
    giveOrNotBoth: (a, b) => `give ${a} or ${b}, not both`,
    theOption: 'the option ',
    isNotValidUse: (what, v, choices) =>
      `${what}: "${v}" is not valid${choices ? `; use one of: ${choices.join(', ')}` : ''}`,
    theCommandLineIs: (code, cmd) => `the command line is not right (${code}). Run ${cmd} --help to see how`,
    supervisionRecordsOfKunming:
      "Supervision records of Kunming's social-work stations: scaffold, check and export the official forms",
    showTheVersion: 'show the version',
    showHelp: 'show help',
    helpCommand: 'help [command]',
    showHelpForA: 'show help for a command',
    cDirFolder: '-C, --dir <folder>',
    theRecordsFolderDefault: 'the records folder (default: the first folder up from here holding kmsw.yaml)',
    todayDate: '--today <date>',
    takeThisDayAs: 'take this day as today (or set KMSW_TODAY), e.g. 2026-11-30',
    noColoursOrSet: 'no colours (or set NO_COLOR)',
    languageZhChineseDefault: 'language: zh Chinese (default) or en English; or set KMSW_LANG',
    cancelledNothingWasWritten: '\nCancelled; nothing was written.\n',
    kmswCannotReadNothing: (where, code, _readWhy, readWhy2) =>
      `kmsw: cannot read${where} (${code}): ${readWhy2}. Nothing was written.\n`,
    kmswCannotWriteNo: (where, code, _why, why2) =>
      `kmsw: cannot write${where} (${code}): ${why2}. No existing file was changed.\n`,
    internalErrorThisIs: (running, stack) =>
      `${running}: internal error. This is a bug in kmsw, not a fault in your records:\n${stack}\nPlease send the ` +
      `lines above to the kmsw maintainer at the supervision centre, or open an issue in the project's repository.\n`,
  }),
  cliCheck: () => ({
    checkEveryRecordAgainst:
      "check every record against the handbook's rules: 字 counts, signatures, daily logs, formats…",
    files: '[files...]',
    onlyTheseFilesFolders: 'only these files, folders or globs (e.g. 2026/11/log/*.yaml)',
    onlyThisMonthE: 'only this month, e.g. 2026-11',
    onlyThisYearAnd: "only this year, and check the year's requirements (quota)",
    rRuleRule: '-r, --rule <rule>',
    onlyThisRuleRepeatable: 'only this rule, repeatable, e.g. --rule min-chars',
    listTheRules: 'list the rules',
    giveMonthOrYear: 'give --month or --year, not both',
    note: 'Note: ',
  }),
  context: () => ({
    todayOrKmswToday: (given, reason) => `--today (or KMSW_TODAY) "${given}" is not a date: ${reason}`,
    todaySDateToday: (value, outside) => `today's date ${value} (--today, KMSW_TODAY or the clock): ${outside}`,
    month: (text, reason) => `--month "${text}": ${reason}`,
    yearGiveAFour: (text) => `--year "${text}": give a four-digit year, e.g. 2026`,
    isNotInsideThe: (p, root) => `${p} is not inside the records folder ${root}`,
  }),
  cliExport: () => ({
    renderTheMonthS: "render the month's official Word/Excel forms and the checklist for the project office",
    thisMonthEG: 'this month, e.g. 2026-11',
    allTwelveMonthsOf: 'all twelve months of this year',
    oOutFolder: '-o, --out <folder>',
    writeHereDefaultExports: 'write here (default: exports/yyyy-mm/)',
    onlyForms: '--only <forms>',
    onlyTheseEG: 'only these, e.g. --only log,checklist',
    giveMonthEG: 'give --month (e.g. 2026-11) or --year (e.g. 2026), one of them',
  }),
  cliInit: () => ({
    makeARecordsFolder: 'make a records folder: kmsw.yaml, .gitignore and a Git repository',
    folder: '[folder]',
    theFolderToMake: 'the folder to make',
    theCurrentFolder: 'the current folder',
    comma: ', ',
    madeARecordsFolder: (root, files, git) =>
      `Made a records folder in ${root}: ${files}${git ? ', and a Git repository' : ''}`,
    nextFillInKmsw:
      "Next: fill in kmsw.yaml (assistants, experts, each county's stations), then run kmsw new log for today's log.",
  }),
  cliHooks: () => ({
    hooksHelp: "Git's pre-commit check (a hook): the staged records are checked on commit",
    installHelp:
      'install the pre-commit check: git commit runs kmsw check --staged, a record with errors is not committed',
    uninstallHelp: "remove kmsw's pre-commit check (another hook is left alone)",
    stagedHelp:
      "check only the records staged in Git (as git add left them, before the commit): the pre-commit check's",
    stagedAlone: '--staged checks every staged record: give no files, --month or --year with it',
    noRecordStaged: 'kmsw: this commit changes no record; nothing to check.',
    installed: (file, again) =>
      `${again ? 'Updated' : 'Installed'} the pre-commit check: ${file} ` +
      '(git commit checks the staged records; errors stop the commit)',
    skipOnce: 'To commit a record with errors all the same, git commit --no-verify skips the check once.',
    warmed: (files) =>
      `Checked all ${files} files once and kept the results in .kmsw/: a commit then checks only what changed.`,
    removed: (file) => `Removed kmsw's pre-commit check: ${file}`,
    noHook: (file) => `${file} is not a pre-commit check kmsw installed: nothing to remove.`,
    initNoHook: (why) => `The pre-commit check was not installed: ${why}`,
    folders: (dirs) => `The pre-commit check checks these records folders (relative to the repository's top): ${dirs}`,
    dropped: (dirs) =>
      `These records folders hold no kmsw.yaml any more; the pre-commit check no longer checks them: ${dirs}`,
    narrowed: (file, dir, dirs) => `The pre-commit check no longer checks ${dir}; it still checks ${dirs} (${file})`,
    restored: (local, file) => `Your own hook ${local} is back as ${file}: it runs before each commit as it did.`,
    comma: ', ',
  }),
  cliList: () => ({
    listTheRecordsOf: 'list the records of the folder, by date',
    onlyThisMonthE: 'only this month, e.g. 2026-11',
    fFormForm: '-f, --form <form>',
    onlyThisFormE: 'only this form, e.g. log',
  }),
  cliNew: () => ({
    scaffoldANewRecord: 'scaffold a new record (asks on a terminal; --yes asks nothing)',
    form: '[form]',
    theForm: 'the form: ',
    asName: '--as <name>',
    whoIsWritingThe: 'who is writing (the assistant); or set KMSW_USER',
    setFieldValue: '--set <field=value>',
    giveAFieldIts: 'give a field its value, repeatable, e.g. --set date=2026-11-28',
    askNothingFieldsNot: 'ask nothing; fields not given take their defaults (today for dates)',
    openTheNewFile: 'open the new file in $EDITOR',
    writeASecondLog:
      'write a second log (monthly summary) for a day (month) that has one by the same author (named …-2)',
    listTheForms: 'list the forms',
    newText: (title, shown, key, month) => `New ${key} (${title}${month ? `, ${month}` : ''}): ${shown}`,
    nextStep: (minimums) =>
      `Next: open the file and write ${minimums.map(([label, min]) => `${label} (at least ${min} 字)`).join(', ')} ` +
      `and the rest, then run kmsw check.`,
    theFileIsWritten: (shown) => `The file is written; open it with another editor: ${shown}`,
    cannotOpenTheEditor: (editor, why, written) =>
      `cannot open the editor ${editor}${why} (check the EDITOR or VISUAL variable). ${written}`,
    exitCode: (status) => `exit code ${status}`,
    theEditorDidNot: (editor, how, written) => `the editor ${editor} did not end normally (${how}). ${written}`,
  }),
  options: () => ({
    formatFormat: '--format <format>',
    outputFormat: 'output format',
    mMonthYyyyMm: '-m, --month <yyyy-mm>',
    yearYyyy: '--year <yyyy>',
  }),
  schema: () => ({
    writeAJsonSchema:
      'write a JSON Schema per form (schemas/) so that VS Code and other editors complete and check as you type',
    oOutFolder: '-o, --out <folder>',
    writeIntoThisFolder: "write into this folder (default: the records folder's schemas/)",
    wroteTheJsonSchema: (count, shown, changed) =>
      `Wrote the JSON Schema of ${count} forms to ${shown}/ (${changed} changed).`,
    recordsWrittenByKmsw:
      "Records written by kmsw new name them in their first line; with Red Hat's YAML extension VS Code checks as " +
      'you type.',
  }),
  cliReport: () => ({
    description: "the year's (or a month's) supervision report: an HTML page with charts, to read or print, or a PDF",
    year: 'the report of this year (default: the current one)',
    month: 'the report of this month, e.g. 2026-11',
    out: '-o, --out <folder>',
    outWhat: 'write into this folder (default: exports/<year>/ or exports/<year-month>/)',
    pdf: 'also print it to PDF with a local Chromium, Chrome or Edge (KMSW_CHROME names one)',
    notBoth: 'give --year or --month, not both',
  }),
  cliStatus: () => ({
    theYearAtA: "the year at a glance: group sessions per county, online sessions, signatures due, this month's logs",
    thisYearDefaultThe: 'this year (default: the current one)',
  }),
  tally: () => ({
    countTheMonthS: "count the month's records per form (the monthly checklist)",
    theMonthEG: 'the month, e.g. 2026-11',
  }),
  cliTemplates: () => ({
    theTemplatesOfThe: 'the templates of the official forms: which is in use, and a copy to edit',
    listTheTemplateOf: "list the template of each export, and whether it is the folder's own or built in",
    copyABuiltIn: "copy a built-in template into the folder's templates/, which export then uses",
    name: '<name>',
    theTemplateOrForm: 'the template or form, e.g. log or 督导工作日志',
    copiedToChangeIts: (shown) =>
      `Copied to ${shown}: change its look in Word, WPS or Excel, and keep the {{…}} placeholders.`,
  }),
  cliSign: () => ({
    cannotTick: '(cannot be ticked)',
    description:
      "sign: write your name, today's date and the record's digest into your signature slot " +
      '(check then shows any later change)',
    files: '[files...]',
    filesHelp: 'the record files to sign; without, lists the records waiting for your signature',
    asName: '--as <name>',
    asHelp: 'who signs (the supervisor, worker or one of the experts the form names); or set KMSW_USER',
    keyFile: '--key <private key>',
    keyHelp: "also sign with an SSH private key (like ~/.ssh/id_ed25519, as Git's SSH signing does)",
    whoSigns: 'say who signs with --as, e.g. kmsw sign --as 王芳',
    choose: 'Tick the records to sign (space ticks, enter confirms)',
    noneChosen: 'No record ticked; nothing signed.',
  }),
  cliFix: () => ({
    fixHelp:
      'fix what can be fixed without guessing (full-width colons, commas, spaces; misplaced files; ' +
      'keys one letter off), in place, keeping comments and layout',
    dryRunHelp: 'show what --fix would change (a unified diff) and the files it would move; change nothing',
  }),
  cache: () => ({
    noCache: 'neither read nor write the cache .kmsw/ (read and check every file again; or set KMSW_NO_CACHE=1)',
  }),
};
