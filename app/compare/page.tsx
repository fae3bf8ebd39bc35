import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { CompareView } from '@/components/compare/compare-view';
import { getDb } from '@/db/client';
import { compareQuerySchema, type CompareResponse } from '@/lib/api/schemas';
import { requirePageViewer } from '@/lib/auth/session';
import { canSeeBranchDetail } from '@/lib/auth/viewer';
import { listBranches } from '@/lib/data/branches';
import { listBreaks } from '@/lib/data/breaks';
import { getComparison } from '@/lib/data/series';
import { compareSearch, parseCompareState } from '@/lib/query/url-state';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('compare');
  return { title: t('title') };
}

// Compare: 2–6 branches on one chart and in one table.
export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const state = parseCompareState(await searchParams);
  const search = compareSearch(state);
  const viewer = await requirePageViewer(`/compare${search}`);
  const db = getDb();
  const t = await getTranslations('compare');
  // Only branches whose detail the viewer may read can be compared.
  const options = (await listBranches(db, viewer)).filter((b) => canSeeBranchDetail(viewer, b.id)).map((b) => ({ slug: b.slug, name: b.name, nameEn: b.nameEn }));
  let initial: CompareResponse | null = null;
  if (state.branches.length >= 2) {
    const parsed = compareQuerySchema.safeParse({ branches: state.branches.join(','), metric: state.metric, granularity: state.granularity, network: state.network });
    if (parsed.success) initial = (await getComparison(db, viewer, parsed.data)) ?? null;
  }
  return (
    <main className="container">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <Suspense>
        <CompareView options={options} initial={initial} initialSearch={search} breaks={await listBreaks(db)} />
      </Suspense>
    </main>
  );
}
