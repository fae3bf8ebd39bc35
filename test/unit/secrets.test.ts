import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadOrCreateAuthSecret } from '../../lib/auth/config';
import { decryptSecret, encryptSecret, loadOrCreateKey, maskSecret, parseKey } from '../../lib/crypto/secrets';

const TSX = path.resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');

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

  it('masks all but at most 4 characters, fewer for short tokens, and hides the length', () => {
    expect(maskSecret('vk1.a.abcdefghijklmnop')).toBe('••••••••mnop');
    expect(maskSecret('123456789')).toBe('••••••••9');
    expect(maskSecret('1234567890ab')).toBe('••••••••ab');
    expect(maskSecret('12345')).toBe('••••••••5');
    expect(maskSecret('abc')).toBe('••••••••');
    for (let n = 0; n <= 200; n++) {
      const token = 'x'.repeat(n);
      const shown = maskSecret(token).replace(/•/g, '').length;
      expect(shown).toBeLessThanOrEqual(Math.min(4, Math.floor(n / 5)));
      expect(maskSecret(token).length).toBe(8 + shown);
    }
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

  it('reads the file another process created first, waiting for its content', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-key-'));
    const file = path.join(dir, 'secret.key');
    // Created but not yet written (the other process is between open and write).
    fs.writeFileSync(file, '', { mode: 0o600 });
    const hex = 'ab'.repeat(32);
    const writer = spawn(process.execPath, [
      '-e',
      `setTimeout(() => require('fs').writeFileSync(${JSON.stringify(file)}, '${hex}\\n'), 300)`,
    ]);
    try {
      expect(loadOrCreateKey(undefined, dir).toString('hex')).toBe(hex);
    } finally {
      writer.kill();
      fs.rmSync(dir, { recursive: true });
    }
  });

  it.each(['key', 'auth'])('gives processes starting together on a fresh data directory the same %s', { timeout: 60_000 }, async (kind) => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'podium-race-')), 'data');
    const startAt = Date.now() + 4000;
    const child = path.resolve(import.meta.dirname, '../helpers/secret-file-child.ts');
    const runs = Array.from(
      { length: 6 },
      () =>
        new Promise<string>((resolve, reject) => {
          const p = spawn(process.execPath, [TSX, child, kind, dir, String(startAt)], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          let err = '';
          p.stdout.on('data', (d: Buffer) => (out += d.toString()));
          p.stderr.on('data', (d: Buffer) => (err += d.toString()));
          p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`))));
        }),
    );
    const secrets = await Promise.all(runs);
    expect(Date.now()).toBeGreaterThan(startAt);
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, kind === 'key' ? 'secret.key' : 'auth.secret');
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(secrets[0]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.rmSync(path.dirname(dir), { recursive: true });
  });
});

describe('a damaged secret file', () => {
  it('is refused with a message naming the file, never used', { timeout: 20_000 }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-key-'));
    fs.writeFileSync(path.join(dir, 'secret.key'), 'not-hex\n');
    fs.writeFileSync(path.join(dir, 'auth.secret'), '\n');
    expect(() => loadOrCreateKey(undefined, dir)).toThrow(/secret\.key exists but does not hold a valid secret/);
    expect(() => loadOrCreateAuthSecret(undefined, dir)).toThrow(/auth\.secret exists but does not hold a valid secret/);
    fs.rmSync(dir, { recursive: true });
  });
});
