import { sql, type Kysely } from 'kysely';
import type { Database } from '@/db/schema';

// Sign-in throttling (docs/access.md, "Sign-in throttling"). Failures are
// counted per (e-mail, client address) and per client address, whether the
// e-mail belongs to anyone or not, so
//   - a guesser cannot lock a real user out from the user's own address,
//   - the answers are the same for real and made-up e-mails,
//   - the global brake (many failures everywhere in a minute) only stops
//     addresses that have failed recently; one with a clean record still gets in.

export interface ThrottlePolicy {
  /** How far back failures count, in minutes (also how long a refusal lasts at most). */
  windowMinutes: number;
  /** Failures for one e-mail from one address before that pair is refused. */
  pairFailures: number;
  /** Failures from one address (any e-mails) before the address is refused. */
  addressFailures: number;
  /** Failures per minute across all addresses that engage the global brake; 0 = off. */
  globalFailuresPerMinute: number;
}

export type Refusal = 'pair' | 'address' | 'global';

/** Why this attempt must be refused before any password is checked, or null. */
export async function throttleRefusal(db: Kysely<Database>, email: string, address: string, p: ThrottlePolicy): Promise<Refusal | null> {
  const row = await db
    .selectFrom('sign_in_failure')
    .select([
      sql<string>`count(*) filter (where email = ${email} and address = ${address})`.as('pair'),
      sql<string>`count(*) filter (where address = ${address})`.as('address'),
      sql<string>`count(*) filter (where at > now() - interval '1 minute')`.as('minute'),
    ])
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${p.windowMinutes})`)
    .executeTakeFirstOrThrow();
  const [pair, byAddress, minute] = [Number(row.pair), Number(row.address), Number(row.minute)];
  if (pair >= p.pairFailures) return 'pair';
  if (byAddress >= p.addressFailures) return 'address';
  if (p.globalFailuresPerMinute > 0 && minute >= p.globalFailuresPerMinute && byAddress > 0) return 'global';
  return null;
}

/** Counts one failed sign-in, and forgets failures older than a day. */
export async function recordSignInFailure(db: Kysely<Database>, email: string, address: string): Promise<void> {
  await db.insertInto('sign_in_failure').values({ email, address }).execute();
  await db
    .deleteFrom('sign_in_failure')
    .where('at', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
}

/** A correct password clears that e-mail's failures from that address. */
export async function clearPairFailures(db: Kysely<Database>, email: string, address: string): Promise<void> {
  await db.deleteFrom('sign_in_failure').where('email', '=', email).where('address', '=', address).execute();
}
