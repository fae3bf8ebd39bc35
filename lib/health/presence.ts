import type { AccountStatus, CredentialStatus, Network, RunStatus } from '@/lib/networks';
import { addDays } from '@/lib/ranking/period';

// The presence matrix (docs/ui.md "Presence"): for each branch and network,
// whether the branch is there and its data is current. Pure: the data layer
// (lib/data/presence.ts) gives it accounts already scoped to the viewer.

/** The networks of the matrix, in the fixed network order. */
export const PRESENCE_NETWORKS = ['vk', 'ok', 'telegram', 'max', 'youtube', 'rutube', 'website'] as const satisfies readonly Network[];
export type PresenceNetwork = (typeof PRESENCE_NETWORKS)[number];

/** Best first: a cell shows the best state among the branch's accounts on that network. */
export const PRESENCE_STATES = ['fresh', 'stale', 'no_access', 'missing'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export interface PresenceAccount {
  network: Network;
  status: AccountStatus;
  credential: { status: CredentialStatus } | null;
  lastSuccessAt: string | null;
  lastDataDay: string | null;
  lastRun: { status: RunStatus; errorClass: string | null } | null;
}

export interface FreshnessRule {
  /** The longest gap between two collection rounds (lib/health/schedule.ts), hours. */
  roundGapHours: number;
  now: Date;
  /** Today in the method's time zone. */
  today: string;
}

/** Fresh while the last success is within two rounds' gap (one missed round is allowed), and never less than a day. */
export function freshWithinHours(roundGapHours: number): number {
  return Math.max(24, 2 * roundGapHours);
}

/**
 * One account's state. No access: the network says it is private or gone, its
 * credential is invalid, or its last run failed for the credential or the
 * account. Fresh: a successful run within the window, or — for an account
 * filled by CSV import, which has no runs — data up to the day before
 * yesterday at the latest for a one-day window (the window in whole days, plus
 * the day that is still being collected). Otherwise stale (paused accounts too).
 */
export function accountPresence(a: PresenceAccount, rule: FreshnessRule): Exclude<PresenceState, 'missing'> {
  if (a.status === 'private' || a.status === 'not_found') return 'no_access';
  if (a.credential?.status === 'invalid') return 'no_access';
  if (a.lastRun?.status === 'failed' && (a.lastRun.errorClass === 'credential' || a.lastRun.errorClass === 'account')) return 'no_access';
  if (a.status === 'paused') return 'stale';
  const windowHours = freshWithinHours(rule.roundGapHours);
  if (a.lastSuccessAt !== null && rule.now.getTime() - Date.parse(a.lastSuccessAt) <= windowHours * 3_600_000) return 'fresh';
  if (a.lastDataDay !== null && a.lastDataDay >= addDays(rule.today, -1 - Math.ceil(windowHours / 24))) return 'fresh';
  return 'stale';
}

/** The state of a branch on a network from its accounts there (none: missing). */
export function cellPresence(accounts: readonly PresenceAccount[], rule: FreshnessRule): PresenceState {
  let best: PresenceState = 'missing';
  for (const a of accounts) {
    const s = accountPresence(a, rule);
    if (PRESENCE_STATES.indexOf(s) < PRESENCE_STATES.indexOf(best)) best = s;
  }
  return best;
}
