import type { AccountHealth } from '../data/health';
import { freshnessLevel } from '../format/date';

// One definition of "an account with problems" for the collection health page:
// the counters at the top and the "problems only" list both come from it, so
// every account a counter counts is in the list, and nothing else is
// (docs/ui.md, "Collection health").

export const PROBLEM_KINDS = ['stale', 'old', 'failing', 'credential', 'quota', 'inactive'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

type Row = Pick<AccountHealth, 'lastSuccessAt' | 'recentFailures' | 'status' | 'credential' | 'lastRun'>;

/** Why an account needs attention now; empty when it does not. */
export function accountProblems(a: Row, now: Date): ProblemKind[] {
  const out: ProblemKind[] = [];
  const level = freshnessLevel(a.lastSuccessAt, now);
  if (level === 'stale') out.push('stale');
  if (level === 'old' || level === 'unknown') out.push('old');
  if (a.recentFailures > 0) out.push('failing');
  // Held up by the credential: marked so on it, or the last run said so.
  const lastClass = a.lastRun && a.lastRun.status !== 'ok' ? a.lastRun.errorClass : null;
  if (a.credential?.status === 'invalid' || lastClass === 'credential') out.push('credential');
  if (a.credential?.status === 'quota' || lastClass === 'quota') out.push('quota');
  if (a.status !== 'active') out.push('inactive');
  return out;
}

export interface ProblemCounts {
  /** Accounts with at least one problem: the length of the "problems only" list. */
  withProblems: number;
  byKind: Record<ProblemKind, number>;
}

export function countProblems(accounts: readonly Row[], now: Date): ProblemCounts {
  const byKind = Object.fromEntries(PROBLEM_KINDS.map((k) => [k, 0])) as Record<ProblemKind, number>;
  let withProblems = 0;
  for (const a of accounts) {
    const p = accountProblems(a, now);
    if (p.length) withProblems++;
    for (const k of p) byKind[k]++;
  }
  return { withProblems, byKind };
}
