import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateAuthSecret, trustedOrigins } from '../../../lib/auth/config';

describe('auth secret', () => {
  it('is generated once into the data directory (0600) and reused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-auth-'));
    const a = loadOrCreateAuthSecret(undefined, dir);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(loadOrCreateAuthSecret(undefined, dir)).toBe(a);
    expect(fs.statSync(path.join(dir, 'auth.secret')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  it('comes from BETTER_AUTH_SECRET when set, and must be long enough', () => {
    expect(loadOrCreateAuthSecret('x'.repeat(40), '/nonexistent')).toBe('x'.repeat(40));
    expect(() => loadOrCreateAuthSecret('short', '/nonexistent')).toThrow(/32/);
  });
});

describe('trusted origins', () => {
  it('include the base URL and the local addresses of the port', () => {
    process.env.PORT = '3100';
    process.env.PODIUM_TRUSTED_ORIGINS = 'https://podium.example.org, https://alt.example.org';
    expect(trustedOrigins('https://podium.example.org/')).toEqual([
      'https://podium.example.org',
      'http://localhost:3100',
      'http://127.0.0.1:3100',
      'https://alt.example.org',
    ]);
    delete process.env.PODIUM_TRUSTED_ORIGINS;
    delete process.env.PORT;
  });
});
