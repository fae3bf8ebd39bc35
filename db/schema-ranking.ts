import type { ColumnType, Generated } from 'kysely';

type Day = string;
type Metric = number | null;

/** Per (branch, day, network) totals; see db/migrations/0002-ranking.ts and lib/rollups. */
export interface RollupBranchDayTable {
  branch_id: number;
  day: Day;
  network: string;
  accounts: number;
  followers: Metric;
  followers_accounts: number;
  /** Account-level daily views (reach where views are missing). */
  views: Metric;
  views_accounts: number;
  likes: Metric;
  comments: Metric;
  shares: Metric;
  visits: Metric;
  account_posts: Metric;
  /** Posts published that day (Moscow), and their latest snapshot's counters. */
  post_count: number;
  post_views: Metric;
  post_likes: Metric;
  post_comments: Metric;
  post_shares: Metric;
}

export interface RollupDirtyTable {
  branch_id: number;
  day: Day;
}

export interface RankingSnapshotTable {
  id: Generated<number>;
  method_id: number;
  scope: string;
  period_kind: string;
  period_from: Day;
  period_to: Day;
  as_of: Day;
  inputs_from: Day;
  inputs_to: Day;
  computed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  result: ColumnType<unknown, string, string>;
}

export interface RankingSnapshotRowTable {
  snapshot_id: number;
  branch_id: number;
  eligible: boolean;
  rank: number | null;
  score: number | null;
  previous_rank: number | null;
  change: number | null;
  /** 90 % range of the rank over the bootstrap resamples (lib/ranking/uncertainty.ts); null when not ranked. */
  rank_low: number | null;
  rank_high: number | null;
  metrics: ColumnType<unknown, string, string>;
  detail: ColumnType<unknown, string, string>;
}

export interface RankingTables {
  rollup_branch_day: RollupBranchDayTable;
  rollup_dirty: RollupDirtyTable;
  ranking_snapshot: RankingSnapshotTable;
  ranking_snapshot_row: RankingSnapshotRowTable;
}
