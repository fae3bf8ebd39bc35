import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { detailScope, type Viewer } from '../auth/viewer';
import type { AccountStatus, CredentialStatus, FederalDistrict, Network, RunStatus } from '../networks';
import { postsSource, type PostsSource } from './posts-source';

// Collection health, read from collection_run, account and credential. Every
// query is limited to the branches whose detail the viewer may see.

export interface AccountHealth {
  accountId: number;
  branch: { id: number; slug: string; name: string; nameEn: string; federalDistrict: FederalDistrict };
  network: Network;
  handle: string | null;
  title: string | null;
  url: string | null;
  status: AccountStatus;
  statusReason: string | null;
  credential: { id: number; label: string; status: CredentialStatus; pausedUntil: string | null; lastError: string | null } | null;
  /** Finish time of the last run that wrote data (ok or partial). */
  lastSuccessAt: string | null;
  /** The latest day with data for this account. */
  lastDataDay: string | null;
  lastRun: {
    status: RunStatus;
    startedAt: string;
    finishedAt: string | null;
    errorClass: string | null;
    errorMessage: string | null;
  } | null;
  /** The last failed run's error, whenever it was. */
  lastError: { at: string; errorClass: string | null; message: string | null } | null;
  /** Failed runs in the last 7 days. */
  recentFailures: number;
  /** How posts arrive where that depends on the credential (OK): API, CSV import or not at all. */
  postsSource: PostsSource | null;
}

export interface RunFailure {
  id: number;
  accountId: number;
  branch: { slug: string; name: string; nameEn: string };
  network: Network;
  handle: string | null;
  startedAt: string;
  status: RunStatus;
  errorClass: string | null;
  errorMessage: string | null;
}

export interface CredentialHealth {
  id: number;
  network: Network;
  label: string;
  status: CredentialStatus;
  pausedUntil: string | null;
  expiresAt: string | null;
  lastError: string | null;
  lastCheckedAt: string | null;
  accounts: number;
}

