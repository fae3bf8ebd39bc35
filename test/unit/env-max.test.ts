import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-env-max-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('MAX settings', () => {
  it('defaults MAX_API_URL to platform-api2 and leaves MAX_CA_FILE unset', () => {
    const e = parseEnv({});
    expect(e.MAX_API_URL).toBe('https://platform-api2.max.ru');
    expect(e.MAX_CA_FILE).toBeUndefined();
  });

  it('accepts a readable PEM bundle', () => {
    const f = path.join(dir, 'ca.pem');
    fs.writeFileSync(f, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(parseEnv({ MAX_CA_FILE: f }).MAX_CA_FILE).toBe(f);
  });

  it.each([
    [path.join(dir, 'missing.pem'), /MAX_CA_FILE: cannot read .*ENOENT/],
    [dir, /MAX_CA_FILE: .* is not a file/],
    ['ca\u0000.pem', /MAX_CA_FILE: must be a file path \(it contains a NUL byte\)/],
    ['x'.repeat(5000), /MAX_CA_FILE: Too big/],
  ])('refuses %s with a message naming the variable', (value, msg) => {
    expect(() => parseEnv({ MAX_CA_FILE: value })).toThrow(EnvError);
    expect(() => parseEnv({ MAX_CA_FILE: value })).toThrow(msg);
  });

  it('refuses a file that holds no certificate, and a non-https API base', () => {
    const f = path.join(dir, 'key.pem');
    fs.writeFileSync(f, '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n');
    expect(() => parseEnv({ MAX_CA_FILE: f })).toThrow(/MAX_CA_FILE: .* holds no PEM certificate/);
    expect(() => parseEnv({ MAX_API_URL: 'ftp://max.ru' })).toThrow(/MAX_API_URL/);
  });
});
