/**
 * `kmsw check --fix` and `--fix-dry-run`: check, mend each file's fixable slips (scan/fix.ts), write
 * them atomically unless the file changed meanwhile, move misplaced records, then check again. Returns
 * what was (or would be) fixed, what was left and why, and the check that remains.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { msg } from '../i18n.js';
import { decode } from '../records/decode.js';
import { insideFolder, readRegular } from '../records/inside.js';
import { MAX_FILE_BYTES } from '../records/load.js';
import { inGitWorkTree, moveRecord } from '../records/move.js';
import { writeAtomic } from '../records/write.js';
import type { RuleId } from '../rules/ids.js';
import type { Diagnostic } from '../rules/types.js';
import { CONFIG_FILE } from '../config.js';
import { answeredBy, FIXABLE, planConfigFix, planFix, type FileFix, type FixResult } from '../scan/fix.js';
import type { CheckResult } from '../scan/results.js';
import { configLoads, openFolder } from '../scan/open.js';
import { testOnlyHold } from '../test-pause.js';
import { check, type CheckOptions } from './check.js';

export interface FixOptions extends Omit<CheckOptions, 'staged'> {
  /** `--fix-dry-run`: plan and show, change nothing. */
  dryRun?: boolean;
}

const BOM = '\uFEFF';

export async function fix(opts: FixOptions): Promise<FixResult> {
  // kmsw.yaml first: a slip in it stops the check itself. A dry run checks with kmsw.yaml as --fix would leave it.
  // Files named on the command line: kmsw.yaml only when it is one of them.
  const config = !opts.paths || opts.paths.includes(CONFIG_FILE) ? await configPlan(opts) : undefined;
  if (config && !opts.dryRun) await apply(opts.root, config.fix, config.bytes, false);
  const mended = config && opts.dryRun && config.fix.after !== config.fix.before ? config.fix.after : undefined;
  const before = await check({ ...opts, configText: mended });
  const files = [...(config ? [config] : []), ...(await plans(opts, before, mended))];
  if (opts.dryRun) return { dryRun: true, files: files.map((f) => f.fix), check: before };
  testOnlyHold('fix-read');
  const git = files.some((f) => f.fix.to) && inGitWorkTree(opts.root);
  for (const f of files) if (f !== config) await apply(opts.root, f.fix, f.bytes, git);
  // A file named on the command line is checked again where it went.
  const moved = new Map(files.filter((f) => f.fix.moved).map((f) => [f.fix.file, f.fix.to!]));
  const paths = opts.paths?.map((p) => moved.get(p) ?? p);
  return { dryRun: false, files: files.map((f) => f.fix), check: await check({ ...opts, paths }) };
}

/** What `--fix` would do to each file with a fixable finding in `before`, and the bytes it planned from. */
async function plans(
  opts: FixOptions,
  before: CheckResult,
  configText?: string,
): Promise<Array<{ fix: FileFix; bytes: Buffer }>> {
  const names = [
    ...new Set(before.diagnostics.filter((d) => FIXABLE.includes(d.rule) && d.file !== CONFIG_FILE).map((d) => d.file)),
  ];
  if (names.length === 0) return [];
  // A dry run plans with kmsw.yaml as --fix would leave it, as it checked.
  const config = configText === undefined ? undefined : Buffer.from(configText);
  const { ctx, settings } = await openFolder({ ...opts, config });
  const enabled = (id: RuleId) =>
    (!opts.rules || opts.rules.includes(id)) && settings.severity.get(id) !== 'off' && FIXABLE.includes(id);
  const exists = (rel: string) => existsSync(path.join(opts.root, rel));
  const files: Array<{ fix: FileFix; bytes: Buffer }> = [];
  for (const file of names) {
    const read = readText(opts.root, file);
    if (!read) continue;
    const own = before.diagnostics.filter((d) => d.file === file);
    const plan = planFix(file, read.text, own, ctx, enabled, exists);
    if (plan.after !== plan.before || plan.to || plan.kept.length > 0) files.push({ fix: plan, bytes: read.bytes });
  }
  return files;
}

/**
 * The diagnostics of a check that `check --fix` with the same options would answer: planned as `--fix` plans, nothing
 * written. Only the files with a fixable finding are read again.
 */
export async function fixable(opts: FixOptions, result: CheckResult): Promise<Diagnostic[]> {
  const files = await plans(opts, result);
  const config = result.diagnostics.some((d) => d.file === CONFIG_FILE && FIXABLE.includes(d.rule))
    ? await configPlan(opts)
    : undefined;
  if (config) files.unshift(config);
  if (files.length === 0) return [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  return files.flatMap(({ fix: plan }) => answeredBy(plan, byFile.get(plan.file) ?? []));
}

/** What --fix would do to kmsw.yaml, and the bytes it planned from; undefined when there is nothing to do. */
async function configPlan(opts: FixOptions): Promise<{ fix: FileFix; bytes: Buffer } | undefined> {
  const read = readText(opts.root, CONFIG_FILE);
  if (!read) return undefined;
  const plan = planConfigFix(read.text, (id) => (!opts.rules || opts.rules.includes(id)) && FIXABLE.includes(id));
  // Mended, it must read as the folder's settings: a kmsw.yaml that stops every command is not rewritten into another
  // that does (the check then says what else is wrong).
  if (plan.after !== plan.before && !(await configLoads(opts.root, plan.after))) {
    Object.assign(plan, { after: plan.before, notes: [] });
    plan.kept.push(msg().configFix.stillUnreadable);
  }
  return plan.after !== plan.before || plan.kept.length > 0 ? { fix: plan, bytes: read.bytes } : undefined;
}

/** A record's bytes and text (BOM apart); undefined when it cannot be read as UTF-8 (check has said why). */
function readText(root: string, file: string): { bytes: Buffer; text: string } | undefined {
  try {
    const bytes = readRegular(insideFolder(root, file, { for: 'write' }), MAX_FILE_BYTES, {
      shown: file,
      noFollow: true,
    });
    const decoded = decode(bytes);
    return decoded.ok ? { bytes, text: decoded.text } : undefined;
  } catch {
    return undefined;
  }
}

/** Writes one file's fixes unless it changed since it was read, then moves it where it belongs. */
async function apply(root: string, f: FileFix, bytes: Buffer, git: boolean): Promise<void> {
  if (f.after === f.before && !f.to) return;
  const now = readText(root, f.file);
  // Written by someone else meanwhile (an editor saving): their text wins, nothing is written or moved.
  if (!now || !now.bytes.equals(bytes)) return void (f.skipped = msg().fix.changedMeanwhile);
  // The date is written anew for the move: where the move cannot be made, nothing is written.
  if (f.to && existsSync(path.join(root, f.to))) return void f.kept.push(msg().fix.targetExists(f.to));
  if (f.after !== f.before) {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    try {
      await writeAtomic(insideFolder(root, f.file, { for: 'write' }), (bom ? BOM : '') + f.after);
    } catch (e) {
      return void (f.skipped = msg().fix.writeFailed((e as Error).message));
    }
  }
  if (!f.to) return;
  const done = await moveRecord(root, f.file, f.to, git);
  if (done.ok) f.moved = { git: done.git };
  else f.kept.push(done.exists ? msg().fix.targetExists(f.to) : msg().fix.moveFailed(f.to, done.why));
}
