import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { NOW, TEST_KEY, FAST_LIMITS, insertAccount, insertBranch, startAllFakes, type AllFakes } from '../fakes/fixtures';
import { collectAccount } from '@/lib/jobs/collect-account';
import { HttpClient } from '@/lib/http/client';

let t: TestDatabase;
let fakes: AllFakes;

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
}, 60_000);
afterAll(async () => {
  await fakes?.close();
  await t?.drop();
});

describe('Telegram reactions through the collector', () => {
  it('stores emoji and custom-emoji reactions with their ±, paid stars apart, and forwards as NULL', async () => {
    const at = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString().replace('.000Z', '+00:00');
    fakes.telegram.channels.set('react_chan', {
      name: 'react_chan',
      subscribers: 2000,
      posts: [
        {
          id: 1,
          date: at(30),
          views: '3.1K',
          reactions: [{ paid: true }, { emoji: '👍' }, { customEmojiId: '5190660975866437599' }, { emoji: '❤‍🔥' }],
          reactionCounts: ['16.8K', '1.2K', '37', '4'],
        },
        { id: 2, date: at(5), views: '987' },
      ],
    });
    const branchId = await insertBranch(t.db);
    const id = await insertAccount(t.db, { branchId, network: 'telegram', externalId: 'react_chan', handle: 'react_chan' });
    const s = await collectAccount(t.db, id, { http: new HttpClient({ limits: FAST_LIMITS }), env: fakes.env, now: NOW, key: TEST_KEY });
    expect(s.status).toBe('ok');
    const rows = await t.db
      .selectFrom('post_day')
      .innerJoin('post', 'post.id', 'post_day.post_id')
      .select([
        'post.external_id',
        'post_day.reactions',
        'post_day.reactions_margin',
        'post_day.paid_stars',
        'post_day.paid_stars_margin',
        'post_day.shares',
      ])
      .where('post.account_id', '=', id)
      .orderBy('post.external_id')
      .execute();
    expect(rows).toEqual([
      { external_id: '1', reactions: 1200 + 37 + 4, reactions_margin: 50, paid_stars: 16_800, paid_stars_margin: 50, shares: null },
      // Another post on the page shows reactions, so none here is a measured 0; no paid stars shown: NULL.
      { external_id: '2', reactions: 0, reactions_margin: 0, paid_stars: null, paid_stars_margin: null, shares: null },
    ]);
  });
});
