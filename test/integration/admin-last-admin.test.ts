import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDeactivate, adminSetRole } from '@/lib/admin/users';
import { AdminInputError } from '@/lib/admin/context';
import { countActiveAdmins, insertUser } from '@/lib/auth/users';
import type { Viewer } from '@/lib/auth/viewer';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The last active admin cannot be removed — also when two admins remove each
// other at the same moment, which would leave none and reopen /setup.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const actor = (userId: string, email: string): Viewer => ({ userId, email, name: email, role: 'admin', branchId: null });

async function twoAdmins(prefix: string): Promise<[string, string]> {
  await t.db.updateTable('app_user').set({ deactivated_at: new Date() }).where('role', '=', 'admin').execute();
  return [
    await insertUser(t.db, { email: `${prefix}-a@example.org`, role: 'admin' }),
    await insertUser(t.db, { email: `${prefix}-b@example.org`, role: 'admin' }),
  ];
}

describe('the last active admin', () => {
  it('two admins deactivating each other at once: one succeeds, one is refused, one admin remains', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await twoAdmins(`deact${round}`);
      const results = await Promise.allSettled([
        adminDeactivate({ db: t.db, actor: actor(a, 'a') }, b),
        adminDeactivate({ db: t.db, actor: actor(b, 'b') }, a),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(AdminInputError);
      expect(String(refused.reason.message)).toMatch(/last active admin/);
      expect(await countActiveAdmins(t.db)).toBe(1);
    }
  });

  it('two admins demoting each other at once: one admin remains', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await twoAdmins(`demote${round}`);
      await Promise.allSettled([
        adminSetRole({ db: t.db, actor: actor(a, 'a') }, b, 'central', null),
        adminSetRole({ db: t.db, actor: actor(b, 'b') }, a, 'central', null),
      ]);
      expect(await countActiveAdmins(t.db)).toBe(1);
    }
  });
});
