'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  compareResponseSchema,
  rankingResponseSchema,
  seriesResponseSchema,
  branchSummarySchema,
  type CompareViewQuery,
  type CompareResponse,
  type RankingResponse,
  type RankingsQuery,
  type SeriesQuery,
  type SeriesResponse,
  type SummaryQuery,
  type BranchSummary,
} from '@/lib/api/schemas';
import { currentPublicationSchema, type PublishedRanking } from '@/lib/publications/schema';
import { fetchJson, toSearch } from './fetch-json';
import { queryKeys } from './keys';

// One hook per endpoint. Inputs are the query shapes of lib/api/schemas.

export function useRankings(q: Partial<RankingsQuery>, initialData?: RankingResponse) {
  return useQuery({
    queryKey: queryKeys.rankings(q),
    queryFn: ({ signal }) => fetchJson(`/api/rankings${toSearch(q)}`, rankingResponseSchema, signal),
    initialData,
    placeholderData: keepPreviousData,
  });
}

export function useBranchSummary(slug: string, q: Partial<SummaryQuery>, initialData?: BranchSummary) {
  return useQuery({
    queryKey: queryKeys.summary(slug, q),
    queryFn: ({ signal }) => fetchJson(`/api/branches/${encodeURIComponent(slug)}/summary${toSearch(q)}`, branchSummarySchema, signal),
    initialData,
    placeholderData: keepPreviousData,
  });
}

export function useSeries(slug: string, q: Partial<SeriesQuery>, initialData?: SeriesResponse) {
  return useQuery({
    queryKey: queryKeys.series(slug, q),
    queryFn: ({ signal }) => fetchJson(`/api/branches/${encodeURIComponent(slug)}/series${toSearch(q)}`, seriesResponseSchema, signal),
    initialData,
    placeholderData: keepPreviousData,
  });
}

export function useCompare(q: Omit<Partial<CompareViewQuery>, 'branches'> & { branches: string[] }, initialData?: CompareResponse) {
  return useQuery({
    queryKey: queryKeys.compare(q),
    queryFn: ({ signal }) =>
      fetchJson(`/api/compare${toSearch({ ...q, branches: q.branches.join(',') })}`, compareResponseSchema, signal),
    enabled: q.branches.length >= 1,
    initialData,
    placeholderData: keepPreviousData,
  });
}

/** The published ranking in force for a ranking query, or null (GET /api/publications/current). */
export function useCurrentPublication(q: Partial<RankingsQuery>, initialData?: { ranking: PublishedRanking | null }) {
  return useQuery({
    queryKey: queryKeys.currentPublication(q),
    queryFn: ({ signal }) => fetchJson(`/api/publications/current${toSearch(q)}`, currentPublicationSchema, signal),
    initialData,
  });
}
