import { z } from 'zod';
import type { RankingRow } from '../api/schemas';
import { defaultDir, SORT_KEYS } from '../query/ranking-state';
import { sortRows } from '../ranking/sort-rows';

/** The table's sort as the ranking page's URL carries it; an export keeps the order on screen. */
export const rankingSortSchema = z.strictObject({
  sort: z.enum(SORT_KEYS).default('rank'),
  dir: z.enum(['asc', 'desc']).optional(),
});
export type RankingSort = z.infer<typeof rankingSortSchema>;

const SORT_PARAMS = ['sort', 'dir'];

/** Splits the sort parameters off a query (the rest are the data filters). */
export function splitSortParams(params: URLSearchParams): { sort: URLSearchParams; rest: URLSearchParams } {
  const sort = new URLSearchParams();
  const rest = new URLSearchParams();
  for (const [k, v] of params) (SORT_PARAMS.includes(k) ? sort : rest).append(k, v);
  return { sort, rest };
}

/** Ranked rows in the screen's order, then the not-ranked rows as the API lists them. */
export function sortRankingRows(rows: readonly RankingRow[], sort: RankingSort, locale: string): RankingRow[] {
  const dir = sort.dir ?? defaultDir(sort.sort);
  const ranked = rows.filter((r) => r.eligible);
  const rest = rows.filter((r) => !r.eligible);
  return [...sortRows(ranked, sort.sort, dir, locale), ...rest];
}
