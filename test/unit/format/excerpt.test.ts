import { describe, expect, it } from 'vitest';
import { excerpt, EXCERPT_CHARS } from '../../../lib/format/excerpt';

describe('excerpt', () => {
  it('quotes short input whole, escaping control characters', () => {
    expect(excerpt('abc')).toBe('"abc"');
    expect(excerpt('a\0b\r\nc')).toBe('"a\\u0000b\\r\\nc"');
    expect(excerpt(12)).toBe('"12"');
  });

  it('quotes a short prefix of long input with its length', () => {
    const big = 'x'.repeat(45 * 1024 * 1024);
    const e = excerpt(big);
    expect(e.length).toBeLessThan(EXCERPT_CHARS + 40);
    expect(e).toBe(`"${'x'.repeat(EXCERPT_CHARS)}…" (${big.length} characters)`);
  });

  it('never splits a surrogate pair', () => {
    const s = `${'a'.repeat(EXCERPT_CHARS - 1)}😀tail`;
    expect(excerpt(s)).toBe(`"${'a'.repeat(EXCERPT_CHARS - 1)}…" (${s.length} characters)`);
  });
});
