import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { TEST_KEY_HEX, insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';
import { maxInWindow } from '../fakes/server';
import { DEFAULT_LIMITS } from '@/lib/http/rate-limiter';

// Rate limits as the server sees them (docs/collectors.md, "Rate limits"):
// two `npm run collect` processes share one VK token, and the VK fake counts
// arrivals. Each process starts cold (new connections), which is where a
// limiter timing only its own starts let 4 requests in under a second.

let t: TestDatabase;
let fakes: AllFakes;
const ROOT = path.resolve(import.meta.dirname, '../..');
const PER_BRANCH = 8;

function collect(branch: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: t.url,
    PODIUM_SECRET_KEY: TEST_KEY_HEX,
    LOG_LEVEL: 'warn',
    VK_API_URL: fakes.env.VK_API_URL,
  };
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['lib/cli/collect.ts', '--branch', branch],
      { cwd: ROOT, env, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
  fakes.vk.tokens.set('vk-shared-token', 'service');
  const cred = await insertCredential(t.db, 'vk', 'vk-shared-token');
  for (const [b, base] of [
    ['branch-a', 1000],
    ['branch-b', 2000],
  ] as const) {
    const branchId = await insertBranch(t.db, b);
    for (let i = 0; i < PER_BRANCH; i++) {
      const gid = base + i;
      fakes.vk.groups.set(gid, { id: gid, screen_name: `club${gid}`, name: 'g', members_count: gid, posts: [] });
      await insertAccount(t.db, { branchId, network: 'vk', externalId: String(gid), credentialId: cred });
    }
  }
}, 60_000);

afterAll(async () => {
  await fakes?.close();
  await t?.drop();
});

describe('a credential shared by two processes', () => {
  it('never reaches the VK fake more than 3 times in any second', async () => {
    const [a, b] = await Promise.all([collect('branch-a'), collect('branch-b')]);
    expect(a.stderr + b.stderr).toBe('');
    expect(a.stdout).toMatch(new RegExp(`${PER_BRANCH} accounts: ${PER_BRANCH} ok`));
    expect(b.stdout).toMatch(new RegExp(`${PER_BRANCH} accounts: ${PER_BRANCH} ok`));

    const reqs = fakes.vk.server.requests;
    // Which process sent it: branch a's groups are 1000+, b's 2000+.
    const group = (r: (typeof reqs)[number]) => Number((r.query.get('group_id') ?? r.query.get('owner_id') ?? '').replace('-', ''));
    const ofA = reqs.filter((r) => group(r) < 2000).map((r) => r.at);
    const ofB = reqs.filter((r) => group(r) >= 2000).map((r) => r.at);
    expect(ofA.length).toBe(PER_BRANCH * 2);
    expect(ofB.length).toBe(PER_BRANCH * 2);
    // The two processes did overlap (else this would test nothing shared).
    const overlap = Math.min(Math.max(...ofA), Math.max(...ofB)) - Math.max(Math.min(...ofA), Math.min(...ofB));
    expect(overlap).toBeGreaterThan(0);
    expect(maxInWindow([...ofA, ...ofB], DEFAULT_LIMITS.vk.intervalMs)).toBeLessThanOrEqual(DEFAULT_LIMITS.vk.limit);
  }, 180_000);
});
