import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, CONFIG, TEAM, tempFolder } from './helpers.js';

const KEY = { enter: '\r', down: '\x1b[B', space: ' ', backspace: '\x7f', ctrlC: '\x03' };

/**
 * Runs kmsw on a real pseudo-terminal (util-linux `script`), the way a person at a terminal does:
 * each step waits until the screen shows its text, then types its keys.
 */
function drive(args: string[], cwd: string, steps: Array<[string, string]>): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd,
    env: { ...process.env, KMSW_TODAY: '2026-11-28', KMSW_USER: '', TERM: 'xterm', COLUMNS: '120' },
  });
  let screen = '';
  let seen = 0;
  const pending = [...steps];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`timed out waiting for ${JSON.stringify(pending[0]?.[0])}; screen:\n${screen}`));
      // Only a hang reaches this: a busy machine can take 20 s to start kmsw and draw a prompt.
    }, 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      const step = pending[0];
      if (step && screen.indexOf(step[0], seen) >= 0) {
        pending.shift();
        seen = screen.length;
        // A moment for the prompt to finish drawing before the keys arrive, as for a person.
        setTimeout(() => child.stdin.write(step[1]), 150);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, screen: screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '') });
    });
  });
}

describe('kmsw new on a terminal', () => {
  it('asks for the author and the date, checks the date, and writes the log', async () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    const { code, screen } = await drive(['new', 'log'], dir, [
      ['填表人', KEY.down + KEY.enter], // 李明 → 赵雪
      ['日期', '2026-11-31' + KEY.enter],
      ['2026年11月没有31日', KEY.backspace.repeat(10) + '2026年11月27日' + KEY.enter],
    ]);
    expect(screen).toContain('赵雪');
    expect(code).toBe(0);
    expect(screen).toContain('已新建督导工作日志：2026/11/log/2026-11-27-赵雪.yaml');
    const record = parse(readFileSync(path.join(dir, '2026/11/log/2026-11-27-赵雪.yaml'), 'utf8'));
    expect(record).toMatchObject({ form: 'log', author: '赵雪', date: '2026-11-27', content: '' });
  });

  it('offers the stations of the county chosen a moment before', async () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    const { code, screen } = await drive(['new', 'needs'], dir, [
      ['县（市、区）', KEY.down + KEY.enter], // 五华区 → 盘龙区
      ['社工站', KEY.enter], // 拓东街道社工站, the only station of 盘龙区
      ['日期', KEY.enter], // today
      ['督导类型', KEY.down + KEY.enter], // 个体督导
      ['填表人', KEY.enter], // 李明
    ]);
    expect(code).toBe(0);
    expect(screen).not.toContain('红云街道社工站');
    const record = parse(readFileSync(path.join(dir, '2026/11/needs/2026-11-28-拓东街道社工站-李明.yaml'), 'utf8'));
    expect(record).toMatchObject({ county: '盘龙区', station: '拓东街道社工站', date: '2026-11-28', type: '个体督导' });
  });

  it('lets experts be ticked from kmsw.yaml for a group record', async () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    const { code } = await drive(['new', 'group', '--as', '李明'], dir, [
      ['县（市区）', KEY.enter], // 五华区
      ['督导形式', KEY.enter], // 线下
      ['日期', KEY.enter],
      ['督导专家', KEY.space + KEY.down + KEY.space + KEY.enter], // 王芳 and 陈建国
      ['督导助理', KEY.enter], // 李明 is ticked already
      ['督导地址', '红云街道社工站会议室' + KEY.enter],
    ]);
    expect(code).toBe(0);
    const record = parse(readFileSync(path.join(dir, '2026/11/group/2026-11-28-五华区-李明.yaml'), 'utf8'));
    expect(record).toMatchObject({
      experts: ['王芳', '陈建国'],
      assistants: ['李明'],
      address: '红云街道社工站会议室',
      signature: { name: '王芳' },
    });
  });

  it('refuses a typed name with / at the prompt, and takes the corrected one', async () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    const { code, screen } = await drive(['new', 'record'], dir, [
      ['督导对象', '张/丽' + KEY.enter],
      ['不能含有', KEY.backspace.repeat(3) + '张丽' + KEY.enter],
      ['陈建国', KEY.enter], // 王芳
      ['督导类型', KEY.enter],
      ['督导方式', KEY.enter],
      ['督导时间', KEY.enter],
      ['填表人', KEY.enter], // 李明
    ]);
    expect(screen).toContain('名字有 / 或 \\：它也是文件名的一部分');
    expect(code).toBe(0);
    expect(parse(readFileSync(path.join(dir, '2026/11/record/2026-11-28-张丽-李明.yaml'), 'utf8'))).toMatchObject({
      supervisee: '张丽',
      supervisor: '王芳',
    });
  });

  it('writes nothing when the person presses Ctrl+C', async () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    const { code, screen } = await drive(['new', 'record'], dir, [['督导对象', '张' + KEY.ctrlC]]);
    expect(code).toBe(130);
    expect(screen).toContain('已取消，没有写入任何文件');
    expect(existsSync(path.join(dir, '2026'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['kmsw.yaml']);
  });
});

