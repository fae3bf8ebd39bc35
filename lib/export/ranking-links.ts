// The ranking screen's export and report addresses (the other screens': ./links.ts).
import { query } from './query';

/** What the ranking screen resolved (not the URL's defaults), so a later download is the same ranking. */
export interface RankingScreen {
  period: { kind: string; from: string; to: string };
  network: string;
  district: string | null;
  method: { label: string };
}

/** The ranking's filters pinned to the resolved period and method. */
export function rankingFilterQuery(res: RankingScreen): string {
  const custom = res.period.kind === 'custom';
  return query({
    period: res.period.kind,
    date: custom ? undefined : res.period.from,
    from: custom ? res.period.from : undefined,
    to: custom ? res.period.to : undefined,
    network: res.network,
    district: res.district,
    method: res.method.label,
  });
}

/** The ranking export of the screen: its filters, its sort order and whether it shows the publication. */
export function rankingExportHref(res: RankingScreen, sort: { sort: string; dir: string }, source: 'live' | 'published' = 'live'): string {
  return `/api/export/rankings?${rankingFilterQuery(res)}&${query({ sort: sort.sort, dir: sort.dir, source: source === 'published' ? source : undefined })}`;
}

export function rankingReportHref(res: RankingScreen, source: 'live' | 'published' = 'live'): string {
  return `/print/rankings?${rankingFilterQuery(res)}${source === 'published' ? '&source=published' : ''}`;
}
