// Digest benchmark: one weekly digest round for 83 coordinators and 20
// central staff, all linked to Telegram, against the fake Bot API with the
// default send limits (docs/notifications.md).
//
//   npx tsx test/bench/notify-bench.ts       (BENCH_DATABASE_URL: a server; a scratch database is created and dropped)
//
// Prints the time to build and queue the digests, the delivery wall time, the
// messages per second as a ratio of the Bot API's ceiling of 30/s, and the most
// messages the fake saw inside any 1 s window (must stay ≤ 30).
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDb } from '../../db/client';
import { withDatabase } from '../../db/embedded';
import { migrateToLatest } from '../../db/migrate';
import { insertUser } from '../../lib/auth/users';
import { seedDemo } from '../../lib/demo/seed';
import { TelegramBot } from '../../lib/notify/channels/telegram';
import type { NotifyConfig } from '../../lib/notify/config';
import { deliverRound } from '../../lib/notify/deliver';
import { queueDigests } from '../../lib/notify/watch';
import { startBotFake } from '../fakes/telegram-bot';
import { maxInWindow } from '../fakes/server';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CENTRAL = 20;
const CEILING = 30; // Bot API: about 30 messages a second overall

async function admin(sqlText: string) {
  const c = new pg.Client({ connectionString: withDatabase(SERVER, 'postgres') });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

async function main() {
  const name = `podium_bench_notify_${crypto.randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const db = createDb(withDatabase(SERVER, name), { max: 10 });
  const bot = await startBotFake({ latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 20) });
  try {
    await migrateToLatest(db);
    const t0 = performance.now();
    await seedDemo(db, { end: '2026-11-29' });
    console.log(`demo data: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const branches = await db.selectFrom('branch').select('id').orderBy('id').execute();
    let chat = 100_000;
    for (const b of branches) {
      const id = await insertUser(db, {
        email: `coord-${b.id}@bench.test`,
        role: 'coordinator',
        branchId: b.id,
        password: 'long-enough-password',
      });
      await db.insertInto('notify_telegram_link').values({ user_id: id, chat_id: chat++, username: null }).execute();
    }
    for (let i = 0; i < CENTRAL; i++) {
      const id = await insertUser(db, { email: `central-${i}@bench.test`, role: 'central', password: 'long-enough-password' });
      await db.insertInto('notify_telegram_link').values({ user_id: id, chat_id: chat++, username: null }).execute();
    }
    // Demo users exist too; take them out so the count is exactly 83 + 20.
    await db.updateTable('app_user').set({ deactivated_at: new Date() }).where('email', 'like', '%@podium.demo').execute();
    const cfg: NotifyConfig = {
      email: null,
      telegram: { token: bot.token, apiUrl: bot.url, webUrl: 'https://t.me' },
      baseUrl: 'http://podium.bench',
      timeZone: 'Europe/Moscow',
      digestAt: { weekday: 1, hour: 9, minute: 0 },
    };
    const q0 = performance.now();
    const queued = await queueDigests(db, cfg, new Date('2026-11-30T06:30:00Z'));
    const queueMs = performance.now() - q0;
    const d0 = performance.now();
    const stats = await deliverRound(
      db,
      cfg,
      { telegram: new TelegramBot(bot.token, bot.url) },
      { secret: 'b'.repeat(40), concurrency: 8 },
    );
    const deliverMs = performance.now() - d0;
    const at = bot.sent.map((m) => m.at);
    const span = (Math.max(...at) - Math.min(...at)) / 1000;
    // n messages at the ceiling need (n - 1) / 30 s between first and last.
    const rate = (bot.sent.length - 1) / span;
    console.log(`digests queued: ${queued} in ${(queueMs / 1000).toFixed(1)} s (${(queueMs / queued).toFixed(0)} ms each)`);
    console.log(`delivered: ${stats.sent} sent, ${stats.failed} failed, ${stats.retried} retried; wall ${(deliverMs / 1000).toFixed(2)} s`);
    console.log(`send rate first→last: ${rate.toFixed(1)}/s = ${(rate / CEILING).toFixed(3)} of the ${CEILING}/s ceiling`);
    console.log(
      `most in any 1 s window at the fake: ${maxInWindow(at, 1000)} (ceiling ${CEILING}); per chat: ${Math.max(
        ...[...new Set(bot.sent.map((m) => m.chatId))].map((c) =>
          maxInWindow(
            bot.sent.filter((m) => m.chatId === c).map((m) => m.at),
            1000,
          ),
        ),
      )}`,
    );
  } finally {
    await bot.close();
    await db.destroy();
    await admin(`drop database if exists ${name} with (force)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
