/**
 * `kmsw sign` and the signature rules on the real binary: the slot filled and nothing else, the
 * digest that shows a changed value but not a changed layout, the refusals, SSH signatures with
 * throw-away keys, and the list of what waits for a person (off and on a terminal).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { KmswError } from '../src/errors.js';
import { recordDigest } from '../src/forms/digest.js';
import { record } from '../src/forms/record/form.js';
import { validateRecord } from '../src/forms/validate.js';
import { parseYaml } from '../src/records/yaml.js';
import { BIN, CONFIG, kmsw, put, snapshot, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const FILE = '2026/11/record/2026-11-24-张丽.yaml';
const GROUP = '2026/11/group/2026-11-20-五华区.yaml';

const HEAD = `# 督导记录表
form: record
supervisee: 张丽
supervisor: 王芳
type: 个人督导
method: 面谈
date: 2026-11-24 # 督导当天
duration: 1.5小时
location: 五华区红云街道社工站
content: |
  讨论独居老人个案：老人拒绝社工上门。
advice: '尊重老人的意愿，改为电话问候。'
worker_plan: 每两天电话问候一次。
`;

const GROUP_RECORD = (signature: string) => `form: group
city: 昆明市
county: 五华区
address: 红云街道社工站
mode: 线下
date: 2026-11-20
experts: [王芳, 陈建国]
assistants: [李明]
supervisees: [张丽]
content: 台账资料管理。
advice: 按项目分册。
duration: 3小时
${signature}`;

/** A folder of its own holding what `dir` holds. */
function copyOf(dir: string): string {
  const copy = tempFolder();
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** A records folder holding one record (and any other files). */
function folder(text: string, more: Record<string, string> = {}): string {
  return tempFolder({ 'kmsw.yaml': CONFIG, [FILE]: text, ...more });
}

const read = (dir: string, file = FILE) => readFileSync(path.join(dir, file), 'utf8');
/** The file with its digests written as DIGEST: the rest is compared byte for byte. */
const shape = (text: string) => text.replace(/sha256:[0-9a-f]{64}/g, 'DIGEST');
const signAs = (dir: string, as: string, extra: string[] = [FILE], today = '2026-11-26') =>
  kmsw(['--dir', dir, '--today', today, 'sign', ...extra, '--as', as], { cwd: dir });
/**
 * signAs through main() in-process (tests/support/in-process.ts): the same argv, files written and exit code, a few
 * ms where a spawn costs ~0.3 s of CPU. The built kmsw signs in each describe's first signing (its beforeAll), refuses
 * a record with errors, and lists what waits off a terminal (in-process, stdin is the test runner's, maybe a terminal).
 */
const signIn = (dir: string, as: string, extra: string[] = [FILE], today = '2026-11-26') =>
  kmswInProcess(['--dir', dir, '--today', today, 'sign', ...extra, '--as', as], { cwd: dir });
/**
 * `check --format json` on `dir`: the command line through main() in-process (tests/support/in-process.ts: the
 * same argv, JSON and exit code, a few ms where a spawn costs ~0.3 s of CPU); `spawned`, the built kmsw, as the
 * first describe's check of what one `kmsw sign` wrote is. Spawned too: the human-output checks of "the digest" and of
 * a signers value refused (exit 2); the English variants of a message run in-process.
 */
const check = async (dir: string, extra: string[] = [], env: Record<string, string> = {}, spawned = false) => {
  const args = ['--dir', dir, '--today', '2026-11-26', 'check', '--format', 'json', ...extra];
  const r = spawned ? kmsw(args, { env }) : await kmswInProcess(args, { env });
  return {
    ...r,
    json: JSON.parse(r.stdout) as {
      diagnostics: Array<{ rule: string; message: string; severity: string; file: string }>;
    },
  };
};
/** `kmsw --dir <dir> --today <today> --lang en <args>` through main() in-process: a message's English variant. */
const english = (dir: string, today: string, args: string[], env: Record<string, string> = {}) =>
  kmswInProcess(['--dir', dir, '--today', today, '--lang', 'en', ...args], { env });

/** The errors check reports, and any word about SSH signatures. */
const rulesOf = async (dir: string, env: Record<string, string> = {}) =>
  (await check(dir, [], env)).json.diagnostics
    .filter((d) => d.severity === 'error' || d.rule === 'bad-signature')
    .map((d) => d.rule);

describe('kmsw sign fills the slot and leaves every other byte', () => {
  const cases: Array<[string, string, string]> = [
    [
      'a flow slot with its name, a comment after it',
      `signatures:\n  worker: { name: 张丽, date: 2026-11-25 }\n  supervisor: { name: 王芳 }  # 督导\n`,
      `signatures:\n  worker: { name: 张丽, date: 2026-11-25 }\n` +
        `  supervisor: { name: 王芳, date: 2026-11-26, digest: DIGEST }  # 督导\n`,
    ],
    [
      'a block slot, quoted name, blank date, a comment line after',
      `signatures:\n  worker:\n    name: 张丽\n    date: 2026/11/25\n` +
        `  supervisor:\n    name: "王芳" # 名字\n    date:\n# 完\n`,
      `signatures:\n  worker:\n    name: 张丽\n    date: 2026/11/25\n` +
        `  supervisor:\n    name: "王芳" # 名字\n    date: 2026-11-26\n    digest: DIGEST\n# 完\n`,
    ],
    [
      'no signatures at all',
      ``,
      `signatures:\n  supervisor:\n    name: 王芳\n    date: 2026-11-26\n    digest: DIGEST\n`,
    ],
    [
      'the slot absent beside the worker',
      `signatures:\n  worker: { name: 张丽, date: 2026-11-25 }\n`,
      `signatures:\n  worker: { name: 张丽, date: 2026-11-25 }\n` +
        `  supervisor:\n    name: 王芳\n    date: 2026-11-26\n    digest: DIGEST\n`,
    ],
    [
      'an empty slot with a comment, and no line break at the end',
      `signatures:\n  supervisor: ~  # 督导签名`,
      `signatures:\n  supervisor:  # 督导签名\n    name: 王芳\n    date: 2026-11-26\n    digest: DIGEST`,
    ],
    [
      'an old date, written another way, replaced',
      `signatures:\n  supervisor: { name: 王芳, date: "2026年11月25日" }\n`,
      `signatures:\n  supervisor: { name: 王芳, date: 2026-11-26, digest: DIGEST }\n`,
    ],
  ];

  // Every case is a record of its own in one folder, signed by one `kmsw sign` and checked once after.
  const fileOf = (i: number) => FILE.replace('.yaml', `-${i + 1}.yaml`);
  let all = '';
  let signed: ReturnType<typeof kmsw>;
  let errors: Array<{ rule: string; file: string }> = [];
  beforeAll(async () => {
    all = tempFolder({
      'kmsw.yaml': CONFIG,
      ...Object.fromEntries(cases.map(([, before], i) => [fileOf(i), HEAD + before])),
    });
    signed = signAs(
      all,
      '王芳',
      cases.map((_, i) => fileOf(i)),
    );
    errors = (await check(all, [], {}, true)).json.diagnostics.filter(
      (d) => d.severity === 'error' || d.rule === 'bad-signature',
    );
  });

  it('signs them all in one run', () => {
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    expect(errors).toEqual([]);
  });

  it.each(cases.map(([name, , after], i) => [name, after, i] as const))('%s', (_, after, i) => {
    expect(signed.stdout).toContain(`已签名：${fileOf(i)}（督导（签名））`);
    expect(shape(read(all, fileOf(i)))).toBe(HEAD + after);
    expect(errors.filter((d) => d.file === fileOf(i))).toEqual([]);
  });

  it('keeps CRLF line ends and a BOM', async () => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    const dir = folder(`\uFEFF${crlf(`${HEAD}signatures:\n  supervisor: { name: 王芳, date: }\n`)}`);
    expect((await signIn(dir, '王芳')).code).toBe(0);
    const bytes = readFileSync(path.join(dir, FILE));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(shape(bytes.toString('utf8'))).toBe(
      `\uFEFF${crlf(`${HEAD}signatures:\n  supervisor: { name: 王芳, date: 2026-11-26, digest: DIGEST }\n`)}`,
    );
    expect(await rulesOf(dir)).toEqual([]);
  });

  it('signs the group slot for whichever expert signs, from the form’s signer field', async () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG, [GROUP]: GROUP_RECORD('signature:\n') });
    const r = await signIn(dir, '陈建国', [GROUP], '2026-11-22');
    expect(r.code).toBe(0);
    expect(shape(read(dir, GROUP))).toBe(
      GROUP_RECORD('signature:\n  name: 陈建国\n  date: 2026-11-22\n  digest: DIGEST\n'),
    );
    // Signed by one of the experts: not the other's to sign, and nothing waits for them.
    const other = await signIn(dir, '王芳', [GROUP], '2026-11-22');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('督导签名 已由 陈建国 签名');
    // A slot that names the other expert without a date (kmsw new writes the first expert there) is a
    // suggestion: any of the experts signs it, and the one who signs is named; it waits for both.
    writeFileSync(path.join(dir, GROUP), GROUP_RECORD('signature: { name: 陈建国 }\n'));
    for (const who of ['王芳', '陈建国'])
      expect(kmsw(['--dir', dir, '--today', '2026-11-22', 'sign', '--as', who]).stdout).toContain(GROUP);
    const named = await signIn(dir, '王芳', [GROUP], '2026-11-22');
    expect(named.code, named.stderr).toBe(0);
    expect(shape(read(dir, GROUP))).toBe(GROUP_RECORD('signature: { name: 王芳, date: 2026-11-22, digest: DIGEST }\n'));
    expect(await rulesOf(dir)).toEqual([]);
  });

  it('a one-person slot that names someone else is theirs: refused, in both languages', async () => {
    const dir = folder(HEAD + 'signatures:\n  supervisor: { name: 陈建国 }\n');
    const before = snapshot(dir);
    const r = await signIn(dir, '王芳');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('督导（签名） 写的签名人是 陈建国：应由 陈建国 签名');
    const en = await english(dir, '2026-11-26', ['sign', FILE, '--as', '王芳']);
    expect(en.stderr).toContain('督导（签名） names 陈建国 as the signer: 陈建国 should sign it');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('the digest: values, not layout', () => {
  // Signed once; each test changes a copy of its own (the copy holds the bytes sign wrote).
  let signed = '';
  beforeAll(() => {
    signed = folder(`${HEAD}signatures:\n  supervisor: { name: 王芳 }\n`);
    expect(signAs(signed, '王芳').code).toBe(0);
  });
  const signedDir = () => copyOf(signed);

  it('a changed value is signed-then-edited, saying who signed when and what to do', async () => {
    const dir = signedDir();
    writeFileSync(path.join(dir, FILE), read(dir).replace('1.5小时', '2小时'));
    const r = await check(dir);
    expect(r.code).toBe(1);
    const d = r.json.diagnostics.find((x) => x.rule === 'signed-then-edited')!;
    expect(d.message).toContain('王芳 于 2026-11-26 用 kmsw sign 签名之后，记录又被修改过');
    const human = kmsw(['--dir', dir, '--today', '2026-11-26', 'check']).stdout;
    expect(human).toContain(`请 王芳 核对修改后的内容，再重新签名：kmsw sign ${FILE} --as 王芳`);
    const en = (await english(dir, '2026-11-26', ['check'])).stdout;
    expect(en).toContain('the record was changed after 王芳 signed it with kmsw sign on 2026-11-26');
    expect(en).toContain('王芳 should review the changes and sign again');
    // Signing again after the review makes it whole.
    expect((await signIn(dir, '王芳')).code).toBe(0);
    expect(await rulesOf(dir)).toEqual([]);
  });

  // The two cases that only check: each a file of its own in one folder (a copy of the signed one), one check.
  const TYPED = FILE.replace('.yaml', '-2.yaml');
  const layout = { original: '', edited: '' };
  let quiet: Awaited<ReturnType<typeof check>>;
  beforeAll(async () => {
    const dir = signedDir();
    layout.original = read(dir);
    layout.edited = layout.original
      .replace('date: 2026-11-24 # 督导当天', 'date: 2026/11/24')
      .replace("advice: '尊重老人的意愿，改为电话问候。'", 'advice: |\n  尊重老人的意愿，改为电话问候。\n# 新注释')
      .replace('type: 个人督导', 'type: "个人督导"   # 类型');
    writeFileSync(path.join(dir, FILE), layout.edited);
    put(dir, TYPED, `${HEAD}signatures:\n  supervisor: { name: 王芳, date: 2026-11-25 }\n`);
    quiet = await check(dir);
  });
  /** The errors (and any word about SSH signatures) of that check on `file`, and on the files of neither case. */
  const quietOn = (file: string) => {
    const said = quiet.json.diagnostics.filter((d) => d.severity === 'error' || d.rule === 'bad-signature');
    return {
      file: said.filter((d) => d.file === file).map((d) => d.rule),
      others: said.filter((d) => d.file !== FILE && d.file !== TYPED).map((d) => d.rule),
    };
  };

  it('comments, quoting, the spelling of a date and the layout do not change it', () => {
    expect(layout.edited.split('\n').length).toBe(layout.original.split('\n').length + 2);
    expect(layout.edited).toContain('type: "个人督导"   # 类型');
    expect(layout.edited).toContain('date: 2026/11/24\n');
    expect(quietOn(FILE)).toEqual({ file: [], others: [] });
  });

  it('a typed signature without a digest stays valid', () => {
    expect(quietOn(TYPED)).toEqual({ file: [], others: [] });
  });

  it('property: any comment or quoting leaves it, any changed value changes it', () => {
    const digestOf = (text: string) => {
      const { values } = validateRecord(record, parseYaml(text));
      return recordDigest(record, values);
    };
    const base = digestOf(HEAD);
    const lines = HEAD.split('\n');
    // A comment goes before a line that starts a key: inside the block text of content it would be text.
    const starts = lines.flatMap((l, i) => (i > 0 && /^[a-z_]+:/.test(l) ? [i] : []));
    const word = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/[\n\r#]/.test(s) && s.trim() === s);
    fc.assert(
      fc.property(fc.constantFrom(...starts), word, fc.boolean(), (at, comment, quote) => {
        const copy = [...lines];
        copy.splice(at, 0, `# ${comment}`);
        const text = copy
          .join('\n')
          .replace(
            'location: 五华区红云街道社工站',
            quote ? 'location: "五华区红云街道社工站"' : 'location:   五华区红云街道社工站',
          );
        expect(digestOf(text)).toBe(base);
      }),
    );
    fc.assert(
      fc.property(word, (value) => {
        fc.pre(value !== '五华区红云街道社工站');
        expect(digestOf(HEAD.replace('location: 五华区红云街道社工站', `location: ${JSON.stringify(value)}`))).not.toBe(
          base,
        );
      }),
    );
  });
});

describe('kmsw sign refuses, and touches nothing it refuses', () => {
  it('a record with errors, listing them', () => {
    const dir = folder(HEAD.replace('duration: 1.5小时\n', ''));
    const before = snapshot(dir);
    const r = signAs(dir, '王芳');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`未签名：${FILE}`);
    expect(r.stderr).toContain('督导时长');
    expect(r.stderr).toContain('（required）');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a person no slot names, and a day before the session', async () => {
    const dir = folder(HEAD);
    const before = snapshot(dir);
    const r = await signIn(dir, '陈建国');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有等 陈建国 签名的签名栏（社工（签名）：张丽；督导（签名）：王芳）');
    const early = await signIn(dir, '王芳', [FILE], '2026-11-23');
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('今天（2026-11-23）早于记录的日期 2026-11-24');
    expect(snapshot(dir)).toEqual(before);
    const en = await english(dir, '2026-11-23', ['sign', FILE, '--as', '王芳']);
    expect(en.stderr).toContain(`not signed: ${FILE}`);
    expect(en.stderr).toContain("today (2026-11-23) is before the record's date 2026-11-24");
  });

  it('signs the good files of several and refuses the others, each with its reasons', async () => {
    const other = '2026/11/record/2026-11-24-刘洋.yaml';
    const dir = folder(HEAD, { [other]: HEAD.replace('supervisor: 王芳', 'supervisor: 陈建国') });
    const r = await signIn(dir, '王芳', [FILE, other, 'kmsw.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`已签名：${FILE}`);
    expect(r.stderr).toContain(`未签名：${other}`);
    expect(r.stderr).toContain('未签名：kmsw.yaml\n  不是资料文件夹里的记录文件');
    const missing = await signIn(dir, '王芳', ['2026/11/record/没有.yaml', '2026/11/record']);
    expect(missing.stderr).toContain('未签名：2026/11/record/没有.yaml\n  找不到这个文件');
    expect(missing.stderr).toContain('未签名：2026/11/record\n  这是一个文件夹');
    const en = await english(dir, '2026-11-26', ['sign', '2026/11/record', '--as', '王芳']);
    expect(en.stderr).toContain('a folder: give the record files in it');
    expect(r.stdout).toContain('签名 1 份，2 份未签');
  });

  it('says so when it is signed already, and leaves the file', async () => {
    const dir = folder(HEAD);
    expect((await signIn(dir, '王芳')).code).toBe(0);
    const before = snapshot(dir);
    const again = await signIn(dir, '王芳', [FILE], '2026-11-27');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${FILE}：王芳 已签名，记录签名后没有改动，无需再签`);
    expect(snapshot(dir)).toEqual(before);
    const en = await english(dir, '2026-11-27', ['sign', FILE, '--as', '王芳']);
    expect(en.stdout).toContain(`${FILE}: already signed by 王芳, unchanged since`);
  });

  it('asks who signs', () => {
    const r = kmsw(['--dir', folder(HEAD), 'sign', FILE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('请用 --as 说明签名人');
  });
});

/** A throw-away ed25519 key pair in `dir`; its public line. */
function keyPair(dir: string, name: string): string {
  const file = path.join(dir, name);
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file]);
  expect(r.status).toBe(0);
  return readFileSync(`${file}.pub`, 'utf8').trim();
}

const withSigners = (dir: string, signers: string) =>
  writeFileSync(path.join(dir, 'kmsw.yaml'), `${CONFIG}signers:\n${signers}`);

describe('SSH signatures', () => {
  let keys = '';
  let right = '';
  let wrong = '';
  /** Signed with the right key: by the built kmsw (the beforeAll below), or in-process (signIn). */
  const signWithKey = async (slot: string, spawned = false) => {
    const dir = folder(HEAD + slot);
    const args = [FILE, '--key', path.join(keys, 'right')];
    const r = spawned ? signAs(dir, '王芳', args) : await signIn(dir, '王芳', args);
    // No signers in kmsw.yaml yet: signed, with a note saying what to add so that check can verify it.
    expect(r.stderr).toBe(
      '注意：kmsw.yaml 的 signers 里还没有 王芳 的公钥，kmsw check 无法验证这次的 SSH 签名（会报 bad-signature）。' +
        `在 kmsw.yaml 里加上：\nsigners:\n  王芳: "${right.split(' ').slice(0, 2).join(' ')}"\n`,
    );
    expect(r.code).toBe(0);
    return dir;
  };
  // The record with the usual slot is signed once; each test changes a copy of its own.
  let signed = '';
  beforeAll(async () => {
    keys = tempFolder({}, 'kmsw-keys-');
    right = keyPair(keys, 'right');
    wrong = keyPair(keys, 'wrong');
    signed = await signWithKey(`signatures:\n  supervisor: { name: 王芳 }\n`, true);
  });
  const signedWithKey = async (slot?: string) => (slot === undefined ? copyOf(signed) : signWithKey(slot));

  it('writes sig as a block text; verifies against the right key, not another', async () => {
    const dir = await signedWithKey();
    expect(shape(read(dir))).toMatch(
      new RegExp(
        String.raw`\n {2}supervisor:\n {4}name: 王芳\n {4}date: 2026-11-26\n {4}digest: DIGEST\n {4}sig: \|\n` +
          String.raw` {6}-----BEGIN SSH SIGNATURE-----\n( {6}[A-Za-z0-9+/=]+\n)+ {6}-----END SSH SIGNATURE-----\n$`,
      ),
    );
    withSigners(dir, `  王芳: "${right}"\n`);
    expect(await rulesOf(dir)).toEqual([]);
    withSigners(dir, `  王芳: "${wrong}"\n`);
    const bad = (await check(dir)).json.diagnostics.find((d) => d.rule === 'bad-signature')!;
    expect(bad.severity).toBe('error');
    expect(bad.message).toContain('SSH 签名与 kmsw.yaml 里 王芳 的公钥不符');
    const en = (await english(dir, '2026-11-26', ['check'])).stdout;
    expect(en).toContain("the SSH signature does not verify against 王芳's key in kmsw.yaml");
  });

  it('signed with a key kmsw.yaml does not list: the line the note gives, added to kmsw.yaml, makes check verify it', async () => {
    const dir = folder(HEAD + `signatures:\n  supervisor: { name: 王芳 }\n`);
    const r = await signIn(dir, '王芳', [FILE, '--key', path.join(keys, 'right')]);
    expect(r.code).toBe(0);
    expect((await check(dir)).json.diagnostics.map((d) => d.rule)).toContain('bad-signature');
    const line = /\n {2}王芳: ".*"$/m.exec(r.stderr)![0];
    withSigners(dir, `${line.slice(1)}\n`);
    expect(await rulesOf(dir)).toEqual([]);
    // Registered: no note.
    const again = folder(HEAD + `signatures:\n  supervisor: { name: 王芳 }\n`);
    withSigners(again, `${line.slice(1)}\n`);
    const quiet = await signIn(again, '王芳', [FILE, '--key', path.join(keys, 'right')]);
    expect([quiet.code, quiet.stderr]).toEqual([0, '']);
    const en = await english(folder(HEAD + `signatures:\n  supervisor: { name: 王芳 }\n`), '2026-11-26', [
      'sign',
      FILE,
      '--as',
      '王芳',
      '--key',
      path.join(keys, 'right'),
    ]);
    expect(en.stderr).toContain("Note: kmsw.yaml's signers has no public key for 王芳");
  });

  it('bad-signature is fixed the way its hint says: sign again with the right key (the hint names the file)', async () => {
    const dir = folder(HEAD + `signatures:\n  supervisor: { name: 王芳 }\n`);
    expect((await signIn(dir, '王芳', [FILE, '--key', path.join(keys, 'wrong')])).code).toBe(0);
    withSigners(dir, `  王芳: "${right}"\n`);
    const bad = (await check(dir)).json.diagnostics.find((d) => d.rule === 'bad-signature') as
      { hint?: string } | undefined;
    expect(bad?.hint).toContain(`kmsw sign ${FILE} --as 王芳 --key`);
    // Without --key the digest is current, so nothing to do; with the right key the sig is made again.
    expect((await signIn(dir, '王芳')).stdout).toContain('无需再签');
    const again = await signIn(dir, '王芳', [FILE, '--key', path.join(keys, 'right')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`已签名：${FILE}`);
    expect(await rulesOf(dir)).toEqual([]);
    // Signed with the right key already: nothing to do.
    expect((await signIn(dir, '王芳', [FILE, '--key', path.join(keys, 'right')])).stdout).toContain('无需再签');
  });

  it('refuses a key that is not the signer’s registered one, and a key file that is not there', async () => {
    const dir = folder(HEAD + `signatures:\n  supervisor: { name: 王芳 }\n`);
    withSigners(dir, `  王芳: "${right}"\n`);
    const before = snapshot(dir);
    const r = await signIn(dir, '王芳', [FILE, '--key', path.join(keys, 'wrong')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--key 给出的私钥与 kmsw.yaml 的 signers 里 王芳 的公钥不是一对');
    const none = await signIn(dir, '王芳', [FILE, '--key', path.join(keys, 'nothing')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`找不到私钥文件 ${path.join(keys, 'nothing')}`);
    expect(snapshot(dir)).toEqual(before);
    const en = await english(dir, '2026-11-26', ['sign', FILE, '--as', '王芳', '--key', path.join(keys, 'wrong')]);
    expect(en.stderr).toContain("does not pair with 王芳's public key in kmsw.yaml signers");
  });

  it('no key for the signer, or a sig that is not one, is bad-signature', async () => {
    const dir = await signedWithKey();
    withSigners(dir, `  陈建国: "${right}"\n`);
    const none = (await check(dir)).json.diagnostics.find((d) => d.rule === 'bad-signature')!;
    expect(none.message).toContain('kmsw.yaml 的 signers 里没有 王芳 的公钥');
    withSigners(dir, `  王芳: "${right}"\n`);
    writeFileSync(
      path.join(dir, FILE),
      read(dir).replace(/(sig: \|\n {6}-----BEGIN SSH SIGNATURE-----\n {6})\S{4}/, '$1AAAA'),
    );
    expect(await rulesOf(dir)).toEqual(['bad-signature']);
    const en = (await english(dir, '2026-11-26', ['check'])).stdout;
    expect(en).toContain('bad-signature');
  });

  it('a signers name that is nobody kmsw knows (a misspelling) is unknown-person on kmsw.yaml, in both languages', async () => {
    const dir = folder(HEAD);
    withSigners(dir, `  王方: "${right}"\n  王芳: "${right}"\n`);
    const found = (await check(dir)).json.diagnostics.filter(
      (d) => d.rule === 'unknown-person' && d.file === 'kmsw.yaml',
    );
    expect(found.map((d) => [d.severity, d.message])).toEqual([
      ['warning', '“王方”不在 kmsw.yaml（督导助理、督导专家）里，也不在任何一份站点人员情况统计表（roster）里'],
    ]);
    const en = (await english(dir, '2026-11-26', ['check'])).stdout;
    expect(en).toContain('a name under signers must be the one written in the signature slots');
  });

  it('a signers value that is not one plain public key is refused with its place', async () => {
    const dir = await signedWithKey();
    const [first, ...others] = [`"cert-authority ${right}"`, `"${right}\\nsigner ${wrong}"`, '[1, 2]'];
    // The first through the binary: check stops, exit 2, the place and the words on stderr.
    withSigners(dir, `  王芳: ${first}\n`);
    const r = kmsw(['--dir', dir, '--today', '2026-11-26', 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('signers.王芳');
    expect(r.stderr).toContain('应为一行 SSH 公钥');
    // The others through loadConfig (src/config.ts), which check reads kmsw.yaml with: the same refusal, a
    // KmswError (exit 2, as above), in this process.
    for (const value of others) {
      withSigners(dir, `  王芳: ${value}\n`);
      const error = await loadConfig(dir).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, value).toBeInstanceOf(KmswError);
      expect((error as Error).message).toContain('signers.王芳');
      expect((error as Error).message).toContain('应为一行 SSH 公钥');
    }
  });

  it('a flow slot becomes block lines to hold the signature, its comment kept', async () => {
    const dir = await signedWithKey(
      `signatures:\n  worker: { name: 张丽, date: 2026-11-25 }\n  supervisor: { name: 王芳 } # 督导\n`,
    );
    expect(read(dir)).toContain('  worker: { name: 张丽, date: 2026-11-25 }\n  supervisor: # 督导\n    name: 王芳\n');
    withSigners(dir, `  王芳: "${right}"\n`);
    expect(await rulesOf(dir)).toEqual([]);
  });

  it('without ssh-keygen, check says once that it cannot verify them', async () => {
    const second = '2026/11/record/2026-11-24-刘洋.yaml';
    const dir = await signedWithKey();
    writeFileSync(path.join(dir, second), read(dir).replace('supervisee: 张丽', 'supervisee: 刘洋'));
    // The copy's digest no longer matches (another supervisee): sign it again, as 王芳 would.
    expect((await signIn(dir, '王芳', [second, '--key', path.join(keys, 'right')])).code).toBe(0);
    withSigners(dir, `  王芳: "${right}"\n`);
    const empty = tempFolder({}, 'kmsw-nopath-');
    const found = (await check(dir, [], { PATH: empty })).json.diagnostics.filter((d) => d.rule === 'bad-signature');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toContain('无法验证 2 个 SSH 签名：这台电脑上找不到 ssh-keygen');
    const en = await english(dir, '2026-11-26', ['check'], { PATH: empty });
    expect(en.stdout).toContain('cannot verify 2 SSH signatures: ssh-keygen is not installed');
    expect(en.stdout).toContain('install the OpenSSH client');
  });
});

const WAITING = {
  'kmsw.yaml': CONFIG,
  '2026/11/record/2026-11-10-张丽.yaml': HEAD.replace(/2026-11-24/, '2026-11-10'),
  [FILE]: HEAD,
  '2026/11/record/2026-11-25-刘洋.yaml': HEAD.replace(/2026-11-24/, '2026-11-25').replace('张丽', '刘洋'),
  '2026/11/record/2026-11-25-马晓燕.yaml': HEAD.replace(/2026-11-24/, '2026-11-25').replace('王芳', '陈建国'),
};

describe('kmsw sign --as alone: what waits for a signature', () => {
  it('off a terminal: lists them oldest first, overdue marked, and says how to sign; signs nothing', async () => {
    const dir = tempFolder(WAITING);
    const before = snapshot(dir);
    const r = signAs(dir, '王芳', []);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('等 王芳 签名的记录（3 份，最早的在前）：');
    const lines = r.stdout.split('\n');
    const at = (f: string) => lines.findIndex((l) => l.includes(f));
    expect(at('2026-11-10-张丽')).toBeLessThan(at('2026-11-24-张丽'));
    expect(at('2026-11-24-张丽')).toBeLessThan(at('2026-11-25-刘洋'));
    expect(lines[at('2026-11-10-张丽')]).toContain('已逾期（最迟应于 2026-11-17）');
    expect(lines[at('2026-11-25-刘洋')]).toContain('最迟 2026-12-02');
    expect(r.stdout).not.toContain('马晓燕');
    expect(r.stdout).toContain('kmsw sign <文件>... --as 王芳');
    expect(snapshot(dir)).toEqual(before);
    const en = await english(dir, '2026-11-26', ['sign', '--as', '王芳']);
    expect(en.stdout).toContain("Records waiting for 王芳's signature (3, oldest first):");
    expect(en.stdout).toContain('overdue (due 2026-11-17)');
    const none = await english(dir, '2026-11-26', ['sign', '--as', '李明']);
    expect(none.stdout).toContain("No record waits for 李明's signature.");
  });

  it('leaves out a session still to come, and marks a record with errors (sign would refuse it)', async () => {
    const dir = tempFolder({
      ...WAITING,
      '2026/11/record/2026-11-28-张丽.yaml': HEAD.replace(/2026-11-24/, '2026-11-28'),
      '2026/11/record/2026-11-20-张丽.yaml': HEAD.replace(/2026-11-24/, '2026-11-20').replace(
        'location: 五华区红云街道社工站\n',
        '',
      ),
    });
    const lines = signAs(dir, '王芳', []).stdout.split('\n');
    expect(lines.some((l) => l.includes('2026-11-28-张丽'))).toBe(false);
    expect(lines.find((l) => l.includes('2026-11-20-张丽'))).toContain('有错误，改正后才能签（kmsw check 查看）');
    expect(lines.find((l) => l.includes('2026-11-24-张丽'))).not.toContain('有错误');
    const en = await english(dir, '2026-11-26', ['sign', '--as', '王芳']);
    expect(en.stdout).toContain('has errors: fix them first (kmsw check shows them)');
  });

  it('kmsw status counts them per expert', async () => {
    const dir = tempFolder(WAITING);
    const r = kmsw(['--dir', dir, '--today', '2026-11-26', 'status']);
    expect(r.stdout).toContain('督导专家待签名');
    expect(r.stdout).toMatch(/王芳\s+3 份，最早 2026-11-10，1 份已逾期/);
    expect(r.stdout).toMatch(/陈建国\s+1 份，最早 2026-11-25/);
    const en = await english(dir, '2026-11-26', ['status']);
    expect(en.stdout).toMatch(/王芳\s+3, oldest 2026-11-10, 1 overdue/);
  });

  it('on a terminal: ticks several and signs those', async () => {
    const dir = tempFolder(WAITING);
    const command = [process.execPath, BIN, '--dir', dir, 'sign', '--as', '王芳'].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...process.env, KMSW_TODAY: '2026-11-26', KMSW_USER: '', TERM: 'xterm', COLUMNS: '160' },
    });
    let screen = '';
    let typed = false;
    // Only a hang reaches this (the test fails then): a busy machine can take 20 s to start kmsw.
    const timer = setTimeout(() => child.kill(), 120_000);
    const code = await new Promise<number>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        screen += chunk.toString();
        if (!typed && screen.includes('勾选要签名的记录')) {
          typed = true;
          // The first (oldest) and the third: space, down, down, space, enter.
          setTimeout(() => child.stdin.write(' \x1b[B\x1b[B \r'), 300);
        }
      });
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve(c ?? -1);
      });
    });
    const plain = screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain).toContain('已签名：2026/11/record/2026-11-10-张丽.yaml');
    expect(plain).toContain('已签名：2026/11/record/2026-11-25-刘洋.yaml');
    expect(code).toBe(0);
    expect(read(dir)).not.toContain('digest');
    expect(read(dir, '2026/11/record/2026-11-10-张丽.yaml')).toContain('digest: sha256:');
  });
});
