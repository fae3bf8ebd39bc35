import type { BranchInput, DayTotals } from '../../../lib/ranking/components';
import { addDays, eachDay } from '../../../lib/ranking/period';

export const OCT = { from: '2026-10-01', to: '2026-10-31', asOf: '2026-10-31' };

export interface Spec {
  id: number;
  population?: number | null;
  followersStart?: number;
  followersEnd?: number;
  viewsPerDay?: number | null;
  interactionsPerDay?: number | null;
  postsPerDay?: number;
  visitsPerDay?: number | null;
  /** Days (in October) without any row. */
  missing?: string[];
  /** Per-day overrides of the VK row. */
  patch?: Record<string, Partial<DayTotals>>;
}

/** A branch with one VK account (and a website when visitsPerDay is set), straight-line data over October. */
export function branch(s: Spec): BranchInput {
  const days: DayTotals[] = [];
  const fs = s.followersStart ?? 1000;
  const fe = s.followersEnd ?? fs;
  const missing = new Set(s.missing ?? []);
  for (const day of eachDay(addDays(OCT.from, -8), OCT.to)) {
    if (missing.has(day)) continue;
    const i = day < OCT.from ? 0 : Number(day.slice(8, 10));
    days.push({
      day,
      network: 'vk',
      accounts: 1,
      followers: Math.round(fs + ((fe - fs) * i) / 31),
      followersAccounts: 1,
      views: s.viewsPerDay === undefined ? 1000 : s.viewsPerDay,
      interactions: s.interactionsPerDay === undefined ? 50 : s.interactionsPerDay,
      posts: s.postsPerDay ?? 1,
      visits: null,
      ...(s.patch?.[day] ?? {}),
    });
    if (s.visitsPerDay !== undefined && s.visitsPerDay !== null) {
      days.push({
        day,
        network: 'website',
        accounts: 1,
        followers: null,
        followersAccounts: 0,
        views: null,
        interactions: null,
        posts: 0,
        visits: s.visitsPerDay,
      });
    }
  }
  return {
    id: s.id,
    slug: `b${s.id}`,
    name: `Branch ${s.id}`,
    population: s.population === undefined ? 100_000 : s.population,
    expectedAccounts: s.visitsPerDay !== undefined && s.visitsPerDay !== null ? 2 : 1,
    days,
  };
}
