import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { RankingView } from '@/components/ranking/ranking-view';
import { getDb } from '@/db/client';
import { rankingsQuerySchema, type RankingResponse } from '@/lib/api/schemas';
import { requirePageViewer } from '@/lib/auth/session';
import { listRankings } from '@/lib/data/rankings';
import { withTargetsMet } from '@/lib/data/targets';
import { canPublish, findPublishedRanking, type PublishedRanking } from '@/lib/publications';
import { logger } from '@/lib/log';
import { canUsePacks } from '@/lib/pack/store';
import { parseRankingState, rankingQuery, rankingSearch } from '@/lib/query/ranking-state';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('ranking');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Home: podium and ranking table for the period in the URL.
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const state = parseRankingState(sp);
  const search = rankingSearch({ ...state, sort: 'rank', dir: 'asc' });
  const viewer = await requirePageViewer(`/${search}`);
  const t = await getTranslations('ranking');
  let initial: RankingResponse | null = null;
  let initialPublished: PublishedRanking | null | undefined;
  const parsed = rankingsQuerySchema.safeParse(rankingQuery(state));
  if (parsed.success) {
    try {
      initial = await withTargetsMet(getDb(), viewer, await listRankings(getDb(), viewer, parsed.data));
      initialPublished = (await findPublishedRanking(getDb(), viewer, parsed.data)) ?? null;
    } catch (err) {
      // The client shows an error with a retry.
      logger.error({ err }, 'ranking for the home page failed');
    }
  }
  return (
    <main className="container">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <Suspense>
        <RankingView
          initial={initial}
          initialSearch={search}
          ownBranchId={viewer.role === 'coordinator' ? viewer.branchId : null}
          coordinator={viewer.role === 'coordinator'}
          nowIso={new Date().toISOString()}
          canPack={canUsePacks(viewer)}
          initialPublished={initialPublished}
          canPublish={canPublish(viewer)}
        />
      </Suspense>
    </main>
  );
}
