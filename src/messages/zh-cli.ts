/**
 * The command line's messages in Chinese: the groups that src/cli.ts and src/cli/ read (options,
 * help, and what they print before or after a command runs). They are in the build's first part,
 * dist/kmsw.cjs, so `kmsw --help` has them; every other group is in src/messages/zh.ts, which the
 * build leaves to the second part (docs/build.md). src/messages/en-cli.ts has the same keys: its
 * type is this object's. A group read by src/cli.ts or src/cli/ belongs here, a command's in zh.ts.
 */
export const zhCli = {
  cli: () => ({
    options: '[选项]',
    command: '[命令]',
    oneOf: (choices: readonly string[]) => `可选：${choices.join('、')}`,
    defaultText: (shownDefault: string) => `默认：${shownDefault}`,
    extra: (extra: readonly string[]) => `（${extra.join('；')}）`,
    or: ' 或 ',
    didYouMean: (s: string) => `，是不是 ${s}？`,
    period: '。',
    hasNoOptionRun: (cmd: string, o: string | undefined, s: string) =>
      `${cmd} 没有选项 ${o}${s}运行 ${cmd} --help 查看可用的选项`,
    thereIsNoCommand: (c: string | undefined, s: string, cmd: string) =>
      `没有命令 ${c}${s}运行 ${cmd} --help 查看所有命令`,
    theOptionNeedsA: (o: string, o2: string) => `选项 ${o} 后面要写一个值：${o2}`,
    needsRunHelpTo: (cmd: string, o: string) => `${cmd} 必须给出 ${o}。运行 ${cmd} --help 查看用法`,
    needsAfterItRun: (cmd: string, a: string) => `${cmd} 后面要写 <${a}>。运行 ${cmd} --help 查看用法`,
    tooManyArgumentsTakes: (cmd: string, n: string | undefined, got: string | undefined) =>
      `参数太多：${cmd} 最多接受 ${n} 个参数，收到 ${got} 个。运行 ${cmd} --help 查看用法`,
    giveOrNotBoth: (a: string, b: string) => `${a} 和 ${b} 只能用一个`,
    theOption: '选项 ',
    isNotValidUse: (what: string, v: string | undefined, choices: undefined | readonly string[]) =>
      `${what} 的值“${v}”无效${choices ? `，可选：${choices.join('、')}` : ''}`,
    theCommandLineIs: (code: string, cmd: string) => `命令行有误（${code}）。运行 ${cmd} --help 查看用法`,
    supervisionRecordsOfKunming: '昆明市社会工作服务站督导中心 督导资料工具：新建记录、检查、导出官方表格',
    showTheVersion: '显示版本',
    showHelp: '显示帮助',
    helpCommand: 'help [命令]',
    showHelpForA: '显示某个命令的帮助',
    cDirFolder: '-C, --dir <文件夹>',
    theRecordsFolderDefault: '督导资料文件夹（默认：从当前目录向上找 kmsw.yaml）',
    todayDate: '--today <日期>',
    takeThisDayAs: '把这一天当作今天（也可设 KMSW_TODAY），例如 2026-11-30',
    noColoursOrSet: '不使用颜色（也可设 NO_COLOR）',
    languageZhChineseDefault: '界面语言：zh 中文（默认）或 en 英文；也可设 KMSW_LANG',
    cancelledNothingWasWritten: '\n已取消，没有写入任何文件。\n',
    kmswCannotReadNothing: (where: string, code: string | undefined, readWhy: string, _readWhy2: string) =>
      `kmsw: 无法读取${where}（${code}）：${readWhy}。没有写入任何文件。\n`,
    kmswCannotWriteNo: (where: string, code: string | undefined, why: string, _why2: string) =>
      `kmsw: 无法写入${where}（${code}）：${why}。已有的文件都没有改动。\n`,
    internalErrorThisIs: (running: string, stack: string) =>
      `${running}：内部错误。这是 kmsw 自身的缺陷，不是你的资料有问题：\n${stack}\n请把以` +
      `上信息发给督导中心的 kmsw 维护者，或在项目仓库提 issue。\n`,
  }),
  cliCheck: () => ({
    checkEveryRecordAgainst: '按督导手册的要求检查所有记录：字数、签名、日志、格式……',
    files: '[文件...]',
    onlyTheseFilesFolders: '只检查这些文件、文件夹或通配符（如 2026/11/log/*.yaml）',
    onlyThisMonthE: '只检查这个月，例如 2026-11',
    onlyThisYearAnd: '只检查这一年，并检查年度督导要求（quota）',
    rRuleRule: '-r, --rule <规则>',
    onlyThisRuleRepeatable: '只检查这条规则，可重复，例如 --rule min-chars',
    listTheRules: '列出所有规则',
    giveMonthOrYear: '--month 和 --year 只能用一个',
    note: '注意：',
  }),
  context: () => ({
    todayOrKmswToday: (given: string | undefined, reason: string) =>
      `--today（或 KMSW_TODAY）“${given}”不是日期：${reason}`,
    todaySDateToday: (value: string, outside: string) =>
      `今天的日期 ${value}（--today、KMSW_TODAY 或电脑时钟）：${outside}`,
    month: (text: string, reason: string) => `--month “${text}”：${reason}`,
    yearGiveAFour: (text: string) => `--year “${text}”：应为四位年份，如 2026`,
    isNotInsideThe: (p: string, root: string) => `${p} 不在资料文件夹 ${root} 里`,
  }),
  cliExport: () => ({
    renderTheMonthS: '导出某月的官方 Word/Excel 表格和督导资料清单汇总表，交给项目办',
    thisMonthEG: '导出这个月，例如 2026-11',
    allTwelveMonthsOf: '导出这一年的十二个月',
    oOutFolder: '-o, --out <文件夹>',
    writeHereDefaultExports: '写到这个文件夹（默认：exports/年-月/）',
    onlyForms: '--only <表格,...>',
    onlyTheseEG: '只导出这些表格，例如 --only log,checklist',
    giveMonthEG: '请给出 --month（如 2026-11）或 --year（如 2026）中的一个',
  }),
  cliInit: () => ({
    makeARecordsFolder: '新建督导资料文件夹：写入 kmsw.yaml、.gitignore，并初始化 Git',
    folder: '[文件夹]',
    theFolderToMake: '要新建的文件夹',
    theCurrentFolder: '当前文件夹',
    comma: '、',
    madeARecordsFolder: (root: string, files: string, git: boolean) =>
      `已在 ${root} 新建督导资料文件夹：${files}${git ? '，并初始化了 Git 仓库' : ''}`,
    nextFillInKmsw:
      '下一步：编辑 kmsw.yaml，填写督导助理、督导专家和各县（市、区）的社工站；然后' +
      '运行 kmsw new log 写今天的日志。',
  }),
  cliHooks: () => ({
    hooksHelp: 'Git 的提交前检查（pre-commit 钩子）：提交时检查暂存的记录',
    installHelp: '安装提交前检查：git commit 时运行 kmsw check --staged，有错误的记录不能提交',
    uninstallHelp: '移除 kmsw 的提交前检查（别的钩子不动）',
    stagedHelp: '只检查 Git 暂存区里的记录（git add 之后、提交之前的样子），供提交前检查使用',
    stagedAlone: '--staged 检查暂存区里的全部记录：不能同时给出文件、--month 或 --year',
    noRecordStaged: 'kmsw：这次提交没有改动记录，不需要检查。',
    installed: (file: string, again: boolean) =>
      `${again ? '已更新' : '已安装'}提交前检查：${file}（git commit 时检查暂存的记录，有错误就不能提交）`,
    skipOnce: '确实要提交有错误的记录时，用 git commit --no-verify 跳过一次检查。',
    warmed: (files: number) => `已检查一遍 ${files} 个文件并存入 .kmsw/ 缓存：之后的提交只检查改动的记录，很快。`,
    removed: (file: string) => `已移除 kmsw 的提交前检查：${file}`,
    noHook: (file: string) => `${file} 不是 kmsw 安装的提交前检查，没有可移除的。`,
    initNoHook: (why: string) => `没有安装提交前检查：${why}`,
    folders: (dirs: string) => `提交前检查检查这几个资料文件夹（相对于仓库的根目录）：${dirs}`,
    dropped: (dirs: string) => `这些资料文件夹里已经没有 kmsw.yaml，提交前检查不再检查它们：${dirs}`,
    narrowed: (file: string, dir: string, dirs: string) => `提交前检查不再检查 ${dir}；它仍检查：${dirs}（${file}）`,
    restored: (local: string, file: string) => `你自己的钩子 ${local} 已改回 ${file}，提交前照常运行。`,
    comma: '、',
  }),
  cliList: () => ({
    listTheRecordsOf: '列出资料文件夹里的记录（按日期）',
    onlyThisMonthE: '只列这个月，例如 2026-11',
    fFormForm: '-f, --form <表格>',
    onlyThisFormE: '只列这种表格，例如 log',
  }),
  cliNew: () => ({
    scaffoldANewRecord: '新建一份记录（在终端里逐项提问；--yes 则不提问）',
    form: '[表格]',
    theForm: '表格名称：',
    asName: '--as <姓名>',
    whoIsWritingThe: '填表人（督导助理）；也可设 KMSW_USER',
    setFieldValue: '--set <字段=值>',
    giveAFieldIts: '直接给出某个字段的值，可重复，例如 --set date=2026-11-28',
    askNothingFieldsNot: '不提问，未给出的字段用默认值（日期为今天）',
    openTheNewFile: '写好后用 $EDITOR 打开',
    writeASecondLog: '这一天（月）已有同一人的日志（月度总结）时，仍然再写一份（文件名加 -2）',
    listTheForms: '列出所有表格',
    newText: (title: string, shown: string, _key: string, month: string | undefined) =>
      `已新建${title}${month ? `（${month.replace(/^(\d{4})-0?(\d+)$/, '$1年$2月')}）` : ''}：${shown}`,
    nextStep: (minimums: ReadonlyArray<[string, number]>) =>
      `下一步：打开文件写${minimums.map(([label, min]) => `${label}（不少于${min}字）`).join('、')}等各项，` +
      `写好后运行 kmsw check 检查。`,
    theFileIsWritten: (shown: string) => `文件已写好，可以用别的编辑器打开它：${shown}`,
    cannotOpenTheEditor: (editor: string, why: string, written: string) =>
      `无法打开编辑器 ${editor}${why}（请检查 EDITOR 或 VISUAL 环境变量）。${written}`,
    exitCode: (status: number | null) => `退出码 ${status}`,
    theEditorDidNot: (editor: string, how: string, written: string) =>
      `编辑器 ${editor} 没有正常结束（${how}）。${written}`,
  }),
  options: () => ({
    formatFormat: '--format <格式>',
    outputFormat: '输出格式',
    mMonthYyyyMm: '-m, --month <年-月>',
    yearYyyy: '--year <年>',
  }),
  schema: () => ({
    writeAJsonSchema: '为每种表格写出 JSON Schema（schemas/），让 VS Code 等编辑器边写边提示、边检查',
    oOutFolder: '-o, --out <文件夹>',
    writeIntoThisFolder: '写到这个文件夹（默认：资料文件夹的 schemas/）',
    wroteTheJsonSchema: (count: number, shown: string, changed: number) =>
      `已写出 ${count} 个表格的 JSON Schema 到 ${shown}/（${changed} 个有变化）。`,
    recordsWrittenByKmsw:
      'kmsw new 写的记录第一行会指向它们；在 VS Code 安装 Red Hat 的 YAML 扩展即可边写边检' + '查。',
  }),
  cliReport: () => ({
    description: '生成全年（或某月）的督导工作报告：带图表的 HTML，可打印，可另存 PDF',
    year: '这一年的报告（默认今年）',
    month: '这个月的报告，例如 2026-11',
    out: '-o, --out <文件夹>',
    outWhat: '写到这个文件夹（默认 exports/<年>/ 或 exports/<年-月>/）',
    pdf: '同时用本机的 Chromium、Chrome 或 Edge 生成 PDF（环境变量 KMSW_CHROME 可指定浏览器）',
    notBoth: '--year 和 --month 只能给一个',
  }),
  cliStatus: () => ({
    theYearAtA: '一屏看清今年的督导进度：各县团体督导、线上督导、待签名、本月日志',
    thisYearDefaultThe: '看这一年（默认今年）',
  }),
  tally: () => ({
    countTheMonthS: '统计某月各类表格的数量（督导资料清单汇总表）',
    theMonthEG: '统计这个月，例如 2026-11',
  }),
  cliTemplates: () => ({
    theTemplatesOfThe: '官方表格的模板：查看在用哪个、复制一份来改',
    listTheTemplateOf: '列出每个导出用的模板，以及它来自资料文件夹还是 kmsw 自带',
    copyABuiltIn: '把 kmsw 自带的模板复制到资料文件夹的 templates/，之后导出就用它',
    name: '<名称>',
    theTemplateOrForm: '模板名称或表格名称，例如 log 或 督导工作日志',
    copiedToChangeIts: (shown: string) => `已复制到 ${shown}：用 Word、WPS 或 Excel 修改版式，{{…}} 占位符请保留。`,
  }),
  cliSign: () => ({
    cannotTick: '（不能勾选）',
    description: '签名：把你的姓名、今天的日期和记录的摘要写进记录里你的签名栏（之后改动记录，check 会发现）',
    files: '[文件...]',
    filesHelp: '要签名的记录文件；不给则列出等你签名的记录',
    asName: '--as <姓名>',
    asHelp: '签名人（表上写的督导、社工或督导专家之一）；也可设 KMSW_USER',
    keyFile: '--key <私钥文件>',
    keyHelp: '同时用 SSH 私钥签名（如 ~/.ssh/id_ed25519，与 Git 的 SSH 签名相同）',
    whoSigns: '请用 --as 说明签名人，例如 kmsw sign --as 王芳',
    choose: '勾选要签名的记录（空格勾选，回车确认）',
    noneChosen: '没有勾选记录，没有签名。',
  }),
  cliFix: () => ({
    fixHelp: '原地修正能确定的问题：全角冒号、逗号、空格，放错位置的文件，差一个字母的键 （保留注释和排版）',
    dryRunHelp: '只显示 --fix 会做的改动（统一差异格式）和要移动的文件，不改任何文件',
  }),
  cache: () => ({
    noCache: '不用也不写缓存 .kmsw/（每个文件都重新读取、检查；也可设 KMSW_NO_CACHE=1）',
  }),
};

/** A catalogue's messages: each group as its function builds it. */
export type Built<C> = { [G in keyof C]: C[G] extends () => infer M ? M : never };

/** The command line's messages in every language: the same keys, the same parameters. */
export type CliMessages = Built<typeof zhCli>;

/** A language's command-line catalogue as written: each group a function that builds it. */
export type CliCatalogue = { [G in keyof CliMessages]: () => CliMessages[G] };
