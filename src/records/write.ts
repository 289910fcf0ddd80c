import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

async function writeTemp(file: string, content: string | Uint8Array): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = tempName(file);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

/** Replaces `file` in one step: a reader, or a crash, sees the old file or the new one, never half of one. */
export async function writeAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temp = await writeTemp(file, content);
  try {
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
}

/**
 * Creates `file` only if nothing is there, atomically: the complete temp file is hard-linked to its
 * name, which fails if the name is taken, even by a process racing us. Returns false when taken.
 */
export async function createExclusive(file: string, content: string | Uint8Array): Promise<boolean> {
  const temp = await writeTemp(file, content);
  try {
    await link(temp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Some file systems (FAT on a USB stick, some network shares) have no hard links: O_EXCL instead.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      return createWithExcl(file, content);
    }
    throw e;
  } finally {
    await unlink(temp).catch(() => {});
  }
}

async function createWithExcl(file: string, content: string | Uint8Array): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Creates `<dir>/<base>.yaml`, or `<base>-2.yaml`, `<base>-3.yaml`… when taken. Never overwrites.
 * Returns the path written.
 */
export async function createUnique(dir: string, base: string, ext: string, content: string): Promise<string> {
  for (let n = 1; ; n++) {
    const file = path.join(dir, `${base}${n === 1 ? '' : `-${n}`}${ext}`);
    if (await createExclusive(file, content)) return file;
  }
}
