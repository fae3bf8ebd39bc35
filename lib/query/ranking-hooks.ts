'use client';

import type { RankingResponse, RankingsQuery } from '@/lib/api/schemas';
import type { PublishedRanking } from '@/lib/publications/schema';
import { useQuery } from './cache';
import { fetchJson, toSearch } from './fetch-json';
import { queryKeys } from './keys';

// The ranking page's endpoints (the other pages' hooks are in hooks.ts).

export function useRankings(q: Partial<RankingsQuery>, initialData?: RankingResponse) {
  return useQuery({
    queryKey: queryKeys.rankings(q),
    queryFn: () => fetchJson<RankingResponse>(`/api/rankings${toSearch(q)}`),
    initialData,
    keepPrevious: true,
  });
}

/** The published ranking in force for a ranking query, or null (GET /api/publications/current). */
export function useCurrentPublication(q: Partial<RankingsQuery>, initialData?: { ranking: PublishedRanking | null }) {
  return useQuery({
    queryKey: queryKeys.currentPublication(q),
    queryFn: () => fetchJson<{ ranking: PublishedRanking | null }>(`/api/publications/current${toSearch(q)}`),
    initialData,
  });
}
