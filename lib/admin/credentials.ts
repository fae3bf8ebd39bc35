import { excerpt } from '@/lib/format/excerpt';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { decryptSecret, encryptSecret, maskSecret } from '@/lib/crypto/secrets';
import { NETWORKS, type CredentialStatus, type Network } from '@/lib/networks';
import { audit, refuse, type AdminContext } from './context';

/** What the UI and CLI may show of a credential: never the token itself. */
export interface CredentialView {
  id: number;
  network: Network;
  label: string;
  masked: string;
  config: Record<string, string>;
  status: CredentialStatus;
  lastError: string | null;
  lastCheckedAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
}

export async function listCredentialViews(db: Kysely<Database>, key: Buffer): Promise<CredentialView[]> {
  const rows = await db.selectFrom('credential').selectAll().orderBy('network').orderBy('label').execute();
  return rows.map((r) => {
    let masked: string;
    try {
      masked = maskSecret(decryptSecret({ ciphertext: r.secret_ciphertext, iv: r.secret_iv, tag: r.secret_tag }, key));
    } catch {
      masked = '(cannot decrypt: wrong PODIUM_SECRET_KEY?)';
    }
    return {
      id: r.id,
      network: r.network,
      label: r.label,
      masked,
      config: r.config,
      status: r.status,
      lastError: r.last_error,
      lastCheckedAt: r.last_checked_at,
      expiresAt: r.expires_at,
      createdAt: r.created_at,
    };
  });
}

export interface AddCredentialInput {
  network: string;
  label: string;
  token: string;
  config?: Record<string, string>;
}

/** A token, or (OK) a JSON object holding several secrets; never echoed in errors. */
export function validateToken(raw: string): string {
  const token = raw.trim();
  if (token.length < 8 || token.length > 4096) throw refuse('token', 'tokenLength');
  if (token.startsWith('{')) {
    let ok = false;
    try {
      const v: unknown = JSON.parse(token);
      ok = typeof v === 'object' && v !== null && !Array.isArray(v);
    } catch {
      ok = false;
    }
    if (!ok) throw refuse('token', 'tokenJson');
  } else if (/\s/.test(token)) {
    throw refuse('token', 'tokenSpaces');
  }
  return token;
}

/**
 * Non-secret settings as "key=value" lines (application_key, counter_id,
 * token_type). Secrets belong in the encrypted token, so secret-looking keys are refused.
 */
export function parseCredentialConfig(text: string | string[] | undefined): Record<string, string> {
  const lines = (Array.isArray(text) ? text : (text ?? '').split(/\r?\n/)).map((l) => l.trim()).filter(Boolean);
  const out: Record<string, string> = {};
  for (const line of lines) {
    const m = /^([a-z][a-z0-9_]{0,39})\s*=\s*(.{1,500})$/.exec(line);
    if (!m) throw refuse('config', 'configLine', { line: excerpt(line, 40) });
    if (/secret|token|password/.test(m[1])) throw refuse('config', 'configSecret', { key: m[1] });
    out[m[1]] = m[2].trim();
  }
  return out;
}

export async function addCredential(ctx: AdminContext, key: Buffer, c: AddCredentialInput): Promise<number> {
  if (!(NETWORKS as readonly string[]).includes(c.network))
    throw refuse('network', 'unknownNetwork', { network: excerpt(c.network), networks: NETWORKS.join(', ') });
  const label = c.label.trim();
  if (!label || label.length > 200) throw refuse('label', 'labelRequired');
  const token = validateToken(c.token);
  const enc = encryptSecret(token, key);
  const row = await ctx.db
    .insertInto('credential')
    .values({
      network: c.network as Network,
      label,
      secret_ciphertext: enc.ciphertext,
      secret_iv: enc.iv,
      secret_tag: enc.tag,
      key_version: enc.keyVersion,
      config: JSON.stringify(c.config ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(ctx, 'credential.add', `${c.network}:${label}`, { id: row.id, masked: maskSecret(token), config: c.config ?? {} });
  return row.id;
}

export async function replaceCredentialToken(ctx: AdminContext, key: Buffer, id: number, token: string): Promise<void> {
  const t = validateToken(token);
  const enc = encryptSecret(t, key);
  const r = await ctx.db
    .updateTable('credential')
    .set({
      secret_ciphertext: enc.ciphertext,
      secret_iv: enc.iv,
      secret_tag: enc.tag,
      key_version: enc.keyVersion,
      status: 'valid',
      last_error: null,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw refuse('credential', 'noCredential');
  await audit(ctx, 'credential.replace', String(id), { masked: maskSecret(t) });
}

export async function deleteCredential(ctx: AdminContext, id: number): Promise<void> {
  const r = await ctx.db.deleteFrom('credential').where('id', '=', id).returning(['network', 'label']).executeTakeFirst();
  if (!r) throw refuse('credential', 'noCredential');
  await audit(ctx, 'credential.delete', `${r.network}:${r.label}`, { id });
}

/**
 * Marks a credential refused by its network. The audit event is written by a
 * trigger on `credential` (db/migrations/0003-auth.ts), so collection jobs that
 * update the row directly are audited the same way.
 */
export async function recordCredentialFailure(
  db: Kysely<Database>,
  id: number,
  status: Exclude<CredentialStatus, 'valid'>,
  error: string,
  pausedUntil: Date | null = null,
): Promise<void> {
  await db
    .updateTable('credential')
    .set({ status, last_error: error.slice(0, 500), last_checked_at: new Date(), paused_until: pausedUntil })
    .where('id', '=', id)
    .execute();
}
