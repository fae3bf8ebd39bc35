import { useLocale, useTranslations } from '#i18n';
import { AppLink } from '@/components/ui/app-link';
import { formatDay, formatRelative } from '@/lib/format/date';
import { staleDataEnd } from './stale';

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
  const end = staleDataEnd(lastDataDay, nowIso, thresholdHours);
  if (!lastDataDay || !end) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="stale-banner">
      <span aria-hidden="true">⚠</span>
      <div>
        <strong>{t('title')}.</strong>{' '}
        {t('body', { day: formatDay(lastDataDay, locale), ago: formatRelative(end, locale, new Date(nowIso)) })}{' '}
        <AppLink href="/health">{t('link')}</AppLink>
      </div>
    </div>
  );
}
