import { useTranslations } from 'next-intl';
import type { ContentReport } from '@/lib/data/content';
import { AdviceList } from './advice-list';
import { HeatmapTable } from './heatmap-table';
import { GroupTable } from './type-tables';

// The content analytics of a branch or of several: breakdowns by content type
// and by network, recommendations with their evidence, and the hour × weekday
// heatmap. Server-rendered tables only (docs/ui.md "Content").
export function ContentPanels({ report }: { report: ContentReport }) {
  const t = useTranslations('content');
  const notes = useTranslations('coverageNotes');
  const zone = report.period.timeZone;
  return (
    <div className="content-grid">
      <div>
        <GroupTable kind="type" rows={report.byType} total={report.totals} caption={t('byType')} />
        <GroupTable kind="network" rows={report.byNetwork} total={report.totals} caption={t('byNetwork')} />
        <p className="muted small">{t('tableNote')}</p>
        {report.byNetwork.some((r) => r.network === 'telegram') && (
          <p className="muted small" data-testid="telegram-forwards-note">
            {notes('telegramForwards')}
          </p>
        )}
        <AdviceList
          advice={report.advice}
          measured={report.totals.measuredPosts}
          scope={report.branch || report.branches === 1 ? 'own' : 'all'}
        />
      </div>
      <div>
        <h3>{t('heatTitle')}</h3>
        <HeatmapTable
          cells={report.heatmap}
          overall={report.totals.medianEngagement}
          minPosts={report.minPosts}
          zone={zone}
          caption={t('heatTitle')}
        />
      </div>
    </div>
  );
}
