import crypto from 'node:crypto';
import type { DB } from '../../db/client';
import { encryptSecret } from '../../lib/crypto/secrets';
import { parseEnv, type Env } from '../../lib/env';
import type { Network } from '../../lib/networks';
import { startMaxFake, type MaxFake } from './max';
import { startOkFake, type OkFake } from './ok';
import { makeTestPki, type TestPki } from './tls';
import { startRutubeFake, type RutubeFake } from './rutube';
import { startTelegramFake, type TelegramFake } from './telegram';
import { startVkFake, type VkFake } from './vk';
import { startWebsiteFake, type WebsiteFake } from './website';
import { startYoutubeFake, type YoutubeFake } from './youtube';

export const TEST_KEY_HEX = crypto.randomBytes(32).toString('hex');
export const TEST_KEY = Buffer.from(TEST_KEY_HEX, 'hex');

export interface AllFakes {
  vk: VkFake;
  telegram: TelegramFake;
  ok: OkFake;
  youtube: YoutubeFake;
  rutube: RutubeFake;
  website: WebsiteFake;
  /** MAX over HTTPS; its certificate is issued by `pki`'s throwaway root (MAX_CA_FILE). */
  max: MaxFake;
  pki: TestPki;
  env: Env;
  close(): Promise<void>;
}

export async function startAllFakes(): Promise<AllFakes> {
  const pki = makeTestPki();
  const [vk, telegram, ok, youtube, rutube, website, max] = await Promise.all([
    startVkFake(),
    startTelegramFake(),
    startOkFake(),
    startYoutubeFake(),
    startRutubeFake(),
    startWebsiteFake(),
    startMaxFake(pki),
  ]);
  return {
    vk,
    telegram,
    ok,
    youtube,
    rutube,
    website,
    max,
    pki,
    env: fakeEnv({ vk, telegram, ok, youtube, rutube, website, max, pki }),
    async close() {
      await Promise.all([vk, telegram, ok, youtube, rutube, website, max].map((f) => f.server.close()));
      pki.remove();
    },
  };
}

export function fakeEnv(f: Omit<AllFakes, 'env' | 'close'>): Env {
  return parseEnv({
    VK_API_URL: f.vk.apiUrl,
    TELEGRAM_BOT_API_URL: f.telegram.botUrl,
    TELEGRAM_WEB_URL: f.telegram.webUrl,
    OK_API_URL: f.ok.apiUrl,
    YOUTUBE_API_URL: f.youtube.apiUrl,
    RUTUBE_API_URL: f.rutube.apiUrl,
    METRICA_API_URL: f.website.metricaUrl,
    MAX_API_URL: f.max.apiUrl,
    MAX_CA_FILE: f.pki.caFile,
    // The feeds are branch data: reachable only because the operator allows the fake's host and port.
    PODIUM_FETCH_ALLOW: new URL(f.website.siteUrl).host,
    PODIUM_TIMEZONE: 'Europe/Moscow',
    PODIUM_SECRET_KEY: TEST_KEY_HEX,
  });
}

let regionSeq = 0;
const regionCode = (n: number) => `RU-${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}${String.fromCharCode(65 + (n % 26))}`;

export async function insertBranch(db: DB, slug?: string): Promise<number> {
  const n = regionSeq++;
  const s = slug ?? `branch-${n}`;
  const row = await db
    .insertInto('branch')
    .values({
      slug: s,
      name: `Отделение ${n}`,
      name_en: `Branch ${n}`,
      region_code: regionCode(n),
      federal_district: 'central',
      population: 1_000_000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCredential(db: DB, network: Network, token: string, config: Record<string, string> = {}): Promise<number> {
  const s = encryptSecret(token, TEST_KEY);
  const row = await db
    .insertInto('credential')
    .values({
      network,
      label: `${network} test`,
      secret_ciphertext: s.ciphertext,
      secret_iv: s.iv,
      secret_tag: s.tag,
      key_version: s.keyVersion,
      config: JSON.stringify(config),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAccount(
  db: DB,
  a: { branchId: number; network: Network; externalId: string; handle?: string; url?: string; credentialId?: number | null },
): Promise<number> {
  const row = await db
    .insertInto('account')
    .values({
      branch_id: a.branchId,
      network: a.network,
      external_id: a.externalId,
      handle: a.handle ?? null,
      url: a.url ?? null,
      title: null,
      credential_id: a.credentialId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A fixed "now" and unix seconds for days before it, for deterministic windows. */
export const NOW = new Date('2026-11-25T09:00:00Z');
export const daysAgo = (n: number) => Math.floor(NOW.getTime() / 1000) - Math.round(n * 86_400);

/** Rate limits high enough that tests of the worker are not paced by them. */
export const FAST_LIMITS = Object.fromEntries(
  ['vk', 'telegram_web', 'telegram_bot', 'ok', 'youtube', 'rutube', 'metrica', 'rss', 'max'].map((k) => [
    k,
    { limit: 1000, intervalMs: 1000 },
  ]),
);
