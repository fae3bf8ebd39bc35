'use client';

import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { formatDay, formatRelative } from '@/lib/format/date';

/** Shown when the newest data is older than two days (yesterday's data is normal). */
export function StaleBanner({
  lastDataDay,
  nowIso,
  thresholdHours = 72,
}: {
  lastDataDay: string | null;
  nowIso: string;
  thresholdHours?: number;
}) {
  const t = useTranslations('stale');
  const locale = useLocale();
  // "now" comes from the server render, so server and client agree (no layout shift).
  const now = new Date(nowIso);
  if (!lastDataDay || Number.isNaN(now.getTime())) return null;
  // A day's data is complete at the end of that day.
  const end = new Date(`${lastDataDay}T21:00:00Z`);
  const age = (now.getTime() - end.getTime()) / 3_600_000;
  if (age <= thresholdHours) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="stale-banner">
      <span aria-hidden="true">⚠</span>
      <div>
        <strong>{t('title')}.</strong> {t('body', { day: formatDay(lastDataDay, locale), ago: formatRelative(end, locale, now) })}{' '}
        <Link href="/health">{t('link')}</Link>
      </div>
    </div>
  );
}
