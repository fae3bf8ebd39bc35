import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, maskSecret } from '../../../lib/crypto/secrets';
import { csvCell, csvLine } from '../../../lib/export/cells';
import { safeNextPath } from '../../../lib/auth/next-path';
import { oidcConfig } from '../../../lib/auth/config';

describe('token encryption', () => {
  const key = crypto.randomBytes(32);
  const token = 'vk1.a.abcdefghijklmnopqrstuvwxyz0123456789';

  it('round-trips and never stores the plaintext', () => {
    const enc = encryptSecret(token, key);
    expect(enc.ciphertext.toString('utf8')).not.toContain('abcdefghij');
    expect(decryptSecret(enc, key)).toBe(token);
    // A fresh IV each time: equal tokens do not give equal ciphertexts.
    expect(encryptSecret(token, key).ciphertext.equals(enc.ciphertext)).toBe(false);
  });

  it('refuses a tampered ciphertext or the wrong key', () => {
    const enc = encryptSecret(token, key);
    const bad = Buffer.from(enc.ciphertext);
    bad[0] ^= 1;
    expect(() => decryptSecret({ ...enc, ciphertext: bad }, key)).toThrow();
    expect(() => decryptSecret(enc, crypto.randomBytes(32))).toThrow();
  });

  it('masks enough to recognise, not to use', () => {
    const m = maskSecret(token);
    expect(m.endsWith('6789')).toBe(true);
    expect(m.replace(/•/g, '')).toHaveLength(4);
    expect(m).not.toContain('abcdef');
  });
});

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', `"'+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['plain', '"plain"'],
    ['a,b', '"a,b"'],
  ])('%j -> %j', (input, out) => {
    expect(csvLine([csvCell(input, 'text', 'comma')], 'comma')).toBe(`${out}\r\n`);
  });
  it('writes objects as JSON and nulls as empty', () => {
    expect(csvLine([csvCell(null, 'text', 'comma'), csvCell({ x: 1 }, 'text', 'comma')], 'comma')).toBe(',"{""x"":1}"\r\n');
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/branches/x', '/branches/x'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['/\\evil', '/'],
    [undefined, '/'],
    ['/api/auth/sign-out', '/'],
  ])('%s -> %s', (input, out) => expect(safeNextPath(input)).toBe(out));
});

describe('OIDC configuration', () => {
  it('is off unless issuer, client id and secret are all set', () => {
    expect(oidcConfig({})).toBeNull();
    expect(oidcConfig({ PODIUM_OIDC_ISSUER: 'https://id.example' })).toBeNull();
    expect(
      oidcConfig({ PODIUM_OIDC_ISSUER: 'https://id.example/', PODIUM_OIDC_CLIENT_ID: 'c', PODIUM_OIDC_CLIENT_SECRET: 's' }),
    ).toMatchObject({
      discoveryUrl: 'https://id.example/.well-known/openid-configuration',
      label: 'SSO',
    });
  });
});
