import type { ComponentValue, RankingRow } from '../api/schemas';
import type { SortDir, SortKey } from '../query/ranking-state';
import type { ComponentId } from './method';

// The ranking table's sort, shared by the page and the export (which holds what the screen shows).

const compValue = (row: RankingRow, id: ComponentId): ComponentValue['value'] | null =>
  row.detail?.components.find((c) => c.id === id)?.value ?? null;

function sortValue(row: RankingRow, key: SortKey, locale: string): number | string | null {
  switch (key) {
    case 'rank':
      return row.rank;
    case 'change':
      return row.change;
    case 'branch':
      return locale === 'en' ? row.branch.nameEn : row.branch.name;
    case 'score':
      return row.score;
    case 'followers':
      return compValue(row, 'followers_per_100k');
    case 'views':
      return compValue(row, 'views_per_100k');
    case 'er':
      return compValue(row, 'engagement_rate');
    case 'posts':
      return row.figures?.postsPerWeek ?? null;
    case 'coverage':
      return row.detail?.coverage ?? null;
    case 'flags':
      return row.detail?.flags.length ?? null;
  }
}

/** Sorted copy; missing values always last, ties by rank then name. */
export function sortRows(rows: readonly RankingRow[], key: SortKey, dir: SortDir, locale: string): RankingRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key, locale);
    const vb = sortValue(b, key, locale);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null && va !== vb) {
      const c = typeof va === 'string' ? va.localeCompare(String(vb), locale) : va - (vb as number);
      if (c !== 0) return c * sign;
    }
    return (a.rank ?? 9999) - (b.rank ?? 9999) || a.branch.name.localeCompare(b.branch.name, 'ru');
  });
}
