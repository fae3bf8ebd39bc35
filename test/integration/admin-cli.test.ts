import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPodium } from '../../lib/cli/podium/index';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const KEY = Buffer.alloc(32, 7);
const TOKEN = 'vk1.a.SUPERSECRETTOKENVALUE1234567890';
let t: TestDatabase;

async function run(argv: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  let opened = false;
  const code = await runPodium(
    argv,
    {
      out: (l) => out.push(l),
      readStdin: async () => stdin,
      readSecret: async () => stdin.split(/\r?\n/)[0] ?? '',
      secretKey: () => KEY,
      baseUrl: 'http://localhost:3000',
      openDb: async () => {
        opened = true;
        return t.db;
      },
    },
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n'), opened };
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe('npm run podium', () => {
  it('rejects bad arguments with exit code 2, naming the argument, before opening the database', async () => {
    const cases: [string[], RegExp][] = [
      [['users', 'create', '--email', 'a@b.c'], /--role/],
      [['users', 'create', '--email', 'a@b.c', '--role', 'boss'], /--role/],
      [['users', 'create', '--email', 'a@b.c', '--role', 'coordinator'], /--branch/],
      [['users', 'create', '--emial', 'a@b.c'], /emial/],
      [['branches', 'create', '--slug', 'x'], /--name|--district/],
      [['accounts', 'pause', '--id', 'abc'], /--id/],
      [['accounts', 'pause', '--id', '99999999999999999999'], /--id must be an account id/],
      [
        [
          'branches',
          'create',
          '--slug',
          'x',
          '--name',
          'x',
          '--name-en',
          'x',
          '--region',
          'RU-XX',
          '--district',
          'volga',
          '--population',
          '1e30',
        ],
        /--population/,
      ],
      [['users', 'create', '--email', 'a@b.c', '--role', 'r'.repeat(100_000)], /--role must be one of .*"r+…" \(100000 characters\)/],
      [['credentials', 'add', '--network', 'vk', '--label', 'x', '--token', TOKEN], /--token/],
      // A password on the command line lands in shell history and `ps`: refused, not echoed.
      [['users', 'create', '--email', 'a@b.c', '--role', 'admin', '--password', TOKEN], /--password takes no value.*stdin/],
      [['users', 'create', '--email', 'a@b.c', '--role', 'admin', `--password=${TOKEN}`], /--password takes no value/],
      [['credentials', 'add', '--network', 'myspace', '--label', 'x'], /--network/],
      [['export', 'bogus'], /export/i],
      [['frobnicate'], /unknown command/],
    ];
    for (const [argv, msg] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.opened).toBe(false);
      expect(r.err).not.toContain(TOKEN);
      expect(r.err.length, argv.join(' ').slice(0, 80)).toBeLessThan(1500);
    }
  });

  it('creates branches, users, accounts and credentials, and lists them', async () => {
    expect(
      (
        await run([
          'branches',
          'create',
          '--slug',
          'karachay-cherkessia',
          '--name',
          'КЧР',
          '--name-en',
          'KChR',
          '--region',
          'RU-KC',
          '--district',
          'north_caucasian',
          '--population',
          '466000',
        ])
      ).code,
    ).toBe(0);
    const dupe = await run([
      'branches',
      'create',
      '--slug',
      'kc2',
      '--name',
      'x',
      '--name-en',
      'x',
      '--region',
      'RU-KC',
      '--district',
      'north_caucasian',
    ]);
    expect(dupe.code).toBe(2);
    expect(dupe.err).toMatch(/--region-code/);
    expect(
      (await run(['users', 'create', '--email', 'Root@Example.org', '--role', 'admin', '--password'], 'long-enough-password\n')).code,
    ).toBe(0);
    const root = await t.db.selectFrom('app_user').select('id').where('email', '=', 'root@example.org').executeTakeFirstOrThrow();
    const cred = await t.db.selectFrom('auth_account').select('password').where('user_id', '=', root.id).executeTakeFirst();
    expect(cred?.password).toBeTruthy();
    const invite = await run([
      'users',
      'create',
      '--email',
      'coord@example.org',
      '--role',
      'coordinator',
      '--branch',
      'karachay-cherkessia',
    ]);
    expect(invite.code).toBe(0);
    expect(invite.out).toMatch(/http:\/\/localhost:3000\/reset-password\?token=/);
    const empty = await run(['users', 'create', '--email', 'x@example.org', '--role', 'central', '--password'], '');
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/--password: no password/);
    const short = await run(['users', 'create', '--email', 'x@example.org', '--role', 'central', '--password'], 'short\n');
    expect(short).toMatchObject({ code: 2 });
    expect(short.err).toMatch(/--password/);
    const list = await run(['users', 'list']);
    expect(list.out).toMatch(/root@example\.org\s+admin/);
    expect(list.out).toMatch(/coord@example\.org\s+coordinator\s+karachay-cherkessia/);

    expect((await run(['accounts', 'add', '--branch', 'karachay-cherkessia', '--url', 'https://vk.com/club123'])).code).toBe(0);
    const badUrl = await run(['accounts', 'add', '--branch', 'karachay-cherkessia', '--url', 'https://t.me/+secret']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.err).toMatch(/--url/);
    expect((await run(['accounts', 'list'])).out).toMatch(/vk\s+club123\s+active/);
    const acc = await t.db.selectFrom('account').select('id').executeTakeFirstOrThrow();
    expect((await run(['accounts', 'pause', '--id', String(acc.id)])).code).toBe(0);
    expect((await run(['accounts', 'list'])).out).toMatch(/paused/);

    const add = await run(['credentials', 'add', '--network', 'vk', '--label', 'main'], `${TOKEN}\n`);
    expect(add.code).toBe(0);
    expect(add.out).not.toContain(TOKEN);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'podium-cli-')), 'token');
    fs.writeFileSync(file, 'tg-token-abcdefghijklmnop');
    expect((await run(['credentials', 'add', '--network', 'telegram', '--label', 'bot', '--token-file', file])).code).toBe(0);
    fs.writeFileSync(file, '{"access_token": "ok-access-123456", "application_secret_key": "ok-secret-abcdef"}');
    expect(
      (
        await run([
          'credentials',
          'add',
          '--network',
          'ok',
          '--label',
          'ok app',
          '--token-file',
          file,
          '--config',
          'application_key=CBAXXXX',
        ])
      ).code,
    ).toBe(0);
    const secretCfg = await run([
      'credentials',
      'add',
      '--network',
      'ok',
      '--label',
      'x',
      '--token-file',
      file,
      '--config=application_secret_key=abc',
    ]);
    expect(secretCfg.code).toBe(2);
    expect(secretCfg.err).toMatch(/--config: .*looks secret/);
    const creds = await run(['credentials', 'list']);
    expect(creds.out).toContain('••••••••7890');
    expect(creds.out).not.toContain(TOKEN);
    expect(creds.out).toMatch(/ok app .*application_key=CBAXXXX/);
    expect(creds.out).not.toContain('ok-secret-abcdef');
    const stored = await t.db.selectFrom('credential').selectAll().execute();
    expect(stored.map((c) => c.secret_ciphertext.toString('latin1')).join()).not.toContain('SUPERSECRET');

    // A credential failure (however written) lands in the audit log, once per change of status.
    const { recordCredentialFailure } = await import('../../lib/admin/credentials');
    const vkCred = await t.db.selectFrom('credential').select('id').where('network', '=', 'vk').executeTakeFirstOrThrow();
    await recordCredentialFailure(t.db, vkCred.id, 'invalid', 'VK error 5: User authorization failed');
    await t.db.updateTable('credential').set({ last_error: 'again' }).where('id', '=', vkCred.id).execute();
    await t.db.updateTable('credential').set({ status: 'quota' }).where('id', '=', vkCred.id).execute();
    const failures = await t.db
      .selectFrom('audit_event')
      .select(['target', 'detail'])
      .where('action', '=', 'credential.failure')
      .orderBy('id')
      .execute();
    expect(failures).toMatchObject([
      { target: 'vk:main', detail: { status: 'invalid', error: 'VK error 5: User authorization failed' } },
      { target: 'vk:main', detail: { status: 'quota' } },
    ]);

    expect((await run(['users', 'deactivate', '--email', 'root@example.org'])).code).toBe(2); // last admin
    expect((await run(['users', 'deactivate', '--email', 'coord@example.org'])).code).toBe(0);
    expect((await run(['users', 'reset-link', '--email', 'nobody@example.org'])).err).toMatch(/--email/);
    expect((await run(['branches', 'archive', '--slug', 'karachay-cherkessia'])).code).toBe(0);

    const audit = await t.db.selectFrom('audit_event').select(['action', 'actor_email', 'detail']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'branch.create',
        'user.create',
        'account.add',
        'account.pause',
        'credential.add',
        'user.deactivate',
        'branch.archive',
      ]),
    );
    expect(audit.filter((a) => a.action !== 'credential.failure').every((a) => a.actor_email === 'cli@podium.local')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });
});
