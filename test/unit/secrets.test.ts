import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, loadOrCreateKey, maskSecret, parseKey } from '../../lib/crypto/secrets';

describe('secrets', () => {
  const key = crypto.randomBytes(32);

  it('round-trips and never stores the plain text', () => {
    const token = 'vk1.a.SECRET-token-Ёж';
    const enc = encryptSecret(token, key);
    expect(enc.ciphertext.toString('utf8')).not.toContain('SECRET');
    expect(decryptSecret(enc, key)).toBe(token);
  });

  it('detects tampering and a wrong key', () => {
    const enc = encryptSecret('abc', key);
    enc.ciphertext[0] = enc.ciphertext[0]! ^ 1;
    expect(() => decryptSecret(enc, key)).toThrow();
    expect(() => decryptSecret(encryptSecret('abc', key), crypto.randomBytes(32))).toThrow();
  });

  it('masks all but a recognisable prefix and suffix', () => {
    expect(maskSecret('vk1.a.abcdefghijklmnop')).toBe('vk1•••••••mnop');
    expect(maskSecret('short')).toBe('•••••');
  });

  it('generates a key once into the data directory and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-key-'));
    const a = loadOrCreateKey(undefined, dir);
    const b = loadOrCreateKey(undefined, dir);
    expect(a.equals(b)).toBe(true);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(() => parseKey('zz')).toThrow(/64 hex/);
    fs.rmSync(dir, { recursive: true });
  });
});
