'use client';

import type { CompareViewQuery, CompareResponse, SeriesQuery, SeriesResponse, SummaryQuery, BranchSummary } from '@/lib/api/schemas';
import { useQuery } from './cache';
import { fetchJson, toSearch } from './fetch-json';
import { queryKeys } from './keys';

// One hook per endpoint. Inputs are the query shapes of lib/api/schemas. The
// ranking page's two are in ranking-hooks.ts, so its browser code carries only
// those (docs/benchmarks.md, first-load JavaScript).

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
