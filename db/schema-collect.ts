import type { ColumnType } from 'kysely';

export interface QuotaUsageTable {
  credential_id: number;
  /** Day in America/Los_Angeles, when YouTube's quota resets. */
  day: string;
  units: ColumnType<number, number | undefined, number>;
}

/** A graphile-worker worker and the database session its process holds. */
export interface WorkerInstanceTable {
  worker_id: string;
  backend_pid: number;
  backend_start: Date | null;
  started_at: ColumnType<Date, Date | string | undefined, never>;
}

// Tables added by the collect migration (db/migrations/*-collect.ts).
export interface CollectTables {
  quota_usage: QuotaUsageTable;
  worker_instance: WorkerInstanceTable;
}

// post_day's extra column, merged into the core table's row type.
declare module './schema' {
  interface PostDayTable {
    views_margin: number | null;
    /** ± of `reactions` when it sums rounded counts (Telegram); 0 when exact (migration 0016). */
    reactions_margin: number | null;
    /** Paid (star) reactions, in stars, and their ± (Telegram). */
    paid_stars: number | null;
    paid_stars_margin: number | null;
  }
}
