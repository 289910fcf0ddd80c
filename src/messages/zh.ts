/**
 * kmsw's messages in Chinese, the language it speaks first, keyed by the module that says them.
 * src/messages/en.ts has the same keys: its type is this object's, so a missing or mistyped English
 * message does not compile. A message with values is a function of them; the call site reads
 * `msg().<module>.<key>(…)` (src/i18n.ts). Each module's group is built the first time one of its
 * messages is asked for: `kmsw --help` builds the command line's alone, a run in Chinese no English.
 *
 * The command line's own groups (src/cli.ts, src/cli/) are in zh-cli.ts, in the build's first part;
 * these are the commands', in its second, loaded only when a command runs (docs/build.md).
 */
import type { Built, CliMessages } from './zh-cli.js';

/** What a command did not do to a records folder inside the one it ran on (load.nestedFolder). */
const NESTED_VERBS: Partial<Record<string, string>> = {
  check: '检查',
  list: '列出',
  status: '统计',
  tally: '统计',
  export: '导出',
};

export const zh = {
  commandsCheck: () => ({
    thereIsNoRule: (id: string, guess: string | undefined) =>
      `没有名为“${id}”的规则${guess ? `，是不是 ${guess}？` : '。'}运行 kmsw check --list-rules ` + `查看所有规则`,
    comma: '、',
    theHolidayDataChinese: (list: string) =>
      `节假日数据（chinese-days）还没有 ${list} 年的放假安排：这些年份按周一至周五计算` +
      `工作日。国务院公布安排后，更新 kmsw（npm update chinese-days）即可。`,
  }),
  commandsExport: () => ({
    onlyIsNotA: (key: string, guess: string | undefined, outputKeys: readonly string[]) =>
      `--only 里的“${key}”不是表格名称${guess ? `，是不是 ${guess}？` : ''}（可用：` + `${outputKeys.join('、')}）`,
    didYouMean: (guess: string) => `（是不是 {{${guess}}}？）`,
    theTemplateHasPlaceholders: (template: string, list: readonly string[], known: string) =>
      `模板 ${template} 里有不认识的占位符：${list.join('、')}。请改正，可用的有：${known}`,
    placeholderOf: (key: string, label: string) => `{{${key}}}（${label}）`,
    theTemplateLacksPlaceholders: (template: string, list: readonly string[], form: string) =>
      `模板 ${template} 里少了占位符：${list.join('、')}。照这份模板导出，表格上就没有这些内容。` +
      `请把占位符放回模板里原来的位置（可对照 kmsw 自带的模板），或者把这份模板改名或移走，再运行 ` +
      `kmsw templates copy ${form} 重新复制一份自带的模板。什么也没有写入`,
    theTemplateCannotBe: (template: string, message: string) => `模板 ${template} 不能用：${message}。什么也没有写入`,
    cannotReadTheTemplate: (template: string, code: string) => `无法读取模板 ${template}（${code}）`,
    theTemplateCannotBeOpened: (template: string, message: string) =>
      `模板 ${template} 打不开：${message}。它应是 Word（.docx）或 Excel（.xlsx）文件`,
    isADirFolder: (file: string, kind: string) =>
      `${file} 是一个${kind === 'dir' ? '文件夹' : '特殊文件'}，导出的文件不能放在那里：请移` +
      `走或改名它，再导出。什么也没有写入`,
    itMayBeOpen: '文件可能正在 Word、WPS 或 Excel 里打开，或没有权限：关闭它再导出',
    aFolderIsIn: '那里是一个文件夹：移走或改名它，再导出',
    checkThatFile: '请检查这个文件',
    comma: '、',
    everyExistingFileIs: (before: string) => `已有的文件都恢复成了导出前的样子（${before}）`,
    filesThatWereNot: (absent: string) => `原来没有的文件没有写入（${absent}）`,
    semicolon: '，',
    noTempFileIs: (restored: string) => `${restored}，没有留下临时文件`,
    theseFilesAreThe: (replaced: string, unchanged: string) =>
      `以下文件已经是新导出的：${replaced}；以下仍是导出前的：${unchanged}`,
    cannotReplaceTheExport: (file: string, code: string, why: string, state: string) =>
      `无法替换 ${file}（${code}）：${why}。导出没有完成，${state}。`,
  }),
  commandsInit: () => ({
    isAFileNot: (root: string) => `${root} 是一个文件，不是文件夹：请给出要新建的文件夹，例如 kmsw init 督导资料`,
    isNotAFolder: (root: string) => `${root} 不是文件夹`,
    isNotAFolderCannot: (at: string, basename: string) => `${at} 不是文件夹，不能在里面新建 ${basename}`,
    isNotAPlain: (path: string) =>
      `${path} 不是普通文件（是文件夹或链接）：Git 的忽略规则要写在名为 .gitignore 的文` +
      `件里。请把它改名或移走，再运行 kmsw init`,
    insideRecordsFolder: (root: string, folder: string) =>
      `${root} 在督导资料文件夹 ${folder} 里面（那里已有 kmsw.yaml）：在里面再新建一个，其中的记录就不再` +
      `是 ${folder} 的记录了。要在那里写记录，直接在 ${folder} 里运行 kmsw 命令`,
    holdsRecordsFolder: (root: string, found: string, dir: string) =>
      `${root} 里面已有督导资料文件夹（找到了 ${found}）：不能在它外面再新建一个。要用那个文件夹，` +
      `请运行 kmsw --dir ${dir} check`,
    nothingWasWritten: '。没有写入任何文件。',
    existsAlreadyNothingWas: (file: string) => `${file} 已存在，未做任何修改。要修改设置，请直接编辑这个文件。`,
  }),
  commandsList: () => ({
    cannotReadTheFile: (code: string) => `无法读取文件（${code}）：请检查文件的权限`,
    notARecordA: '不是一份记录（应为以 form: 开头的键值）',
    formShouldNameA: (form: string | undefined) => `form 应为表格的名称（${form ?? '缺少'}）`,
    aSymbolicLinkTo: (target: string) => `符号链接（指向 ${target}），kmsw 不跟随`,
  }),
  commandsNew: () => ({
    nameAFormE: '请指定表格，例如 kmsw new log。可用的表格：\n',
    thereIsNoForm: (name: string, guess: string | undefined) =>
      `没有名为“${name}”的表格${guess ? `，是不是 ${guess}？` : '。'}可用的表格：\n`,
    giveWhichIsAlso: (label: string, slugField: string, mine: boolean) =>
      `请给出${label}（它也是文件名的一部分）：加 --set ` +
      `${slugField}=…${mine ? '，或 --as 姓名，或设置环境变量 KMSW_USER' : ''}`,
    alreadyHasAFor: (who: string, when: string, title: string, shown: string, _key: string) =>
      `${who} ${when} 已经有一份${title}：${shown}\n请打开它接着写（例如 code "${shown}"，或用记` +
      `事本打开）。确实是另一份记录时，加 --force 另写一份（文件名加 -2）。`,
    cannotWriteTheRecord: (shown: string, dir: string) =>
      `无法新建记录：${shown} 是一个文件，不是文件夹，记录要写在 ${dir}/ 里。请把这个` +
      `文件改名或移走，再运行一次。没有写入任何文件。`,
    holdsALineBreak: '有换行',
    holdsAControlCharacter: '有控制字符',
    holdsAnInvisibleDirection: '有看不见的方向或零宽控制字符（如 U+202E）',
    holdsOr: '有 / 或 \\',
    holds: '有 ..',
    cannotBeAName: (source: string, name: string, why: string) =>
      `${source}“${name}”不能用作名字：${why}。名字也是文件名的一部分，只能是一行，不` + `能含有 /、\\、.. 或控制字符`,
    theVariableKmswUser: '环境变量 KMSW_USER ',
    setTakesFieldValue: (pair: string) => `--set 应写成 字段=值，例如 --set date=2026-11-28（收到“${pair}”）`,
    hasNoFieldDid: (title: string, key: string, guess: string | undefined, _key2: string) =>
      `${title}没有字段“${key}”${guess ? `，是不是 ${guess}？` : '。'}可用的字段：`,
    setSayWhichColumn: (key: string, keyPath: string, fields: string | undefined, columns: string) =>
      `--set ${key}：请写出这一行的哪一栏，例如 ${keyPath}.${fields}=…（可用：${columns}）`,
    setIsNotA: (key: string, keyPath: string) => `--set ${key}：${keyPath} 不是表格，不能加行号`,
    setHasRowsNow: (key: string, label: string, rowsCount: number, table: string, rowsCount2: number) =>
      `--set ${key}：${label}现在有 ${rowsCount} 行（` +
      `${rowsCount ? `${table}.0 到 ${table}.${rowsCount2}` : '还没有行'}），新的一行请按顺序加：` +
      `${table}.${rowsCount}.…`,
    label: (label: string) => `（${label}）：`,
    whoIsWriting: '填表人（谁在写这份记录？名字加在文件名后面）',
    sayWhoIsWriting: (example: string) =>
      `请说明是谁在写这份记录：加 --as 姓名，或设置环境变量 KMSW_USER。文件名要带上填表人的名字（如 ${example}），` +
      `两位督导助理各自写的记录才不会同名、在 Git 合并时冲突。没有写入任何文件。`,
    isAfterToday: (label: string, value: string, today: string, key: string) =>
      `${label} ${value} 在今天（${today}）之后，kmsw check 会报 future-date 错误：请写实际的日期（--set ${key}=…）。` +
      `没有写入任何文件。`,
    publicHoliday: (day: string, zh: string, _en: string) =>
      `${day} 是法定节假日（${zh}），不是工作日，这天不要求写日志；确实在这天工作了，就照常写。`,
    monthDue: (month: string, current: string) =>
      `${month} 的月度总结还没有写，这份写的是 ${month} 的；要写 ${current} 的，加 --set month=${current}。`,
  }),
  prompts: () => ({
    thisNameItIs: (why: string) => `名字${why}：它也是文件名的一部分，不能含有 /、\\、.. 或控制字符`,
    someoneElseTypeThe: '其他（手动输入）',
    thisOneCannotBe: '这一项不能空着',
    severalSeparateWithOr: (message: string) => `${message}（多人用、分隔）`,
    pickAtLeastOne: '请至少选一位（用空格键勾选；名单上没有的，勾选“其他（手动输入）”）',
    typeTheFileName: '其他（手动输入文件名）',
  }),
  commandsStatus: () => ({
    couldNotBeRead: '不能作为记录读取（kmsw check 查看原因）',
    aSymbolicLinkTo: (target: string) => `符号链接（指向 ${target}），kmsw 不跟随`,
  }),
  config: () => ({
    anAssistant: '督导助理',
    anExpert: '督导专家',
    aStationOf: (county: string) => `${county}的社工站`,
    listedTwice: (what: string, name: string, first: number, line: number) =>
      first === line
        ? `${what}“${name}”在第 ${line} 行写了两次`
        : `${what}“${name}”写了两次：第 ${first} 行和第 ${line} 行`,
    keepOne: (first: number) => `删去其中一项；在此之前 kmsw 只按第 ${first} 行的那一项计算`,
    kmswYamlHoldsKey: 'kmsw.yaml 应由“键: 值”组成：city、centre、assistants、experts、counties、rules',
    assistantsListsTheAssistants: 'assistants 是督导助理的列表，每人一行：- { name: 刘思远, since: 2026-01-05 }',
    writeEachAssistantAs: '每位督导助理写成 { name: 刘思远, since: 2026-01-05 }（since 是开始写日志的第一天）',
    expertsListsTheExperts:
      'experts 是督导专家的列表，每人一行：- { name: 王芳, kind: 专业技术督导, title: 中级社' + '会工作师 }',
    writeEachExpertAs: '每位督导专家写成 { name: 王芳, kind: 专业技术督导, title: 中级社会工作师 }',
    anExpertSKind: (expertKinds: readonly string[]) => `督导专家的类别应为 ${expertKinds.join(' 或 ')}`,
    countiesListsTheStations:
      'counties 按县（市、区）列出社工站，如：\n  五华区:\n    stations: [红云街道社工站, ' + '华山街道社工站]',
    writeEachCountyAs: '每个县（市、区）写成 { org: { name: 运营机构 }, stations: [红云街道社工站, …] }',
    orgIsTheOperator: 'org 是运营机构：{ name: 机构名称, head: 负责人, title: 职务, contact: 联系电话 }',
    stationsListsStationNames: 'stations 是社工站名称的列表，如 [红云街道社工站, 华山街道社工站]',
    aStationNameIs: '社工站名称应是一段文字，如 红云街道社工站',
    rulesHoldsRuleSetting: 'rules 写成“规则: 设置”，如 rules: { min-chars: { log.content: 300 } }',
    empty: '（空）',
    found: (found: string) => `，这里写的是${found}`,
    giveANameText: (got: string) => `请填写姓名（一段文字，如 刘思远）${got}`,
    sinceIsADate: (got: string) => `since 应是日期，如 2026-01-05${got}`,
    shouldBeText: (got: string) => `应是一段文字${got}`,
    thisEntryIsNot: (got: string) => `这一项的写法不对${got}：请对照 kmsw init 写出的 kmsw.yaml 示例`,
    hasNoKeyIt: (where: string, key: string, guess: string) =>
      `${where} 没有“${key}”这一项，它会被忽略：是不是 ${guess}？`,
    hasNoKeyItIs: (where: string, key: string, known: readonly string[]) =>
      `${where} 没有“${key}”这一项，它会被忽略。可写的有：${known.join('、')}`,
    cannotReadCheckIts: (file: string, code: string) => `无法读取 ${file}（${code}）：请检查文件的权限`,
    theFileIsSave: (configFile: string, encoding: string) =>
      `${configFile}: 文件编码是 ${encoding}，请用 UTF-8 另存（记事本“另存为”→ 编码选 ` + `UTF-8）`,
    theWholeFile: '(整个文件)',
    colon: '：',
  }),
  diagnostics: () => ({
    error: '错误',
    warning: '警告',
    hint: '提示：',
    note: '注意：',
    checkedFileS: (files: number, _files2: boolean) => `检查了 ${files} 个文件：`,
    noProblemsFound: '没有发现问题。',
    errorS: (errors: number, _errors2: boolean) => `${errors} 个错误`,
    noErrors: '没有错误',
    warningS: (warnings: number, _warnings2: boolean) => `${warnings} 个警告`,
    noWarnings: '没有警告',
    comma: '，',
    period: '。',
    noLogsOn: (name: string, days: number) => `${name} 有 ${days} 个工作日没有督导工作日志：`,
    daysOfMonth: (month: string, days: readonly string[]) => `${month}：${days.join('、')}日`,
    runNewLogEachDay: (name: string) =>
      `每天运行 kmsw new log --as ${name} --set date=<日期>；since 应是开始写日志的第一天，不对就改它`,
  }),
  reports: () => ({
    note: '注意：',
    noRecordsIn: (month: string) => `${month} 没有记录。`,
    noRecordsYetRun: '还没有记录。运行 kmsw new log 写第一份日志。',
    date: '日期',
    form: '表格',
    who: '对象',
    file: '文件',
    unreadable: '（无法读取）',
    recordsBadOfThem: (rowsCount: number, bad: number) =>
      `\n共 ${rowsCount} 份${bad ? `，其中 ${bad} 份无法读取或无法确定日期（运行 kmsw check 查看详情）` : ''}`,
    checklistOf: (y: string | undefined, m: string | undefined, _month: string) => `${y}年${m}月督导资料清单汇总表\n`,
    no: '序号',
    form2: '表格名称',
    count: '数量',
    quality: '质量',
    score: '分值',
    notes: '备注',
    qualityScoreAndNotes: '\n质量、分值、备注由项目办填写。',
    recordsCountedFilesOf: (counted: number, leftOutCount: number) =>
      `\n计入 ${counted} 份记录；另有 ${leftOutCount} 个本月的文件没有计入：`,
    recordsCountedEveryRecord: (counted: number) => `\n计入 ${counted} 份记录，本月的记录文件全部计入。`,
    hint: '提示：',
    noRecordsToExport: (period: string, missing: number) =>
      `${period} 没有可以导出的记录，什么也没有导出；有 ${missing} 个记录文件无法导出（` + `见下）。`,
    noRecordsInNothing: (period: string) => `${period} 没有记录，什么也没有导出。`,
    exportedFilesRecordsRecords: (writtenCount: number, records: number, missing: number) =>
      `已导出 ${writtenCount} 个文件` +
      `${records ? `，共 ${records} 份记录` : ''}` +
      `${missing ? `；另有 ${missing} 个记录文件没有导出（见文末）` : ''}：`,
    records: (records: number) => `（${records} 份）`,
    monthsWithoutRecords: (empty: readonly string[]) => `没有记录的月份：${empty.join('、')}`,
    noteTheseRecordsFail: (failingCount: number) =>
      `\n注意：以下 ${failingCount} 份记录没有通过 kmsw check，已按原样导出（督导资料清单` +
      `汇总表的数量没有计入它们），请改正后重新导出：`,
    noteThisRecordsFolder: (folder: string) =>
      `\n注意：这个资料文件夹是 Git 仓库，但 ${folder} 没有被 .gitignore 忽略，git add -A 会把` +
      `导出文件里的姓名、年龄和薪资提交进仓库。请在资料文件夹里运行：echo ${folder} ` +
      `>> .gitignore`,
    leftOutTheseRecord: (missing: number) =>
      `\n没有导出：以下 ${missing} 个记录文件不在任何导出的文件里。改正后重新导出：`,
    template: '模板',
    source: '来源',
    thisFolder: '资料文件夹',
    builtIn: 'kmsw 自带',
    toChangeOneKmsw:
      '\n要修改某个模板：kmsw templates copy <名称>，再用 Word、WPS 或 Excel 打开 templates/ 里的' + '文件。',
    error: '错误',
    warning: '警告',
    depends: '视情况',
    rule: '规则',
    severity: '级别',
    whatItChecks: '检查什么',
  }),
  formatStatus: () => ({
    county: '县（市、区）',
    supervisionInAsOf: (centre: string, year: number, today: string) =>
      `${centre} · ${year}年督导进度（截至 ${today}）`,
    filesAndFoldersKmsw: (unreadCount: number) =>
      `kmsw 读不了的文件和文件夹（${unreadCount} 个，上面的数字没有计入它们）`,
    groupSupervisionPerCounty: '各县（市、区）团体督导',
    faceToFace: (faceToFaceMin: string) => `面对面（线下≥${faceToFaceMin}）`,
    onSite: '实地督导（线下）',
    kmswYamlListsNo: '  kmsw.yaml 里还没有县（市、区）。',
    cityWideOnlineGroup: '全市线上团体督导',
    q: (quarter: number | undefined) => `第${quarter}季度`,
    year: '全年',
    signaturesDueWithinA: '待签名（督导后一周内签）',
    nothingWaitingForA: '  没有待签的记录。',
    overdueDue: (due: string) => `已逾期（最迟应于 ${due}）`,
    by: (due: string) => `最迟 ${due}`,
    dailyLogsIn: (month: string) => `${month} 督导工作日志`,
    kmswYamlListsNoAssistants: '  kmsw.yaml 里还没有督导助理。',
    missing: (missingCount: number, missing: readonly string[]) => `缺 ${missingCount} 天：${missing.join('、')}`,
    withErrorsSeeKmsw: (faultyCount: number, days: readonly string[]) =>
      `${faultyCount} 天的日志有错误：${days.join('、')}（kmsw check 查看）`,
    complete: '齐全 ✓',
    offDuty: '督导助理开始工作（kmsw.yaml 的 since）之前，不计',
    semicolon: '；',
  }),
  fields: () => ({
    pleaseFillItIn: (empty: string): string => empty,
    shouldBeAList: '应为列表（每项一行，以 - 开头）',
    shouldBeTextNot: '应为文字，不是列表或多个字段',
    shouldBeOneOf: (names: string, guess?: string) => `应为以下之一：${names}${guess ? `（是不是 ${guess}？）` : ''}`,
    fillInYesOr: '请填写 是 或 否',
    shouldBeOrOr: '应为 是 或 否（也可写 true/false、有/无、√/×）',
    shouldBeAWhole: (min: number, max: number) => `应为${min}到${max}之间的整数`,
    aRatingIsTo: (ratingLevels: readonly string[]) => `评分应为1到5（或 ${ratingLevels.join('、')}）`,
    eachQuestionnaireHasRatings: (questionsCount: number) =>
      `每份问卷应有${questionsCount}个评分，依次对应${questionsCount}个问题`,
  }),
  form: () => ({
    fillInAgeOr: '年龄或出生年月请填一项',
  }),
  validate: () => ({
    colon: '：',
    isMissing: (label: string) => `缺少${label}`,
    pleaseFillItIn: '请填写',
    isEmpty: (label: string) => `${label}是空的`,
    giveAtLeastOne: '至少填一项',
    shouldBeFieldsKey: '应为一组字段（每行 键: 值）',
    isNotWrittenRight: '写法不对，或不是真实存在的日期（为保护个人信息，这里不重复所填的内容）',
    rowItem: (key: number, row: boolean) => `第${key}${row ? '行' : '项'}`,
    nthResponse: (n: number) => `第${n}份问卷`,
    nthQuestion: (n: number) => `第${n}题`,
  }),
  recordsFolder: () => ({
    hasNoItIs: (root: string, configFile: string, dir: string) =>
      `${root} 里没有 ${configFile}：这不是督导资料文件夹。新建请运行 kmsw init ${dir}`,
    noHereOrAbove: (configFile: string) =>
      `找不到 ${configFile}：请在督导资料文件夹内运行，或用 --dir 指定文件夹；还没有资` + `料文件夹时运行 kmsw init`,
    cannotReadTheFolder: (root: string, code: string) =>
      `无法读取文件夹 ${root}（${code}）：请检查文件夹的权限（chmod）`,
  }),
  inside: () => ({
    isNotInsideThe: (rel: string) => `${rel} 不在资料文件夹里`,
    isASymbolicLink: (shown: string, target: string, part: string) =>
      `${shown} 是一个符号链接，指向资料文件夹以外的 ${target}：kmsw 不读也不写资料文件` +
      `夹以外的文件。请把链接换成真正的${part.includes('.') ? '文件' : '文件夹'}`,
    nothingWritten: (message: string) => `没有写入：${message}`,
    aFolder: '文件夹',
    aFifoNamedPipe: '命名管道（FIFO）',
    aDevice: '设备文件',
    aSocket: '套接字',
    aSpecialFile: '特殊文件',
    isNotARegular: (shown: string, stat: string) => `${shown} 不是普通文件，而是${stat}：kmsw 只读普通文件`,
    isOverTheLimit: (shown: string, size: string, cap: string) =>
      `${shown} 有 ${size}，超过上限 ${cap}：请检查是否放错了文件`,
    grewWhileBeingRead: (shown: string, cap: string) => `${shown} 在读取时变大，超过上限 ${cap}`,
    existsAndIsNot: (at: string) => `${at} 已存在，但不是文件夹：请换一个位置，或先移走它`,
    cannotMakeTheFolder: (folder: string, code: string) =>
      `无法新建文件夹 ${folder}（${code}）：这个位置不能存放文件，请换一个位置。没有写` + `入任何文件`,
    thereIsNoSuch: '找不到这个文件',
    itIsAFolder: '这是一个文件夹，不是图片文件',
    notARegularFile: (s: string) => `不是普通文件，而是${s}`,
    overTheLimitFor: (size: string, picture: string) => `有 ${size}，超过图片的上限 ${picture}`,
    cannotBeRead: (code: string) => `无法读取（${code}）`,
    comma: '、',
    notAPicture: (allowed: string) => `不是图片文件（应为 ${allowed}）`,
    isAPictureOnly: (shown: string, allowed: string, document: 'word' | 'excel') =>
      `是 ${shown} 图片，这里只能用 ${allowed}（导出的${document === 'word' ? ' Word 表格' : ' Excel 工作簿'}只能放这几种）`,
    saveHeicAsJpg:
      'HEIC 照片请在手机或电脑上另存为 JPG，再把记录里的路径改成新文件（iPhone 可在“设置 › 相机 › 格式”里选' +
      '“兼容性最佳”，以后拍的就是 JPG）',
    shrinkIt: '请用看图软件把照片缩小（如长边 4000 像素）另存，再把记录里的路径改成新文件',
    saveAs: (types: readonly string[]) =>
      `请另存为 ${types.join(' 或 ')}（看图软件、画图都可以），再把记录里的路径改成新文件`,
  }),
  load: () => ({
    thisIsAHidden:
      '这是一个隐藏文件（名字以“.”开头），kmsw 不把它当作记录：若它是一份记录，' +
      '请去掉名字开头的“.”；否则把它移出记录文件夹',
    hasNoExtension: '没有扩展名',
    endsInASpace: '末尾有空格',
    endsIn: (ext: string) => `以“${ext}”结尾`,
    theFileNameNot: (shown: string) =>
      `文件名${shown}，不是 .yaml，kmsw 不把它当作记录（不检查、不统计、不导出）：若它` +
      `是一份记录，请改名为以 .yaml 结尾；否则把它移出记录文件夹`,
    cannotOpenThisFolder: (code: string) =>
      `无法打开这个文件夹（${code}）：其中的记录都没有检查、统计或导出。请检查文件` + `夹的权限（chmod）`,
    folder: '文件夹',
    file: '文件',
    thisSNameIs: (what: string, isDirectory: boolean) =>
      `这个${what}的名字不是 UTF-8 编码（多半来自中文 Windows 打包的 zip，原为 GBK）：kmsw ` +
      `读不了它${isDirectory ? '里面的记录' : ''}。请在文件管理器里把它改成正确的中文名` +
      `（或用 convmv -f gbk -t utf-8 批量改名）`,
    thisIsNotA: '这不是普通文件（而是命名管道、设备或套接字）：kmsw 不读它。请删除它，把记录' + '文件本身放进文件夹',
    theFileIsMib: (size: string) => `文件有 ${size} MiB，超过 1 MiB：一份记录不会这么大`,
    isItTheRight: '请检查是否放错了文件',
    thisIsNotAText: '这不是文本文件（含有二进制内容），却以 .yaml 结尾：是不是把照片或 Word 文件改' + '错了名字？',
    moveItOutOf: '请移出记录文件夹',
    theFileHoldsNul: '文件里有空字符（值为 0 的字节），YAML 不允许：多半是保存出错或从别的程序粘贴' + '而来',
    openItInVs: '请用 VS Code 打开（显示为红色的 NUL）删掉它们，再保存',
    theFileIsNot: '文件不是 UTF-8 编码，也认不出是哪种编码',
    openItInNotepad: '请用记事本或 VS Code 打开，另存为 UTF-8',
    theFileIsNotUtf: (encoding: string) => `文件编码是 ${encoding}，不是 UTF-8`,
    saveItAsUtf: '请用 UTF-8 另存（记事本“另存为”→ 编码选 UTF-8）',
    nestedFolder: (folder: string, command: string, run: string) => {
      const verb = NESTED_VERBS[command] ?? '查看';
      return (
        `${folder} 是另一个督导资料文件夹（有自己的 kmsw.yaml），其中的文件不是这里的记录，` +
        `没有${verb}；要${verb}它请运行 ${run}`
      );
    },
  }),
  select: () => ({
    expandsToOverAlternatives: (pattern: string, maxAlternatives: number) =>
      `“${pattern}”的 {…} 展开后超过 ${maxAlternatives} 种写法：请写得具体一些`,
    namesNoRecordFile: (pattern: string) => `“${pattern}”不是资料文件夹里的记录文件或文件夹`,
  }),
  yaml: () => ({
    theAliasHasNo: (name: string) => `引用 *${name} 前面没有对应的 &${name}：删掉 *${name}，直接写出内容`,
    notValidYaml: 'YAML 格式错误',
    theYamlNestsToo: 'YAML 嵌套层数太多，无法读取：一份记录只有两三层（键、列表、表格的行）',
    aQuoteIsNot: '引号没有收尾：在文字末尾补上同样的引号，或去掉开头的引号',
    thisLineLacksA: '这一行缺少英文冒号（应为 键: 值）；若是上一项文字的续行，请改用 | 块并缩进',
    theSameKeyAppears: '同一个键写了两次：删除或合并其中一个',
    indentedWithATab: '缩进用了 Tab 键：YAML 只能用空格缩进',
    aOrIsNot: '方括号 [ ] 或花括号 { } 没有收尾',
    wrongIndentationKeysOf: '缩进不对：同一级的键要对齐，下一级多缩进两个空格',
    wrongIndentationOrColon: '这一行的缩进或冒号不对：每行一个 键: 值，冒号后有空格；多行文字请用 | 块',
    aSymbolTooMany: '这里多了或少了符号（- : [ ] { }）：检查这一行和上一行的缩进',
    aValueCannotStart: '值不能以 @ 或 ` 等符号开头：给这段文字加上引号',
    oneRecordPerFile: '一个文件只能有一份记录：删掉 --- 分隔线，或把第二份记录另存为一个文件',
    aBackslashInsideDouble: '双引号里的反斜杠 \\ 用法不对：改用单引号，或把 \\ 写成 \\\\',
  }),
  excel: () => ({
    itHoldsNoWorksheet: '里面没有工作表',
  }),
  templateFile: () => ({
    wordDocx: 'Word（.docx）',
    excelXlsx: 'Excel（.xlsx）',
    itIsOverThe: (bytesCount: string, file: string) => `文件有 ${bytesCount}，超过模板的上限 ${file}`,
    itIsAnOld: (ext: string, kind: string) => `这是旧版的 ${ext} 文件：请用 Word、WPS 或 Excel 打开，另存为 ${kind}`,
    itIsNotA: (kind: string) => `它不是 ${kind}文件（可能是文本文件或改了扩展名的文件）`,
    unpackedItWouldExceed: (total: string, entry: string) =>
      `解压后超过 ${total}（或单个部分超过 ${entry}）：这不是正常的模板`,
    itIsDamagedAnd: (message: string, kind: string) => `文件已损坏，无法解压（${message}）：请重新保存为 ${kind}`,
    itHoldsNoWord: (kind: string) => `里面没有 Word 文档的正文（word/document.xml）：它不是 ${kind}文件`,
    itHoldsNoWorksheet: (kind: string) => `里面没有工作表：${kind} 模板的第一个工作表是导出的样子`,
  }),
  renderTemplates: () => ({
    thereIsNoTemplate: (given: string, guess: string | undefined) =>
      `没有名为“${given}”的模板${guess ? `，是不是 ${guess}？` : '。'}运行 kmsw templates list 查` + `看全部`,
    templatesAlreadyExistsAnd: (name: string) => `templates/${name} 已经存在，没有覆盖。要重新开始，先删除或改名它`,
  }),
  word: () => ({
    noRecordsToExport: '没有记录可以导出',
  }),
  file: () => ({
    thisIsAFull: '这里是全角空格“　”：YAML 需要半角空格',
    switchTheInputMethod: '请关闭输入法的全角模式后重新输入空格',
    isFollowedByA: (key: string) => `“${key}”后面是中文冒号“：”：YAML 需要英文冒号加空格`,
    write: (key: string) => `请改成 ${key}: `,
    thisIsAFullWidth: '这里是中文逗号“，”：花括号 { } 里的各项要用英文逗号分开',
    write2: (key: string) => `请改成 , ${key}: `,
    thisIsAFullWidthComma: '这里是中文逗号“，”：方括号 [ ] 里的各项要用英文逗号分开',
    eG: '请改成 ,（如 [王芳, 陈建国]）',
    theYamlExpandsToo: (maxAliases: number) =>
      `YAML 别名（*引用）展开得太多，超过 ${maxAliases} 个：一份手写的记录不需要这么多`,
    writeTheValuesOut: '请改为直接写出内容',
    theFileIsEmpty: '文件是空的',
    theWholeFileIs: '整个文件是一个列表',
    theWholeFileIsOne: '整个文件是一段文字',
    notARecord: (what: string) => `${what}，不是一份记录`,
    aRecordStartsWith: '记录以 form: 表格名称 开头，每行一个 键: 值（运行 kmsw new 生成一份）',
    formIsMissing: '缺少 form',
    sayWhichFormOn: (formKeys: readonly string[]) => `请在第一行写明表格，如 form: log（可用：${formKeys.join('、')}）`,
    formNamesNoForm: (text: string) => `form “${text}”不是表格名称`,
    didYouMeanGuess: (guess: string | undefined, formKeys: readonly string[]) =>
      `${guess ? `是不是 ${guess}？` : ''}可用的有 ${formKeys.join('、')}`,
  }),
  rulesFolder: () => ({
    alreadyHasAFor: (who: string, when: string | undefined, title: string, file: string, _key: string) =>
      `${who} ${when} 的${title}已经有一份：${file}`,
    mergeTheTwoOr: '请合并成一份，或改正其中一份的日期',
    hasNoLogFor: (name: string, day: string) => `${name} ${day}（工作日）没有督导工作日志`,
    runKmswNewLog: (name: string, day: string) => `运行 kmsw new log --as ${name} --set date=${day}`,
    wroteLogsInBut: (author: string, month: string, count: number) =>
      `${author} ${month} 写了 ${count} 篇日志，但没有督导工作月度总结`,
    runKmswNewMonthly: (author: string, month: string) => `运行 kmsw new monthly --as ${author} --set month=${month}`,
    notAnAssistant: (author: string, month: string) =>
      `${author} 不是 kmsw.yaml 里的督导助理：姓名写错了就改正这些日志的填表人；是新来的督导助理，先把其加进 kmsw.yaml 的 ` +
      `assistants，再运行 kmsw new monthly --as ${author} --set month=${month}`,
    isNeitherInKmsw: (name: string) =>
      `“${name}”不在 kmsw.yaml（督导助理、督导专家）里，也不在任何一份站点人员情况统` + `计表（roster）里`,
    checkTheNameOr: '请检查姓名，或把此人加进去',
    signerNameHint: 'signers 下的姓名要与签名栏里写的姓名一致，否则其 SSH 签名找不到公钥',
    faceToFaceGroup: (county: string | undefined, year: number, minMinutes: string, count: number, target: number) =>
      `${county} ${year}年面对面团体督导（线下、不少于${minMinutes}）${count}/${target}次`,
    onSiteGroupSessions: (county: string | undefined, year: number, count: number, target: number) =>
      `${county} ${year}年实地团体督导（线下）${count}/${target}次`,
    cityOnlineGroupSessions: (year: number, quarter: number | undefined, count: number, target: number) =>
      `全市 ${year}年第${quarter}季度线上团体督导 ${count}/${target}次`,
    cityOnlineGroupSessionsIn: (year: number, count: number, target: number) =>
      `全市 ${year}年线上团体督导 ${count}/${target}次`,
    theRequirementWasNot: (ended: boolean): string => (ended ? '，未达到要求' : '，尚未达到要求'),
  }),
  rules: () => ({
    shouldBeAWhole: '应为不小于 0 的整数',
    shouldBeOffWarning: '应为 off、warning 或 error',
    thereIsNoRule: (id: string, guess: string | undefined, ruleIds: readonly string[]) =>
      `没有名为“${id}”的规则${guess ? `，是不是 ${guess}？` : `（可用：${ruleIds.join('、')}）`}`,
    ruleHasNoSetting: (
      id: string,
      key: string,
      guess: string | undefined,
      namesCount: number,
      names: readonly string[],
    ) =>
      `规则 ${id} 没有设置项“${key}”` +
      (guess ? `，是不是 ${guess}？` : namesCount ? `（可设：severity、${names.join('、')}）` : '（只能设 severity）'),
  }),
  record: () => ({
    recordsLiveInYear: (to: string) => `记录应放在 ${to} 文件夹里（年/月/表格/日期-名称.yaml）`,
    moveItThereGit: '请移过去（git mv），kmsw 只认这个结构',
    thisIsAFiled: (key: string, title: string, folder: string | undefined) =>
      `这是 ${key}（${title}），却放在 ${folder}/ 文件夹里`,
    moveItToOr: (expectedDir: string) => `移到 ${expectedDir}，或改正 form`,
    theRecordSaysBut: (label: string, when: string, year: string | undefined, month: string | undefined) =>
      `记录的${label}是 ${when}，文件却在 ${year}/${month}/`,
    correctTheDateOr: (expectedDir: string | undefined) => `改正日期，或把文件移到 ${expectedDir}`,
    theFileNameShould: (when: string, name: string | undefined) =>
      `文件名应以记录的日期 ${when} 开头（现在是 ${name}）`,
    correctTheDateOrRename: (when: string) => `改正日期，或把文件改名为 ${when}-….yaml`,
    theFileNameNames: (name: string, label: string, author: string, _slugField: string) =>
      `文件名写的是 ${name}，${label}却是 ${author}`,
    correctTheOrRename: (label: string, when: string, author: string, _slugField: string) =>
      `改正${label}，或把文件改名为 ${when}-${author}.yaml（git mv）`,
    aKeyHereStarts: '这里有一个以数字开头的键：多半是数字里的英文逗号把前面的值断开了',
    writeAsOrQuote: '如 3,800 应写成 3800，或给整个值加引号',
    anEmptyKey: '（空的键）',
    hasNoField: (title: string, shown: string, _key: string) => `${title}没有“${shown}”这一项`,
    hasNoFieldIt: (title: string, shown: string, _key: string) => `${title}没有“${shown}”这一项，会被忽略`,
    didYouMean: (guess: string, label: string) => `是不是 ${guess}（${label}）？`,
    theFields: (keys: readonly string[]) => `可填的有 ${keys.join('、')}`,
    has: (label: string, count: number, min: number) => `${label}只有 ${count}/${min}字`,
    shortPleaseAddTo: (min: number) => `还差 ${min}字，请补充`,
    isAFaceTo: (label: string, minutes: string, title: string, min: string, _key: string) =>
      `${label}是 ${minutes}，线下${title.replace(/记录表$/, '')}要求不少于 ${min}`,
    isAfterToday: (label: string, value: string, today: string) => `${label} ${value} 在今天（${today}）之后`,
    writeTheRealDate: '请写实际的日期',
    isNotAmongKmsw: (value: string) => `kmsw.yaml 的 counties 里没有“${value}”`,
    sStations: (county: string) => `${county}的社工站`,
    stations: '社工站',
    isNotAmongKmswYaml: (where: string, value: string) => `kmsw.yaml 里${where}没有“${value}”`,
    didYouMean2: (guess: string) => `是不是 ${guess}？`,
    correctItOrAdd: '请改正，或把它加进 kmsw.yaml',
  }),
  /** A record's signatures: missing, late, by the wrong person, dated wrongly. */
  recordSign: () => ({
    or: '或',
    theNameAndThe: '签名人和签名日期',
    theName: '签名人',
    theDate: '签名日期',
    lacks: (label: string, missing: string) => `${label}缺少${missing}`,
    lacksItWasDue: (label: string, missing: string, due: string) => `${label}缺少${missing}，已过签名期限 ${due}`,
    theSignerShouldSign: (signer: string | undefined, due: string) => `请${signer ?? ''}最迟于 ${due} 签名`,
    haveItSignedNow: '请尽快补签',
    isSignedByBut: (label: string, name: string, signer: string | undefined) =>
      `${label}是“${name}”，但应由 ${signer} 签名`,
    correctOneOfThe: '请改正签名人，或改正表上的姓名',
    isDatedBeforeThe: (label: string, signed: string, date: string) => `${label}的日期 ${signed} 早于督导日期 ${date}`,
    aSignatureComesAfter: '签名应在督导之后',
    isDatedAfterToday: (label: string, signed: string, today: string) =>
      `${label}的日期 ${signed} 在今天（${today}）之后`,
    writeTheDayIt: '请写实际签名的日期',
    wasSignedDaysAfter: (label: string, days: number, signed: string, lateDays: number) =>
      `${label}在督导后 ${days} 天才签（${signed}），超过了 ${lateDays} 天的期限`,
  }),
  /** A record's picture fields: outside the folder, missing, not a picture. */
  recordPicture: () => ({
    theIsOutsideThe: (whatZh: string, p: string, message: string, _whatEn: string) =>
      `${whatZh}“${p}”不在资料文件夹里${message ? `（${message}）` : ''}`,
    putItInAnd: (folder: string) => `请把它放进 ${folder}/，写相对路径，如 ${folder}/2026-11/门牌.jpg`,
    cannotFindThe: (whatZh: string, p: string, _whatEn: string) => `找不到${whatZh}“${p}”`,
    checkTheNameAnd: '请检查文件名和文件夹（区分大小写），或把文件放到这个位置',
    the: (whatZh: string, p: string, message: string, _whatEn: string) => `${whatZh}“${p}”${message}`,
    nameAPictureFile: (folder: string) => `请写一张图片的路径，如 ${folder}/2026-11/门牌.jpg`,
  }),
  surveySession: () => ({
    namesNoGroupRecord: (session: string) =>
      `所评督导写的是 ${session}，但没有这个文件名的团体督导记录：这份调研表的满意度不会计入任何督导的成效评估`,
    didYouMean: (names: readonly string[]) => `是不是 ${names.join('、')}？（kmsw new group 写的文件名末尾是填表人）`,
    noGroupRecordThatDay: (days: readonly string[]) =>
      `${days.join('、')} 没有团体督导记录：请核对日期和文件名，或先写那次团体督导的记录（kmsw new group）`,
  }),
  sessions: () => ({
    thisGroupRecordAnd: (
      file: string,
      what: string,
      differences: readonly string[],
      _differences2: readonly string[],
    ) => `这份团体督导记录与 ${file} 是同一次督导（${what}），但${differences.join('，')}`,
    checkThemAndMake: (duration: string) => `请核对后改成一致（计数只算一次，时长取较长的 ${duration}）`,
  }),
  scanFolder: () => ({
    cannotReadTheFile: (code: string) => `无法读取文件（${code}）`,
    checkItsPermissions: '请检查文件的权限',
    thisIsASymbolic: (target: string) =>
      `这是一个符号链接（指向 ${target}），kmsw 不跟随链接，也不检查它指向的内容：Git ` + `只共享链接本身`,
    putTheRecordItself: '请把记录文件本身放进文件夹，再删除这个链接',
  }),
  open: () => ({
    colon: '：',
  }),
  period: () => ({
    theRecordIsDated: (when: string, month: string | undefined) =>
      `记录的日期是 ${when}，不在 ${month ?? '这个时段'} 里`,
    theRecordSDate: '无法读出这份记录的日期',
  }),
  control: () => ({
    holdsAnInvisibleControl: (code: string) =>
      `含有看不见的控制字符 ${code}（多半是从别的程序复制粘贴带来的，导出的 Word 文件` +
      `会因此打不开）：请删掉它再保存（VS Code 里它显示为红色小方块；若写的是 "\\x.." ` +
      `之类的转义，请改为普通文字）`,
  }),
  date: () => ({
    theYearIsNot: (shown: string, from: number, to: number) =>
      `年份 ${shown} 不在 ${from}–${to} 年之间：是不是写错了年份？`,
    thereIsNoMonth: (month: number) => `没有${month}月`,
    hasNoDay: (year: number, month: number, date: number, _month2: string) => `${year}年${month}月没有${date}日`,
    writeDatesAsOr: '应写成 2026-11-28 这样的日期（也可写 2026/11/28、2026.11.28 或 2026年11月28日）',
    writeMonthsAsOr: '应写成 2026-11 这样的月份（也可写 2026年11月）',
    writeItAsOr: '应写成 2026-11 或 2026-11-28',
  }),
  duration: () => ({
    writeDurationsAsH: '督导时长应写成 2小时、2.5小时、1小时30分钟、90分钟 或 1h30m',
    aDurationMustBe: '督导时长应大于0',
    noSessionLastsOver: (maxMinutes: number) => `督导时长不应超过${maxMinutes}小时，请核对`,
  }),
  meeting: () => ({
    attendedCentreMeetings: (expert: string, year: number, count: number, target: number) =>
      `行政协同督导 ${expert} ${year}年参加督导中心工作会议 ${count}/${target}次`,
    attendedStationActivities: (expert: string, year: number, count: number, target: number) =>
      `行政协同督导 ${expert} ${year}年参加社工站点活动 ${count}/${target}次`,
    writeAMeetingRecord: (expert: string, kind: string) =>
      `参加${kind}后写一份会议与活动记录（kmsw new meeting --set kind=${kind}），参加人员中写上 ${expert}`,
    adminExpertsPerYear: '行政协同督导（每年至少参加）',
    expert: '督导专家',
    centreMeeting: '督导中心工作会议',
    stationActivity: '社工站点活动',
  }),
  expertTitle: () => ({
    isBelow: (name: string, title: string) => `专业技术督导 ${name} 的职称“${title}”低于中级`,
    hasNoTitle: (name: string) => `专业技术督导 ${name} 没有写职称（title）`,
    hint:
      '手册：严格上专业技术督导应具备中级及以上职称。请核对并写上其职称；若该职称相当于中级及以上（如 主治医师），' +
      '在 kmsw.yaml 的 rules: 下写 expert-title: { accept: [主治医师] }',
    acceptShouldBeAList: '应为职称（或职称中的词）的列表，如 accept: [主治医师, 高级工程师]',
  }),
  ciReports: () => ({
    withHint: (message: string, hint: string) => `${message}（提示：${hint}）`,
  }),
  evaluation: () => ({
    shouldBeANumber: (min: number, max: number) => `应为 ${min}–${max} 之间的数，如 4.5`,
    ledAfterExit: (expert: string, when: string, first: string, second: string, file: string) =>
      `${expert} 在 ${first}、${second} 连续 2 次督导成效评估不合格（${file}），已取消督导者资格，` +
      `却仍主持了 ${when} 的这次督导`,
    exitHint: '手册第二部分 五（四）退出机制：连续 2 次不合格的，取消督导者资格。请改由其他督导主持，或核对评估结论',
    noLongerQualifies: (expert: string, first: string, second: string, after: number) =>
      `${expert} 在 ${first}、${second} 连续 2 次督导成效评估不合格，已取消督导者资格` +
      (after > 0 ? `；此后仍主持了 ${after} 次督导` : ''),
    configHint: '请把该督导从 experts 中移除（或核对这两份评估的结论）',
    doneDisagrees: (done: number, counted: number, uncounted: number) =>
      `完成次数写的是 ${done} 次，记录统计为 ${counted} 次` +
      (uncounted > 0 ? `（另有 ${uncounted} 份记录有错误，未计入）` : ''),
    doneHint: '请核对：留空则按记录统计；若有未录入的督导，请补录记录',
    satisfactionDisagrees: (written: number, counted: number | undefined, surveys: number, uncounted: number) =>
      counted === undefined
        ? uncounted > 0
          ? `满意度写的是 ${written}，但评估期内该督导所督导场次的 ${uncounted} 份满意度调研表都有错误，未计入`
          : `满意度写的是 ${written}，但评估期内没有该督导所督导场次的满意度调研表`
        : `满意度写的是 ${written}，${surveys} 份满意度调研表的平均分为 ${counted.toFixed(2)}` +
          (uncounted > 0 ? `（另有 ${uncounted} 份调研表有错误，未计入）` : ''),
    satisfactionHint: '请核对：留空则按满意度调研表计算（调研表用 session 写明所评的团体督导记录）',
    statusTitle: '督导成效评估',
    statusNone: '（暂无评估）',
    statusLine: (date: string, from: string, to: string, result: string) =>
      `${date}  评估期 ${from} 至 ${to}  ${result}`,
    exportSpan: (from: string, to: string) => `（${from} 至 ${to} 的全部评估）`,
    statusExit: (date: string) => `连续 2 次不合格（${date}），已取消督导者资格`,
  }),
  signatureRules: () => ({
    notAPublicKey:
      '应为一行 SSH 公钥，如 "ssh-ed25519 AAAAC3Nza…"（就是 ~/.ssh/id_ed25519.pub 的内容），不能有换行或其他选项',
    editedAfterSigning: (label: string, who: string, date: string) =>
      `${label}：${who} 于 ${date} 用 kmsw sign 签名之后，记录又被修改过（签名摘要与记录不符）`,
    reviewAndSignAgain: (who: string, file: string) =>
      `请 ${who} 核对修改后的内容，再重新签名：kmsw sign ${file} --as ${who}`,
    sigWithoutName: (label: string) => `${label}：有 SSH 签名（sig），却没有签名人姓名`,
    sigWithoutDigest: (label: string) => `${label}：有 SSH 签名（sig），却没有签名摘要（digest）`,
    signAgainHint: '请签名人用 kmsw sign --key 重新签名',
    noKeyFor: (label: string, name: string) =>
      `${label}：${name} 的 SSH 签名无法验证，kmsw.yaml 的 signers 里没有 ${name} 的公钥`,
    addKeyHint: (name: string) =>
      `在 kmsw.yaml 里加上：signers: { ${name}: "ssh-ed25519 AAAA…" }（${name} 的 ~/.ssh/id_ed25519.pub）`,
    doesNotVerify: (label: string, name: string) =>
      `${label}：SSH 签名与 kmsw.yaml 里 ${name} 的公钥不符（不是 ${name} 签的，或签名后被改动）`,
    doesNotVerifyHint: (name: string, file: string) =>
      `请 ${name} 核对记录后用自己的密钥重新签名：kmsw sign ${file} --as ${name} --key ~/.ssh/id_ed25519`,
    cannotVerify: (count: number, files: readonly string[]) =>
      `无法验证 ${count} 个 SSH 签名：这台电脑上找不到 ssh-keygen` +
      `（${files.slice(0, 3).join('、')}${files.length > 3 ? ` 等 ${files.length} 个文件` : ''}）`,
    installOpenssh:
      '安装 OpenSSH 客户端后再运行 kmsw check（Debian/Ubuntu：apt install openssh-client；Windows：设置 → 可选功能 → OpenSSH 客户端）',
  }),
  sign: () => ({
    noSuchFile: '找不到这个文件',
    isAFolder: '这是一个文件夹，请给出其中的记录文件（如 2026/11/record/*.yaml）',
    noSuchKey: (key: string) => `找不到私钥文件 ${key}（--key 给出 SSH 私钥，如 ~/.ssh/id_ed25519）`,
    keyNotRegistered: (name: string, key: string | undefined) =>
      `注意：kmsw.yaml 的 signers 里还没有 ${name} 的公钥，kmsw check 无法验证这次的 SSH 签名（会报 bad-signature）。` +
      `在 kmsw.yaml 里加上：\nsigners:\n  ${name}: "${key ?? 'ssh-ed25519 AAAA…'}"` +
      (key ? '' : `\n（${name} 的公钥在私钥旁边的 .pub 文件里，如 ~/.ssh/id_ed25519.pub）`),
    keyIsNotTheirs: (name: string) =>
      `--key 给出的私钥与 kmsw.yaml 的 signers 里 ${name} 的公钥不是一对：这样签的名 check 会报 bad-signature，所以没有签`,
    // kmsw sign
    notARecordFile: '不是资料文件夹里的记录文件',
    notUtf8: (encoding: string) => `文件不是 UTF-8 编码（像是 ${encoding}）`,
    noSlotFor: (name: string, whose: ReadonlyArray<readonly string[]>) =>
      `没有等 ${name} 签名的签名栏（${whose.map(([label, names]) => `${label}：${names}`).join('；') || '这张表没有签名栏'}）`,
    slotSignedBy: (label: string, other: string) => `${label} 已由 ${other} 签名，不能改签`,
    slotNames: (label: string, other: string) =>
      `${label} 写的签名人是 ${other}：应由 ${other} 签名（确实该你签时，先把那里的姓名改成你的）`,
    ruleTag: (rule: string) => `（${rule}）`,
    beforeTheRecord: (today: string, date: string) => `今天（${today}）早于记录的日期 ${date}：督导之后才能签名`,
    sshKeygenFailed: (why: string) =>
      why === 'ENOENT' ? '找不到 ssh-keygen：--key 需要安装 OpenSSH 客户端' : `ssh-keygen 签名失败：${why}`,
    cannotPlace: '无法在不改动其他内容的情况下写入签名栏（文件未改动；请手工签名，或报告这个问题）',
    changedMeanwhile: '签名时文件被别的程序改动了（文件保持那次改动后的样子）：请再运行一次',
    signed: (file: string, slots: readonly string[]) => `已签名：${file}（${slots.join('、')}）`,
    already: (file: string, name: string) => `${file}：${name} 已签名，记录签名后没有改动，无需再签`,
    refused: (file: string) => `未签名：${file}`,
    summary: (signed: number, already: number, refused: number) =>
      `签名 ${signed} 份${already ? `，已签过 ${already} 份` : ''}${refused ? `，${refused} 份未签（原因见上，文件未改动）` : ''}`,
    waitingTitle: (name: string, count: number) => `等 ${name} 签名的记录（${count} 份，最早的在前）：`,
    nothingWaiting: (name: string) => `没有等 ${name} 签名的记录。`,
    overdue: (due: string) => `已逾期（最迟应于 ${due}）`,
    dueBy: (due: string) => `最迟 ${due}`,
    stale: '签名后被修改，需重新签名',
    hasErrors: '有错误，改正后才能签（kmsw check 查看）',
    howToSign: (name: string) =>
      `在终端上运行 kmsw sign --as ${name} 可勾选后签名；或逐个签名：kmsw sign <文件>... --as ${name}`,
    // kmsw status
    perExpert: '督导专家待签名',
    expertLine: (count: number, oldest: string | undefined, overdue: number) =>
      count === 0 ? '无 ✓' : `${count} 份，最早 ${oldest}${overdue ? `，${overdue} 份已逾期` : ''}`,
  }),
  staged: () => ({
    noGit: (code: string) => `无法运行 git（${code}）：--staged 和提交前检查需要安装 Git`,
    notARepository: (root: string) =>
      `${root} 不在 Git 仓库里：--staged 和提交前检查只用于 Git 仓库（先 git init 或 git clone）`,
    gitFailed: (why: string) => `git 读取暂存区失败：${why}`,
    diffTooLong: (mb: number) =>
      `暂存区的文件清单超过 ${mb} MB，kmsw 不读：请分几次暂存、提交（git add 一部分文件），或用 git commit --no-verify 跳过检查`,
    configUnreadable: (size: string) =>
      `暂存区里的 kmsw.yaml 无法读取（${size} MiB，超过 1 MiB 的上限，或已损坏）：改正后重新 git add kmsw.yaml`,
    missing: 'Git 暂存区里找不到这个文件的内容（仓库可能已损坏）：重新 git add 这个文件',
    configFromIndex:
      'kmsw.yaml 有还没暂存的修改：这次按暂存区里的 kmsw.yaml 检查（提交的是它）。' +
      '要按改过的 kmsw.yaml 检查，先 git add kmsw.yaml',
  }),
  hooks: () => ({
    scriptWhat: '提交前检查暂存的督导记录（kmsw check --staged）：有错误就不能提交，警告只显示。',
    scriptSkip: '跳过一次：git commit --no-verify。自己的提交前步骤写在同一文件夹的 pre-commit.local 里，它先运行。',
    notFound:
      'kmsw 提交前检查：找不到 kmsw（安装时的 node 和 kmsw 已不在，PATH 里没有 kmsw，npx 也找不到），' +
      '这次提交的记录没有检查。请在记录文件夹里运行 npx kmsw hooks install 重新安装。',
    foreign: (file: string, local: string) =>
      `${file} 已有一个不是 kmsw 安装的提交前钩子，没有改动它。要两个都用：把它改名为 ${local}` +
      `（kmsw 的钩子会先运行它），再运行 kmsw hooks install`,
    foreignKept: (file: string) => `${file} 不是 kmsw 安装的提交前钩子，没有移除`,
    sharedHooks: (dir: string) =>
      `Git 的钩子文件夹 ${dir} 不在这个仓库里（core.hooksPath 指向它，多半是全局设置）：放在那里的钩子，` +
      '这台电脑上用这个文件夹的每个仓库提交时都会运行，所以 kmsw 不装在那里。只给这个仓库装：先运行 ' +
      'git config core.hooksPath .git/hooks（只改这个仓库；那个文件夹里的钩子在这个仓库里就不再运行），再运行 kmsw hooks install',
    otherRepository:
      'kmsw 提交前检查：这个钩子是为别的仓库安装的（Git 的 core.hooksPath 让这个仓库也用它），这次提交没有检查。',
    noConfig: (dir: string) =>
      `kmsw：提交前检查的资料文件夹 ${dir} 在这次提交里没有 kmsw.yaml，什么都没有检查。` +
      '资料文件夹搬走或改了名的话，请在新的位置运行 kmsw hooks install。',
    noConfigRecords: (dir: string, count: number) =>
      `kmsw：这次提交改动了资料文件夹 ${dir} 里的 ${count} 个记录文件，但那里没有 kmsw.yaml，这些文件没有检查。` +
      'kmsw.yaml 被删除或移走了的话，请把它放回去；资料文件夹搬走或改了名的话，请在新的位置运行 kmsw hooks install。',
  }),
  fix: () => ({
    slipsKept: '全角符号改过之后文件仍读不成一份记录：没有改动这些符号，请手工修改',
    fullwidth: (mark: string) => `${mark}改为 YAML 用的英文符号`,
    fullwidthSpace: '全角空格改为半角空格',
    slipsLeft: (line: number) =>
      `全角符号改过之后，第 ${line} 行的缩进或列表的“-”仍读不成 YAML 的层次（仍有全角空格，或读成上一行文字的延续），` +
      '记录的内容会读错：没有改动，请手工修改',
    renamed: (from: string, to: string) => `键 ${from} 改为 ${to}`,
    dateWritten: (from: string, to: string) => `日期 ${from} 写作 ${to}（文件移到日期所指的文件夹）`,
    targetExists: (to: string) => `${to} 已有文件：没有移动（不会覆盖），请核对这两份记录`,
    targetInNested: (to: string, folder: string) =>
      `${to} 在另一个督导资料文件夹 ${folder} 里（它有自己的 kmsw.yaml）：没有移动，请自己决定这份记录放在哪里`,
    noDateToMove: '日期读不出来，不知道该放到哪个文件夹：没有移动',
    unsafe: '这样修正会改变记录的内容：没有改动键名和日期，请手工修改',
    changedMeanwhile: '读取之后文件被改过（可能正在编辑器里保存）：没有改动；保存好后再运行 kmsw check --fix',
    moved: (to: string, git: boolean) => `移到 ${to}${git ? '（git mv）' : ''}`,
    moveFailed: (to: string, why: string) => `没能移到 ${to}：${why}`,
    writeFailed: (why: string) => `没能写入：${why}`,
    fixedHeader: (n: number) => `已修正 ${n} 个文件：`,
    plannedHeader: (n: number) => `--fix 会修正 ${n} 个文件（这次什么也没有改）：`,
    nothing: '没有可以自动修正的问题。',
    leftHeader: '留着没有改：',
    atLine: (line: number) => `第 ${line} 行：`,
    remainHeader: '修正之后仍有的问题：',
    commentSlip: '“#”前面是全角空格“　”：YAML 把“#”和后面的文字读成值的一部分，不是注释',
    commentHint: '要写注释，把“#”前面的全角空格改为半角空格（kmsw check --fix 会改）；“#”是值的一部分就给值加上引号',
    notStaged:
      '--fix 改的是工作区里的文件，不是 Git 暂存区：不能与 --staged 一起用。先运行 kmsw check --fix，再 git add 改过的文件',
    fixOrDryRun: '--fix 和 --fix-dry-run 只能用一个',
  }),
  photos: () => ({
    leftOutCaption: (name: string, why: string) => `${name}\n（未放入：${why}）`,
    withHint: (message: string, hint: string) => `${message}：${hint}`,
    onlyJpegPng: '只能放入 JPG 或 PNG 照片',
    tooManyPixels: '图片像素过多（超过 5000 万像素）',
    cannotDecode: (why: string) => `图片无法解码（${why}）`,
    empty: '图片没有像素',
    outside: '路径不在资料文件夹内',
    noteLeftOut: (n: number) => `注意：以下 ${n} 张照片没有放入工作簿（照片页上只写了文件名和原因）：`,
  }),
  report: () => ({
    title: (centre: string, period: string) => `${centre} 督导工作报告（${period}）`,
    year: (year: number) => `${year}年`,
    month: (year: number, month: number) => `${year}年${month}月`,
    counted: (until: string, today: string) =>
      `统计至 ${until}，生成于 ${today}，由 kmsw report 根据督导资料文件夹生成。`,
    yearToDate: (year: number) => `${year}年全年累计（与 kmsw status --year ${year} 相同）`,
    contents: '目录',
    quotaTitle: '各县（市、区）团体督导完成情况',
    quotaNote: (min: string) =>
      `同一场督导由几位助理各写一份记录时只算一场；面对面督导须满 ${min}，与 kmsw status 的计数相同。`,
    county: '县（市、区）',
    faceToFace: (min: string) => `面对面（满${min}）`,
    onSite: '实地督导',
    target: '要求',
    done: '完成',
    onlineTitle: '线上团体督导（全市，每季度）',
    quarter: (q: number) => `第${q}季度`,
    quarterHead: '季度',
    wholeYear: '全年',
    notStarted: '未开始',
    offDuty: '在督导助理开始工作（kmsw.yaml 的 since）之前，不计',
    logsTitle: '督导助理工作日志完成情况',
    logsNote: '每格一天。工作日按国务院公布的节假日安排（含调休上班日，格内标“班”）；节假日、周末不需写日志。',
    assistant: '督导助理',
    expected: '应写',
    written: '已写',
    faulty: '有错误',
    missing: '缺写',
    holiday: '节假日',
    weekend: '周末',
    notDue: '不需写',
    adjustedMark: '班',
    holidayMark: '休',
    adjustedDay: '调休上班日',
    marked: (word: string, mark: string) => `${word}（${mark}）`,
    remark: '备注',
  }),
  /** The report's sections on signatures and on the experts. */
  reportSigns: () => ({
    signTitle: '从督导到签名的天数',
    signNote: (days: number) =>
      `签名应在督导后 ${days} 天内完成；超过的标为红色。有错误的记录也计入（与 kmsw status 的待签名相同），改正前请以 kmsw check 为准。`,
    daysAxis: '天数',
    days: (n: string) => `${n}天`,
    signedCount: '已签名',
    lateCount: (days: number) => `超过 ${days} 天才签`,
    pendingCount: '尚未签名',
    pendingOverdue: '其中已逾期',
    overdueList: '已逾期未签的记录',
    expertsTitle: '督导专家',
    expertsNote:
      '场次、时长和满意度按督导成效评估表的算法（团体督导一场只算一次；满意度为所督导场次的调研表评分平均）。',
    expert: '专家',
    sessions: '场次',
    hours: '时长（小时）',
    satisfaction: '平均满意度',
    evaluations: '成效评估',
    noEvaluation: '无',
    minutes: '时长（分钟）',
    duration: '时长',
    signHead: '签名',
    countHead: '数量',
    overdueItem: (file: string, label: string, signer: string | undefined, due: string) =>
      `${file}（${label}${signer ? ` ${signer}` : ''}，${due} 到期）`,
    listSeparator: '；',
  }),
  /** The report's sections on the month's counts, the problems and the files left out. */
  reportCounts: () => ({
    tallyTitle: '督导资料清单：各月数量',
    tallyNote: '各月数字与 kmsw tally --month 相同（只计没有错误的记录）。',
    form: '表格',
    total: '合计',
    monthShort: (m: number) => `${m}月`,
    problemsTitle: '待解决的问题（kmsw check）',
    problemsNote: (files: number, errors: number, warnings: number, command: string) =>
      `检查了 ${files} 个文件：${errors} 个错误，${warnings} 个警告。运行 ${command} 查看每一处和改法（数字与它相同）。`,
    noProblems: '没有发现问题 ✓',
    rule: '规则',
    errors: '错误',
    warnings: '警告',
    files: '文件',
    unreadTitle: '没有计入的文件',
    unreadNote:
      '这些文件无法读取或无法确定日期，不计入以上数字；只有标明的日志例外：它的文件名写着日期和督导助理，日志日历把那天算作' +
      '“有错误”（不算缺写，与 kmsw check、kmsw status 相同）：',
    countedAsFaulty: (why: string, days: readonly string[]) => `${why}（日志日历把 ${days.join('、')} 算作有错误）`,
    none: '无',
    unreadItem: (file: string, why: string) => `${file}：${why}`,
  }),
  /** Making the report: the files written, the browser for its PDF, a period not begun. */
  reportMaking: () => ({
    wrote: (file: string) => `已写入 ${file}`,
    noBrowser:
      '没有找到 Chromium、Chrome 或 Edge，没有生成 PDF（只写了 HTML，可以在浏览器里打开后打印）。' +
      '安装其中一个，或用环境变量 KMSW_CHROME 指定它的路径。',
    notBegun: (period: string, today: string) =>
      `${period}还没有开始（今天是 ${today}），报告里的数字都是 0；写的是将来的报告吗？`,
    browserMissing: (file: string) => `KMSW_CHROME 指定的浏览器不存在：${file}`,
    pdfFailed: (browser: string, why: string, html: string) =>
      `用 ${browser} 生成 PDF 失败（${why}）。网页版报告已写好：${html}，可以在浏览器里打开后打印成 PDF`,
    browserExited: (code: number | null, said: string) =>
      `浏览器以代码 ${code ?? '（被中止）'} 退出${said ? `，它说：${said}` : ''}`,
    noPdfWritten: '浏览器没有写出 PDF',
  }),
  /** `kmsw report` on the terminal: the files in none of its numbers, as tally and export list theirs. */
  reportLeftOut: () => ({
    notCounted: (count: number) =>
      `\n没有计入：以下 ${count} 个文件无法读取或无法确定日期，除了标明的日志那天算作“有错误”，不在报告的任何数字里` +
      '（报告的“没有计入的文件”一节也列出了它们）。改正后重新生成报告：',
  }),
  /** `kmsw check` on the terminal: how many of the problems shown `--fix` would fix. */
  checkFixable: () => ({
    line: (count: number, command: string) =>
      `其中 ${count} 个问题可以用 ${command} 自动修复（先用 --fix-dry-run 查看改动）。`,
    staged: (count: number, command: string) =>
      `其中 ${count} 个问题可以用 ${command} 自动修复：它改的是工作区里的文件，看过 git diff 后 git add，再提交。`,
  }),
  /** kmsw.yaml that cannot be read: what `kmsw check --fix` would mend in it. */
  configFix: () => ({
    then: (hint: string) => `，${hint.trim()}`,
    stillUnreadable: '改过之后 kmsw.yaml 仍读不出来（还有别的问题）：没有改动；先改正 kmsw.yaml 的其他问题',
    hint:
      'kmsw check --fix 可以改正 kmsw.yaml 里的这些全角符号和拼错的键名' +
      '（先用 kmsw check --fix-dry-run 查看改动）。',
  }),
};

/** Every language's messages, these groups and the command line's: the same keys, the same parameters. */
export type Messages = Built<typeof zh> & CliMessages;

/** A language's catalogue of these groups as written: each group a function that builds it. */
export type Catalogue = { [G in keyof typeof zh]: () => Messages[G] };
