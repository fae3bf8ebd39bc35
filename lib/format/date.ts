import type { AppLocale } from '@/i18n/config';
import { DASH } from './number';

// Dates are calendar days ('YYYY-MM-DD') or ISO timestamps; days are shown as
// they are (no time-zone shift), timestamps in Moscow time.

const tag = (l: AppLocale) => (l === 'ru' ? 'ru-RU' : 'en-GB');

function dayDate(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "26 нояб. 2026" / "26 Nov 2026". */
export function formatDay(day: string | null | undefined, locale: AppLocale): string {
  const d = day ? dayDate(day) : null;
  if (!d) return DASH;
  const s = new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  return s.replace(/\s?г\.$/, '');
}

/** "26 нояб." / "26 Nov" — for chart axes. */
export function formatDayShort(day: string | null | undefined, locale: AppLocale): string {
  const d = day ? dayDate(day) : null;
  if (!d) return DASH;
  return new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
}

/** "нояб. 2026" / "Nov 2026". */
export function formatMonth(day: string | null | undefined, locale: AppLocale): string {
  const d = day ? dayDate(day) : null;
  if (!d) return DASH;
  return new Intl.DateTimeFormat(tag(locale), { month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(d)
    .replace(/\s?г\.$/, '');
}

/** "1–30 нояб. 2026" style range, built from two days. */
export function formatRange(from: string, to: string, locale: AppLocale): string {
  if (from === to) return formatDay(from, locale);
  const a = dayDate(from);
  const b = dayDate(to);
  if (!a || !b) return DASH;
  const f = new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return f.formatRange(a, b).replace(/\s?г\.$/, '');
}

/** "26 нояб. 2026, 14:05" in Moscow time. */
export function formatTimestamp(iso: string | Date | null | undefined, locale: AppLocale): string {
  if (!iso) return DASH;
  const d = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(d.getTime())) return DASH;
  return new Intl.DateTimeFormat(tag(locale), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Moscow',
  })
    .format(d)
    .replace(/\s?г\.,/, ',');
}

/** Hours between a timestamp and now; null when unknown. */
export function ageHours(iso: string | Date | null | undefined, now: Date = new Date()): number | null {
  if (!iso) return null;
  const d = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return (now.getTime() - d.getTime()) / 3_600_000;
}

/** "2 ч назад" / "2 hr. ago", "только что" / "now" under a minute. */
export function formatRelative(iso: string | Date | null | undefined, locale: AppLocale, now: Date = new Date()): string {
  const h = ageHours(iso, now);
  if (h === null) return DASH;
  const rtf = new Intl.RelativeTimeFormat(locale, { style: 'short', numeric: 'auto' });
  const mins = Math.round(h * 60);
  if (Math.abs(mins) < 1) return rtf.format(0, 'second');
  if (Math.abs(mins) < 60) return rtf.format(-mins, 'minute');
  if (Math.abs(h) < 48) return rtf.format(-Math.round(h), 'hour');
  const days = Math.round(h / 24);
  if (Math.abs(days) < 60) return rtf.format(-days, 'day');
  return rtf.format(-Math.round(days / 30), 'month');
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