const iso = (v: Date | string | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

function scopeCondition(viewer: Viewer, column: string) {
  const ids = detailScope(viewer);
  if (ids === null) return sql<boolean>`true`;
  if (ids.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(column)} = any(${ids}::int[])`;
}

/** Every account in scope with its last success, last error and recent failures; optionally one branch. */
export async function listAccountHealth(db: DB, viewer: Viewer, opts: { branchId?: number } = {}): Promise<AccountHealth[]> {
  const branchFilter = opts.branchId === undefined ? sql<boolean>`true` : sql<boolean>`a.branch_id = ${opts.branchId}`;
  const { rows } = await sql<{
    account_id: number;
    branch_id: number;
    slug: string;
    name: string;
    name_en: string;
    federal_district: FederalDistrict;
    network: Network;
    handle: string | null;
    title: string | null;
    url: string | null;
    status: AccountStatus;
    status_reason: string | null;
    cred_id: number | null;
    cred_label: string | null;
    cred_status: CredentialStatus | null;
    cred_paused_until: Date | null;
    cred_last_error: string | null;
    last_success_at: Date | null;
    last_data_day: string | null;
    run_status: RunStatus | null;
    run_started_at: Date | null;
    run_finished_at: Date | null;
    run_error_class: string | null;
    run_error_message: string | null;
    err_at: Date | null;
    err_class: string | null;
    err_message: string | null;
    recent_failures: number;
    cred_token_type: string | null;
    has_imported_posts: boolean;
    has_demo_rows: boolean;
  }>`
    select a.id as account_id, b.id as branch_id, b.slug, b.name, b.name_en, b.federal_district,
      a.network, a.handle, a.title, a.url, a.status, a.status_reason,
      c.id as cred_id, c.label as cred_label, c.status as cred_status, c.paused_until as cred_paused_until, c.last_error as cred_last_error,
      ok.finished_at as last_success_at,
      (select max(ad.day)::text from account_day ad where ad.account_id = a.id) as last_data_day,
      lr.status as run_status, lr.started_at as run_started_at, lr.finished_at as run_finished_at,
      lr.error_class as run_error_class, lr.error_message as run_error_message,
      le.started_at as err_at, le.error_class as err_class, le.error_message as err_message,
      (select count(*)::int from collection_run f
        where f.account_id = a.id and f.branch_id = a.branch_id and f.status = 'failed' and f.started_at > now() - interval '7 days') as recent_failures,
      c.config->>'token_type' as cred_token_type,
      exists (select 1 from account_day ad where ad.account_id = a.id and ad.source = 'import' and ad.posts is not null) as has_imported_posts,
      exists (select 1 from account_day ad where ad.account_id = a.id and ad.source = 'demo') as has_demo_rows
    from account a
    join branch b on b.id = a.branch_id and b.archived_at is null
    left join credential c on c.id = a.credential_id
    left join lateral (
      select r.finished_at from collection_run r
      where r.account_id = a.id and r.branch_id = a.branch_id and r.status in ('ok', 'partial') and r.finished_at is not null
      order by r.started_at desc limit 1
    ) ok on true
    left join lateral (
      select r.status, r.started_at, r.finished_at, r.error_class, r.error_message from collection_run r
      where r.account_id = a.id and r.branch_id = a.branch_id order by r.started_at desc limit 1
    ) lr on true
    left join lateral (
      select r.started_at, r.error_class, r.error_message from collection_run r
      where r.account_id = a.id and r.branch_id = a.branch_id and r.status = 'failed' order by r.started_at desc limit 1
    ) le on true
    where ${scopeCondition(viewer, 'a.branch_id')} and ${branchFilter}
    order by b.name, a.network, a.handle
  `.execute(db);
  return rows.map((r) => ({
    accountId: r.account_id,
    branch: { id: r.branch_id, slug: r.slug, name: r.name, nameEn: r.name_en, federalDistrict: r.federal_district },
    network: r.network,
    handle: r.handle,
    title: r.title,
    url: r.url,
    status: r.status,
    statusReason: r.status_reason,
    credential:
      r.cred_id === null
        ? null
        : {
            id: r.cred_id,
            label: r.cred_label ?? '',
            status: r.cred_status ?? 'valid',
            pausedUntil: iso(r.cred_paused_until),
            lastError: r.cred_last_error,
          },
    lastSuccessAt: iso(r.last_success_at),
    lastDataDay: r.last_data_day,
    lastRun:
      r.run_status === null || r.run_started_at === null
        ? null
        : {
            status: r.run_status,
            startedAt: iso(r.run_started_at)!,
            finishedAt: iso(r.run_finished_at),
            errorClass: r.run_error_class,
            errorMessage: r.run_error_message,
          },
    lastError: r.err_at === null ? null : { at: iso(r.err_at)!, errorClass: r.err_class, message: r.err_message },
    recentFailures: r.recent_failures,
    postsSource: postsSource(r.network, r.cred_token_type, { imported: r.has_imported_posts, demo: r.has_demo_rows }),
  }));
}

/** Failed and partial runs of the last `days` days in scope, newest first. */
export async function listRecentFailures(
  db: DB,
  viewer: Viewer,
  opts: { days?: number; limit?: number; branchId?: number } = {},
): Promise<RunFailure[]> {
  const days = opts.days ?? 7;
  const branchFilter = opts.branchId === undefined ? sql<boolean>`true` : sql<boolean>`r.branch_id = ${opts.branchId}`;
  const { rows } = await sql<{
    id: number;
    account_id: number;
    slug: string;
    name: string;
    name_en: string;
    network: Network;
    handle: string | null;
    started_at: Date;
    status: RunStatus;
    error_class: string | null;
    error_message: string | null;
  }>`
    select r.id, r.account_id, b.slug, b.name, b.name_en, r.network, a.handle, r.started_at, r.status, r.error_class, r.error_message
    from collection_run r
    join account a on a.id = r.account_id
    join branch b on b.id = r.branch_id
    where r.status in ('failed', 'partial')
      and r.started_at > now() - make_interval(days => ${days})
      and ${scopeCondition(viewer, 'r.branch_id')} and ${branchFilter}
    order by r.started_at desc
    limit ${opts.limit ?? 100}
  `.execute(db);
  return rows.map((r) => ({
    id: Number(r.id),
    accountId: r.account_id,
    branch: { slug: r.slug, name: r.name, nameEn: r.name_en },
    network: r.network,
    handle: r.handle,
    startedAt: iso(r.started_at)!,
    status: r.status,
    errorClass: r.error_class,
    errorMessage: r.error_message,
  }));
}

/**
 * Credentials used by accounts in scope. Labels and statuses only — never the
 * secret. Coordinators see only those their own accounts use.
 */
export async function listCredentialHealth(db: DB, viewer: Viewer): Promise<CredentialHealth[]> {
  const { rows } = await sql<{
    id: number;
    network: Network;
    label: string;
    status: CredentialStatus;
    paused_until: Date | null;
    expires_at: Date | null;
    last_error: string | null;
    last_checked_at: Date | null;
    accounts: number;
  }>`
    select c.id, c.network, c.label, c.status, c.paused_until, c.expires_at, c.last_error, c.last_checked_at,
      count(a.id)::int as accounts
    from credential c
    left join account a on a.credential_id = c.id and ${scopeCondition(viewer, 'a.branch_id')}
    group by c.id
    having ${detailScope(viewer) === null ? sql<boolean>`true` : sql<boolean>`count(a.id) > 0`}
    order by (c.status = 'valid'), c.network, c.label
  `.execute(db);
  return rows.map((r) => ({
    id: r.id,
    network: r.network,
    label: r.label,
    status: r.status,
    pausedUntil: iso(r.paused_until),
    expiresAt: iso(r.expires_at),
    // A credential may serve other branches too: its error text can speak of them.
    lastError: detailScope(viewer) === null ? r.last_error : null,
    lastCheckedAt: iso(r.last_checked_at),
    accounts: r.accounts,
  }));
}
