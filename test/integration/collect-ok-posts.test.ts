// OK group posts (issue #15 item 2): listed by group.getStatTopics with the
// group admin's token, counted by mediatopic.getByIds; NULL where OK gives no
// value; every fault mode on the new calls; groups without an admin token keep
// followers only (their posts come by CSV import).
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { NOW, TEST_KEY, insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';
import type { OkFakeTopic } from '../fakes/ok';
import type { RecordedRequest } from '../fakes/server';
import { collectAccount } from '@/lib/jobs/collect-account';
import { HttpClient } from '@/lib/http/client';
import { importAccountCsv } from '@/lib/import/csv';
import { listAccountHealth } from '@/lib/data/health';

let t: TestDatabase;
let fakes: AllFakes;
let branchId: number;
let seq = 0;

const http = () =>
  new HttpClient({ timeoutMs: 400, baseDelayMs: 10, maxDelayMs: 50, maxRetries: 3, limits: { ok: { limit: 1000, intervalMs: 1000 } } });
const run = (accountId: number) => collectAccount(t.db, accountId, { http: http(), env: fakes.env, now: NOW, key: TEST_KEY });
const msAgo = (days: number) => NOW.getTime() - Math.round(days * 86_400_000);
const form = (r: RecordedRequest) => new URLSearchParams(r.body);

async function setup(topics: OkFakeTopic[], opts: { admin?: boolean; members?: number } = {}) {
  const gid = `7${String(++seq).padStart(5, '0')}`;
  const token = `okTOKEN${gid}`;
  fakes.ok.tokens.add(token);
  if (opts.admin !== false) fakes.ok.adminTokens.add(token);
  fakes.ok.groups.set(gid, { members: opts.members ?? 4321, topics });
  const credentialId = await insertCredential(
    t.db,
    'ok',
    JSON.stringify({ access_token: token, application_secret_key: fakes.ok.applicationSecret }),
    { application_key: fakes.ok.applicationKey, ...(opts.admin === false ? {} : { token_type: 'admin' }) },
  );
  const accountId = await insertAccount(t.db, { branchId, network: 'ok', externalId: gid, credentialId });
  const calls = (method: string) =>
    fakes.ok.server.requests.filter(
      (r) =>
        form(r).get('method') === method &&
        (form(r).get('gid') === gid || form(r).get('group_id') === gid || (form(r).get('topic_ids') ?? '').startsWith(gid)),
    );
  return { gid, token, credentialId, accountId, calls };
}

const topic = (gid: string, n: number, days: number, over: Partial<OkFakeTopic> = {}): OkFakeTopic => ({
  id: `${gid}${String(n).padStart(6, '0')}`,
  created_ms: msAgo(days),
  likes: 10 + n,
  comments: 2,
  reshares: 1,
  views: 300 + n,
  ...over,
});

async function posts(accountId: number) {
  return t.db
    .selectFrom('post')
    .innerJoin('post_day', 'post_day.post_id', 'post.id')
    .select([
      'post.external_id',
      'post.content_type',
      'post.url',
      'post_day.views',
      'post_day.likes',
      'post_day.comments',
      'post_day.shares',
    ])
    .where('post.account_id', '=', accountId)
    .orderBy('post.external_id')
    .execute();
}

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
  branchId = await insertBranch(t.db);
});
afterAll(async () => {
  await fakes?.close();
  await t?.drop();
});
beforeEach(() => fakes.ok.server.clearFaults());

