import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '@/db/schema';
import { hashPassword, passwordProblem } from './passwords';
import { ROLES, type Role } from './viewer';

type Db = Kysely<Database>;

/** Runs fn in a transaction, joining the caller's when there is one. */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

export class UserInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const userInputSchema = z
  .object({
    email: z.email().transform((s) => s.trim().toLowerCase()),
    name: z.string().trim().max(200).optional(),
    role: z.enum(ROLES),
    branchId: z.number().int().positive().nullable().optional(),
  })
  .refine((u) => u.role !== 'coordinator' || u.branchId, { message: 'A coordinator needs a branch', path: ['branch'] });

export interface CreateUserInput {
  email: string;
  name?: string;
  role: Role;
  branchId?: number | null;
  /** Omitted for an invitation: the user sets one through a reset link. */
  password?: string;
  /** Demo seeding may pass a hash computed once. */
  passwordHash?: string;
}

export async function getUserByEmail(db: Db, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function listUsers(db: Db) {
  return db
    .selectFrom('app_user')
    .leftJoin('branch', 'branch.id', 'app_user.branch_id')
    .select([
      'app_user.id',
      'app_user.email',
      'app_user.name',
      'app_user.role',
      'app_user.branch_id',
      'branch.slug as branch_slug',
      'branch.name as branch_name',
      'branch.name_en as branch_name_en',
      'app_user.deactivated_at',
      'app_user.locked_until',
      'app_user.last_sign_in_at',
      'app_user.created_at',
    ])
    .orderBy('app_user.email')
    .execute();
}

/**
 * Serializes every change that could leave no active admin with the set-up
 * page's "is there an admin?" check: two admins deactivating each other at
 * once must not both pass the last-admin check, and /setup must not reopen.
 */
export async function lockAdminSet(trx: Db): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockAdminSet needs a transaction');
  await sql`select pg_advisory_xact_lock(4242001)`.execute(trx);
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const r = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('deactivated_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Creates a user (and its password account when a password is given). */
export async function insertUser(db: Db, input: CreateUserInput): Promise<string> {
  const parsed = userInputSchema.safeParse({ ...input, branchId: input.branchId ?? null });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(String(issue.path[0] ?? 'user'), issue.message);
  }
  const u = parsed.data;
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new UserInputError('password', problem);
  }
  if (await getUserByEmail(db, u.email)) throw new UserInputError('email', `A user with e-mail ${u.email} already exists`);
  if (u.branchId) {
    const b = await db.selectFrom('branch').select('id').where('id', '=', u.branchId).executeTakeFirst();
    if (!b) throw new UserInputError('branch', 'No such branch');
  }
  const hash = input.passwordHash ?? (input.password !== undefined ? await hashPassword(input.password) : null);
  const id = crypto.randomUUID();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('app_user')
      .values({
        id,
        email: u.email,
        name: u.name || u.email.split('@')[0],
        // An admin vouches for the address, which also lets SSO link to it.
        email_verified: true,
        role: u.role,
        branch_id: u.role === 'coordinator' ? (u.branchId ?? null) : null,
      })
      .execute();
    if (hash) await insertPasswordAccount(trx, id, hash);
  });
  return id;
}

async function insertPasswordAccount(db: Db, userId: string, hash: string): Promise<void> {
  await db
    .insertInto('auth_account')
    .values({ id: crypto.randomUUID(), user_id: userId, account_id: userId, provider_id: 'credential', password: hash })
    .execute();
}

/** Sets (or first creates) the user's password, clears a lockout and ends every session. */
export async function setUserPassword(db: Db, userId: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new UserInputError('password', problem);
  const hash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('auth_account')
      .set({ password: hash, updated_at: new Date() })
      .where('user_id', '=', userId)
      .where('provider_id', '=', 'credential')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await insertPasswordAccount(trx, userId, hash);
    await trx
      .updateTable('app_user')
      .set({ failed_sign_ins: 0, locked_until: null, updated_at: new Date() })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('auth_session').where('user_id', '=', userId).execute();
  });
}

/** Sign-out everywhere: every session of the user ends. Returns how many. */
export async function revokeUserSessions(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom('auth_session').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deactivateUser(db: Db, userId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.updateTable('app_user').set({ deactivated_at: new Date(), updated_at: new Date() }).where('id', '=', userId).execute();
    await trx.deleteFrom('auth_session').where('user_id', '=', userId).execute();
  });
}

export async function reactivateUser(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ deactivated_at: null, failed_sign_ins: 0, locked_until: null, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

export async function updateUserRole(db: Db, userId: string, role: Role, branchId: number | null): Promise<void> {
  if (role === 'coordinator' && !branchId) throw new UserInputError('branch', 'A coordinator needs a branch');
  await db
    .updateTable('app_user')
    .set({ role, branch_id: role === 'coordinator' ? branchId : null, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
  // Sessions stay valid: the role is read fresh on every request.
}
