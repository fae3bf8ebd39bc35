import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import {
  NOW,
  TEST_KEY,
  TEST_KEY_HEX,
  insertAccount,
  insertBranch,
  insertCredential,
  startAllFakes,
  type AllFakes,
} from '../fakes/fixtures';
import type { MaxFakeMessage } from '../fakes/max';
import { collectAccount } from '@/lib/jobs/collect-account';
import { HttpClient } from '@/lib/http/client';
import { parseEnv, type Env } from '@/lib/env';

// The MAX collector against an HTTPS fake whose certificate a throwaway root
// signed (test/fakes/tls.ts): MAX_CA_FILE is really used.

let t: TestDatabase;
let fakes: AllFakes;
let branchId: number;
let cred: number;
const TOKEN = 'max-bot-token-SECRET-0123456789';
const ROOT = path.resolve(import.meta.dirname, '../..');

const http = () => new HttpClient({ timeoutMs: 2000, baseDelayMs: 10, maxDelayMs: 50, limits: { max: { limit: 1000, intervalMs: 1000 } } });
const run = (accountId: number, env: Env = fakes.env) => collectAccount(t.db, accountId, { http: http(), env, now: NOW, key: TEST_KEY });
const hoursAgo = (h: number) => NOW.getTime() - h * 3600_000;
const posts = (accountId: number) =>
  t.db
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
      'post_day.reactions',
    ])
    .where('post.account_id', '=', accountId)
    .orderBy('post.external_id')
    .execute();
const day = (accountId: number, d: string) =>
  t.db.selectFrom('account_day').selectAll().where('account_id', '=', accountId).where('day', '=', d).executeTakeFirst();

let seq = 0;
function channel(messages: MaxFakeMessage[], extra: Partial<Parameters<typeof fakes.max.chats.set>[1]> = {}): number {
  const chatId = -70_000_000_000_000 - ++seq;
  fakes.max.chats.set(chatId, {
    chat_id: chatId,
    title: `Канал ${seq}`,
    participants_count: 4321 + seq,
    link: `https://max.ru/branch_${seq}`,
    messages,
    ...extra,
  });
  return chatId;
}
const account = (externalId: string, credentialId: number | null = cred) =>
  insertAccount(t.db, { branchId, network: 'max', externalId, credentialId });
const pathHits = (p: string) => fakes.max.server.requests.filter((r) => r.path === p).length;

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
  branchId = await insertBranch(t.db);
  fakes.max.tokens.add(TOKEN);
  cred = await insertCredential(t.db, 'max', TOKEN);
}, 60_000);
afterAll(async () => {
  await fakes?.close();
  await t?.drop();
});

