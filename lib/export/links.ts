// The export and report addresses of each screen, with the filters it resolved (the menu's links: ./menu-links.ts).

function query(params: Record<string, string | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  return sp.toString().replace(/%2C/g, ',');
}

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
