import type { Transaction } from 'kysely';
import type { DB } from '../../db/client';
import type { Database } from '../../db/schema';
import { isDatabaseUnavailable } from '../../db/unavailable';
import { COLLECTORS, NEEDS_CREDENTIAL } from '../collectors';
import { defaultWindow } from '../collectors/days';
import { dayInZone } from '../ranking/period';
import type { CollectCredential, CollectResult, CollectWindow } from '../collectors/types';
import { decryptSecret, parseKey, secretKey } from '../crypto/secrets';
import type { Env } from '../env';
import type { HttpClient } from '../http/client';
import { fetchPolicy } from '../http/env-policy';
import { AccountError, CredentialError, FetchRefusedError, NetworkError, QuotaError, errorClassOf, scrubSecrets } from '../http/errors';
import type { Logger } from '../log';
import type { Network, RunStatus } from '../networks';
import { notifyConfig } from '../notify/config';
import type { Problem } from '../notify/events';
import { emitCollectionProblem } from '../notify/watch';
import { upsertAccountDays, upsertPosts, upsertSiteChannels } from './writes';

export interface CollectAccountOptions {
  http: HttpClient;
  env: Env;
  now?: Date;
  window?: CollectWindow;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Encryption key for credentials; defaults to secretKey(). */
  key?: Buffer;
}

export interface RunSummary {
  runId: number;
  accountId: number;
  network: Network;
  status: RunStatus;
  errorClass: string | null;
  errorMessage: string | null;
  apiCalls: number;
  rowsWritten: number;
  durationMs: number;
  /** A collection problem was reported to the people concerned (docs/notifications.md). */
  notified: boolean;
}

const MAX_MESSAGE = 1000;
const SHARED_CREDENTIAL_NETWORKS: readonly Network[] = ['vk', 'telegram', 'youtube', 'ok', 'max'];
type Trx = Transaction<Database>;

async function loadCredential(db: DB, id: number | null, network: Network) {
  const q = db.selectFrom('credential').selectAll();
  if (id !== null) return q.where('id', '=', id).executeTakeFirst();
  // Without an assigned credential, a network-wide one (a VK service token, a
  // bot, an API key); a website's Metrica token belongs to its own counter.
  if (!SHARED_CREDENTIAL_NETWORKS.includes(network)) return undefined;
  return q.where('network', '=', network).where('status', '<>', 'invalid').orderBy('id').executeTakeFirst();
}

/**
 * Collects one account now: runs its collector, then writes its rows and its
 * collection_run record in one transaction, so a crash leaves neither.
 * Never throws for a collection failure; the summary says what happened.
 */
