import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { NOW, TEST_KEY, insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';
import { collectAccount } from '@/lib/jobs/collect-account';
import { collectTelegram } from '@/lib/collectors/telegram';
import { HttpClient } from '@/lib/http/client';
import { REDACT_PATHS } from '@/lib/log';

let t: TestDatabase;
let fakes: AllFakes;
let branchId: number;
const lines: string[] = [];
const logger = pino(
  { level: 'trace', redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
  new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  }),
);

const BOT_TOKEN = '424242:AAH-very-secret_botToken';
const VK_TOKEN = 'vk1.a.SuperSecretUserToken0123';
const YT_KEY = 'AIzaSyVerySecretKey000';

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
  branchId = await insertBranch(t.db);
});
afterAll(async () => {
  await fakes?.close();
  await t?.drop();
});

describe('tokens never leak', () => {
  it('keeps tokens out of run records, credential/account rows, thrown errors and logs', async () => {
    const http = new HttpClient({ timeoutMs: 300, baseDelayMs: 5, maxDelayMs: 10, maxRetries: 1, logger });
    const opts = { http, env: fakes.env, now: NOW, key: TEST_KEY, logger };
    fakes.telegram.channels.set('leaky', { name: 'leaky', subscribers: 5, posts: [] });
    fakes.vk.groups.set(77, { id: 77, screen_name: 'g77', name: 'g', members_count: 1, posts: [] });
    fakes.youtube.channels.set('UCleak', { id: 'UCleak', subscriberCount: 1, viewCount: 1, videos: [] });

    const tg = await insertCredential(t.db, 'telegram', BOT_TOKEN);
    const tgAcc = await insertAccount(t.db, { branchId, network: 'telegram', externalId: 'leaky', credentialId: tg });
    const bot = (r: { path: string }) => r.path.includes('getChatMemberCount');
    // The bot token sits in the URL path: every failure mode must scrub it.
    fakes.telegram.botTokens.add(BOT_TOKEN);
    fakes.telegram.server.inject({ kind: 'hang', ms: 2000 }, { match: bot, times: 2 });
    expect((await collectAccount(t.db, tgAcc, opts)).errorClass).toBe('retryable');
    fakes.telegram.server.inject({ kind: 'body', body: `{"ok":true,"result":"${BOT_TOKEN}"}` }, { match: bot });
    expect((await collectAccount(t.db, tgAcc, opts)).errorClass).toBe('bad_response');
    fakes.telegram.server.inject(
      { kind: 'body', status: 400, body: `{"ok":false,"error_code":400,"description":"Bad Request: token ${BOT_TOKEN} is odd"}` },
      { match: bot },
    );
    await collectAccount(t.db, tgAcc, opts);
    fakes.telegram.botTokens.delete(BOT_TOKEN);
    expect((await collectAccount(t.db, tgAcc, opts)).errorClass).toBe('credential');

    const vk = await insertCredential(t.db, 'vk', VK_TOKEN);
    const vkAcc = await insertAccount(t.db, { branchId, network: 'vk', externalId: '77', credentialId: vk });
    fakes.vk.tokens.set(VK_TOKEN, 'expired');
    expect((await collectAccount(t.db, vkAcc, opts)).errorClass).toBe('credential');

    const yt = await insertCredential(t.db, 'youtube', YT_KEY);
    const ytAcc = await insertAccount(t.db, { branchId, network: 'youtube', externalId: 'UCleak', credentialId: yt });
    fakes.youtube.keys.add(YT_KEY);
    expect((await collectAccount(t.db, ytAcc, opts)).status).toBe('ok');
    fakes.youtube.keys.delete(YT_KEY);
    expect((await collectAccount(t.db, ytAcc, opts)).errorClass).toBe('credential');

    // A thrown collector error, read directly.
    fakes.telegram.server.inject({ kind: 'status', status: 500, body: BOT_TOKEN }, { match: bot, times: 5 });
    const thrown = await collectTelegram(
      { id: 1, network: 'telegram', externalId: 'leaky', handle: null, url: null },
      { id: 1, network: 'telegram', token: BOT_TOKEN, config: {} },
      { from: '2026-11-25', to: '2026-11-25' },
      { http, env: fakes.env, now: NOW },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Error);

    const runs = await t.db.selectFrom('collection_run').selectAll().execute();
    expect(runs.length).toBeGreaterThanOrEqual(7);
    const creds = await t.db.selectFrom('credential').select(['last_error', 'config', 'label']).execute();
    const accounts = await t.db.selectFrom('account').select(['status_reason']).execute();
    const haystack = [
      JSON.stringify(runs),
      JSON.stringify(creds),
      JSON.stringify(accounts),
      String((thrown as Error).message),
      (thrown as Error).stack ?? '',
      lines.join('\n'),
    ].join('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [BOT_TOKEN, VK_TOKEN, YT_KEY, encodeURIComponent(BOT_TOKEN)]) expect(haystack).not.toContain(secret);
  });
});