describe('OK posts with the group admin token', () => {
  it('lists topics in the window, counts them, types them, and keeps NULL where OK gives no value', async () => {
    const gid = `7${String(seq + 1).padStart(5, '0')}`;
    const s = await setup([
      topic(gid, 1, 0.5, { media: ['text'] }),
      topic(gid, 2, 1.5, { media: ['text', 'photo'] }),
      topic(gid, 3, 2.5, { media: ['movie'], views: undefined }),
      topic(gid, 4, 3.5, { media: ['poll'], likes: undefined, comments: undefined, reshares: undefined }),
      topic(gid, 5, 4.5, { media: ['link'], likes: 0 }),
      // Outside the window, and one seen only by its author: neither is listed.
      topic(gid, 6, 45),
      topic(gid, 7, 1, { noStats: true }),
    ]);
    const res = await run(s.accountId);
    expect(res).toMatchObject({ status: 'ok' });
    const rows = await posts(s.accountId);
    expect(rows.map((r) => [r.external_id.slice(-1), r.content_type])).toEqual([
      ['1', 'text'],
      ['2', 'photo'],
      ['3', 'video'],
      ['4', 'other'],
      ['5', 'text'],
    ]);
    expect(rows[0]).toMatchObject({ views: 301, likes: 11, comments: 2, shares: 1, url: `https://ok.ru/group/${gid}/topic/${gid}000001` });
    // views_count missing: NULL, not the 0 that public clients default to.
    expect(rows[2]).toMatchObject({ views: null, likes: 13 });
    expect(rows[3]).toMatchObject({ likes: null, comments: null, shares: null, views: 304 });
    // A measured zero stays zero.
    expect(rows[4].likes).toBe(0);

    // Day sums: NULL on a day where a post lacks the value, the followers on today's row.
    const days = await t.db.selectFrom('account_day').selectAll().where('account_id', '=', s.accountId).orderBy('day').execute();
    expect(days).toHaveLength(30);
    expect(days.reduce((a, d) => a + (d.posts ?? 0), 0)).toBe(5);
    const today = days.find((d) => d.day === '2026-11-25');
    expect(today?.followers).toBe(4321);
    const videoDay = days.find((d) => d.posts === 1 && d.views === null);
    expect(videoDay).toBeDefined();

    // The calls: counters, one stat page, one batch of ids with an exact field list (signed as sent).
    expect(s.calls('group.getStatTopics')).toHaveLength(1);
    const byIds = s.calls('mediatopic.getByIds');
    expect(byIds).toHaveLength(1);
    expect(form(byIds[0]).get('fields')).toBe(
      'media_topic.ID,media_topic.CREATED_MS,media_topic.LIKE_SUMMARY,media_topic.RESHARE_SUMMARY,media_topic.DISCUSSION_SUMMARY,media_topic.VIEWS_COUNT,media_topic.MEDIA',
    );
    expect(form(byIds[0]).get('media_limit')).toBe('1');
    const stat = form(s.calls('group.getStatTopics')[0]);
    expect(Number(stat.get('end_time')) - Number(stat.get('start_time'))).toBe(30 * 86_400_000 - 1);
  });

  it('content-type totals add up to the account totals', async () => {
    const gid = `7${String(seq + 1).padStart(5, '0')}`;
    const media = [['text'], ['photo'], ['movie'], ['poll'], ['text', 'link']];
    const s = await setup(Array.from({ length: 40 }, (_, i) => topic(gid, i + 1, 0.3 + i * 0.7, { media: media[i % media.length] })));
    expect((await run(s.accountId)).status).toBe('ok');
    const byType = await sql<{ content_type: string; posts: number; views: number; likes: number; comments: number; shares: number }>`
      select p.content_type, count(*)::int as posts, sum(pd.views)::int as views, sum(pd.likes)::int as likes,
        sum(pd.comments)::int as comments, sum(pd.shares)::int as shares
      from post p join post_day pd on pd.post_id = p.id and pd.day = '2026-11-25'
      where p.account_id = ${s.accountId} group by 1`.execute(t.db);
    const total = await sql<{ posts: number; views: number; likes: number; comments: number; shares: number }>`
      select sum(posts)::int as posts, sum(views)::int as views, sum(likes)::int as likes, sum(comments)::int as comments, sum(shares)::int as shares
      from account_day where account_id = ${s.accountId}`.execute(t.db);
    const sums = Object.fromEntries(
      (['posts', 'views', 'likes', 'comments', 'shares'] as const).map((k) => [k, byType.rows.reduce((a, r) => a + r[k], 0)]),
    );
    expect(byType.rows).toHaveLength(4);
    expect(sums).toEqual(total.rows[0]);
    expect(total.rows[0].posts).toBe(byType.rows.reduce((a, r) => a + r.posts, 0));
  });

  it('pages group.getStatTopics by anchor and batches ids by 100 (exactly 100 is one batch)', async () => {
    const gid = `7${String(seq + 1).padStart(5, '0')}`;
    const s = await setup(Array.from({ length: 230 }, (_, i) => topic(gid, i + 1, 0.1 + i * 0.12)));
    expect((await run(s.accountId)).status).toBe('ok');
    const stat = s.calls('group.getStatTopics').map(form);
    expect(stat).toHaveLength(3);
    expect(stat[0].get('anchor')).toBeNull();
    expect(stat[1].get('anchor')).toBeTruthy();
    expect(s.calls('mediatopic.getByIds').map((r) => form(r).get('topic_ids')!.split(',').length)).toEqual([100, 100, 30]);
    expect(await posts(s.accountId)).toHaveLength(230);

    const gid2 = `7${String(seq + 1).padStart(5, '0')}`;
    const hundred = await setup(Array.from({ length: 100 }, (_, i) => topic(gid2, i + 1, 0.1 + i * 0.2)));
    expect((await run(hundred.accountId)).status).toBe('ok');
    expect(hundred.calls('group.getStatTopics')).toHaveLength(1);
    expect(hundred.calls('mediatopic.getByIds')).toHaveLength(1);
  });

  it('stops on an empty page that claims more, and skips a topic deleted between listing and counting', async () => {
    const gid = `7${String(seq + 1).padStart(5, '0')}`;
    const s = await setup([topic(gid, 1, 1), topic(gid, 2, 2)]);
    const stat = (r: RecordedRequest) => form(r).get('method') === 'group.getStatTopics' && form(r).get('gid') === gid;
    // First page lists both topics and says there is more; the next is empty but still says so.
    fakes.ok.server.inject(
      {
        kind: 'body',
        body: JSON.stringify({
          topics: [
            { id: `${gid}000001`, created_ms: msAgo(1) },
            { id: `${gid}000002`, created_ms: msAgo(2) },
            { id: `${gid}000009`, created_ms: msAgo(3) },
          ],
          anchor: 'YQ==',
          has_more: true,
        }),
      },
      { match: stat },
    );
    fakes.ok.server.inject({ kind: 'body', body: JSON.stringify({ topics: [], anchor: 'Yg==', has_more: true }) }, { match: stat });
    expect((await run(s.accountId)).status).toBe('ok');
    expect(s.calls('group.getStatTopics')).toHaveLength(2);
    // Topic …09 is gone by the time it is counted: not stored, and not counted as a post.
    expect((await posts(s.accountId)).map((p) => p.external_id)).toEqual([`${gid}000001`, `${gid}000002`]);
  });

  it('an empty group stores a measured zero of posts on every day', async () => {
    const s = await setup([]);
    expect((await run(s.accountId)).status).toBe('ok');
    expect(s.calls('mediatopic.getByIds')).toHaveLength(0);
    const days = await t.db.selectFrom('account_day').select(['posts']).where('account_id', '=', s.accountId).execute();
    expect(days).toHaveLength(30);
    expect(days.every((d) => d.posts === 0)).toBe(true);
  });

  it('retries a 429 with Retry-After, a 5xx burst and FLOOD_BLOCKED, then succeeds', async () => {
    const gid = `7${String(seq + 1).padStart(5, '0')}`;
    const s = await setup([topic(gid, 1, 1)]);
    const stat = (r: RecordedRequest) => form(r).get('method') === 'group.getStatTopics' && form(r).get('gid') === gid;
    const byIds = (r: RecordedRequest) =>
      form(r).get('method') === 'mediatopic.getByIds' && (form(r).get('topic_ids') ?? '').startsWith(gid);
    fakes.ok.server.inject({ kind: 'status', status: 429, retryAfter: '1' }, { match: stat });
    fakes.ok.server.inject({ kind: 'status', status: 503 }, { times: 2, match: byIds });
    fakes.ok.server.inject(
      { kind: 'body', body: JSON.stringify({ error_code: 8, error_msg: 'FLOOD_BLOCKED', error_data: null }) },
      { match: byIds },
    );
    const t0 = Date.now();
    expect((await run(s.accountId)).status).toBe('ok');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(s.calls('group.getStatTopics')).toHaveLength(2);
    expect(s.calls('mediatopic.getByIds')).toHaveLength(4);
    expect(await posts(s.accountId)).toHaveLength(1);
  });

  it('fails a 5xx burst past the retries and schema violations, storing nothing', async () => {
    const gid = `7${String(seq + 1).padStart(5, '0')}`;
    const s = await setup([topic(gid, 1, 1)]);
    const byIds = (r: RecordedRequest) =>
      form(r).get('method') === 'mediatopic.getByIds' && (form(r).get('topic_ids') ?? '').startsWith(gid);
    fakes.ok.server.inject({ kind: 'status', status: 502 }, { times: 10, match: byIds });
    expect(await run(s.accountId)).toMatchObject({ status: 'failed', errorClass: 'retryable', rowsWritten: 0 });
    fakes.ok.server.clearFaults();

    fakes.ok.server.inject(
      { kind: 'body', body: JSON.stringify({ media_topics: [{ id: `${gid}000001`, views_count: '1,2K' }] }) },
      { match: byIds },
    );
    const bad = await run(s.accountId);
    expect(bad).toMatchObject({ status: 'failed', errorClass: 'bad_response' });
    expect(bad.errorMessage).toContain('media_topics[0].views_count');

    const stat = (r: RecordedRequest) => form(r).get('method') === 'group.getStatTopics' && form(r).get('gid') === gid;
    fakes.ok.server.inject(
      { kind: 'body', body: JSON.stringify({ topics: [{ id: 'not-an-id', created_ms: 1 }], has_more: false }) },
      { match: stat },
    );
    const bad2 = await run(s.accountId);
    expect(bad2).toMatchObject({ status: 'failed', errorClass: 'bad_response' });
    expect(bad2.errorMessage).toContain('topics[0].id');
    expect(await posts(s.accountId)).toEqual([]);
    const rows = await t.db.selectFrom('account_day').select('day').where('account_id', '=', s.accountId).execute();
    expect(rows).toEqual([]);
  });

  it('an expired token is a credential error; a deleted group is not_found', async () => {
    const gid = `7${String(seq + 1).padStart(5, '0')}`;
    const s = await setup([topic(gid, 1, 1)]);
    fakes.ok.tokens.delete(s.token);
    expect(await run(s.accountId)).toMatchObject({ status: 'failed', errorClass: 'credential' });
    const cred = await t.db
      .selectFrom('credential')
      .select(['status', 'last_error'])
      .where('id', '=', s.credentialId)
      .executeTakeFirstOrThrow();
    expect(cred).toMatchObject({ status: 'invalid', last_error: expect.stringMatching(/OK error 102/) });

    const gone = await setup([]);
    fakes.ok.groups.delete(gone.gid);
    expect(await run(gone.accountId)).toMatchObject({ status: 'failed', errorClass: 'account' });
    const acc = await t.db.selectFrom('account').select('status').where('id', '=', gone.accountId).executeTakeFirstOrThrow();
    expect(acc.status).toBe('not_found');
  });

  it('a token configured as admin but refused (PERMISSION_DENIED) gives a partial run with members only', async () => {
    const gid = `7${String(seq + 1).padStart(5, '0')}`;
    const s = await setup([topic(gid, 1, 1)]);
    fakes.ok.adminTokens.delete(s.token);
    const res = await run(s.accountId);
    expect(res).toMatchObject({ status: 'partial', errorMessage: expect.stringMatching(/getStatTopics refused.*CSV.*OK error 10/) });
    const acc = await t.db.selectFrom('account').select('status').where('id', '=', s.accountId).executeTakeFirstOrThrow();
    expect(acc.status).toBe('active');
    expect(await posts(s.accountId)).toEqual([]);
    const days = await t.db.selectFrom('account_day').select(['day', 'followers', 'posts']).where('account_id', '=', s.accountId).execute();
    // Posts not read are NULL (not measured), never 0.
    expect(days).toEqual([{ day: '2026-11-25', followers: 4321, posts: null }]);
  });
});