export async function collectAccount(db: DB, accountId: number, opts: CollectAccountOptions): Promise<RunSummary> {
  const started = new Date();
  const now = opts.now ?? started;
  const tz = opts.env.PODIUM_TIMEZONE;
  const window = opts.window ?? defaultWindow(now, tz);
  const account = await db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!account) throw new Error(`account ${accountId} does not exist`);

  const record = async (
    status: RunStatus,
    errorClass: string | null,
    message: string | null,
    apiCalls: number,
    write?: (trx: Trx) => Promise<number>,
    problem?: { kind: Problem; episode: string },
    /** Low-level cause of a network failure: logged, never stored or shown. */
    detail?: string,
  ): Promise<RunSummary> => {
    const result = await db.transaction().execute(async (trx) => {
      const rowsWritten = write ? await write(trx) : 0;
      // The alert is written with the run that found the problem, or not at all.
      if (problem) {
        await emitCollectionProblem(
          trx as unknown as DB,
          notifyConfig(opts.env),
          { branchId: account.branch_id, network: account.network, url: account.url, handle: account.handle },
          problem.kind,
          problem.episode,
        );
      }
      const run = await trx
        .insertInto('collection_run')
        .values({
          account_id: account.id,
          branch_id: account.branch_id,
          network: account.network,
          window_from: window.from,
          window_to: window.to,
          started_at: started,
          finished_at: new Date(),
          status,
          error_class: errorClass,
          error_message: message ? message.slice(0, MAX_MESSAGE) : null,
          api_calls: apiCalls,
          rows_written: rowsWritten,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { runId: run.id, rowsWritten };
    });
    const summary: RunSummary = {
      runId: result.runId,
      accountId: account.id,
      network: account.network,
      status,
      errorClass,
      errorMessage: message,
      apiCalls,
      rowsWritten: result.rowsWritten,
      durationMs: Date.now() - started.getTime(),
      notified: problem !== undefined,
    };
    const log = status === 'failed' ? opts.logger?.warn : opts.logger?.info;
    log?.call(opts.logger, detail ? { ...summary, detail } : { ...summary }, 'collection run');
    return summary;
  };

  if (account.status !== 'active') return record('skipped', 'account', `account is ${account.status}`, 0);
  const collector = COLLECTORS[account.network];
  if (!collector) return record('skipped', null, `${account.network} has no API; use the CSV import`, 0);

  const credRow = await loadCredential(db, account.credential_id, account.network);
  // Every branch whose collection a bad credential stops hears of it once per episode.
  const episode = (c: { id: number; last_checked_at: Date | null }) =>
    `${c.id}:${c.last_checked_at ? new Date(c.last_checked_at).toISOString() : '-'}`;
  if (credRow?.status === 'invalid') {
    return record('skipped', 'credential', `credential ${credRow.id} is marked invalid`, 0, undefined, {
      kind: 'credential_invalid',
      episode: episode(credRow),
    });
  }
  if (credRow?.status === 'quota' && credRow.paused_until && new Date(credRow.paused_until) > now) {
    return record(
      'skipped',
      'quota',
      `credential ${credRow.id} is paused until ${new Date(credRow.paused_until).toISOString()}`,
      0,
      undefined,
      {
        kind: 'credential_quota',
        episode: episode(credRow),
      },
    );
  }
  if (!credRow && NEEDS_CREDENTIAL.includes(account.network)) {
    // A MAX channel is read only through the organisation's bot; without one it comes in by CSV import.
    const why =
      account.network === 'max'
        ? 'no MAX bot token configured: channels without the bot are imported from CSV'
        : `no ${account.network} credential configured`;
    return record('skipped', 'credential', why, 0);
  }

  let credential: CollectCredential | null = null;
  const secrets: string[] = [];
  if (credRow) {
    // Decrypted only here, for this one run.
    const token = decryptSecret(
      { ciphertext: credRow.secret_ciphertext, iv: credRow.secret_iv, tag: credRow.secret_tag },
      opts.key ?? (opts.env.PODIUM_SECRET_KEY ? parseKey(opts.env.PODIUM_SECRET_KEY) : secretKey()),
    );
    secrets.push(token);
    credential = { id: credRow.id, network: credRow.network, token, config: credRow.config ?? {} };
  }

  // The env's fetch policy: allow-list for branch-data URLs, body cap.
  const http = opts.http.session(fetchPolicy(opts.env));
  const ref = { id: account.id, branch_id: account.branch_id, network: account.network };
  const quotaDay = dayInZone(now, 'America/Los_Angeles');
  const countQuota = async (trx: Trx) => {
    if (account.network !== 'youtube' || !credRow || http.calls === 0) return;
    // Every call costs a unit, failed ones too.
    await trx
      .insertInto('quota_usage')
      .values({ credential_id: credRow.id, day: quotaDay, units: http.calls })
      .onConflict((oc) =>
        oc.columns(['credential_id', 'day']).doUpdateSet((eb) => ({ units: eb('quota_usage.units', '+', eb.ref('excluded.units')) })),
      )
      .execute();
  };

  let result: CollectResult;
  try {
    result = await collector(
      { id: account.id, network: account.network, externalId: account.external_id, handle: account.handle, url: account.url },
      credential,
      window,
      { http, env: opts.env, now },
    );
  } catch (e) {
    const errorClass = errorClassOf(e);
    const message = scrubSecrets(e instanceof Error ? e.message : String(e), secrets);
    const detail = e instanceof NetworkError || e instanceof FetchRefusedError ? scrubSecrets(e.detail, secrets) : undefined;
    const problem: { kind: Problem; episode: string } | undefined =
      e instanceof CredentialError && credRow
        ? { kind: 'credential_invalid', episode: episode({ id: credRow.id, last_checked_at: now }) }
        : e instanceof QuotaError && credRow
          ? { kind: 'credential_quota', episode: episode({ id: credRow.id, last_checked_at: now }) }
          : e instanceof AccountError
            ? { kind: e.problem === 'private' ? 'account_private' : 'account_not_found', episode: `${account.id}:${now.toISOString()}` }
            : undefined;
    return record(
      'failed',
      errorClass,
      message,
      http.calls,
      async (trx) => {
        await countQuota(trx);
        if (e instanceof CredentialError && credRow) {
          await trx
            .updateTable('credential')
            .set({ status: 'invalid', last_error: message, last_checked_at: now })
            .where('id', '=', credRow.id)
            .execute();
        } else if (e instanceof QuotaError && credRow) {
          await trx
            .updateTable('credential')
            .set({ status: 'quota', paused_until: e.resetAt, last_error: message, last_checked_at: now })
            .where('id', '=', credRow.id)
            .execute();
        } else if (e instanceof AccountError) {
          await trx.updateTable('account').set({ status: e.problem, status_reason: message }).where('id', '=', account.id).execute();
        }
        return 0;
      },
      problem,
      detail,
    );
  }

  const warnings = result.warnings.map((w) => scrubSecrets(w, secrets));
  const today = dayInZone(now, tz);
  const collected = result;
  try {
    return await record(warnings.length ? 'partial' : 'ok', null, warnings.length ? warnings.join('; ') : null, http.calls, async (trx) => {
      await countQuota(trx);
      if (credRow) {
        await trx
          .updateTable('credential')
          .set({ status: 'valid', paused_until: null, last_error: null, last_checked_at: now })
          .where('id', '=', credRow.id)
          .execute();
      }
      const days = await upsertAccountDays(trx, ref, collected.days, 'api', now);
      const posts = await upsertPosts(trx, ref, collected.posts, today, now);
      const channels = collected.siteChannels ? await upsertSiteChannels(trx, ref, collected.siteChannels) : 0;
      return days + posts + channels;
    });
  } catch (e) {
    // The database went away mid-write: nothing was stored, and this is no fault
    // of the account. The queue runs the job again once the database is back.
    if (isDatabaseUnavailable(e)) throw e;
    // The write rolled back whole (e.g. a constraint refused a value): say so
    // in a run of its own instead of crashing the round.
    const message = scrubSecrets(`storing the result failed: ${e instanceof Error ? e.message : String(e)}`, secrets);
    return record('failed', 'internal', message, http.calls, async (trx) => {
      await countQuota(trx);
      return 0;
    });
  }
}
