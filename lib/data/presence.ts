import type { DB } from '../../db/client';
import type { BranchRef } from '../api/schemas';
import type { Viewer } from '../auth/viewer';
import { env } from '../env';
import { cellPresence, freshWithinHours, PRESENCE_NETWORKS, type PresenceNetwork, type PresenceState } from '../health/presence';
import { longestGapHours } from '../health/schedule';
import { todayIn } from '../ranking/period';
import { detailVisible } from './branches';
import { listAccountHealth } from './health';

// The presence matrix (docs/ui.md "Presence"): branch × network. Scoped in the
// query: central staff and admins get every branch, a coordinator their own.

export interface PresenceCell {
  state: PresenceState;
  /** Accounts of the branch on this network (any status). */
  accounts: number;
  /** The latest successful collection among them (ISO), or null. */
  lastSuccessAt: string | null;
  /** The latest day with data among them, or null. */
  lastDataDay: string | null;
}

export interface PresenceRow {
  branch: BranchRef;
  cells: Record<PresenceNetwork, PresenceCell>;
}

export interface PresenceMatrix {
  rows: PresenceRow[];
  /** The freshness rule used: the schedule, the longest gap between its rounds (hours) and the fresh window (hours). */
  schedule: { cron: string; roundGapHours: number; freshWithinHours: number };
  /** Branches per state, per network. */
  totals: Record<PresenceNetwork, Record<PresenceState, number>>;
}

const TIME_ZONE = 'Europe/Moscow';

/** The collection schedule in effect and its round gap (6 h when the spec cannot be read, as the default schedule). */
export function collectSchedule(): { cron: string; roundGapHours: number } {
  const cron = env().PODIUM_COLLECT_CRON;
  return { cron, roundGapHours: longestGapHours(cron) ?? 6 };
}

export async function getPresenceMatrix(db: DB, viewer: Viewer, now: Date = new Date()): Promise<PresenceMatrix> {
  const [branches, accounts] = await Promise.all([
    db
      .selectFrom('branch')
      .select(['id', 'slug', 'name', 'name_en', 'federal_district'])
      .where('archived_at', 'is', null)
      .where(detailVisible(viewer, 'branch.id'))
      .orderBy('name')
      .execute(),
    listAccountHealth(db, viewer),
  ]);
  const { cron, roundGapHours } = collectSchedule();
  const rule = { roundGapHours, now, today: todayIn(TIME_ZONE, now) };
  const byCell = new Map<string, typeof accounts>();
  for (const a of accounts) {
    const k = `${a.branch.id}:${a.network}`;
    byCell.set(k, [...(byCell.get(k) ?? []), a]);
  }
  const totals = Object.fromEntries(
    PRESENCE_NETWORKS.map((n) => [n, { fresh: 0, stale: 0, no_access: 0, missing: 0 }]),
  ) as PresenceMatrix['totals'];
  const rows = branches.map((b) => {
    const cells = {} as Record<PresenceNetwork, PresenceCell>;
    for (const n of PRESENCE_NETWORKS) {
      const list = byCell.get(`${b.id}:${n}`) ?? [];
      const state = cellPresence(list, rule);
      totals[n][state]++;
      cells[n] = {
        state,
        accounts: list.length,
        lastSuccessAt: list.reduce<string | null>((m, a) => (a.lastSuccessAt && (!m || a.lastSuccessAt > m) ? a.lastSuccessAt : m), null),
        lastDataDay: list.reduce<string | null>((m, a) => (a.lastDataDay && (!m || a.lastDataDay > m) ? a.lastDataDay : m), null),
      };
    }
    return { branch: { id: b.id, slug: b.slug, name: b.name, nameEn: b.name_en, federalDistrict: b.federal_district }, cells };
  });
  return { rows, schedule: { cron, roundGapHours, freshWithinHours: freshWithinHours(roundGapHours) }, totals };
}
