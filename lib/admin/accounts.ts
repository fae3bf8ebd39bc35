import { excerpt } from '@/lib/format/excerpt';
import { env } from '@/lib/env';
import { HttpClient } from '@/lib/http/client';
import { PgRateLimiter } from '@/lib/http/pg-rate-limiter';
import { logger } from '@/lib/log';
import { collectAccount } from '@/lib/jobs/collect-account';
import type { Network, RunStatus } from '@/lib/networks';
import { NETWORKS } from '@/lib/networks';
import { parseAccountInput } from './account-url';
import { AdminInputError, audit, refuse, type AdminContext } from './context';

export async function listAllAccounts(ctx: Pick<AdminContext, 'db'>, branchSlug?: string) {
  let q = ctx.db
    .selectFrom('account')
    .innerJoin('branch', 'branch.id', 'account.branch_id')
    .select([
      'account.id',
      'account.network',
      'account.external_id',
      'account.handle',
      'account.url',
      'account.title',
      'account.status',
      'account.status_reason',
      'account.credential_id',
      'account.added_at',
      'branch.slug as branch_slug',
      'branch.name as branch_name',
      'branch.name_en as branch_name_en',
    ])
    .orderBy('branch.name')
    .orderBy('account.network');
  if (branchSlug) q = q.where('branch.slug', '=', branchSlug);
  return q.execute();
}

export interface AddAccountInput {
  input: string;
  network?: string;
  branchSlug: string;
  title?: string;
}

export async function addAccount(ctx: AdminContext, a: AddAccountInput): Promise<number> {
  let network: Network | undefined;
  if (a.network) {
    if (!(NETWORKS as readonly string[]).includes(a.network))
      throw refuse('network', 'unknownNetwork', { network: excerpt(a.network), networks: NETWORKS.join(', ') });
    network = a.network as Network;
  }
  const parsed = parseAccountInput(a.input, network);
  if (!parsed.ok) throw new AdminInputError('url', parsed.error, parsed.say);
  const branch = await ctx.db.selectFrom('branch').select(['id', 'archived_at']).where('slug', '=', a.branchSlug).executeTakeFirst();
  if (!branch) throw refuse('branch', 'noBranchSlug', { slug: excerpt(a.branchSlug) });
  if (branch.archived_at) throw refuse('branch', 'branchArchived');
  const { account } = parsed;
  const dup = await ctx.db
    .selectFrom('account')
    .innerJoin('branch', 'branch.id', 'account.branch_id')
    .select('branch.slug')
    .where('account.network', '=', account.network)
    .where('account.external_id', '=', account.externalId)
    .executeTakeFirst();
  if (dup) throw refuse('url', 'accountTracked', { network: account.network, slug: dup.slug });
  const row = await ctx.db
    .insertInto('account')
    .values({
      branch_id: branch.id,
      network: account.network,
      external_id: account.externalId,
      handle: account.handle,
      url: account.url,
      title: a.title?.trim() || null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(ctx, 'account.add', `${account.network}:${account.externalId}`, { branch: a.branchSlug, url: account.url });
  return row.id;
}

export async function setAccountPaused(ctx: AdminContext, id: number, paused: boolean): Promise<void> {
  const acc = await ctx.db.selectFrom('account').select(['network', 'external_id']).where('id', '=', id).executeTakeFirst();
  if (!acc) throw refuse('account', 'noAccount');
  await ctx.db
    .updateTable('account')
    .set({ status: paused ? 'paused' : 'active', status_reason: paused ? 'paused by an admin' : null })
    .where('id', '=', id)
    .execute();
  await audit(ctx, paused ? 'account.pause' : 'account.resume', `${acc.network}:${acc.external_id}`);
}

export async function assignAccount(ctx: AdminContext, id: number, branchSlug: string): Promise<void> {
  const acc = await ctx.db.selectFrom('account').select(['network', 'external_id', 'branch_id']).where('id', '=', id).executeTakeFirst();
  if (!acc) throw refuse('account', 'noAccount');
  const branch = await ctx.db.selectFrom('branch').select('id').where('slug', '=', branchSlug).executeTakeFirst();
  if (!branch) throw refuse('branch', 'noBranchSlug', { slug: excerpt(branchSlug) });
  // Past metrics stay with the branch that had the account then (metric rows carry branch_id).
  await ctx.db.updateTable('account').set({ branch_id: branch.id }).where('id', '=', id).execute();
  await audit(ctx, 'account.assign', `${acc.network}:${acc.external_id}`, { fromBranchId: acc.branch_id, to: branchSlug });
}

/** Which credential collects this account; null = the network's shared one. */
export async function setAccountCredential(ctx: AdminContext, id: number, credentialId: number | null): Promise<void> {
  const acc = await ctx.db.selectFrom('account').select(['network', 'external_id']).where('id', '=', id).executeTakeFirst();
  if (!acc) throw refuse('account', 'noAccount');
  if (credentialId !== null) {
    const cred = await ctx.db.selectFrom('credential').select(['network', 'label']).where('id', '=', credentialId).executeTakeFirst();
    if (!cred) throw refuse('credential', 'noCredential');
    if (cred.network !== acc.network) throw refuse('credential', 'credentialNetwork', { credential: cred.network, network: acc.network });
  }
  await ctx.db.updateTable('account').set({ credential_id: credentialId }).where('id', '=', id).execute();
  await audit(ctx, 'account.credential', `${acc.network}:${acc.external_id}`, { credentialId });
}

/**
 * The "test fetch": collects the account now, as the worker would, and says
 * whether the network answered. Short timeouts, one retry: an admin is waiting.
 */
export async function testAccount(ctx: AdminContext, id: number): Promise<{ status: RunStatus; message: string | null }> {
  const acc = await ctx.db.selectFrom('account').select(['network', 'external_id']).where('id', '=', id).executeTakeFirst();
  if (!acc) throw refuse('account', 'noAccount');
  const summary = await collectAccount(ctx.db, id, {
    // The credential's limit is shared with the worker and the CLI through the database.
    http: new HttpClient({ timeoutMs: 10_000, maxRetries: 1, maxRetryAfterMs: 5_000 }, new PgRateLimiter(ctx.db)),
    env: env(),
    // The admin sees the stable error text; the low-level cause goes to the log.
    logger,
  });
  await audit(ctx, 'account.test', `${acc.network}:${acc.external_id}`, { status: summary.status, error: summary.errorMessage });
  return { status: summary.status, message: summary.errorMessage };
}
