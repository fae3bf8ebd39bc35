'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useTransition } from 'react';
import type { PeriodDto } from '@/lib/api/schemas';
import { periodSearch, type PeriodState } from '@/lib/query/url-state';
import { PeriodFilter } from '@/components/ranking/period-filter';

/** The branch page re-renders on the server for a new period (every section depends on it). */
export function BranchFilters({ state, resolved, latestDay }: { state: PeriodState; resolved: PeriodDto; latestDay: string | null }) {
  const router = useRouter();
  const path = usePathname();
  const [pending, start] = useTransition();
  return (
    <div className={`filters no-print${pending ? ' is-fetching' : ''}`} aria-busy={pending || undefined} data-testid="filters">
      <PeriodFilter
        state={state}
        resolved={resolved}
        latestDay={latestDay}
        onChange={(next) => start(() => router.push(`${path}${periodSearch(next)}`, { scroll: false }))}
      />
    </div>
  );
}
