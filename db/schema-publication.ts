import type { ColumnType, Generated } from 'kysely';

type Day = string;

/** A published ranking's header; see db/migrations/0007-publication.ts. Rows never change. */
export interface RankingPublicationTable {
  id: Generated<number>;
  scope: string;
  period_kind: string;
  period_from: Day;
  period_to: Day;
  period_label: string;
  method_id: number;
  method_key: string;
  method_version: number;
  as_of: Day;
  last_data_day: Day | null;
  title: string;
  comment: string;
  published_by_id: string | null;
  published_by_email: string;
  published_by_name: string;
  published_at: ColumnType<Date, Date | string, never>;
  supersedes_id: number | null;
  reason: string | null;
  /** Canonical JSON of the ranking-level fields (period, method, robustness, medians, counts, freshness). */
  summary: string;
  content_hash: string;
}

export interface RankingPublicationRowTable {
  publication_id: number;
  position: number;
  branch_id: number;
  eligible: boolean;
  rank: number | null;
  score: number | null;
  /** Canonical JSON of the whole row as the ranking gave it, metrics included. */
  row_json: string;
}

export interface PublicationTables {
  ranking_publication: RankingPublicationTable;
  ranking_publication_row: RankingPublicationRowTable;
}
