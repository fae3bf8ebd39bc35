import type { AppLocale } from '@/i18n/config';
import { formatDay, NBSP } from './day';
import { DASH } from './number';

// Timestamps, shown in Moscow time (UTC+3 all year since 2014); calendar days are in ./day.ts.
export { formatDay, formatRange } from './day';
export { formatDayShort, formatMonth } from './day-axis';

const MSK_OFFSET_MS = 3 * 3_600_000;

function toDate(iso: string | Date | null | undefined): Date | null {
  if (!iso) return null;
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The zone every timestamp is shown in, named after the time (docs/ui.md, "Numbers and dates"). */
const ZONE: Record<AppLocale, string> = { ru: 'МСК', en: 'MSK' };

/** "26 нояб. 2026, 14:05 МСК" / "26 Nov 2026, 14:05 MSK": Moscow time, with its zone; seconds on request. */
export function formatTimestamp(iso: string | Date | null | undefined, locale: AppLocale, opts: { seconds?: boolean } = {}): string {
  const d = toDate(iso);
  if (!d) return DASH;
  const msk = new Date(d.getTime() + MSK_OFFSET_MS);
  const day = msk.toISOString().slice(0, 10);
  const time = msk.toISOString().slice(11, opts.seconds ? 19 : 16);
  return `${formatDay(day, locale)}, ${time}${NBSP}${ZONE[locale]}`;
}

/** Hours between a timestamp and now; null when unknown. */
export function ageHours(iso: string | Date | null | undefined, now: Date = new Date()): number | null {
  const d = toDate(iso);
  return d ? (now.getTime() - d.getTime()) / 3_600_000 : null;
}

const AGO: Record<AppLocale, { now: string; min: string; h: string; d: string; mo: string; ago: (s: string) => string }> = {
  ru: { now: 'только что', min: 'мин', h: 'ч', d: 'дн.', mo: 'мес.', ago: (s) => `${s} назад` },
  en: { now: 'just now', min: 'min', h: 'h', d: 'd', mo: 'mo', ago: (s) => `${s} ago` },
};

/** "2 ч назад" / "2 h ago"; "только что" / "just now" under a minute. */
export function formatRelative(iso: string | Date | null | undefined, locale: AppLocale, now: Date = new Date()): string {
  const h = ageHours(iso, now);
  if (h === null) return DASH;
  const w = AGO[locale];
  const mins = Math.round(h * 60);
  if (mins < 1) return w.now;
  if (mins < 60) return w.ago(`${mins}${NBSP}${w.min}`);
  if (h < 48) return w.ago(`${Math.round(h)}${NBSP}${w.h}`);
  const days = Math.round(h / 24);
  if (days < 60) return w.ago(`${days}${NBSP}${w.d}`);
  return w.ago(`${Math.round(days / 30)}${NBSP}${w.mo}`);
}

export type FreshnessLevel = 'fresh' | 'stale' | 'old' | 'unknown';

/** Amber after 24 h, red after 72 h. */
export function freshnessLevel(iso: string | Date | null | undefined, now: Date = new Date()): FreshnessLevel {
  const h = ageHours(iso, now);
  if (h === null) return 'unknown';
  if (h > 72) return 'old';
  if (h > 24) return 'stale';
  return 'fresh';
}
