import type { ColumnType, Generated } from 'kysely';
import type { TargetMetric } from '../lib/targets/definitions';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

// migration 0019-targets; date columns travel as 'YYYY-MM-DD' strings (db/client.ts).
export interface BranchTargetTable {
  id: Generated<number>;
  branch_id: number;
  metric: TargetMetric;
  period_from: string;
  period_to: string;
  value: number;
  created_by: string | null;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface TargetTables {
  branch_target: BranchTargetTable;
}
