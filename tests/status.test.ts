import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, ROOT, kmsw } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

describe('kmsw status', () => {
  it('shows records.example at a glance: quotas with bars, no signature due, complete logs', () => {
    const run = kmsw(['--dir', EXAMPLE, '--today', '2026-11-30', 'status']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('昆明市社会工作服务站督导中心 · 2026年督导进度（截至 2026-11-30）');
    expect(lines).toContain('  五华区        ██████████ 1/1 ✓        █████░░░░░ 1/2');
    expect(lines).toContain('  盘龙区        ░░░░░░░░░░ 0/1          ░░░░░░░░░░ 0/2');
    expect(lines).toContain('  全年          ░░░░░░░░░░ 0/3');
    expect(lines).toContain('  没有待签的记录。');
    expect(lines).toContain('  李明          ██████████ 6/6  齐全 ✓');
    expect(run.stdout).not.toMatch(/\x1b\[/);
  });

  it('--format json: the year counts per county and quarter, signatures due and overdue, missing logs', () => {
    const json = (fixture: string, today: string) =>
      JSON.parse(kmsw(['--today', today, 'status', '--format', 'json'], { cwd: path.join(FIXTURES, fixture) }).stdout);
    const quota = json('quota', '2026-11-27');
    const line = (county: string | undefined, what: string, quarter?: number) =>
      quota.quotas.find(
        (q: { county?: string; what: string; quarter?: number }) =>
          q.county === county && q.what === what && q.quarter === quarter,
      );
    expect(line('五华区', 'face-to-face')).toMatchObject({
      count: 1,
      target: 1,
      files: ['2026/11/group/2026-11-20-五华区.yaml'],
    });
    expect(line('五华区', 'on-site')).toMatchObject({ count: 1, target: 2, ended: false });
    expect(line(undefined, 'online-quarter', 2)).toMatchObject({ count: 1, ended: true });
    expect(line(undefined, 'online-quarter', 4)).toMatchObject({ count: 0, ended: false });
    expect(line(undefined, 'online-year')).toMatchObject({ count: 1, target: 3 });

    expect(json('signature-missing', '2026-11-27').signatures).toEqual([
      {
        file: '2026/11/record/2026-11-24-张丽.yaml',
        label: '社工（签名）',
        signer: '张丽',
        date: '2026-11-24',
        due: '2026-12-01',
        overdue: false,
      },
    ]);
    const late = json('signature-missing', '2026-12-02');
    expect(late.signatures[0].overdue).toBe(true);
    expect(late.logs).toEqual({
      month: '2026-12',
      assistants: [{ name: '李明', expected: 2, written: 0, missing: ['2026-12-01', '2026-12-02'], faulty: [] }],
    });
  });

  it('text: an overdue signature and missing days are named', () => {
    const run = kmsw(['--today', '2026-12-02', 'status'], { cwd: path.join(FIXTURES, 'signature-missing') });
    expect(run.stdout).toContain(
      '  已逾期（最迟应于 2026-12-01）  社工（签名） 张丽  2026/11/record/2026-11-24-张丽.yaml',
    );
    expect(run.stdout).toContain('  李明          ░░░░░░░░░░ 0/2  缺 2 天：12-01、12-02');
  });

  it('--year picks the year; a bad one is refused', async () => {
    const run = kmsw(['--dir', EXAMPLE, '--today', '2026-11-30', 'status', '--year', '2025', '--format', 'json']);
    expect(JSON.parse(run.stdout).quotas.every((q: { count: number }) => q.count === 0)).toBe(true);
    // The refusal through main() in-process (tests/support/in-process.ts); the runs above are spawned.
    expect((await kmswInProcess(['--dir', EXAMPLE, 'status', '--year', 'next'])).code).toBe(2);
  });
});
