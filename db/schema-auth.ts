import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Role } from '../lib/auth/viewer';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

// better-auth's models under our names (see lib/auth/auth.ts for the mapping).
export interface AppUserTable {
  id: string;
  name: string;
  email: string;
  email_verified: ColumnType<boolean, boolean | undefined, boolean>;
  image: string | null;
  role: ColumnType<Role, Role | undefined, Role>;
  branch_id: number | null;
  deactivated_at: Timestamp | null;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface AuthSessionTable {
  id: string;
  user_id: string;
  token: string;
  expires_at: Timestamp;
  ip_address: string | null;
  user_agent: string | null;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface AuthAccountTable {
  id: string;
  user_id: string;
  account_id: string;
  provider_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: Timestamp | null;
  refresh_token_expires_at: Timestamp | null;
  scope: string | null;
  password: string | null;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface AuthVerificationTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: Timestamp;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface AuthRateLimitTable {
  id: string;
  key: string;
  count: number;
  last_request: number;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
  ip: string | null;
  user_agent: string | null;
}

/** One failed sign-in: the e-mail as typed (normalized) and the client address key. */
export interface SignInFailureTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | string | undefined, never>;
  email: string;
  address: string;
}

export interface AuthTables {
  app_user: AppUserTable;
  auth_session: AuthSessionTable;
  auth_account: AuthAccountTable;
  auth_verification: AuthVerificationTable;
  auth_rate_limit: AuthRateLimitTable;
  audit_event: AuditEventTable;
  sign_in_failure: SignInFailureTable;
}

export type AppUser = Selectable<AppUserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
