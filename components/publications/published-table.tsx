'use client';

import { useTranslations } from '@/i18n/client';
import { useState } from 'react';
import type { RankingRow } from '@/lib/api/schemas';
import type { PublishedRanking } from '@/lib/publications/schema';
import { defaultDir, type SortDir, type SortKey } from '@/lib/query/ranking-state';
import { periodSearch } from '@/lib/query/url-state';
import { Podium } from '@/components/ranking/podium';
import { IneligibleTable, RankingTable } from '@/components/ranking/ranking-table';

/** The rows of a publication: its podium and table, sorted on the client. */
export function PublishedTable({
  data,
  ownBranchId,
  coordinator,
}: {
  data: PublishedRanking;
  ownBranchId: number | null;
  coordinator: boolean;
}) {
  const t = useTranslations();
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: 'rank', dir: 'asc' });
  const p = data.publication;
  const search = periodSearch(
    p.period.kind === 'custom'
      ? { period: 'custom', from: p.period.from, to: p.period.to, network: p.network }
      : { period: p.period.kind, date: p.period.from, network: p.network },
  );
  const hrefFor = (row: RankingRow) => (row.detail ? `/branches/${row.branch.slug}${search}` : null);
  const ranked = data.rows.filter((r) => r.eligible);
  const caption = t('publications.rowsCaption', { eligible: data.counts.eligible, total: data.counts.branches });
  return (
    <>
      <Podium data={data} hrefFor={hrefFor} />
      <section className="section" aria-labelledby="pub-table-h">
        <div className="section-head">
          <h2 id="pub-table-h">{t('publications.rows')}</h2>
          <span className="small muted">{caption}</span>
        </div>
        {coordinator && <p className="small muted">{t('ranking.hidden')}</p>}
        <RankingTable
          rows={ranked}
          sort={sort.key}
          dir={sort.dir}
          onSort={(k) => setSort((s) => ({ key: k, dir: s.key === k ? (s.dir === 'asc' ? 'desc' : 'asc') : defaultDir(k) }))}
          ownBranchId={ownBranchId}
          detailColumns={!coordinator}
          hrefFor={hrefFor}
          caption={caption}
        />
      </section>
      <IneligibleTable rows={data.rows.filter((r) => !r.eligible)} ownBranchId={ownBranchId} hrefFor={hrefFor} />
    </>
  );
}
