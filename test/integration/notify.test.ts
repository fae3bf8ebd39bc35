import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '../../lib/auth/users';
import { HttpClient } from '../../lib/http/client';
import { collectAccount } from '../../lib/jobs/collect-account';
import { EmailChannel } from '../../lib/notify/channels/email';
import { TelegramBot } from '../../lib/notify/channels/telegram';
import type { NotifyConfig } from '../../lib/notify/config';
import { deliverRound, type Senders } from '../../lib/notify/deliver';
import { emitEvent } from '../../lib/notify/emit';
import { createLinkCode, pollTelegram, unlinkTelegram } from '../../lib/notify/link';
import { savePrefs, turnOff } from '../../lib/notify/prefs';
import { signUnsubscribe, verifyUnsubscribe } from '../../lib/notify/unsubscribe';
import { checkRanking, queueDigests } from '../../lib/notify/watch';
import { deliveryProblems } from '../../lib/notify/admin';
import { publishRanking } from '../../lib/publications';
import { NOW, TEST_KEY, insertAccount, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';
import { startBotFake, type BotFake } from '../fakes/telegram-bot';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { loadRankingFixture } from './ranking-fixture';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'notify-test-secret-'.padEnd(40, 'x');
const BASE = 'http://podium.test';

let t: TestDatabase;
let smtp: SmtpSink;
let bot: BotFake;
let fakes: AllFakes;
let ids: Record<'alpha' | 'bravo' | 'charlie' | 'delta' | 'echo', number>;
const users = {} as Record<'admin' | 'central' | 'alpha' | 'bravo', string>;
let cfg: NotifyConfig;
let senders: Senders;

const noChannels = (): NotifyConfig => ({ ...cfg, email: null, telegram: null });
const round = (opts: { now?: Date; uncertainAfterMs?: number } = {}) =>
  deliverRound(t.db, cfg, senders, {
    secret: SECRET,
    now: () => opts.now ?? new Date(),
    uncertainAfterMs: opts.uncertainAfterMs,
    concurrency: 4,
  });
const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
/** The text part of a received mail, quoted-printable undone. */
const textOf = (raw: string) =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const decoded = (raw: string) => Buffer.from(textOf(raw), 'latin1').toString('utf8');

const problem = (branch: 'alpha' | 'bravo', n = 1) => ({
  type: 'collection_problem' as const,
  branch: { id: ids[branch], slug: branch, name: branch === 'alpha' ? 'Альфа' : 'Браво', nameEn: branch === 'alpha' ? 'Alpha' : 'Bravo' },
  problem: 'stale' as const,
  network: 'vk',
  account: `https://vk.com/${branch}${n}`,
  since: null,
});

beforeAll(async () => {
  t = await createTestDatabase();
  ids = await loadRankingFixture(t.db);
  smtp = await startSmtpSink();
  // Code that reads its settings from the environment (a publication's notice) sends here too.
  process.env.SMTP_URL = smtp.url;
  bot = await startBotFake();
  fakes = await startAllFakes();
  users.admin = await insertUser(t.db, { email: 'admin@n.test', role: 'admin', password: 'long-enough-password' });
  users.central = await insertUser(t.db, { email: 'central@n.test', role: 'central', password: 'long-enough-password' });
  users.alpha = await insertUser(t.db, {
    email: 'alpha@n.test',
    role: 'coordinator',
    branchId: ids.alpha,
    password: 'long-enough-password',
  });
  users.bravo = await insertUser(t.db, {
    email: 'bravo@n.test',
    role: 'coordinator',
    branchId: ids.bravo,
    password: 'long-enough-password',
  });
  cfg = {
    email: { url: smtp.url, from: 'Podium <podium@n.test>' },
    telegram: { token: bot.token, apiUrl: bot.url, webUrl: 'https://t.me' },
    baseUrl: BASE,
    timeZone: 'Europe/Moscow',
    digestAt: { weekday: 1, hour: 9, minute: 0 },
  };
  senders = {
    email: new EmailChannel(smtp.url, 'Podium <podium@n.test>'),
    telegram: new TelegramBot(bot.token, bot.url, new HttpClient({ maxRetries: 0, timeoutMs: 5000 })),
  };
});
afterAll(async () => {
  senders?.email?.close();
  await Promise.all([smtp?.close(), bot?.close(), fakes?.close()]);
  await t?.drop();
});
beforeEach(async () => {
  await t.db.deleteFrom('notify_outbox').execute();
  await t.db.deleteFrom('notify_event').execute();
  smtp.mails.length = 0;
  bot.sent.length = 0;
});

describe('without channel settings', () => {
  it('records the event but queues and sends nothing', async () => {
    const n = await emitEvent(t.db, noChannels(), problem('alpha'), 'none-1');
    expect(n).toBe(0);
    expect(await queueDigests(t.db, noChannels(), new Date(), { force: true })).toBe(0);
    expect((await t.db.selectFrom('notify_outbox').selectAll().execute()).length).toBe(0);
    const stats = await deliverRound(t.db, noChannels(), {}, { secret: SECRET });
    expect(stats.messages).toBe(0);
    expect(smtp.mails.length + bot.sent.length).toBe(0);
  });
});

describe('alerts', () => {
  it('reach the branch coordinator and the admins, never another branch', async () => {
    expect(await emitEvent(t.db, cfg, problem('alpha'), 'p-1')).toBe(2); // alpha's coordinator + admin, e-mail only (nobody linked)
    expect(await emitEvent(t.db, cfg, problem('alpha'), 'p-1')).toBeNull(); // the same event again: nothing
    const stats = await round();
    expect(stats.sent).toBe(2);
    expect(mailsTo('alpha@n.test').length).toBe(1);
    expect(mailsTo('admin@n.test').length).toBe(1);
    expect(mailsTo('bravo@n.test').length + mailsTo('central@n.test').length).toBe(0);
    const text = decoded(mailsTo('alpha@n.test')[0]!.raw);
    expect(text).toContain('Альфа');
    expect(text).not.toMatch(/Браво|Bravo/);
    expect(text).toMatch(/List-Unsubscribe:\s+<http:\/\/podium\.test\/unsubscribe\?t=/);
  });

  it('that fire together go out as one message per receiver and channel', async () => {
    for (let i = 0; i < 5; i++) await emitEvent(t.db, cfg, problem('alpha', i), `group-${i}`);
    const stats = await round();
    expect(stats.messages).toBe(2);
    expect(mailsTo('alpha@n.test').length).toBe(1);
    const text = decoded(mailsTo('alpha@n.test')[0]!.raw);
    for (let i = 0; i < 5; i++) expect(text).toContain(`https://vk.com/alpha${i}`);
  });

  it('flags reach central staff who follow the branch', async () => {
    const flag = {
      type: 'flag' as const,
      branch: problem('bravo').branch,
      flag: 'data_gap',
      network: 'vk',
      day: '2026-10-12',
      period: '2026-10',
    };
    expect(await emitEvent(t.db, cfg, flag, 'flag-1')).toBe(1); // bravo's coordinator only
    await savePrefs(
      t.db,
      users.central,
      { locale: 'en', rankChangePlaces: 5, enabled: ['flag:email', 'digest:email'], follow: [ids.bravo] },
      true,
    );
    expect(await emitEvent(t.db, cfg, { ...flag, day: '2026-10-13' }, 'flag-2')).toBe(2);
    await round();
    expect(mailsTo('central@n.test').length).toBe(1);
    expect(decoded(mailsTo('central@n.test')[0]!.raw)).toContain('new flag “data gap”');
  });

  it('rank changes and flags of the month come from the ranking, within scope and threshold', async () => {
    const r = await checkRanking(t.db, cfg, '2026-11-15');
    expect(r.ranks).toBeGreaterThan(0);
    const rows = await t.db
      .selectFrom('notify_outbox')
      .innerJoin('notify_event', 'notify_event.id', 'notify_outbox.event_id')
      .select(['notify_outbox.user_id', 'notify_event.type', 'notify_event.branch_id'])
      .execute();
    for (const row of rows.filter((x) => x.type === 'rank_change')) {
      expect([users.alpha, users.bravo]).toContain(row.user_id);
      expect(row.branch_id).toBe(row.user_id === users.alpha ? ids.alpha : ids.bravo);
    }
    // A second look finds nothing new.
    expect(await checkRanking(t.db, cfg, '2026-11-15')).toEqual({ flags: 0, ranks: 0 });
  });

  it('a credential rejected during collection alerts in the same transaction as the failed run', async () => {
    const branchEnv = { ...fakes.env, SMTP_URL: smtp.url };
    const credentialId = await insertCredential(t.db, 'vk', 'vk1.a.not-a-known-token', { token_type: 'service' });
    const accountId = await insertAccount(t.db, { branchId: ids.alpha, network: 'vk', externalId: '777', handle: 'club777', credentialId });
    const summary = await collectAccount(t.db, accountId, {
      http: new HttpClient({ maxRetries: 0, timeoutMs: 2000 }),
      env: branchEnv,
      now: NOW,
      key: TEST_KEY,
    });
    expect(summary.status).toBe('failed');
    expect(summary.notified).toBe(true);
    const ev = await t.db.selectFrom('notify_event').selectAll().where('type', '=', 'collection_problem').execute();
    expect(ev.length).toBe(1);
    expect((ev[0]!.payload as { problem: string }).problem).toBe('credential_invalid');
    // The next round skips the account (credential marked invalid) and does not repeat the alert.
    const again = await collectAccount(t.db, accountId, {
      http: new HttpClient({ maxRetries: 0 }),
      env: branchEnv,
      now: NOW,
      key: TEST_KEY,
    });
    expect(again.status).toBe('skipped');
    expect((await t.db.selectFrom('notify_event').selectAll().where('type', '=', 'collection_problem').execute()).length).toBe(1);
    await round();
    expect(mailsTo('alpha@n.test').length).toBe(1);
    expect(decoded(mailsTo('alpha@n.test')[0]!.raw)).toContain('ключ API vk отклонён');
    await t.db.deleteFrom('account').where('id', '=', accountId).execute();
  });
});

describe('delivery', () => {
  it('retries an SMTP 4xx later and gives up on a 5xx, telling admins', async () => {
    await emitEvent(t.db, cfg, problem('bravo'), 'retry-1'); // bravo coordinator + admin
    smtp.refuse(2, 451);
    const first = await round();
    expect(first.retried).toBe(2);
    expect(smtp.mails.length).toBe(0);
    expect((await round()).messages).toBe(0); // not due yet
    const later = await round({ now: new Date(Date.now() + 3600_000) });
    expect(later.sent).toBe(2);
    expect(smtp.mails.length).toBe(2);

    await emitEvent(t.db, cfg, problem('bravo', 2), 'fail-1');
    smtp.refuse(2, 550);
    const failed = await round();
    expect(failed.failed).toBe(2);
    const problems = await deliveryProblems(t.db);
    expect(problems.filter((p) => p.status === 'failed').length).toBeGreaterThanOrEqual(2);
    expect(problems[0]!.last_error).toMatch(/SMTP 550/);
  });

  it('honours Telegram 429 retry_after', async () => {
    await t.db.insertInto('notify_telegram_link').values({ user_id: users.bravo, chat_id: 9001, username: null }).execute();
    await savePrefs(t.db, users.bravo, { locale: 'ru', rankChangePlaces: 5, enabled: ['collection_problem:telegram'], follow: [] }, false);
    await emitEvent(t.db, cfg, problem('bravo', 3), 'tg-429');
    bot.tooMany(1, 30);
    const first = await round();
    expect(first.retried).toBeGreaterThanOrEqual(1);
    const row = await t.db.selectFrom('notify_outbox').selectAll().where('channel', '=', 'telegram').executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(new Date(row.next_attempt_at).getTime() - Date.now()).toBeGreaterThan(29_000);
    await round({ now: new Date(Date.now() + 3600_000) });
    expect(bot.sent.filter((m) => m.chatId === 9001).length).toBe(1);
    await unlinkTelegram(t.db, users.bravo);
    await savePrefs(
      t.db,
      users.bravo,
      {
        locale: 'ru',
        rankChangePlaces: 5,
        enabled: ['flag:email', 'collection_problem:email', 'rank_change:email', 'digest:email'],
        follow: [],
      },
      false,
    );
  });

  it('keeps one chat at no more than one message a second, as the server sees it', async () => {
    const tg = new TelegramBot(bot.token, bot.url);
    for (let i = 0; i < 3; i++) expect(await tg.send(4242, `m${i}`)).toEqual({ ok: true });
    const at = bot.sent.filter((m) => m.chatId === 4242).map((m) => m.at);
    expect(at.length).toBe(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1000);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(1000);
  });

  it('never sends a message twice, even when the sender is killed mid-send', async () => {
    await emitEvent(t.db, cfg, problem('alpha', 9), 'kill-1');
    const accepted = smtp.swallowReply();
    const script = `
      const { createDb } = await import(${JSON.stringify(path.join(ROOT, 'db/client.ts'))});
      const { deliverRound } = await import(${JSON.stringify(path.join(ROOT, 'lib/notify/deliver.ts'))});
      const { EmailChannel } = await import(${JSON.stringify(path.join(ROOT, 'lib/notify/channels/email.ts'))});
      const db = createDb(${JSON.stringify(t.url)}, { max: 2 });
      const cfg = ${JSON.stringify({ ...cfg, telegram: null })};
      await deliverRound(db, cfg, { email: new EmailChannel(cfg.email.url, cfg.email.from) }, { secret: 'x'.repeat(40) });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    await accepted; // the first message's DATA arrived: it is delivered, but the sender was not told
    child.kill('SIGKILL');
    await exited;
    const delivered = smtp.mails.length;
    expect(delivered).toBeGreaterThanOrEqual(1);
    // The sender died after claiming; a later round must not send those rows again.
    const stats = await round({ uncertainAfterMs: 0 });
    expect(stats.uncertain).toBeGreaterThanOrEqual(1);
    await round({ now: new Date(Date.now() + 3600_000), uncertainAfterMs: 0 });
    const keys = smtp.mails.map((m) => /Message-ID: <([^@>]+)@/i.exec(m.raw)?.[1]);
    expect(new Set(keys).size).toBe(keys.length);
    const uncertain = await t.db.selectFrom('notify_outbox').select('status').where('status', '=', 'uncertain').execute();
    expect(uncertain.length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

describe('Telegram linking', () => {
  it('links a chat from a one-time deep-link code, refuses a used or unknown one, and unlinks', async () => {
    const code = await createLinkCode(t.db, users.alpha);
    expect(code).toMatch(/^[A-Za-z0-9_-]{24}$/);
    bot.userSays(5151, `/start ${code}`, 'alpha_coord');
    bot.userSays(6161, '/start not-a-real-code');
    expect(await pollTelegram(t.db, cfg, senders.telegram!)).toBe(1);
    const link = await t.db.selectFrom('notify_telegram_link').selectAll().where('user_id', '=', users.alpha).executeTakeFirstOrThrow();
    expect(Number(link.chat_id)).toBe(5151);
    expect(bot.sent.find((m) => m.chatId === 5151)?.text).toMatch(/Готово/);
    expect(bot.sent.find((m) => m.chatId === 6161)?.text).toMatch(/недействительна/);
    // The same code again (someone else got hold of it): refused.
    bot.userSays(7171, `/start ${code}`);
    expect(await pollTelegram(t.db, cfg, senders.telegram!)).toBe(0);
    expect((await t.db.selectFrom('notify_telegram_link').selectAll().where('chat_id', '=', 7171).execute()).length).toBe(0);
    // Linked: alerts now go to both channels.
    expect(await emitEvent(t.db, cfg, problem('alpha', 77), 'linked-1')).toBe(3);
    await round();
    expect(bot.sent.filter((m) => m.chatId === 5151).length).toBe(2);
    await unlinkTelegram(t.db, users.alpha);
    expect(await emitEvent(t.db, cfg, problem('alpha', 78), 'linked-2')).toBe(2);
  });
});

describe('weekly digest', () => {
  it('goes out once, per role, and a coordinator never sees another branch', async () => {
    const monday = new Date('2026-11-02T06:30:00Z'); // 09:30 in Moscow
    expect(await queueDigests(t.db, cfg, new Date('2026-11-02T05:30:00Z'))).toBe(0); // 08:30: not yet
    const n = await queueDigests(t.db, cfg, monday);
    expect(n).toBe(4);
    expect(await queueDigests(t.db, cfg, monday)).toBe(0); // once
    await round();
    const alpha = decoded(mailsTo('alpha@n.test')[0]!.raw);
    expect(alpha).toContain('Ключевые показатели (за неделю, к предыдущей неделе)');
    expect(alpha).toMatch(/Subject: =\?UTF-8\?/i);
    expect(alpha).toContain('Альфа');
    for (const other of ['Браво', 'Чарли', 'Дельта', 'Эхо', 'Bravo', 'Charlie', 'Delta', 'Echo']) expect(alpha).not.toContain(other);
    const central = decoded(mailsTo('central@n.test')[0]!.raw);
    expect(central).toContain('Top three of the week'); // central chose English above
    const stored = await t.db.selectFrom('notify_outbox').select(['user_id', 'digest']).where('kind', '=', 'digest').execute();
    const alphaDigest = stored.find((s) => s.user_id === users.alpha)!.digest as { role: string; branch: { slug: string } };
    expect(alphaDigest.role).toBe('coordinator');
    expect(JSON.stringify(alphaDigest)).not.toMatch(/bravo|charlie|delta|echo/);
  });

  it('unsubscribe links are signed, single-purpose and turn the digest off', async () => {
    const token = signUnsubscribe(SECRET, { userId: users.bravo, channel: 'email', type: 'digest' });
    expect(verifyUnsubscribe(SECRET, token)).toEqual({ userId: users.bravo, channel: 'email', type: 'digest' });
    expect(verifyUnsubscribe('another-secret'.padEnd(40, 'y'), token)).toBeNull();
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ u: users.admin, c: 'email', e: 'all' })).toString('base64url');
    expect(verifyUnsubscribe(SECRET, `${forged}.${mac}`)).toBeNull();
    // Any other last character, even one that decodes to the same bytes, is refused.
    for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') {
      if (c !== mac!.slice(-1)) expect(verifyUnsubscribe(SECRET, `${body}.${mac!.slice(0, -1)}${c}`)).toBeNull();
    }
    expect(verifyUnsubscribe(SECRET, `${body}.${mac![0] === 'A' ? 'B' : 'A'}${mac!.slice(1)}`)).toBeNull();
    expect(verifyUnsubscribe(SECRET, '\0'.repeat(600))).toBeNull();
    const claim = verifyUnsubscribe(SECRET, token)!;
    await turnOff(t.db, claim.userId, claim.channel, claim.type);
    await t.db.deleteFrom('notify_event').execute();
    await queueDigests(t.db, cfg, new Date('2026-11-09T06:30:00Z'));
    const queued = await t.db.selectFrom('notify_outbox').select('user_id').where('kind', '=', 'digest').execute();
    expect(queued.map((q) => q.user_id)).not.toContain(users.bravo);
    expect(queued.map((q) => q.user_id)).toContain(users.alpha);
  });
});

describe('publication', () => {
  it('tells central staff, admins and every coordinator, each coordinator with the own place only', async () => {
    // Earlier tests turned some types off; everyone back to the defaults (all on).
    await t.db.deleteFrom('notify_pref').execute();
    const central = { userId: users.central, email: 'central@n.test', name: 'Central', role: 'central' as const, branchId: null };
    const pub = await publishRanking(
      t.db,
      central,
      { period: 'month', date: '2026-10', network: 'all', title: 'Октябрь 2026' },
      { today: '2026-11-15' },
    );
    const queued = await t.db
      .selectFrom('notify_outbox')
      .innerJoin('notify_event', 'notify_event.id', 'notify_outbox.event_id')
      .select(['notify_outbox.user_id', 'notify_outbox.channel'])
      .where('notify_event.type', '=', 'publication')
      .execute();
    expect(new Set(queued.map((q) => q.user_id))).toEqual(new Set([users.admin, users.central, users.alpha, users.bravo]));
    await round();
    const alpha = decoded(mailsTo('alpha@n.test')[0]!.raw);
    expect(alpha).toContain('Опубликован рейтинг «Октябрь 2026» за окт. 2026');
    expect(alpha).toMatch(/Ваше отделение — место \d+\./);
    expect(alpha).toContain(`/publications/${pub.id}`);
    // Once per notice (the mail carries it as text and as HTML), never another branch's place.
    expect(alpha.match(/Ваше отделение/g)?.length).toBe(alpha.match(/Опубликован рейтинг/g)?.length);
    const admin = decoded(mailsTo('admin@n.test')[0]!.raw);
    expect(admin).not.toContain('Ваше отделение');
  });

  it('a finished meeting pack is announced to central staff and admins only', async () => {
    expect(
      await emitEvent(
        t.db,
        { ...cfg, telegram: null },
        { type: 'pack', packId: 7, period: '2026-10', filename: 'podium-2026-10.zip' },
        'pack:7',
      ),
    ).toBe(2);
    const rows = await t.db
      .selectFrom('notify_outbox')
      .innerJoin('notify_event', 'notify_event.id', 'notify_outbox.event_id')
      .select('notify_outbox.user_id')
      .where('notify_event.type', '=', 'pack')
      .execute();
    expect(new Set(rows.map((r) => r.user_id))).toEqual(new Set([users.admin, users.central]));
    await round();
    expect(decoded(mailsTo('admin@n.test')[0]!.raw)).toContain(
      'Пакет к совещанию за окт. 2026 готов: podium-2026-10.zip. http://podium.test/packs',
    );
    expect(mailsTo('alpha@n.test').length + mailsTo('bravo@n.test').length).toBe(0);
  });
});
