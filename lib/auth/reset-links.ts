import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { RESET_LINK_HOURS } from './config';
import { passwordProblem } from './passwords';
import { UserInputError, inTransaction, setUserPassword } from './users';

const PREFIX = 'podium-reset:';

// Only a hash of the token is stored: a database reader cannot use a link.
function identifierFor(token: string): string {
  return PREFIX + crypto.createHash('sha256').update(token).digest('hex');
}

/**
 * A one-time link that sets the user's password. No mail server is assumed:
 * the admin who issues it hands it over. Issuing a new one cancels older ones.
 */
export async function issueResetLink(db: Kysely<Database>, userId: string, baseUrl: string): Promise<{ url: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + RESET_LINK_HOURS * 3_600_000);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('auth_verification').where('identifier', 'like', `${PREFIX}%`).where('value', '=', userId).execute();
    await trx
      .insertInto('auth_verification')
      .values({ id: crypto.randomUUID(), identifier: identifierFor(token), value: userId, expires_at: expiresAt })
      .execute();
  });
  return { url: `${baseUrl.replace(/\/+$/, '')}/reset-password?token=${token}`, expiresAt };
}

export class ResetLinkError extends Error {}

/** Whether the link can still be used (for the page, before asking for a password). */
export async function resetLinkIsValid(db: Kysely<Database>, token: string): Promise<boolean> {
  if (!token) return false;
  const row = await db
    .selectFrom('auth_verification')
    .select('id')
    .where('identifier', '=', identifierFor(token))
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return Boolean(row);
}

/** Uses the link once: sets the password and ends all sessions. Returns the user id. */
export async function consumeResetLink(db: Kysely<Database>, token: string, newPassword: string): Promise<string> {
  // A refused password must not burn the link.
  const problem = passwordProblem(newPassword);
  if (problem) throw new UserInputError('password', problem);
  return inTransaction(db, async (trx) => {
    // Delete-and-return makes a second use (even a concurrent one) fail.
    const row = await trx
      .deleteFrom('auth_verification')
      .where('identifier', '=', identifierFor(token))
      .returning(['value', 'expires_at'])
      .executeTakeFirst();
    if (!row || row.expires_at <= new Date()) throw new ResetLinkError('This link is invalid, expired or already used');
    await setUserPassword(trx, row.value, newPassword);
    return row.value;
  });
}
