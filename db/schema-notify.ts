import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type NotifyChannel = 'email' | 'telegram';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain' | 'skipped';

export interface NotifySettingTable {
  user_id: string;
  locale: ColumnType<'ru' | 'en', 'ru' | 'en' | undefined, 'ru' | 'en'>;
  rank_change_places: ColumnType<number, number | undefined, number>;
  updated_at: Stamp;
}

export interface NotifyPrefTable {
  user_id: string;
  event_type: string;
  channel: NotifyChannel;
  enabled: boolean;
}

export interface NotifyFollowTable {
  user_id: string;
  branch_id: number;
}

export interface NotifyTelegramLinkTable {
  user_id: string;
  /** int8 arrives as a number (db/client.ts); Telegram ids fit in 52 bits. */
  chat_id: number;
  username: string | null;
  linked_at: Stamp;
}

export interface NotifyLinkCodeTable {
  code_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface NotifyStateTable {
  key: string;
  value: unknown;
}

export interface NotifyEventTable {
  id: Generated<number>;
  type: string;
  branch_id: number | null;
  payload: unknown;
  dedupe_key: string;
  created_at: Stamp;
}

export interface NotifyOutboxTable {
  id: Generated<number>;
  event_id: number | null;
  user_id: string;
  channel: NotifyChannel;
  kind: 'alert' | 'digest';
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  message_key: string | null;
  claimed_at: Timestamp | null;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Stamp;
  last_error: string | null;
  digest: unknown;
  created_at: Stamp;
  sent_at: Timestamp | null;
}

export interface NotifyTables {
  notify_setting: NotifySettingTable;
  notify_pref: NotifyPrefTable;
  notify_follow: NotifyFollowTable;
  notify_telegram_link: NotifyTelegramLinkTable;
  notify_link_code: NotifyLinkCodeTable;
  notify_state: NotifyStateTable;
  notify_event: NotifyEventTable;
  notify_outbox: NotifyOutboxTable;
}
