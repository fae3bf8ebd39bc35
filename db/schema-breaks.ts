import type { ColumnType, Generated } from 'kysely';
import type { Network } from '../lib/networks';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

/** A platform break (db/migrations/0017-platform-breaks.ts): days a network counted differently or was throttled. */
export interface PlatformBreakTable {
  id: Generated<number>;
  /** Set on the built-in breaks only; they are neither edited nor deleted. */
  builtin_key: string | null;
  /** NULL: every network. */
  network: Network | null;
  starts_on: string;
  /** NULL: open-ended. */
  ends_on: string | null;
  note: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

// Tables added by db/migrations/0017-platform-breaks.ts.
export interface BreakTables {
  platform_break: PlatformBreakTable;
}
