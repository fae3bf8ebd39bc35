import type { ColumnType } from 'kysely';

/** Website visits by Metrica source and network/messenger (db/migrations/0006-ranking-v2.ts). */
export interface SiteSourceDayTable {
  account_id: number;
  day: string;
  branch_id: number;
  source: 'social' | 'messenger';
  /** Metrica's id of the network or messenger (e.g. "vkontakte", "telegram"). */
  channel: string;
  visits: number;
}

/** The method in effect: one row, changed by an admin (lib/data/method-choice.ts). */
export interface RankingMethodChoiceTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  method_id: number;
  chosen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  chosen_by: string | null;
}

// Columns and tables added by migration 0006, merged into the core types.
declare module './schema' {
  interface AccountDayTable {
    messenger_visits: number | null;
  }
  interface Database {
    site_source_day: SiteSourceDayTable;
    ranking_method_choice: RankingMethodChoiceTable;
  }
}

declare module './schema-ranking' {
  interface RollupBranchDayTable {
    /** podium-v2 inputs: snapshot increases, never lifetime totals; see lib/rollups. */
    v2_views: number | null;
    v2_likes: number | null;
    v2_comments: number | null;
    v2_shares: number | null;
    /** Reactions (Telegram), from post snapshot increases. */
    v2_reactions: number | null;
    /** Website visits from social networks / from messengers (Metrica sources). */
    social_visits: number | null;
    messenger_visits: number | null;
  }
}
