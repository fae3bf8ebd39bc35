import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AccountStatus, CredentialStatus, DataSource, FederalDistrict, Network, RunStatus } from '../lib/networks';
import type { ContentType } from '../lib/content-types';
import type { RankingTables } from './schema-ranking';
import type { AuthTables } from './schema-auth';
import type { CollectTables } from './schema-collect';
import type { PackTables } from './schema-pack';
import type { PublicationTables } from './schema-publication';
import type { NotifyTables } from './schema-notify';
import type { BreakTables } from './schema-breaks';
import type { TargetTables } from './schema-targets';

// `date` columns travel as 'YYYY-MM-DD' strings (see db/client.ts), never as
// Date objects, so a day never shifts with the process time zone.
type Day = string;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
// A metric: NULL means "not measured", never zero.
type Metric = number | null;

export interface BranchTable {
  id: Generated<number>;
  slug: string;
  name: string;
  name_en: string;
  region_code: string;
  federal_district: FederalDistrict;
  population: number | null;
  archived_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface CredentialTable {
  id: Generated<number>;
  network: Network;
  label: string;
  secret_ciphertext: Buffer;
  secret_iv: Buffer;
  secret_tag: Buffer;
  key_version: number;
  // Non-secret settings (e.g. OK application key, Metrica counter id).
  config: ColumnType<Record<string, string>, Record<string, string> | string | undefined, Record<string, string> | string>;
  status: ColumnType<CredentialStatus, CredentialStatus | undefined, CredentialStatus>;
  paused_until: Timestamp | null;
  expires_at: Timestamp | null;
  last_error: string | null;
  last_checked_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface AccountTable {
  id: Generated<number>;
  branch_id: number;
  network: Network;
  external_id: string;
  handle: string | null;
  url: string | null;
  title: string | null;
  credential_id: number | null;
  status: ColumnType<AccountStatus, AccountStatus | undefined, AccountStatus>;
  status_reason: string | null;
  added_at: CreatedAt;
}

export interface AccountDayTable {
  account_id: number;
  day: Day;
  branch_id: number;
  network: Network;
  followers: Metric;
  views: Metric;
  reach: Metric;
  visits: Metric;
  visitors: Metric;
  pageviews: Metric;
  social_visits: Metric;
  posts: Metric;
  likes: Metric;
  comments: Metric;
  shares: Metric;
  source: DataSource;
  collected_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PostTable {
  id: Generated<number>;
  account_id: number;
  branch_id: number;
  network: Network;
  external_id: string;
  published_at: Timestamp;
  url: string | null;
  /** lib/content-types.ts; null when the network did not say. */
  content_type: ContentType | null;
  excerpt: string | null;
  source: DataSource;
}

export interface PostDayTable {
  post_id: number;
  day: Day;
  branch_id: number;
  views: Metric;
  likes: Metric;
  comments: Metric;
  shares: Metric;
  reactions: Metric;
  collected_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CollectionRunTable {
  id: Generated<number>;
  account_id: number;
  branch_id: number;
  network: Network;
  window_from: Day | null;
  window_to: Day | null;
  started_at: ColumnType<Date, Date | string | undefined, Date | string>;
  finished_at: Timestamp | null;
  status: RunStatus;
  error_class: string | null;
  error_message: string | null;
  api_calls: ColumnType<number, number | undefined, number>;
  rows_written: ColumnType<number, number | undefined, number>;
}

export interface RankingMethodTable {
  id: Generated<number>;
  key: string;
  version: number;
  // The full method definition (weights, thresholds, caps); see lib/ranking.
  definition: ColumnType<unknown, string, string>;
  notes: string | null;
  published_at: CreatedAt;
  published_by: string | null;
}

export interface CoreTables {
  branch: BranchTable;
  credential: CredentialTable;
  account: AccountTable;
  account_day: AccountDayTable;
  post: PostTable;
  post_day: PostDayTable;
  collection_run: CollectionRunTable;
  ranking_method: RankingMethodTable;
}

export interface Database
  extends CoreTables, RankingTables, AuthTables, CollectTables, PublicationTables, PackTables, NotifyTables, TargetTables, BreakTables {}

export type Branch = Selectable<BranchTable>;
export type NewBranch = Insertable<BranchTable>;
export type BranchUpdate = Updateable<BranchTable>;
export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type Credential = Selectable<CredentialTable>;
export type AccountDay = Selectable<AccountDayTable>;
export type NewAccountDay = Insertable<AccountDayTable>;
export type Post = Selectable<PostTable>;
export type PostDay = Selectable<PostDayTable>;
export type CollectionRun = Selectable<CollectionRunTable>;
export type RankingMethodRow = Selectable<RankingMethodTable>;
