import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from '@/i18n/config';
import { formatDay, formatMonth, formatRange, formatRelative, freshnessLevel, formatTimestamp } from '@/lib/format/date';
import { DASH, formatCompact, formatNumber, formatPercent, formatRatio, formatShare } from '@/lib/format/number';
import { formatChangePct, formatSigned } from '@/lib/format/signed';
import { EN_FOLLOWERS, pluralWord, RU_FOLLOWERS } from '@/lib/format/plural';

// Intl uses no-break spaces as group separators in Russian; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('numbers', () => {
  it('groups and separates decimals per locale', () => {
    expect(plain(formatNumber(1234.5, 'ru'))).toBe('1 234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(-0, 'en')).toBe('0');
  });

  it('never prints NaN, undefined or Infinity', () => {
    for (const v of [null, undefined, NaN, Infinity, -Infinity]) {
      for (const l of ['ru', 'en'] as const) {
        expect(formatNumber(v, l)).toBe(DASH);
        expect(formatCompact(v, l)).toBe(DASH);
        expect(formatPercent(v, l)).toBe(DASH);
        expect(formatChangePct(v, l)).toBe(DASH);
        expect(formatSigned(v, l)).toBe(DASH);
        expect(formatRatio(v, l)).toBe(DASH);
        expect(formatShare(v, l)).toBe(DASH);
      }
    }
  });

  it('compacts large numbers in both locales', () => {
    expect(plain(formatCompact(12_345, 'ru'))).toBe('12,3 тыс.');
    expect(formatCompact(12_345, 'en')).toBe('12.3K');
    expect(plain(formatCompact(1_234_567, 'ru'))).toBe('1,2 млн');
    expect(formatCompact(1_234_567, 'en')).toBe('1.2M');
    expect(plain(formatCompact(9_999, 'ru'))).toBe('9 999');
    expect(formatCompact(42.25, 'en')).toBe('42.3');
  });

  it('formats percentages with one decimal and signed changes', () => {
    expect(plain(formatPercent(12.345, 'ru'))).toBe('12,3 %');
    expect(formatPercent(12.345, 'en')).toBe('12.3%');
    expect(formatPercent(0, 'en')).toBe('0.0%');
    expect(formatChangePct(4.25, 'en')).toBe('+4.3%');
    expect(plain(formatChangePct(-4, 'ru'))).toBe('−4,0 %');
    expect(formatChangePct(0.01, 'en')).toBe('0.0%');
    expect(formatShare(0.874, 'en')).toBe('87%');
    expect(formatSigned(-12, 'en')).toBe('−12');
    expect(formatRatio(2.14, 'ru')).toBe('2,1×');
  });
});

describe('plural forms', () => {
  it('picks Russian one/few/many', () => {
    const f = (n: number) => `${n} ${pluralWord(n, 'ru', RU_FOLLOWERS)}`;
    expect(f(1)).toBe('1 подписчик');
    expect(f(2)).toBe('2 подписчика');
    expect(f(5)).toBe('5 подписчиков');
    expect(f(11)).toBe('11 подписчиков');
    expect(f(21)).toBe('21 подписчик');
    expect(f(22)).toBe('22 подписчика');
    expect(f(111)).toBe('111 подписчиков');
    expect(pluralWord(1.5, 'ru', RU_FOLLOWERS)).toBe('подписчика');
  });
  it('picks English one/other', () => {
    expect(pluralWord(1, 'en', EN_FOLLOWERS)).toBe('follower');
    expect(pluralWord(0, 'en', EN_FOLLOWERS)).toBe('followers');
    expect(pluralWord(2, 'en', EN_FOLLOWERS)).toBe('followers');
  });
});

describe('dates', () => {
  it('formats calendar days per locale', () => {
    expect(plain(formatDay('2026-11-26', 'ru'))).toBe('26 нояб. 2026');
    expect(plain(formatDay('2026-11-26', 'en'))).toBe('26 Nov 2026');
    expect(plain(formatDay('2026-05-09', 'ru'))).toBe('9 мая 2026');
    expect(formatDay('2026-02-30', 'ru')).toBe(DASH);
    expect(plain(formatMonth('2026-05-01', 'ru'))).toBe('май 2026');
    expect(plain(formatRange('2026-11-01', '2026-11-30', 'ru'))).toBe('1–30 нояб. 2026');
    expect(plain(formatRange('2026-10-26', '2026-11-01', 'en'))).toBe('26 Oct – 1 Nov 2026');
    expect(plain(formatRange('2025-12-29', '2026-01-04', 'en'))).toBe('29 Dec 2025 – 4 Jan 2026');
    expect(formatDay('not a day', 'en')).toBe(DASH);
    expect(formatDay(null, 'ru')).toBe(DASH);
  });
  it('formats timestamps in Moscow time and says so', () => {
    expect(plain(formatTimestamp('2026-11-26T11:05:00Z', 'ru'))).toBe('26 нояб. 2026, 14:05 МСК');
    expect(plain(formatTimestamp('2026-11-26T22:05:09Z', 'en', { seconds: true }))).toBe('27 Nov 2026, 01:05:09 MSK');
  });
  it('says how long ago, and grades freshness', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    expect(plain(formatRelative('2026-11-26T10:00:00Z', 'ru', now))).toBe('2 ч назад');
    expect(plain(formatRelative('2026-11-26T10:00:00Z', 'en', now))).toBe('2 h ago');
    expect(formatRelative('2026-11-26T11:59:40Z', 'ru', now)).toBe('только что');
    expect(plain(formatRelative('2026-11-26T11:45:00Z', 'en', now))).toBe('15 min ago');
    expect(plain(formatRelative('2026-11-22T12:00:00Z', 'ru', now))).toBe('4 дн. назад');
    expect(formatRelative(null, 'en', now)).toBe(DASH);
    expect(freshnessLevel('2026-11-26T00:00:00Z', now)).toBe('fresh');
    expect(freshnessLevel('2026-11-25T06:00:00Z', now)).toBe('stale');
    expect(freshnessLevel('2026-11-22T00:00:00Z', now)).toBe('old');
    expect(freshnessLevel(undefined, now)).toBe('unknown');
  });
});

describe('locale negotiation', () => {
  it('prefers Russian for Russian-speaking browsers, else English, default ru', () => {
    expect(localeFromAcceptLanguage('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('de-DE,en;q=0.5,ru;q=0.7')).toBe('ru');
    expect(localeFromAcceptLanguage('fr')).toBe('ru');
    expect(localeFromAcceptLanguage(null)).toBe('ru');
  });
});
