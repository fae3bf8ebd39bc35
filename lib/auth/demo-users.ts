import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { hashPassword } from './passwords';
import { getUserByEmail, insertUser } from './users';
import type { Role } from './viewer';

export const DEMO_PASSWORD = 'podium-demo';
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@podium.demo', name: 'Demo admin', role: 'admin' },
  { email: 'central@podium.demo', name: 'Demo central staff', role: 'central' },
  { email: 'coordinator@podium.demo', name: 'Demo coordinator (RU-KC)', role: 'coordinator' },
];

/** Demo-only users; call only when demo data is loaded (needs the RU-KC branch). */
export async function seedDemoUsers(db: Kysely<Database>): Promise<void> {
  const kc = await db.selectFrom('branch').select('id').where('region_code', '=', 'RU-KC').executeTakeFirst();
  if (!kc) throw new Error('seedDemoUsers: no branch with region_code RU-KC; load the demo branches first');
  // One scrypt hash for all three (same password) keeps seeding fast.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    if (await getUserByEmail(db, u.email)) continue;
    await insertUser(db, { ...u, branchId: u.role === 'coordinator' ? kc.id : null, passwordHash });
  }
}
