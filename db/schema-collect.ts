import type { ColumnType } from 'kysely';

export interface QuotaUsageTable {
  credential_id: number;
  /** Day in America/Los_Angeles, when YouTube's quota resets. */
  day: string;
  units: ColumnType<number, number | undefined, number>;
}

// Tables added by the collect migration (db/migrations/*-collect.ts).
export interface CollectTables {
  quota_usage: QuotaUsageTable;
}

// post_day's extra column, merged into the core table's row type.
declare module './schema' {
  interface PostDayTable {
    views_margin: number | null;
  }
}
