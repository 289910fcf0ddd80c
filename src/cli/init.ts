import { Argument, type Command } from 'commander';
import { say } from '../i18n.js';
import { out } from './context.js';

/** `kmsw init [folder]`. */
export function initCommand(cli: Command): void {
  cli
    .command('init')
    .description(
      say(
        '新建督导资料文件夹：写入 kmsw.yaml、.gitignore，并初始化 Git',
        'make a records folder: kmsw.yaml, .gitignore and a Git repository',
      ),
    )
    .addArgument(
      new Argument(say('[文件夹]', '[folder]'), say('要新建的文件夹', 'the folder to make')).default(
        '.',
        say('当前文件夹', 'the current folder'),
      ),
    )
    .action(async (dir: string) => {
      const { init } = await import('../commands/init.js');
      const result = await init(dir);
      const files = result.written.join(say('、', ', '));
      const git = result.gitInitialised;
      out(
        say(
          `已在 ${result.root} 新建督导资料文件夹：${files}${git ? '，并初始化了 Git 仓库' : ''}`,
          `Made a records folder in ${result.root}: ${files}${git ? ', and a Git repository' : ''}`,
        ),
      );
      out(
        say(
          '下一步：编辑 kmsw.yaml，填写督导助理、督导专家和各县（市、区）的社工站；然后运行 kmsw new log 写今天的日志。',
          "Next: fill in kmsw.yaml (assistants, experts, each county's stations), " +
            "then run kmsw new log for today's log.",
        ),
      );
    });
}
