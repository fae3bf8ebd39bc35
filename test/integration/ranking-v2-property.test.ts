import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadMethodInput } from '../../lib/data/ranking-snapshot';
import { createRng } from '../../lib/demo/random';
import { computeRanking } from '../../lib/ranking/engine';
import { eachDay } from '../../lib/ranking/period';
import { PODIUM_V1, PODIUM_V2, type MethodDefinition } from '../../lib/ranking/method';
import { refreshRollups } from '../../lib/rollups/index';

// Property (issue #12): under podium-v2, removing any one account-day or any one post
// snapshot of a branch never raises that branch's score or rank. Exhaustive over the
// removals of two branches in a small seeded fixture with growing and shrinking
// audiences, missed days, posts re-polled at irregular ages and Telegram reactions.
// The branches are close to one another (values within a few per cent), so one day's
// worth of data moves percentiles; the same loop under podium-v1 finds removals that
// help (its lifetime-totals fill, its per-view ratio), so the check can fail.

const SEED = 12_2026;
const FROM = '2026-10-01';
const TO = '2026-10-31';
let t: TestDatabase;
const branchIds: number[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const rng = createRng(SEED);
  const codes = ['RU-AD', 'RU-AL', 'RU-BA', 'RU-BU', 'RU-DA', 'RU-IN'];
  const days = eachDay('2026-09-14', TO);
  for (let b = 0; b < codes.length; b++) {
    const br = await t.db
      .insertInto('branch')
      .values({ slug: `p${b}`, name: `П${b}`, name_en: `P${b}`, region_code: codes[b]!, federal_district: 'central', population: 100_000 })
      .returning('id')
      .executeTakeFirstOrThrow();
    branchIds.push(br.id);
    const networks = b % 2 === 0 ? (['vk', 'telegram', 'website'] as const) : (['vk', 'ok'] as const);
    for (const network of networks) {
      const a = await t.db
        .insertInto('account')
        .values({ branch_id: br.id, network, external_id: `p${b}-${network}`, handle: `p${b}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      let followers = 3000 + rng.int(0, 60);
      const drift = (rng.next() - 0.5) * 0.01; // −0.5 % … +0.5 % a day
      // VK of odd branches reports no daily views: its views come from post snapshots.
      const dailyViews = !(network === 'vk' && b % 2 === 1) && network !== 'website';
      const rows = [];
      for (const day of days) {
        followers = Math.max(10, Math.round(followers * (1 + drift + (rng.next() - 0.5) * 0.004)));
        if (rng.chance(0.05)) continue; // a missed collection
        rows.push({
          account_id: a.id,
          day,
          branch_id: br.id,
          network,
          followers: network === 'website' ? null : followers,
          views: dailyViews ? rng.int(550, 650) : null,
          likes: network === 'vk' || network === 'ok' ? rng.int(20, 40) : null,
          comments: network === 'vk' || network === 'ok' ? rng.int(2, 6) : null,
          shares: network === 'vk' ? rng.int(1, 4) : null,
          visits: network === 'website' ? rng.int(150, 200) : null,
          social_visits: network === 'website' ? rng.int(18, 22) : null,
          messenger_visits: network === 'website' ? rng.int(5, 8) : null,
          posts: network === 'website' ? 0 : rng.int(0, 2),
          source: 'demo' as const,
        });
      }
      await t.db.insertInto('account_day').values(rows).execute();
      if (network === 'website' || network === 'ok') continue;
      // A post every third day, snapshots at irregular ages.
      for (let i = 0; i < days.length; i += 3) {
        const day = days[i]!;
        const p = await t.db
          .insertInto('post')
          .values({
            account_id: a.id,
            branch_id: br.id,
            network,
            external_id: `${network}-${day}`,
            published_at: `${day}T09:00:00Z`,
            source: 'demo',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        let views = 0;
        let reactions = 0;
        const snaps = [];
        for (const age of [0, 1 + rng.int(0, 1), 4 + rng.int(0, 2), 9 + rng.int(0, 3)]) {
          const sday = days[i + age];
          if (!sday) break;
          views += rng.int(400, 600);
          reactions += rng.int(3, 12);
          snaps.push({
            post_id: p.id,
            day: sday,
            branch_id: br.id,
            views,
            likes: network === 'vk' ? Math.round(views / 40) : null,
            reactions: network === 'telegram' ? reactions : null,
          });
        }
        // Two snapshots on the same day cannot exist; ages are increasing, so days are distinct.
        await t.db.insertInto('post_day').values(snaps).execute();
      }
    }
  }
  await refreshRollups(t.db);
}, 120_000);
afterAll(async () => t?.drop());

async function standing(method: MethodDefinition, id: number): Promise<{ score: number | null; rank: number | null }> {
  const branches = await loadMethodInput(t.db, method, { from: FROM, to: TO, asOf: TO }, 'all');
  const row = computeRanking({ from: FROM, to: TO, asOf: TO, branches }, method).rows.find((r) => r.branchId === id)!;
  return { score: row.score, rank: row.rank };
}

interface Removal {
  what: string;
  remove: () => Promise<void>;
  restore: () => Promise<void>;
}

async function removals(id: number): Promise<Removal[]> {
  const out: Removal[] = [];
  const days = await t.db
    .selectFrom('account_day')
    .selectAll()
    .where('branch_id', '=', id)
    .where('day', '>=', '2026-09-16')
    .where('day', '<=', TO)
    .execute();
  for (const d of days) {
    out.push({
      what: `account-day ${d.network} ${d.day}`,
      remove: async () =>
        void (await t.db.deleteFrom('account_day').where('account_id', '=', d.account_id).where('day', '=', d.day).execute()),
      restore: async () =>
        void (await t.db
          .insertInto('account_day')
          .values({ ...d, collected_at: d.collected_at })
          .execute()),
    });
  }
  const snaps = await t.db.selectFrom('post_day').selectAll().where('branch_id', '=', id).where('day', '>=', '2026-09-20').execute();
  for (const s of snaps) {
    out.push({
      what: `snapshot of post ${s.post_id} on ${s.day}`,
      remove: async () => void (await t.db.deleteFrom('post_day').where('post_id', '=', s.post_id).where('day', '=', s.day).execute()),
      restore: async () => void (await t.db.insertInto('post_day').values(s).execute()),
    });
  }
  return out;
}

/** Every removal that raised the branch's score or improved its rank. */
async function violations(method: MethodDefinition, id: number, limit = Infinity): Promise<string[]> {
  const base = await standing(method, id);
  expect(base.rank).not.toBeNull();
  const bad: string[] = [];
  for (const r of await removals(id)) {
    await r.remove();
    await refreshRollups(t.db);
    const after = await standing(method, id);
    await r.restore();
    await refreshRollups(t.db);
    if (after.score !== null && (after.score > base.score! || (after.rank !== null && after.rank < base.rank!))) {
      bad.push(`${r.what}: score ${base.score} → ${after.score}, rank ${base.rank} → ${after.rank}`);
      if (bad.length >= limit) break;
    }
  }
  // Everything was put back.
  const again = await standing(method, id);
  expect(again).toEqual(base);
  return bad;
}

describe('podium-v2: missing data never helps', () => {
  it('no single account-day or post snapshot removed raises a branch’s score or rank', async () => {
    for (const id of [branchIds[2]!, branchIds[3]!]) expect(await violations(PODIUM_V2, id)).toEqual([]);
  }, 600_000);

  it('the same check finds removals that help under podium-v1', async () => {
    const found = [...(await violations(PODIUM_V1, branchIds[2]!, 1)), ...(await violations(PODIUM_V1, branchIds[3]!, 1))];
    expect(found.length).toBeGreaterThan(0);
  }, 600_000);
});
