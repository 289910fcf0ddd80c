/**
 * `kmsw check --rule <id>` says of <id> exactly what `kmsw check` says of it. The rules that count only records
 * without errors (quota, evaluation-count: rules/index.ts's COUNT_CLEAN) need every record rule to run even when
 * asked for alone: `--rule evaluation-count` used to count a session with an error, and so said nothing where
 * `check` warned that the evaluation's written count was more than the records bear out.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/commands/check.js';
import { RULE_IDS } from '../src/rules/ids.js';
import { COUNT_CLEAN, FOLDER_RULES } from '../src/rules/index.js';
import { listRecordFiles } from '../src/records/load.js';
import { folderFacts } from '../src/scan/evaluation.js';
import { openFolder } from '../src/scan/open.js';
import type { Diagnostic } from '../src/rules/types.js';
import { EXAMPLE, kmsw, tempFolder } from './helpers.js';

const TODAY = '2026-11-30';
const INDIVIDUAL = '2026/11/individual/2026-11-25-周强.yaml';
const brief = (d: Diagnostic) => [d.file, d.line, d.column, d.rule, d.severity, d.message].join(' ');

describe('check --rule <id> against check', () => {
  let dir: string;
  let all: Diagnostic[];
  beforeAll(async () => {
    dir = tempFolder({}, 'kmsw-rule-subset-');
    cpSync(EXAMPLE, dir, { recursive: true });
    // One of 王芳's three November sessions gets an error: her evaluation's "done: 3" is then more than counted.
    const file = path.join(dir, INDIVIDUAL);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^duration: .*$/m, 'duration: 很久'));
    all = (await check({ root: dir, today: TODAY })).diagnostics;
  });

  it('the folder shows an evaluation-count warning that leaves the session with an error out', () => {
    const found = all.filter((d) => d.rule === 'evaluation-count');
    expect(found.map((d) => d.message)).toEqual([
      '完成次数写的是 3 次，记录统计为 2 次（另有 1 份记录有错误，未计入）',
    ]);
  });

  it('every rule alone finds what the whole check finds of it', async () => {
    for (const id of RULE_IDS) {
      const alone = (await check({ root: dir, today: TODAY, rules: [id] })).diagnostics;
      expect(alone.map(brief), id).toEqual(all.filter((d) => d.rule === id).map(brief));
    }
  });

  it('through the binary too: --rule evaluation-count --format json', () => {
    const run = kmsw(['--dir', dir, '--today', TODAY, 'check', '--rule', 'evaluation-count', '--format', 'json']);
    const diagnostics: Diagnostic[] = JSON.parse(run.stdout).diagnostics;
    expect(diagnostics.map(brief)).toEqual(all.filter((d) => d.rule === 'evaluation-count').map(brief));
    expect(run.code).toBe(0);
  });
});

describe('COUNT_CLEAN', () => {
  // The list is kept by hand: a folder rule that reads ctx.counts and is not on it would bring the difference above
  // back for its own id. Each folder rule runs here over records.example with counts watched.
  it('names every folder rule that asks whether a record counts', async () => {
    const { facts } = await folderFacts(EXAMPLE, TODAY);
    const files = await listRecordFiles(EXAMPLE);
    const asking = new Set<string>();
    // Plain and with --year (quota runs only for a year).
    for (const year of [undefined, 2026]) {
      const { ctx } = await openFolder({ root: EXAMPLE, today: TODAY, year });
      for (const [rule, ids] of FOLDER_RULES) {
        let asked = false;
        rule(facts, { ...ctx, counts: (r) => ((asked = true), ctx.counts!(r)) }, files);
        if (asked) for (const id of ids) asking.add(id);
      }
    }
    expect([...asking].sort()).toEqual([...COUNT_CLEAN].sort());
  });
});
