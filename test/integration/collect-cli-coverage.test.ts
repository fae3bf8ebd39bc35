// `npm run collect -- --all` against the fakes fills VK clips (with their own
// counters and the community's clip counters) and OK posts (issue #15 "Done when").
import { execFile } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { TEST_KEY_HEX, insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';

let t: TestDatabase;
let fakes: AllFakes;
const ROOT = path.resolve(import.meta.dirname, '../..');

function collect(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: t.url,
    PODIUM_SECRET_KEY: TEST_KEY_HEX,
    LOG_LEVEL: 'warn',
    VK_API_URL: fakes.env.VK_API_URL,
    OK_API_URL: fakes.env.OK_API_URL,
  };
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['lib/cli/collect.ts', ...args],
      { cwd: ROOT, env, timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
  const branchId = await insertBranch(t.db, 'coverage-branch');
  const now = Math.floor(Date.now() / 1000);
  const clip = (id: number, views: number) => ({
    id,
    owner_id: -81,
    date: now - 86_400,
    type: 'short_video' as const,
    views,
    likes: 9,
    comments: 1,
    reposts: 2,
  });
  fakes.vk.groups.set(81, {
    id: 81,
    screen_name: 'club81',
    name: 'g',
    members_count: 81,
    counters: { clips: 2, clips_views: 123_456, clips_likes: 789 },
    posts: [
      { id: 1, date: now - 3600, text: 'text', views: 10, likes: 1, reposts: 0, comments: 0 },
      {
        id: 2,
        date: now - 7200,
        post_type: 'clip',
        views: 20,
        likes: 1,
        reposts: 0,
        comments: 0,
        attachments: [{ type: 'clip', clip: clip(11, 4000) }],
      },
    ],
    videos: [clip(12, 5000)],
  });
  fakes.vk.tokens.set('vk-user-token', 'user');
  const vk = await insertCredential(t.db, 'vk', 'vk-user-token', { token_type: 'user' });
  await insertAccount(t.db, { branchId, network: 'vk', externalId: '81', handle: 'club81', credentialId: vk });

  fakes.ok.tokens.add('ok-admin-token');
  fakes.ok.adminTokens.add('ok-admin-token');
  fakes.ok.groups.set('9100', {
    members: 910,
    topics: [
      { id: '9100000001', created_ms: Date.now() - 3_600_000, media: ['text'], likes: 5, comments: 1, reshares: 2, views: 300 },
      { id: '9100000002', created_ms: Date.now() - 2 * 86_400_000, media: ['movie'], likes: 7, comments: 0, reshares: 1 },
    ],
  });
  const ok = await insertCredential(
    t.db,
    'ok',
    JSON.stringify({ access_token: 'ok-admin-token', application_secret_key: fakes.ok.applicationSecret }),
    {
      application_key: fakes.ok.applicationKey,
      token_type: 'admin',
    },
  );
  await insertAccount(t.db, { branchId, network: 'ok', externalId: '9100', credentialId: ok });
}, 60_000);

afterAll(async () => {
  await fakes?.close();
  await t?.drop();
});

describe('npm run collect -- --all (VK clips, OK posts)', () => {
  it('fills clips and OK posts', async () => {
    const r = await collect(['--all']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 accounts: 2 ok/);
    const posts = await sql<{
      network: string;
      external_id: string;
      content_type: string | null;
      views: number | null;
      likes: number | null;
    }>`
      select p.network, p.external_id, p.content_type, pd.views::int, pd.likes::int
      from post p join post_day pd on pd.post_id = p.id order by 1, 2`.execute(t.db);
    expect(posts.rows).toEqual([
      { network: 'ok', external_id: '9100000001', content_type: 'text', views: 300, likes: 5 },
      { network: 'ok', external_id: '9100000002', content_type: 'video', views: null, likes: 7 },
      { network: 'vk', external_id: '1', content_type: 'text', views: 10, likes: 1 },
      { network: 'vk', external_id: '2', content_type: 'clip', views: 4000, likes: 9 },
      { network: 'vk', external_id: 'video-81_12', content_type: 'clip', views: 5000, likes: 9 },
    ]);
    const clips = await t.db
      .selectFrom('account_day')
      .select(['clips_views', 'clips_likes'])
      .where('clips_views', 'is not', null)
      .execute();
    expect(clips).toEqual([{ clips_views: 123_456, clips_likes: 789 }]);
  }, 60_000);
});
