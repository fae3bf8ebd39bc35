import type { AppLocale } from '@/i18n/config';
import { DASH } from './number';

// Dates are calendar days ('YYYY-MM-DD') or ISO timestamps; days are shown as
// they are, timestamps in Moscow time (UTC+3 all year since 2014). Month names
// are spelled here rather than by Intl, because the server's and the browser's
// ICU differ ("Sep" / "Sept", spaces in ranges) and a mismatch breaks hydration.

const MONTHS: Record<AppLocale, { inDate: string[]; alone: string[] }> = {
  ru: {
    inDate: ['янв.', 'февр.', 'мар.', 'апр.', 'мая', 'июн.', 'июл.', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'],
    alone: ['янв.', 'февр.', 'март', 'апр.', 'май', 'июнь', 'июль', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'],
  },
  en: {
    inDate: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    alone: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
};
const NBSP = '\u00a0';
const MSK_OFFSET_MS = 3 * 3_600_000;

interface Ymd {
  y: number;
  m: number; // 0-11
  d: number;
}

function parseDay(day: string | null | undefined): Ymd | null {
  if (!day) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  const d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo || dt.getUTCDate() !== d) return null;
  return { y, m: mo, d };
}

const dm = (p: Ymd, l: AppLocale) => `${p.d}${NBSP}${MONTHS[l].inDate[p.m]}`;

/** "26 нояб. 2026" / "26 Nov 2026". */
export function formatDay(day: string | null | undefined, locale: AppLocale): string {
  const p = parseDay(day);
  return p ? `${dm(p, locale)} ${p.y}` : DASH;
}

/** "26 нояб." / "26 Nov" — for chart axes. */
export function formatDayShort(day: string | null | undefined, locale: AppLocale): string {
  const p = parseDay(day);
  return p ? dm(p, locale) : DASH;
}

/** "нояб. 2026" / "Nov 2026". */
export function formatMonth(day: string | null | undefined, locale: AppLocale): string {
  const p = parseDay(day);
  return p ? `${MONTHS[locale].alone[p.m]} ${p.y}` : DASH;
}

/** "1–30 нояб. 2026", "28 окт. – 3 нояб. 2026", "28 дек. 2025 – 3 янв. 2026". */
export function formatRange(from: string, to: string, locale: AppLocale): string {
  const a = parseDay(from);
  const b = parseDay(to);
  if (!a || !b) return DASH;
  if (from === to) return formatDay(from, locale);
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d}${NBSP}${MONTHS[locale].inDate[b.m]} ${b.y}`;
  if (a.y === b.y) return `${dm(a, locale)} – ${dm(b, locale)} ${b.y}`;
  return `${formatDay(from, locale)} – ${formatDay(to, locale)}`;
}

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