describe('kmsw new on a terminal names the writer in the file', () => {
  it('takes the assistant ticked in a group record, and wants at least one expert', async () => {
    const dir = tempFolder({ 'kmsw.yaml': TEAM });
    const { code } = await drive(['new', 'group', '--today', '2026-11-03'], dir, [
      ['县（市区）', KEY.enter], // 盘龙区
      ['督导形式', KEY.enter], // 线下
      ['日期', KEY.enter],
      ['督导专家', KEY.enter], // none ticked
      ['请至少选一位', KEY.space + KEY.enter], // 王芳
      ['督导助理', KEY.space + KEY.enter], // 刘洋
      ['督导地址', '拓东街道社工站' + KEY.enter],
    ]);
    expect(code).toBe(0);
    expect(readdirSync(path.join(dir, '2026/11/group'))).toEqual(['2026-11-03-盘龙区-刘洋.yaml']);
    const record = parse(readFileSync(path.join(dir, '2026/11/group/2026-11-03-盘龙区-刘洋.yaml'), 'utf8'));
    expect(record).toMatchObject({ experts: ['王芳'], assistants: ['刘洋'] });
  });

  it('asks who is writing when the record does not say', async () => {
    const dir = tempFolder({ 'kmsw.yaml': TEAM });
    const { code, screen } = await drive(['new', 'record', '--today', '2026-10-12'], dir, [
      ['督导对象', '张丽' + KEY.enter],
      ['王芳', KEY.enter],
      ['督导类型', KEY.enter],
      ['督导方式', KEY.enter],
      ['督导时间', KEY.enter],
      ['谁在写', KEY.down + KEY.enter], // 孙婷
    ]);
    expect(code).toBe(0);
    expect(screen).toContain('已新建督导记录表：2026/10/record/2026-10-12-张丽-孙婷.yaml');
  });

  it('offers 全市 and the county’s group records of the month for a survey', async () => {
    const dir = tempFolder({
      'kmsw.yaml': TEAM,
      '2026/11/group/2026-11-20-盘龙区-刘洋.yaml': 'form: group\n',
      '2026/11/group/2026-11-21-西山区-孙婷.yaml': 'form: group\n',
    });
    const { code, screen } = await drive(['new', 'survey', '--as', '孙婷'], dir, [
      ['全市', KEY.enter], // 盘龙区
      ['日期', KEY.enter],
      ['2026-11-20-盘龙区-刘洋.yaml', KEY.enter],
    ]);
    expect(code).toBe(0);
    expect(screen).not.toContain('2026-11-21-西山区');
    const record = parse(readFileSync(path.join(dir, '2026/11/survey/2026-11-28-盘龙区-孙婷.yaml'), 'utf8'));
    expect(record).toMatchObject({ county: '盘龙区', session: '2026-11-20-盘龙区-刘洋.yaml' });
  });
});
