import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** A meeting pack: requested (now or scheduled), built by the worker, stored as a zip. */
export interface MeetingPackTable {
  id: Generated<number>;
  period_label: string;
  /** The ranking query the pack was made from (lib/api/schemas.ts rankingsQuerySchema). */
  query: ColumnType<Record<string, string>, string, string>;
  source: ColumnType<'live' | 'published', 'live' | 'published' | undefined, 'live' | 'published'>;
  locale: ColumnType<'ru' | 'en', 'ru' | 'en' | undefined, 'ru' | 'en'>;
  status: ColumnType<
    'scheduled' | 'running' | 'done' | 'failed',
    'scheduled' | 'running' | 'done' | 'failed' | undefined,
    'scheduled' | 'running' | 'done' | 'failed'
  >;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  requested_by: string | null;
  requested_by_email: string | null;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  error: string | null;
  filename: string | null;
  size_bytes: number | null;
  sha256: string | null;
  content: Buffer | null;
}

// Tables added by db/migrations/0009-meeting-pack.ts.
export interface PackTables {
  meeting_pack: MeetingPackTable;
}