describe('OK groups without the admin token', () => {
  it('read members only and never call the post methods', async () => {
    const gid = `7${String(seq + 1).padStart(5, '0')}`;
    const s = await setup([topic(gid, 1, 1)], { admin: false });
    expect((await run(s.accountId)).status).toBe('ok');
    expect(s.calls('group.getStatTopics')).toHaveLength(0);
    const days = await t.db.selectFrom('account_day').select(['day', 'followers', 'posts']).where('account_id', '=', s.accountId).execute();
    expect(days).toEqual([{ day: '2026-11-25', followers: 4321, posts: null }]);
  });

  it('the health page says which: posts by API, by CSV import, or not collected', async () => {
    const api = await setup([]);
    const none = await setup([], { admin: false });
    const csv = await setup([], { admin: false });
    await importAccountCsv(t.db, csv.accountId, new TextEncoder().encode('day,posts,views\n2026-11-20,3,450\n'), { now: NOW });
    const admin = { userId: 'u', email: 'a@x', name: 'a', role: 'admin' as const, branchId: null };
    const health = await listAccountHealth(t.db, admin, { branchId });
    const of = (id: number) => health.find((h) => h.accountId === id)?.postsSource;
    expect([of(api.accountId), of(none.accountId), of(csv.accountId)]).toEqual(['api', 'missing', 'csv']);
    // Only where it depends on the credential (OK).
    expect(health.filter((h) => h.network !== 'ok').every((h) => h.postsSource === null)).toBe(true);
  });
});
