'use client';

import type {
  CompareViewQuery,
  CompareResponse,
  RankingResponse,
  RankingsQuery,
  SeriesQuery,
  SeriesResponse,
  SummaryQuery,
  BranchSummary,
} from '@/lib/api/schemas';
import type { PublishedRanking } from '@/lib/publications/schema';
import { useQuery } from './cache';
import { fetchJson, toSearch } from './fetch-json';
import { queryKeys } from './keys';

// One hook per endpoint. Inputs are the query shapes of lib/api/schemas.

export function useRankings(q: Partial<RankingsQuery>, initialData?: RankingResponse) {
  return useQuery({
    queryKey: queryKeys.rankings(q),
    queryFn: () => fetchJson<RankingResponse>(`/api/rankings${toSearch(q)}`),
    initialData,
    keepPrevious: true,
  });
}

export function useBranchSummary(slug: string, q: Partial<SummaryQuery>, initialData?: BranchSummary) {
  return useQuery({
    queryKey: queryKeys.summary(slug, q),
    queryFn: () => fetchJson<BranchSummary>(`/api/branches/${encodeURIComponent(slug)}/summary${toSearch(q)}`),
    initialData,
    keepPrevious: true,
  });
}

export function useSeries(slug: string, q: Partial<SeriesQuery>, initialData?: SeriesResponse) {
  return useQuery({
    queryKey: queryKeys.series(slug, q),
    queryFn: () => fetchJson<SeriesResponse>(`/api/branches/${encodeURIComponent(slug)}/series${toSearch(q)}`),
    initialData,
    keepPrevious: true,
  });
}

export function useCompare(q: Omit<Partial<CompareViewQuery>, 'branches'> & { branches: string[] }, initialData?: CompareResponse) {
  return useQuery({
    queryKey: queryKeys.compare(q),
    queryFn: () => fetchJson<CompareResponse>(`/api/compare${toSearch({ ...q, branches: q.branches.join(',') })}`),
    enabled: q.branches.length >= 1,
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
