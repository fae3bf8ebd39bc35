import type { AppLocale } from '@/i18n/config';
import { DASH } from './number';

// Dates are calendar days ('YYYY-MM-DD') or ISO timestamps; days are shown as
// they are, timestamps in Moscow time (UTC+3 all year since 2014). Month names
// are spelled here rather than by Intl, because the server's and the browser's
// ICU differ ("Sep" / "Sept", spaces in ranges) and a mismatch breaks hydration.
// Days here, timestamps in ./date.ts (which re-exports these), so a page that
// shows only days carries only this in the browser (docs/benchmarks.md, first-load JavaScript);
// the charts' short forms in ./day-axis.ts, built on the helpers here.

export const MONTHS: Record<AppLocale, { inDate: string[]; alone: string[] }> = {
  ru: {
    inDate: ['янв.', 'февр.', 'мар.', 'апр.', 'мая', 'июн.', 'июл.', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'],
    alone: ['янв.', 'февр.', 'март', 'апр.', 'май', 'июнь', 'июль', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'],
  },
  en: {
    inDate: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    alone: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
};
export const NBSP = '\u00a0';

interface Ymd {
  y: number;
  m: number; // 0-11
  d: number;
}

export function ymdOf(day: string | null | undefined): Ymd | null {
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

export const dm = (p: Ymd, l: AppLocale) => `${p.d}${NBSP}${MONTHS[l].inDate[p.m]}`;

/** "26 нояб. 2026" / "26 Nov 2026". */
export function formatDay(day: string | null | undefined, locale: AppLocale): string {
  const p = ymdOf(day);
  return p ? `${dm(p, locale)} ${p.y}` : DASH;
}

/** "1–30 нояб. 2026", "28 окт. – 3 нояб. 2026", "28 дек. 2025 – 3 янв. 2026". */
export function formatRange(from: string, to: string, locale: AppLocale): string {
  const a = ymdOf(from);
  const b = ymdOf(to);
  if (!a || !b) return DASH;
  if (from === to) return formatDay(from, locale);
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d}${NBSP}${MONTHS[locale].inDate[b.m]} ${b.y}`;
  if (a.y === b.y) return `${dm(a, locale)} – ${dm(b, locale)} ${b.y}`;
  return `${formatDay(from, locale)} – ${formatDay(to, locale)}`;
}
