import { KmswError } from '../errors.js';
import { say } from '../i18n.js';

/** `*` within a name, `**` across folders, `?` one character, `{a,b}` either. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob.slice(i + 1, end).split(',').map(escape).join('|')})`;
        i = end;
      }
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`, 'u');
}

const escape = (s: string) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');

const GLOB = /[*?{]/;

/**
 * The record files that the given paths name: a file, a folder (everything under it), or a glob,
 * each relative to the records folder. A path that names nothing is refused, so a typo is not
 * mistaken for a clean check.
 */
export function selectFiles(files: readonly string[], patterns: readonly string[]): Set<string> {
  const selected = new Set<string>();
  for (const pattern of patterns) {
    const p = pattern.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
    const matches = GLOB.test(p)
      ? files.filter((f) => globToRegExp(p).test(f))
      : p === '' || p === '.'
        ? [...files]
        : files.filter((f) => f === p || f.startsWith(`${p}/`));
    if (matches.length === 0) throw new KmswError(say(`“${pattern}”不是资料文件夹里的记录文件或文件夹`, `"${pattern}" names no record file or folder in the records folder`));
    for (const f of matches) selected.add(f);
  }
  return selected;
}
