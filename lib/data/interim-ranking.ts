import { sql } from 'kysely';
import type { DB } from '../../db/client';
import type { Viewer } from '../auth/viewer';
import { addDays, addMonths, todayIn } from '../demo/days';

export interface InterimRow {
  rank: number;
  slug: string;
  name: string;
  nameEn: string;
  followers: number | null;
  views: number | null;
  score: number;
  own: boolean;
}

/** First day and last day of the last full calendar month in Moscow. */
export function lastFullMonth(now = new Date()): { from: string; to: string } {
  const today = todayIn('Europe/Moscow', now);
  const firstThis = `${today.slice(0, 7)}-01`;
  return { from: addMonths(firstThis, -1), to: addDays(firstThis, -1) };
}

/**
 * Interim score until the ranking method lands: the mean percentile of views
 * and followers per 100k residents. Only ranks, names and these two totals —
 * nothing a coordinator may not see of other branches.
 */
export async function listInterimRanking(db: DB, viewer: Viewer, period = lastFullMonth()): Promise<InterimRow[]> {
  const rows = await sql<{ slug: string; name: string; name_en: string; branch_id: number; followers: number | null; views: number | null; pop: number | null }>`
    with last_followers as (
      select distinct on (account_id) account_id, branch_id, followers
      from account_day
      where day between ${period.from}::date and ${period.to}::date and followers is not null
      order by account_id, day desc
    ), f as (
      select branch_id, sum(followers)::int8 as followers from last_followers group by branch_id
    ), v as (
      select branch_id, sum(views)::int8 as views from account_day
      where day between ${period.from}::date and ${period.to}::date group by branch_id
    )
    select b.slug, b.name, b.name_en, b.id as branch_id, f.followers, v.views, b.population as pop
    from branch b left join f on f.branch_id = b.id left join v on v.branch_id = b.id
    where b.archived_at is null`.execute(db);
  const per = (x: number | null, pop: number | null) => (x === null || !pop ? null : (x / pop) * 100_000);
  const pct = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
    return values.map((v) => {
      if (v === null || known.length === 0) return 0;
      const below = known.filter((k) => k < v).length;
      const equal = known.filter((k) => k === v).length;
      return known.length === 1 ? 100 : ((below + (equal - 1) / 2) / (known.length - 1)) * 100;
    });
  };
  const vp = pct(rows.rows.map((r) => per(r.views, r.pop)));
  const fp = pct(rows.rows.map((r) => per(r.followers, r.pop)));
  const scored = rows.rows
    .map((r, i) => ({ r, score: Math.round(((vp[i]! + fp[i]!) / 2) * 10) / 10 }))
    .sort((a, b) => b.score - a.score || a.r.name.localeCompare(b.r.name, 'ru'));
  let rank = 0;
  return scored.map((s, i) => {
    if (i === 0 || s.score !== scored[i - 1]!.score) rank = i + 1;
    return {
      rank,
      slug: s.r.slug,
      name: s.r.name,
      nameEn: s.r.name_en,
      followers: s.r.followers,
      views: s.r.views,
      score: s.score,
      own: viewer.branchId === s.r.branch_id,
    };
  });
}
