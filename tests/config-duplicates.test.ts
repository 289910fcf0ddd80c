/**
 * kmsw.yaml listing one assistant, expert or station twice: a `duplicate` error on the later line that names both
 * lines; kmsw reads the first, so status shows one row per person.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG, forRuns, kmsw, tempFolder } from './helpers.js';

const TODAY = { KMSW_TODAY: '2026-11-27' };

const TWICE = CONFIG.replace(
  '  - { name: 赵雪, since: 2026-11-23 }\n',
  '  - { name: 赵雪, since: 2026-11-23 }\n  - { name: 李明, since: 2026-11-25 }\n',
)
  .replace(
    '  - { name: 陈建国, kind: 行政协同督导 }\n',
    '  - { name: 陈建国, kind: 行政协同督导 }\n  - name: 王芳\n    kind: 行政协同督导\n',
  )
  .replace('stations: [红云街道社工站, 华山街道社工站]', 'stations: [红云街道社工站, 华山街道社工站, 红云街道社工站]');

interface Json {
  diagnostics: Array<{ file: string; line: number; rule: string; severity: string; message: string; hint?: string }>;
}

describe('a person or station listed twice in kmsw.yaml', () => {
  it(
    'is a duplicate error on kmsw.yaml naming both lines, and status counts the person once',
    () => {
      const dir = tempFolder({ 'kmsw.yaml': TWICE });
      const lines = TWICE.split('\n');
      const lineOf = (text: string, nth = 0) =>
        lines.map((l, i) => (l.includes(text) ? i + 1 : 0)).filter(Boolean)[nth]!;
      const run = kmsw(['check', '--format', 'json', '--rule', 'duplicate'], { cwd: dir, env: TODAY });
      expect(run.code).toBe(1);
      const found = (JSON.parse(run.stdout) as Json).diagnostics.filter((d) => d.file === 'kmsw.yaml');
      const [li, wang] = [lineOf('name: 李明'), lineOf('name: 王芳')];
      expect(found).toEqual([
        expect.objectContaining({
          line: lineOf('name: 李明', 1),
          rule: 'duplicate',
          severity: 'error',
          message: `督导助理“李明”写了两次：第 ${li} 行和第 ${li + 2} 行`,
        }),
        expect.objectContaining({
          line: lineOf('name: 王芳', 1),
          message: `督导专家“王芳”写了两次：第 ${wang} 行和第 ${lineOf('name: 王芳', 1)} 行`,
        }),
        expect.objectContaining({
          line: lineOf('stations: [红云'),
          message: `五华区的社工站“红云街道社工站”在第 ${lineOf('stations: [红云')} 行写了两次`,
        }),
      ]);
      const text = kmsw(['check'], { cwd: dir, env: TODAY });
      expect(text.stdout).toContain(`提示：删去其中一项；在此之前 kmsw 只按第 ${li} 行的那一项计算`);
      const status = kmsw(['status', '--format', 'json'], { cwd: dir, env: TODAY });
      const names = (JSON.parse(status.stdout) as { logs: { assistants: Array<{ name: string }> } }).logs.assistants;
      expect(names.map((a) => a.name)).toEqual(['李明', '赵雪']);
      // Off like any rule.
      const off = tempFolder({ 'kmsw.yaml': `${TWICE}rules:\n  duplicate: off\n` });
      expect(kmsw(['check', '--rule', 'duplicate'], { cwd: off, env: TODAY }).code).toBe(0);
    },
    forRuns(4),
  );
});
