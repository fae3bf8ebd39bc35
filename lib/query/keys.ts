import type { CompareViewQuery, RankingsQuery, SeriesQuery, SummaryQuery } from '@/lib/api/schemas';

// Every query key comes from here, so invalidation can target a family (lib/query/cache.ts).
type In<T> = Partial<T>;
type CompareIn = Omit<In<CompareViewQuery>, 'branches'> & { branches: string[] };

export const queryKeys = {
  all: ['podium'] as const,
  rankings: (q: In<RankingsQuery>) => [...queryKeys.all, 'rankings', q] as const,
  branch: (slug: string) => [...queryKeys.all, 'branch', slug] as const,
  summary: (slug: string, q: In<SummaryQuery>) => [...queryKeys.branch(slug), 'summary', q] as const,
  series: (slug: string, q: In<SeriesQuery>) => [...queryKeys.branch(slug), 'series', q] as const,
  compare: (q: CompareIn) => [...queryKeys.all, 'compare', q] as const,
  publications: () => [...queryKeys.all, 'publications'] as const,
  currentPublication: (q: In<RankingsQuery>) => [...queryKeys.publications(), 'current', q] as const,
};
