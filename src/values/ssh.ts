/**
 * SSH signatures the way Git makes them: `ssh-keygen -Y sign` and `-Y verify` over a digest, in
 * the namespace `kmsw`. Everything handed to ssh-keygen comes from an untrusted folder, so keys and
 * signatures are checked for their exact shape first, the principal is a fixed ASCII word (never a
 * name from the folder), no shell runs, and the temporary files live in a private folder removed after.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const NAMESPACE = 'kmsw';
/** The one principal kmsw writes into its allowed-signers file: a signer's name never reaches ssh-keygen. */
const PRINCIPAL = 'signer';

const KEY_TYPES = [
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
];
/** `<type> <base64>`, then an optional comment (`wangfang@laptop`) that kmsw drops. */
const PUBLIC_KEY = new RegExp(
  `^(${KEY_TYPES.map((t) => t.replace(/[.@]/g, '\\$&')).join('|')}) (AAAA[A-Za-z0-9+/]+={0,2})(?: [\\x21-\\x7e ]*)?$`,
);

/** A public key as `kmsw.yaml` may give it, reduced to `<type> <base64>`; undefined when it is not one. */
export function publicKey(text: string): string | undefined {
  const m = PUBLIC_KEY.exec(text.trim());
  return m ? `${m[1]} ${m[2]}` : undefined;
}

const SIGNATURE = /^-----BEGIN SSH SIGNATURE-----\n(?:[A-Za-z0-9+/=]+\n)+-----END SSH SIGNATURE-----$/;

/** An SSH signature's armour, with its lines as ssh-keygen wrote them; undefined when it is not one. */
export function armouredSignature(text: string): string | undefined {
  const lines = text.replace(/\r\n?/g, '\n').trim();
  return SIGNATURE.test(lines) ? `${lines}\n` : undefined;
}

export type Verdict = 'good' | 'bad' | 'no-ssh-keygen';

let missing = false;

/** Runs ssh-keygen, no shell; remembers for the process when it is not installed. */
function sshKeygen(args: string[], input: string) {
  const r = spawnSync('ssh-keygen', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  if (r.error && 'code' in r.error && r.error.code === 'ENOENT') missing = true;
  return r;
}

/** In a private temporary folder, removed after, whatever happens. */
function inTempFolder<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kmsw-ssh-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether `sig` signs `message` with `key` (a key publicKey() accepted) in kmsw's namespace. */
export function verifySignature(message: string, sig: string, key: string): Verdict {
  if (missing) return 'no-ssh-keygen';
  const armour = armouredSignature(sig);
  const clean = publicKey(key);
  if (!armour || !clean) return 'bad';
  return inTempFolder((dir) => {
    const allowed = path.join(dir, 'allowed_signers');
    const signature = path.join(dir, 'message.sig');
    writeFileSync(allowed, `${PRINCIPAL} namespaces="${NAMESPACE}" ${clean}\n`, { mode: 0o600 });
    writeFileSync(signature, armour, { mode: 0o600 });
    const r = sshKeygen(['-Y', 'verify', '-n', NAMESPACE, '-I', PRINCIPAL, '-f', allowed, '-s', signature], message);
    if (missing) return 'no-ssh-keygen';
    return r.status === 0 ? 'good' : 'bad';
  });
}

/** Whether ssh-keygen was found missing by this process. */
export const sshKeygenMissing = () => missing;

/** TEST ONLY: forgets that ssh-keygen was found missing (tests/support/each-file.ts, after each test file). */
export function forgetSshKeygenMissing(): void {
  missing = false;
}

/** The public half of a private key file, as `<type> <base64>` (ssh-keygen -y); undefined when it cannot be read. */
export function publicKeyOf(keyFile: string): string | undefined {
  const r = sshKeygen(['-y', '-f', keyFile], '');
  return r.status === 0 ? publicKey(r.stdout.split('\n')[0] ?? '') : undefined;
}

/** The signature of `message` with the private key in `keyFile`, or why there is none (ssh-keygen's own words). */
export function signMessage(message: string, keyFile: string): { sig: string } | { error: string } {
  const r = sshKeygen(['-Y', 'sign', '-n', NAMESPACE, '-f', keyFile], message);
  if (missing) return { error: 'ENOENT' };
  const sig = r.status === 0 ? armouredSignature(r.stdout) : undefined;
  return sig ? { sig } : { error: (r.stderr || r.error?.message || `exit ${r.status}`).trim() };
}
