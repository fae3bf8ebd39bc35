import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DistrictPage } from '@/components/districts/district-page';
import { getDb } from '@/db/client';
import { rankingsQuerySchema } from '@/lib/api/schemas';
import { requirePageViewer } from '@/lib/auth/session';
import { getDistrictView } from '@/lib/data/districts';
import { districtSearch, parseDistrictState } from '@/lib/districts/url';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('districtView');
  return { title: t('title') };
}

// Districts: the federal-district league and the tile map of regions (docs/ui.md, "Districts").
// A route of its own, so none of it is in the ranking page's JavaScript.
export default async function DistrictsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const state = parseDistrictState(await searchParams);
  const viewer = await requirePageViewer(`/districts${districtSearch(state)}`);
  const t = await getTranslations('districtView');
  // The URL state is forgiving; the query schema still checks what reaches the data layer (a bad period falls back to the month).
  const parsed = rankingsQuerySchema.safeParse({
    period: state.period,
    date: state.date,
    from: state.from,
    to: state.to,
    network: state.network,
  });
  const q = parsed.success ? parsed.data : rankingsQuerySchema.parse({ network: state.network });
  const view = await getDistrictView(getDb(), viewer, { ...q, metric: state.metric });
  return (
    <main className="container">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <DistrictPage
        state={parsed.success ? state : { ...state, period: 'month', date: undefined, from: undefined, to: undefined }}
        view={view}
        coordinator={viewer.role === 'coordinator'}
      />
    </main>
  );
}