describe('MAX collector', () => {
  it('reads subscribers, posts and their views with the bare token over the configured CA; NULL stays NULL', async () => {
    const id = channel([
      { mid: 'mid.a1', timestamp: hoursAgo(2), text: 'Новость', views: 1500 },
      { mid: 'mid.a2', timestamp: hoursAgo(30), text: 'Фото', views: 0, attachments: ['image'] },
      { mid: 'mid.a3', timestamp: hoursAgo(50), text: 'Видео', attachments: ['video'] },
      { mid: 'mid.a4', timestamp: hoursAgo(70), text: 'Переслано', views: 12, forward: true },
      // Older than the 30-day window: cut by timestamp here.
      { mid: 'mid.old', timestamp: hoursAgo(24 * 40), text: 'Старое', views: 9 },
    ]);
    const acc = await account(String(id));
    const s = await run(acc);
    expect(s).toMatchObject({ status: 'ok', errorClass: null });
    const req = fakes.max.server.requests.find((r) => r.path === '/messages' && r.query.get('chat_id') === String(id));
    expect(req?.headers.authorization).toBe(TOKEN);
    expect(req?.query.get('count')).toBe('100');
    expect(fakes.max.server.requests.every((r) => !r.query.has('access_token'))).toBe(true);
    expect((await day(acc, '2026-11-25'))?.followers).toBe(4321 + seq);
    const rows = await posts(acc);
    expect(rows.map((r) => r.external_id)).toEqual(['mid.a1', 'mid.a2', 'mid.a3', 'mid.a4']);
    expect(rows.map((r) => r.content_type)).toEqual(['text', 'photo', 'video', 'repost']);
    // A message without `stat` has no views: NULL, not 0; a measured 0 stays 0.
    expect(rows.map((r) => r.views)).toEqual([1500, 0, null, 12]);
    // The Bot API gives no reactions, forwards or comment counts.
    for (const r of rows) expect([r.likes, r.comments, r.shares, r.reactions]).toEqual([null, null, null, null]);
    expect(rows[0].url).toBe(`https://max.ru/branch_${seq}/mid.a1`);
  });

  it('finds a channel added by its link among the chats the bot is in, across pages', async () => {
    fakes.max.chatPage = 2;
    for (let i = 0; i < 5; i++) channel([]);
    channel([{ mid: 'mid.l1', timestamp: hoursAgo(3), views: 7 }]);
    const acc = await account(`branch_${seq}`);
    const s = await run(acc);
    fakes.max.chatPage = 100;
    expect(s).toMatchObject({ status: 'ok' });
    expect((await posts(acc)).map((r) => r.views)).toEqual([7]);
  });

  it('a channel the bot is not in answers "add the bot or import CSV"', async () => {
    const acc = await account('nobody_here');
    const s = await run(acc);
    expect(s).toMatchObject({ status: 'failed', errorClass: 'account' });
    expect(s.errorMessage).toMatch(/not an administrator.*CSV/);
  });

  it('refuses a certificate the configured CA did not issue: a configuration error naming MAX_CA_FILE, never retried', async () => {
    const acc = await account(String(channel([])));
    const before = fakes.max.server.requests.length;
    const wrong = parseEnv({ ...envSource(), MAX_CA_FILE: fakes.pki.otherCaFile });
    const s = await run(acc, wrong);
    expect(s).toMatchObject({ status: 'failed', errorClass: 'config', apiCalls: 1 });
    expect(s.errorMessage).toMatch(/TLS certificate was not accepted .*MAX_CA_FILE/);
    // Unset: Node's own roots do not hold the test root either (as with the Russian Trusted Root CA).
    const unset = parseEnv({ ...envSource(), MAX_CA_FILE: undefined });
    expect(await run(acc, unset)).toMatchObject({ status: 'failed', errorClass: 'config' });
    // The handshake failed: no request reached the server.
    expect(fakes.max.server.requests.length).toBe(before);
  });

  it('waits out a 429 with Retry-After and rides out a short 5xx burst', async () => {
    const id = channel([{ mid: 'mid.r1', timestamp: hoursAgo(1), views: 3 }]);
    const acc = await account(String(id));
    fakes.max.server.inject(
      { kind: 'status', status: 429, retryAfter: '1', body: JSON.stringify({ code: 'too.many.requests', message: 'Too many requests' }) },
      { times: 1, match: (r) => r.path === '/messages' },
    );
    fakes.max.server.inject(
      { kind: 'status', status: 503, body: '{"code":"service.unavailable","message":"x"}' },
      { times: 2, match: (r) => r.path === `/chats/${id}` },
    );
    const before = { chat: pathHits(`/chats/${id}`), messages: fakes.max.server.requests.filter((r) => r.path === '/messages').length };
    const s = await run(acc);
    expect(s).toMatchObject({ status: 'ok' });
    expect(pathHits(`/chats/${id}`) - before.chat).toBe(3);
    expect(fakes.max.server.requests.filter((r) => r.path === '/messages').length - before.messages).toBe(2);
    expect((await posts(acc)).map((r) => r.views)).toEqual([3]);
  });

  it('gives up on a long 5xx burst as retryable, writing nothing', async () => {
    const id = channel([{ mid: 'mid.b1', timestamp: hoursAgo(1), views: 3 }]);
    const acc = await account(String(id));
    fakes.max.server.inject({ kind: 'status', status: 500, body: 'oops' }, { times: 10, match: (r) => r.path === `/chats/${id}` });
    const s = await run(acc);
    fakes.max.server.clearFaults();
    expect(s).toMatchObject({ status: 'failed', errorClass: 'retryable' });
    expect(s.errorMessage).toMatch(/gave up after 4 attempts/);
    expect(await posts(acc)).toEqual([]);
  });

  it('rejects an answer that breaks the schema, storing nothing from it', async () => {
    const id = channel([{ mid: 'mid.s1', timestamp: hoursAgo(1), views: 3 }]);
    const acc = await account(String(id));
    fakes.max.server.inject(
      { kind: 'body', body: '{"messages":[{"timestamp":"вчера","body":{"mid":"x"}}]}' },
      { match: (r) => r.path === '/messages' },
    );
    const s = await run(acc);
    expect(s).toMatchObject({ status: 'failed', errorClass: 'bad_response' });
    expect(s.errorMessage).toMatch(/max \/messages: unexpected response at messages\[0\]\.timestamp/);
    expect(await posts(acc)).toEqual([]);
  });

  it('a bot that is not an administrator: the channel is marked private with the CSV hint', async () => {
    const acc = await account(String(channel([{ mid: 'x', timestamp: hoursAgo(1) }], { notAdmin: true })));
    const s = await run(acc);
    expect(s).toMatchObject({ status: 'failed', errorClass: 'account' });
    const row = await t.db.selectFrom('account').select(['status', 'status_reason']).where('id', '=', acc).executeTakeFirstOrThrow();
    expect(row.status).toBe('private');
    expect(row.status_reason).toMatch(/not an administrator of this channel.*import the channel's figures from CSV/);
  });

  it('a deleted channel is marked not found', async () => {
    const acc = await account(String(channel([], { deleted: true })));
    expect(await run(acc)).toMatchObject({ status: 'failed', errorClass: 'account' });
    expect((await t.db.selectFrom('account').select('status').where('id', '=', acc).executeTakeFirstOrThrow()).status).toBe('not_found');
  });

  it('a full page of 100 messages that does not reach the window start: partial, and day counts only where the page covers the day whole', async () => {
    const msgs = Array.from({ length: 130 }, (_, i) => ({
      mid: `mid.p${String(i).padStart(3, '0')}`,
      timestamp: hoursAgo(i * 3 + 1),
      views: i,
    }));
    const acc = await account(String(channel(msgs)));
    const s = await run(acc);
    expect(s).toMatchObject({ status: 'partial' });
    expect(s.errorMessage).toMatch(/only the latest 100 messages/);
    const rows = await posts(acc);
    expect(rows).toHaveLength(100);
    // Message 99, the oldest read, is 298 h old: 2026-11-13 02:00 Moscow. That day is only partly seen,
    // so it has no post count; from 2026-11-14 on every day is counted whole.
    const counted = await t.db
      .selectFrom('account_day')
      .select(['day', 'posts'])
      .where('account_id', '=', acc)
      .where('posts', 'is not', null)
      .orderBy('day')
      .execute();
    expect(counted[0].day).toBe('2026-11-14');
    const fromMs = Date.parse('2026-11-13T21:00:00Z');
    expect(counted.reduce((a, d) => a + (d.posts ?? 0), 0)).toBe(msgs.slice(0, 100).filter((m) => m.timestamp >= fromMs).length);
  });

  it('a revoked token (401, or 403 with verify.token) marks the credential invalid', async () => {
    const dead = await insertCredential(t.db, 'max', 'revoked-token-0000');
    const acc = await account(String(channel([])), dead);
    expect(await run(acc)).toMatchObject({ status: 'failed', errorClass: 'credential' });
    expect((await t.db.selectFrom('credential').select('status').where('id', '=', dead).executeTakeFirstOrThrow()).status).toBe('invalid');
    const dead2 = await insertCredential(t.db, 'max', 'revoked-token-0001');
    fakes.max.deadTokenStatus = 403;
    const acc2 = await account(String(channel([])), dead2);
    const s = await run(acc2);
    fakes.max.deadTokenStatus = 401;
    expect(s).toMatchObject({ status: 'failed', errorClass: 'credential' });
    expect(s.errorMessage).not.toContain('revoked-token');
  });
});

function envSource(): Record<string, string | undefined> {
  return {
    VK_API_URL: fakes.env.VK_API_URL,
    TELEGRAM_BOT_API_URL: fakes.env.TELEGRAM_BOT_API_URL,
    TELEGRAM_WEB_URL: fakes.env.TELEGRAM_WEB_URL,
    OK_API_URL: fakes.env.OK_API_URL,
    YOUTUBE_API_URL: fakes.env.YOUTUBE_API_URL,
    RUTUBE_API_URL: fakes.env.RUTUBE_API_URL,
    METRICA_API_URL: fakes.env.METRICA_API_URL,
    MAX_API_URL: fakes.env.MAX_API_URL,
    MAX_CA_FILE: fakes.env.MAX_CA_FILE,
    PODIUM_TIMEZONE: 'Europe/Moscow',
    PODIUM_SECRET_KEY: TEST_KEY_HEX,
  };
}

describe('npm run collect -- --all with MAX', () => {
  it('fills MAX through the bot; without a bot token a channel is skipped with the CSV hint', async () => {
    const t2 = await createTestDatabase();
    try {
      const b = await insertBranch(t2.db, 'max-branch');
      const c = await insertCredential(t2.db, 'max', TOKEN);
      const id = channel([{ mid: 'mid.cli', timestamp: Date.now() - 3600_000, views: 77 }], { participants_count: 9876 });
      await insertAccount(t2.db, { branchId: b, network: 'max', externalId: String(id), credentialId: c });
      const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          path.join(ROOT, 'node_modules/.bin/tsx'),
          ['lib/cli/collect.ts', '--all'],
          {
            cwd: ROOT,
            env: { ...process.env, ...envSource(), DATABASE_URL: t2.url, LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv,
            timeout: 60_000,
          },
          (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
        );
      });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/max .*\(max-branch\): ok/);
      expect(r.code).toBe(0);
      const f = await t2.db.selectFrom('account_day').select('followers').where('followers', 'is not', null).execute();
      expect(f.map((x) => x.followers)).toEqual([9876]);
      const v = await t2.db.selectFrom('post_day').select('views').execute();
      expect(v.map((x) => x.views)).toEqual([77]);

      await t2.db.deleteFrom('credential').execute();
      const acc = await insertAccount(t2.db, { branchId: b, network: 'max', externalId: 'nobot_channel' });
      const s = await collectAccount(t2.db, acc, { http: http(), env: fakes.env, now: NOW, key: TEST_KEY });
      expect(s).toMatchObject({ status: 'skipped', errorClass: 'credential' });
      expect(s.errorMessage).toMatch(/no MAX bot token configured: channels without the bot are imported from CSV/);
    } finally {
      await t2.drop();
    }
  }, 90_000);
});
