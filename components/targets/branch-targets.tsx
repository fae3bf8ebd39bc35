import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/components/ui/app-link';
import type { DB } from '@/db/client';
import type { Viewer } from '@/lib/auth/viewer';
import { listTargets, withProgress } from '@/lib/data/targets';
import { canManageTargets } from '@/lib/targets/store';
import { TargetTable } from './target-table';

/** The branch page's targets: those whose period overlaps the one shown; read-only for coordinators. */
export async function BranchTargets({
  db,
  viewer,
  branch,
  period,
}: {
  db: DB;
  viewer: Viewer;
  branch: { id: number; slug: string };
  period: { from: string; to: string };
}) {
  const t = await getTranslations('targets');
  const targets = await withProgress(db, viewer, await listTargets(db, viewer, { branchId: branch.id, overlaps: period }));
  const canEdit = canManageTargets(viewer);
  return (
    <section className="section" aria-labelledby="targets-h" data-testid="branch-targets">
      <div className="section-head">
        <h2 id="targets-h">{t('section')}</h2>
        {canEdit ? (
          <AppLink href={`/targets?branch=${branch.slug}`} className="small no-print">
            {t('edit')} →
          </AppLink>
        ) : (
          <span className="small muted">{t('readOnly')}</span>
        )}
      </div>
      {targets.length === 0 ? (
        <p className="muted small">{t('sectionNone')}</p>
      ) : (
        <>
          <TargetTable targets={targets} caption={t('section')} />
          <p className="small muted">{t('projectionRule')}</p>
        </>
      )}
    </section>
  );
}
