import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../../lib/auth/next-path';

// Issue #17: "/%09/evil.example" reached the browser as "/\t/evil.example",
// which browsers read as "//evil.example" – another site.
describe('safeNextPath keeps the visitor on this site', () => {
  it.each([
    ['/branches/tatarstan', '/branches/tatarstan'],
    ['/compare?a=1&b=2#top', '/compare?a=1&b=2#top'],
    ['/', '/'],
    ['/branches/%D0%BA%D0%B0%D0%B7%D0%B0%D0%BD%D1%8C', '/branches/%D0%BA%D0%B0%D0%B7%D0%B0%D0%BD%D1%8C'],
  ])('keeps %j', (input, out) => expect(safeNextPath(input)).toBe(out));

  it.each([
    // the reproduction, as the page receives it (searchParams decode %09 to a tab)
    '/\t/evil.example',
    '/\t/evil.example/landing',
    // still encoded (double-encoded in the query string)
    '/%09/evil.example',
    '/%0a/evil.example',
    '/%0d/evil.example',
    '/%00/evil.example',
    '/%5c/evil.example',
    '/%5C%5Cevil.example',
    '/%2f/evil.example',
    '/%2F%2Fevil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\u0000/evil.example',
    '/\u007f/evil.example',
    '/\u001b/evil.example',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    // dot segments that normalize to a host-relative URL
    '/..//evil.example',
    '/a/..//evil.example',
    '/./%2e%2e//evil.example',
    'https://evil.example',
    'http:/evil.example',
    'javascript:alert(1)',
    ' /branches',
    'evil.example',
    '',
    '/%E0%A4%A',
    '/api/auth/sign-out',
    '/api/auth',
  ])('refuses %j', (input) => expect(safeNextPath(input)).toBe('/'));

  it('refuses a huge value', () => expect(safeNextPath(`/${'a'.repeat(5000)}`)).toBe('/'));

  it('refuses non-strings', () => {
    for (const v of [undefined, null, 42, ['/a', '/b'], { a: 1 }]) expect(safeNextPath(v)).toBe('/');
  });

  it('whatever it returns resolves to this origin in a browser-like parser', () => {
    const inputs = ['/\t/x', '/%09/x', '/..//x', '/\\x', '/ok/path?q=1'];
    for (const i of inputs) {
      const out = safeNextPath(i);
      expect(new URL(out, 'https://podium.example').origin).toBe('https://podium.example');
      // Browsers strip tab/CR/LF before resolving; the result must not change.
      expect(out).not.toMatch(/[\t\r\n\\]/);
      expect(out.startsWith('//')).toBe(false);
    }
  });
});
