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

/** "vk1.a•••••••3f9c": enough to recognise a token, never enough to use it. */
export function maskSecret(plain: string): string {
  if (plain.length <= 8) return '•'.repeat(plain.length);
  return `${plain.slice(0, 3)}•••••••${plain.slice(-4)}`;
}

/**
 * The key from PODIUM_SECRET_KEY, or for the embedded default one generated
 * once into the data directory (mode 0600).
 */
export function loadOrCreateKey(envKey: string | undefined, dataDir: string): Buffer {
  if (envKey) return parseKey(envKey);
  const file = path.resolve(dataDir, 'secret.key');
  if (fs.existsSync(file)) return parseKey(fs.readFileSync(file, 'utf8').trim());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const hex = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, `${hex}\n`, { mode: 0o600 });
  return Buffer.from(hex, 'hex');
}

/** The key the running process uses (env, else the data directory's file). */
export function secretKey(): Buffer {
  return loadOrCreateKey(process.env.PODIUM_SECRET_KEY, process.env.PODIUM_DATA_DIR || '.data');
}
