// The export and report addresses of each screen, with the filters it resolved (the menu's links: ./menu-links.ts).
// The ranking's are in ./ranking-links.ts (re-exported here), so the ranking page's browser code carries only those.
import { query } from './query';

export { rankingExportHref, rankingFilterQuery, rankingReportHref, type RankingScreen } from './ranking-links';

/** One branch's export over the period and step its page shows; `table` picks the content-type breakdown or the top posts. */
export function branchExportHref(
  slug: string,
  w: { from: string; to: string; granularity: string; network: string; table?: 'metrics' | 'content' | 'posts' },
): string {
  const table = w.table && w.table !== 'metrics' ? w.table : undefined;
  return `/api/export/branches/${encodeURIComponent(slug)}?${query({ from: w.from, to: w.to, granularity: table ? undefined : w.granularity, network: w.network, table })}`;
}

/** The comparison export over the window the chart shows. */
export function compareExportHref(c: {
  branches: string[];
  metric: string;
  granularity: string;
  network: string;
  from: string;
  to: string;
  basis?: string;
}): string {
  const basis = c.basis && c.basis !== 'absolute' ? { basis: c.basis } : {};
  return `/api/export/compare?${query({ branches: c.branches.join(','), metric: c.metric, granularity: c.granularity, network: c.network, from: c.from, to: c.to, ...basis })}`;
}
