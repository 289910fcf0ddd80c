/**
 * `report --pdf`: the page printed by a browser already on the computer (Chromium, Chrome or Edge,
 * headless), so that kmsw ships no browser of its own. KMSW_CHROME names one (or `none`); else the
 * first found on PATH, then in the usual install places.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { KmswError } from '../../errors.js';
import { msg } from '../../i18n.js';

/** The names a browser's program has on PATH. */
const ON_PATH = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
  'microsoft-edge-stable',
  'chrome',
  'msedge',
];

/** Where the browsers install themselves when PATH does not name them. */
function usualPlaces(env: NodeJS.ProcessEnv): string[] {
  if (process.platform === 'darwin')
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  if (process.platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((root) => [
      path.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      path.join(root, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
    '/snap/bin/chromium',
  ];
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The browser to print with, or undefined when there is none (KMSW_CHROME=none says so on purpose). */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env.KMSW_CHROME;
  if (given !== undefined && given !== '') {
    if (given === 'none') return undefined;
    if (!isFile(given)) throw new KmswError(msg().reportMaking.browserMissing(given));
    return given;
  }
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of ON_PATH)
    for (const dir of dirs)
      for (const ext of exts) if (isFile(path.join(dir, name + ext))) return path.join(dir, name + ext);
  return usualPlaces(env).find((file) => existsSync(file) && isFile(file));
}

/** The flags that keep a headless print quiet: no profile of the user's, no network of its own, no GPU. */
export const BROWSER_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-pdf-header-footer',
];

/** Prints `html` to `pdf`: written beside it under a temporary name, renamed once whole. */
export async function printToPdf(browser: string, html: string, pdf: string): Promise<void> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kmsw-browser-'));
  const temp = path.join(
    path.dirname(pdf),
    `.${path.basename(pdf)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const args = [...BROWSER_FLAGS, `--user-data-dir=${profile}`, `--print-to-pdf=${temp}`];
    const why = await run(browser, [...args, pathToFileURL(html).href], html);
    const head = existsSync(temp) ? readFileSync(temp).subarray(0, 5).toString('latin1') : '';
    if (head !== '%PDF-')
      throw new KmswError(msg().reportMaking.pdfFailed(browser, why || msg().reportMaking.noPdfWritten, html));
    await rename(temp, pdf);
  } finally {
    await unlink(temp).catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Runs the browser to its end; resolves with the tail of what it said on failure, '' on success. */
function run(browser: string, args: string[], html: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(browser, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    child.stderr.on('data', (chunk: Buffer) => (said = (said + chunk.toString('utf8')).slice(-2000)));
    child.on('error', (e) => reject(new KmswError(msg().reportMaking.pdfFailed(browser, e.message, html))));
    child.on('close', (code) =>
      resolve(code === 0 ? '' : msg().reportMaking.browserExited(code, said.trim().split('\n').slice(-3).join(' '))),
    );
  });
}
