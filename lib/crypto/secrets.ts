import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// API tokens are stored encrypted with AES-256-GCM under PODIUM_SECRET_KEY.
export const KEY_VERSION = 1;

export interface EncryptedSecret {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  keyVersion: number;
}

export function parseKey(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('PODIUM_SECRET_KEY must be 64 hex characters (32 bytes)');
  return Buffer.from(hex, 'hex');
}

export function encryptSecret(plain: string, key: Buffer): EncryptedSecret {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag(), keyVersion: KEY_VERSION };
}

export function decryptSecret(secret: Pick<EncryptedSecret, 'ciphertext' | 'iv' | 'tag'>, key: Buffer): string {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, secret.iv);
  decipher.setAuthTag(secret.tag);
  return Buffer.concat([decipher.update(secret.ciphertext), decipher.final()]).toString('utf8');
}

/**
 * "••••••••3f9c": enough to recognise a token, never enough to use it. At most
 * 4 characters show, and fewer for short tokens (a fifth of the length,
 * rounded down: 9 characters show 1); the mask never tells the length.
 */
export function maskSecret(plain: string): string {
  const chars = [...plain];
  const visible = Math.min(4, Math.floor(chars.length / 5));
  return `••••••••${visible ? chars.slice(-visible).join('') : ''}`;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * A secret kept in a file of the data directory, generated on first use.
 * The file is created exclusively (flag wx, mode 0600): when two processes
 * start on a fresh data directory, one creates it and the other gets EEXIST
 * and reads what the first wrote, so both end with the same secret. A reader
 * that comes between the creation and the write waits for the content.
 */
export function loadOrCreateSecretFile(file: string, generate: () => string, valid: (s: string) => boolean): string {
  const read = (): string => {
    for (let waited = 0; ; waited += 20) {
      const s = fs.readFileSync(file, 'utf8').trim();
      if (valid(s)) return s;
      // Never run with an empty or damaged secret (an empty auth secret would sign nothing).
      if (waited >= 5000)
        throw new Error(`${file} exists but does not hold a valid secret: restore it from a backup, or delete it to generate a new one`);
      sleep(20);
    }
  };
  if (fs.existsSync(file)) return read();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = generate();
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return read();
    throw err;
  }
  try {
    fs.writeSync(fd, `${secret}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return secret;
}

/**
 * The key from PODIUM_SECRET_KEY, or for the embedded default one generated
 * once into the data directory (mode 0600).
 */
export function loadOrCreateKey(envKey: string | undefined, dataDir: string): Buffer {
  if (envKey) return parseKey(envKey);
  const file = path.resolve(dataDir, 'secret.key');
  return parseKey(
    loadOrCreateSecretFile(
      file,
      () => crypto.randomBytes(32).toString('hex'),
      (s) => /^[0-9a-fA-F]{64}$/.test(s),
    ),
  );
}

/** The key the running process uses (env, else the data directory's file). */
export function secretKey(): Buffer {
  return loadOrCreateKey(process.env.PODIUM_SECRET_KEY, process.env.PODIUM_DATA_DIR || '.data');
}
