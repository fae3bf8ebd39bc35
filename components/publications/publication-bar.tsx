'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import type { AppLocale } from '@/i18n/config';
import { formatTimestamp } from '@/lib/format/date';
import type { PublicationMeta } from '@/lib/publications/schema';

/** Who published, when, and the short hash: the badge of a published ranking. */
export function PublicationBadge({ meta }: { meta: PublicationMeta }) {
  const t = useTranslations('publications');
  const locale = useLocale() as AppLocale;
  return (
    <span className="pub-badge" data-testid="publication-badge">
      <span className="badge badge-ok">✓ {t('badge')}</span>{' '}
      <span>{t('byWhen', { who: meta.publishedBy.name || meta.publishedBy.email, when: formatTimestamp(meta.publishedAt, locale) })}</span>{' '}
      <code className="small" title={t('hashFull', { hash: meta.hash })}>
        sha256 {meta.hash.slice(0, 12)}
      </code>{' '}
      <a href={`/publications/${meta.id}`} data-testid="publication-link">
        {t('open', { id: meta.id })}
      </a>
    </span>
  );
}

/**
 * Above the ranking of a published period: the badge and the toggle between
 * the published version (the default) and the current data.
 */
export function PublicationBar({
  meta,
  showing,
  onShow,
}: {
  meta: PublicationMeta;
  showing: 'published' | 'live';
  onShow: (v: 'published' | 'live') => void;
}) {
  const t = useTranslations('publications');
  return (
    <div className={`banner ${showing === 'published' ? 'banner-info' : 'banner-warn'} pub-bar`} data-testid="publication-bar">
      <div className="pub-bar-text">
        <PublicationBadge meta={meta} />
        <div className="small" style={{ marginTop: 4 }}>
          {showing === 'published' ? t('showingPublished', { title: meta.title }) : t('showingLive')}
        </div>
      </div>
      <div className="segmented no-print" role="group" aria-label={t('versionLabel')} data-testid="publication-toggle">
        <button type="button" aria-pressed={showing === 'published'} onClick={() => onShow('published')}>
          {t('published')}
        </button>
        <button type="button" aria-pressed={showing === 'live'} onClick={() => onShow('live')}>
          {t('live')}
        </button>
      </div>
    </div>
  );
}
