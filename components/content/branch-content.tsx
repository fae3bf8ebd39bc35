import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import type { NetworkScope } from '@/lib/api/schemas';
import type { Viewer } from '@/lib/auth/viewer';
import { getBranchContent } from '@/lib/data/content';
import { branchExportHref } from '@/lib/export/links';
import { exportLinks } from '@/lib/export/menu-links';
import { formatRange } from '@/lib/format/day';
import type { AppLocale } from '@/i18n/config';
import { ContentPanels } from './content-panels';

/**
 * The branch page's content section. Async and rendered inside a Suspense
 * boundary, so the rest of the page streams first; scoped by the data layer
 * (nothing for a branch the viewer may not see).
 */
export async function BranchContent({
  viewer,
  slug,
  from,
  to,
  network,
}: {
  viewer: Viewer;
  slug: string;
  from: string;
  to: string;
  network: NetworkScope;
}) {
  const report = await getBranchContent(getDb(), viewer, slug, { from, to, network });
  if (!report) return null;
  const [t, te, locale] = await Promise.all([getTranslations('content'), getTranslations('export'), getLocale()]);
  return (
    <section className="section card" aria-labelledby="content-h" data-testid="branch-content">
      <div className="section-head">
        <h2 id="content-h">{t('sectionTitle')}</h2>
        <span className="small no-print">
          {t('export')}:{' '}
          {(['content', 'posts'] as const).map((table) => (
            <span key={table} className="content-downloads">
              {' '}
              {t(`exportTable.${table}`)}{' '}
              {exportLinks(branchExportHref(slug, { from, to, granularity: 'day', network, table }), locale).map((l, i) => (
                <span key={l.kind}>
                  {i > 0 && ' · '}
                  <a href={l.href} download data-export={`${table}-${l.kind}`} title={te(l.kind)}>
                    {t(`fmt.${l.kind}`)}
                  </a>
                </span>
              ))}
            </span>
          ))}
        </span>
      </div>
      <p className="muted small">{t('sectionSub', { range: formatRange(from, to, locale as AppLocale), zone: report.period.timeZone })}</p>
      <ContentPanels report={report} />
    </section>
  );
}
