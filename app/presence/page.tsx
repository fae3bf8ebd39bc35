import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { ExportMenu } from '@/components/export/export-menu';
import { PresenceBadge, PresenceTable } from '@/components/presence/presence-table';
import { getDb } from '@/db/client';
import { requirePageViewer } from '@/lib/auth/session';
import { getPresenceMatrix } from '@/lib/data/presence';
import { PRESENCE_STATES } from '@/lib/health/presence';
import { formatNumber } from '@/lib/format/number';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('presence');
  return { title: t('title') };
}

// The presence matrix (docs/ui.md "Presence"): every branch for central staff and admins, a coordinator's own branch.
export default async function PresencePage() {
  const viewer = await requirePageViewer('/presence');
  const [t, locale] = await Promise.all([getTranslations('presence'), getLocale()]);
  // Scoped in the data layer to the branches the viewer may read.
  const matrix = await getPresenceMatrix(getDb(), viewer);
  const hours = formatNumber(matrix.schedule.freshWithinHours, locale === 'en' ? 'en' : 'ru', 0);
  return (
    <main className="container">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <p className="page-sub">{t('subtitle')}</p>
      {viewer.role === 'coordinator' && <p className="banner banner-info">{t('scopeOwn')}</p>}
      <ExportMenu href="/api/export/presence" />
      <ul
        className="small"
        style={{ listStyle: 'none', padding: 0, display: 'grid', gap: 4, margin: '0 0 8px' }}
        data-testid="presence-legend"
      >
        {PRESENCE_STATES.map((s) => (
          <li key={s}>
            <PresenceBadge state={s} /> {t(`stateHelp.${s}`, { hours })}
          </li>
        ))}
      </ul>
      <p className="small muted" style={{ maxWidth: '60rem' }}>
        {t('rule', {
          cron: matrix.schedule.cron,
          gap: formatNumber(matrix.schedule.roundGapHours, locale === 'en' ? 'en' : 'ru', 1),
          hours,
        })}
      </p>
      <PresenceTable matrix={matrix} />
    </main>
  );
}
