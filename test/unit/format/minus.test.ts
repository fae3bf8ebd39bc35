import { describe, expect, it } from 'vitest';
import { formatCompact, formatFixed, formatNumber, formatPercent, MINUS } from '../../../lib/format/number';
import { formatSigned } from '../../../lib/format/signed';

// Signed numbers carry the typographic minus (U+2212) everywhere, never a hyphen.
describe('typographic minus', () => {
  it.each(['ru', 'en'] as const)('is used by every formatter (%s)', (locale) => {
    for (const text of [
      formatNumber(-1.8, locale),
      formatFixed(-1.8, locale, 1),
      formatPercent(-1.8, locale),
      formatCompact(-12_345, locale),
      formatSigned(-3, locale, 0),
    ]) {
      expect(text.startsWith(MINUS), text).toBe(true);
      expect(text).not.toContain('-');
    }
  });
  it('is U+2212', () => {
    expect(MINUS.codePointAt(0)).toBe(0x2212);
    expect(formatPercent(-1.8, 'ru').replace(/\s/g, ' ')).toBe('−1,8 %');
  });
});
