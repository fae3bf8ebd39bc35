import { AppLink } from '@/components/ui/app-link';
import { useLocale, useTranslations } from 'next-intl';
import type { BranchContentRow } from '@/lib/data/content';
import { formatFixed, formatNumber, formatPercent } from '@/lib/format/number';
import type { AppLocale } from '@/i18n/config';

// Across branches (central staff): each branch's posts, engagement and the content type
// that does best for it, stated against the branch's own median. Server-rendered.
export function BranchContentTable({ rows, minPosts }: { rows: BranchContentRow[]; minPosts: number }) {
  const t = useTranslations('content');
  const locale = useLocale() as AppLocale;
  const none = <span className="muted">{t('notMeasured')}</span>;
  return (
    <div className="table-wrap scroll" role="region" aria-label={t('byBranch')} tabIndex={0}>
      <table className="data compact" data-testid="content-by-branch">
        <caption>{t('byBranch')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('branch')}</th>
            <th scope="col" className="num">
              {t('posts')}
            </th>
            <th scope="col" className="num">
              {t('er')}
            </th>
            <th scope="col" className="num">
              {t('medianEr')}
            </th>
            <th scope="col">{t('bestType', { min: minPosts })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.branch.id}>
              <th scope="row" style={{ fontWeight: 400, textAlign: 'left' }}>
                <AppLink href={`/branches/${r.branch.slug}#content-h`}>{locale === 'en' ? r.branch.nameEn : r.branch.name}</AppLink>
              </th>
              <td className="num">{formatNumber(r.posts, locale, 0)}</td>
              <td className="num">{r.engagementRate === null ? none : formatPercent(r.engagementRate, locale, 2)}</td>
              <td className="num">{r.medianEngagement === null ? none : formatPercent(r.medianEngagement, locale, 2)}</td>
              <td>
                {r.bestType ? (
                  `${t(`types.${r.bestType}`)} · ×${formatFixed(r.bestTypeRatio, locale, 1)}`
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
