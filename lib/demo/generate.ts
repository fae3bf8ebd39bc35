import type { ContentType } from '../content-types';
import type { Network } from '../networks';
import { addDays, addMonths, daysInclusive, isoWeekday, parseDay } from '../ranking/period';
import { demoPostContent } from './content-mix';
import { createRng, hashSeed, type Rng } from './random';
import { REGIONS, type Region } from './regions';

// A deterministic picture of 83 branches' social-media life: weekly rhythm,
// growth or decline per branch, campaigns, holiday dips, posts whose views keep
// growing for days, missing collection days, and a few planted anomalies that
// the ranking's flags should catch.

export const DEMO_SEED = 20_261_126;

/** Branches with planted stories (ISO codes). */
export const DEMO_STORIES = {
  followerJump: 'RU-TY', // VK followers jump +60% overnight with no matching views
  silent: 'RU-KOS', // stops posting for the last 45 days
  dropToZero: 'RU-PSK', // one account's views read zero for the last 10 days (collector/account problem)
  dataGap: 'RU-NGR', // a two-week hole in every account's data
} as const;

export interface DemoAccount {
  key: string;
  branchCode: string;
  network: Network;
  externalId: string;
  handle: string;
  url: string;
  title: string;
  status: 'active' | 'paused' | 'not_found' | 'private';
  statusReason: string | null;
}

export interface DemoAccountDay {
  accountKey: string;
  day: string;
  followers: number | null;
  views: number | null;
  reach: number | null;
  visits: number | null;
  visitors: number | null;
  pageviews: number | null;
  socialVisits: number | null;
  /** Visits from messengers (Metrica source 'messenger'). */
  messengerVisits: number | null;
  /** socialVisits and messengerVisits split by network / messenger, as Metrica reports them. */
  sources: { source: 'social' | 'messenger'; channel: string; visits: number }[];
  posts: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  /** VK community's lifetime clip views and likes (groups.getById counters); null where VK gives none. */
  clipsViews?: number | null;
  clipsLikes?: number | null;
}

export interface DemoPost {
  accountKey: string;
  externalId: string;
  publishedAt: Date;
  url: string;
  contentType: ContentType;
  excerpt: string;
  snapshots: {
    day: string;
    views: number | null;
    likes: number | null;
    comments: number | null;
    shares: number | null;
    reactions: number | null;
  }[];
}

export interface DemoRun {
  accountKey: string;
  day: string;
  status: 'ok' | 'failed' | 'partial';
  errorClass: string | null;
  errorMessage: string | null;
  apiCalls: number;
  rowsWritten: number;
}

export interface DemoBranch {
  region: Region;
  accounts: DemoAccount[];
  days: DemoAccountDay[];
  posts: DemoPost[];
  runs: DemoRun[];
}

interface NetworkProfile {
  followerShare: number; // of the VK audience
  viewRate: number; // daily views per follower
  postRate: number; // posts per day at activity 1
  likeRate: number; // likes per view
  hasLikes: boolean;
}

const PROFILES: Record<Exclude<Network, 'dzen'>, NetworkProfile> = {
  vk: { followerShare: 1, viewRate: 0.22, postRate: 1.1, likeRate: 0.018, hasLikes: true },
  ok: { followerShare: 0.45, viewRate: 0.14, postRate: 0.6, likeRate: 0.028, hasLikes: true },
  telegram: { followerShare: 0.3, viewRate: 0.55, postRate: 1.4, likeRate: 0, hasLikes: false },
  youtube: { followerShare: 0.18, viewRate: 0.05, postRate: 0.12, likeRate: 0.035, hasLikes: true },
  rutube: { followerShare: 0.05, viewRate: 0.08, postRate: 0.1, likeRate: 0.03, hasLikes: true },
  website: { followerShare: 0, viewRate: 0, postRate: 0.45, likeRate: 0, hasLikes: false },
  // MAX channels (read by the organisation's bot): subscribers and views only, no likes (docs/methodology.md).
  max: { followerShare: 0.12, viewRate: 0.4, postRate: 1.0, likeRate: 0, hasLikes: false },
};

/** Share of branches with a MAX channel, and of those whose channel has not added the bot. */
const MAX_PRESENCE = 0.8;
const MAX_NO_BOT = 0.1;
const MAX_NO_BOT_REASON =
  "max: the organisation's MAX bot is not an administrator of this channel: add it as an administrator, or import the channel's figures from CSV (HTTP 403)";

/**
 * The branch's MAX channel, from a random stream of its own so every other
 * demo figure stays as it was before MAX was added.
 */
function maxAccount(seed: number, region: Region): DemoAccount | null {
  const rng = createRng(seed ^ hashSeed(`${region.code}:max-presence`));
  if (!rng.chance(MAX_PRESENCE)) return null;
  const tag = region.slug.replace(/-/g, '_');
  const noBot = rng.chance(MAX_NO_BOT);
  return {
    key: `${region.code}:max`,
    branchCode: region.code,
    network: 'max',
    externalId: String(-70_000_000_000_000 - (hashSeed(`${region.code}:max`) % 1_000_000_000)),
    handle: `podium_${tag}`,
    url: `https://max.ru/podium_${tag}`,
    title: `Подиум · ${region.name}`,
    status: noBot ? 'private' : 'active',
    statusReason: noBot ? MAX_NO_BOT_REASON : null,
  };
}

// How the site's social and messenger visits split by Metrica's network ids (demo shares).
const SOCIAL_SPLIT: [string, number][] = [
  ['vkontakte', 0.72],
  ['odnoklassniki', 0.18],
  ['youtube', 0.06],
  ['dzen', 0.04],
];
const MESSENGER_SPLIT: [string, number][] = [
  ['telegram', 0.8],
  ['max', 0.14],
  ['whatsapp', 0.06],
];

/** Splits a whole count by shares; the rounding remainder goes to the first channel, so parts add up. */
function split(total: number, shares: [string, number][], source: 'social' | 'messenger'): DemoAccountDay['sources'] {
  const parts = shares.map(([channel, share]) => ({ source, channel, visits: Math.floor(total * share) }));
  parts[0]!.visits += total - parts.reduce((s, p) => s + p.visits, 0);
  return parts.filter((p) => p.visits > 0);
}

const WEEKDAY_VIEWS = [1.05, 1.08, 1.06, 1.04, 0.98, 0.78, 0.72];
const WEEKDAY_POSTS = [1.2, 1.25, 1.2, 1.15, 1.05, 0.55, 0.4];

const HEADLINES = [
  'Итоги недели: что сделали волонтёры региона',
  'Открыт приём заявок на региональный форум',
  'Фоторепортаж с субботника в областном центре',
  'Встреча с молодёжным активом: главное',
  'Как принять участие в весенней акции',
  'Прямой эфир с руководителем отделения',
  'Благодарим всех, кто пришёл на концерт',
  'Новый проект для школьников стартует в понедельник',
  'Отчёт о работе за месяц',
  'Поздравляем победителей конкурса!',
  'Региональный этап олимпиады: результаты',
  'Мы в новостях федеральных СМИ',
];

function holidayFactor(day: string): { views: number; posts: number } {
  const md = day.slice(5);
  if (md >= '01-01' && md <= '01-08') return { views: 0.62, posts: 0.35 };
  if (md >= '05-01' && md <= '05-11') return { views: 0.82, posts: 0.6 };
  if (md === '12-31') return { views: 0.7, posts: 0.5 };
  if (md >= '07-15' && md <= '08-15') return { views: 0.9, posts: 0.85 }; // summer lull
  return { views: 1, posts: 1 };
}

function sig3(n: number): number {
  if (n < 1000) return Math.round(n);
  const p = 10 ** (Math.floor(Math.log10(n)) - 2);
  return Math.round(n / p) * p;
}

function randomId(rng: Rng, length: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(rng.next() * alphabet.length)];
  return s;
}

function pickNetworks(rng: Rng): Exclude<Network, 'dzen' | 'max'>[] {
  const count = rng.int(2, 5);
  const rest: Exclude<Network, 'dzen' | 'max'>[] = ['telegram', 'website', 'ok', 'youtube', 'rutube'];
  const weights = [0.9, 0.75, 0.6, 0.35, 0.25];
  const chosen: Exclude<Network, 'dzen' | 'max'>[] = ['vk'];
  while (chosen.length < count) {
    const i = rest.findIndex((n, idx) => !chosen.includes(n) && rng.chance(weights[idx]!));
    if (i >= 0) chosen.push(rest[i]!);
  }
  return chosen;
}

function makeAccount(rng: Rng, region: Region, network: Exclude<Network, 'dzen' | 'max'>): DemoAccount {
  const tag = region.slug.replace(/-/g, '_');
  const key = `${region.code}:${network}`;
  const base = { key, branchCode: region.code, network, status: 'active' as const, statusReason: null };
  switch (network) {
    case 'vk': {
      const id = String(100_000_000 + (hashSeed(key) % 800_000_000));
      return { ...base, externalId: id, handle: `podium_${tag}`, url: `https://vk.com/podium_${tag}`, title: `Подиум · ${region.name}` };
    }
    case 'ok': {
      const id = String(50_000_000_000_000 + (hashSeed(key) % 9_000_000_000));
      return { ...base, externalId: id, handle: id, url: `https://ok.ru/group/${id}`, title: `Подиум — ${region.name}` };
    }
    case 'telegram':
      return {
        ...base,
        externalId: `@podium_${tag}`,
        handle: `podium_${tag}`,
        url: `https://t.me/podium_${tag}`,
        title: `Подиум | ${region.name}`,
      };
    case 'youtube': {
      const id = `UC${randomId(rng, 22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}`;
      return {
        ...base,
        externalId: id,
        handle: `@podium-${region.slug}`,
        url: `https://www.youtube.com/channel/${id}`,
        title: `Подиум ${region.nameEn}`,
      };
    }
    case 'rutube': {
      const id = String(20_000_000 + (hashSeed(key) % 9_000_000));
      return { ...base, externalId: id, handle: id, url: `https://rutube.ru/channel/${id}/`, title: `Подиум ${region.name}` };
    }
    case 'website':
      return {
        ...base,
        externalId: `${region.slug}.example.org`,
        handle: `${region.slug}.example.org`,
        url: `https://${region.slug}.example.org/`,
        title: `Сайт отделения: ${region.name}`,
      };
  }
}

function postUrl(rng: Rng, account: DemoAccount, n: number): { id: string; url: string; contentType: ContentType } {
  switch (account.network) {
    case 'vk':
      return { id: String(n), url: `https://vk.com/wall-${account.externalId}_${n}`, contentType: rng.chance(0.15) ? 'clip' : 'text' };
    case 'ok':
      return {
        id: String(150_000_000_000 + n),
        url: `https://ok.ru/group/${account.externalId}/topic/${150_000_000_000 + n}`,
        contentType: 'text',
      };
    case 'telegram':
      return { id: String(n), url: `https://t.me/${account.handle}/${n}`, contentType: 'text' };
    case 'max': {
      // Messages are keyed by their string mid (docs/collectors.md, "MAX").
      const mid = `mid.${randomId(rng, 16, '0123456789abcdef')}`;
      return { id: mid, url: `${account.url}/${mid}`, contentType: rng.chance(0.35) ? 'photo' : 'text' };
    }
    case 'youtube': {
      const v = randomId(rng, 11, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
      return { id: v, url: `https://www.youtube.com/watch?v=${v}`, contentType: rng.chance(0.4) ? 'clip' : 'video' };
    }
    case 'rutube': {
      const v = randomId(rng, 32, '0123456789abcdef');
      return { id: v, url: `https://rutube.ru/video/${v}/`, contentType: 'video' };
    }
    default:
      return { id: String(n), url: `${account.url}news/${n}`, contentType: 'article' };
  }
}

// Snapshot ages (days after publishing) at which young posts are re-polled.
const SNAPSHOT_AGES = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30];

export interface GenerateOptions {
  /** Last day with data (inclusive), 'YYYY-MM-DD'. */
  end: string;
  months?: number;
  seed?: number;
  regions?: Region[];
}

export function demoWindow(opts: GenerateOptions): { start: string; end: string } {
  return { start: addDays(addMonths(opts.end, -(opts.months ?? 13)), 1), end: opts.end };
}

/** Generates one branch at a time so the loader can stream them into the database. */
export function* generateDemo(opts: GenerateOptions): Generator<DemoBranch> {
  const seed = opts.seed ?? DEMO_SEED;
  const { start, end } = demoWindow(opts);
  const nDays = daysInclusive(start, end);
  const days = Array.from({ length: nDays }, (_, i) => addDays(start, i));

  // Network-wide outages: the same days missing for every account of a network.
  const outageRng = createRng(seed ^ 0x5eed);
  const outages = new Map<Network, Set<string>>();
  for (const network of Object.keys(PROFILES) as Network[]) {
    const set = new Set<string>();
    for (let k = 0; k < 2; k++) {
      const at = outageRng.int(20, nDays - 5);
      const len = outageRng.int(1, 3);
      for (let d = 0; d < len; d++) set.add(days[at + d]!);
    }
    outages.set(network, set);
  }

  for (const region of opts.regions ?? REGIONS) {
    const rng = createRng(seed ^ hashSeed(region.code));
    const activity = Math.min(2.5, Math.max(0.25, rng.logNormal(0.55)));
    const quality = Math.min(2.2, Math.max(0.4, rng.logNormal(0.35)));
    const monthlyGrowth = -0.012 + rng.next() * 0.05;
    const penetration = 0.012 * rng.logNormal(0.6);
    const campaigns: { from: number; to: number; lift: number }[] = [];
    for (let k = rng.int(3, 6); k > 0; k--) {
      const from = rng.int(0, nDays - 4);
      campaigns.push({ from, to: from + rng.int(3, 9), lift: 1.6 + rng.next() * 2 });
    }
    const gapStart = region.code === DEMO_STORIES.dataGap ? nDays - 60 : -1;

    const networks = pickNetworks(rng);
    const accounts = networks.map((n) => makeAccount(rng, region, n));
    const max = maxAccount(seed, region);
    const branch: DemoBranch = { region, accounts: max ? [...accounts, max] : accounts, days: [], posts: [], runs: [] };

    for (const account of branch.accounts) {
      // A channel without the bot has nothing collected (its figures would come by CSV).
      if (account.status !== 'active') continue;
      const network = account.network as Exclude<Network, 'dzen'>;
      const p = PROFILES[network];
      const arng = createRng(seed ^ hashSeed(account.key));
      const hasStats = network === 'vk' && arng.chance(0.5);
      let followers = Math.max(30, region.population * penetration * p.followerShare * arng.logNormal(0.4));
      const dailyGrowth = (monthlyGrowth + arng.normal() * 0.006) / 30;
      const siteVisitsBase = (region.population / 1000) * 2.2 * activity * arng.logNormal(0.5);
      // A stream of its own, so adding messenger visits left every other demo figure as it was.
      const mrng = createRng(seed ^ hashSeed(`${account.key}:messenger`));
      const messengerShare = 0.05 * quality * mrng.logNormal(0.5);
      let postSeq = arng.int(1000, 9000);
      // Content types and their engagement from a stream of their own, so every other demo figure's draws stay as they were.
      const typeRng = createRng(seed ^ hashSeed(`${account.key}:content`));
      // VK clips (a stream of its own, so every other figure stays as it was): a clip
      // is counted with its own plays, several times a text post's impressions; most
      // communities' groups.getById returns the lifetime clip counters, some none.
      const crng = createRng(seed ^ hashSeed(`${account.key}:clips`));
      const clipCounters = network === 'vk' && crng.chance(0.8);
      let clipViews = followers * 30 * crng.logNormal(0.6);

      for (let i = 0; i < nDays; i++) {
        const day = days[i]!;
        const campaign = campaigns.find((c) => i >= c.from && i <= c.to);
        const hol = holidayFactor(day);
        const dow = isoWeekday(day) - 1; // Monday = 0
        const silent = region.code === DEMO_STORIES.silent && i >= nDays - 45;

        followers *= 1 + dailyGrowth + arng.normal() * 0.0015;
        if (campaign) followers *= 1 + 0.002 * campaign.lift;
        if (region.code === DEMO_STORIES.followerJump && network === 'vk' && i === nDays - 70) followers *= 1.6;
        if (silent) followers *= 0.9993;

        const missing = outages.get(network)!.has(day) || arng.chance(0.012) || (gapStart >= 0 && i >= gapStart && i < gapStart + 14);

        const postLambda = p.postRate * activity * WEEKDAY_POSTS[dow]! * hol.posts * (campaign ? 1.8 : 1);
        const nPosts = silent ? 0 : arng.poisson(postLambda);

        // Views follow the audience *before* any bought jump: a jump brings no readers.
        const realAudience = region.code === DEMO_STORIES.followerJump && network === 'vk' && i >= nDays - 70 ? followers / 1.6 : followers;
        let views =
          realAudience *
          p.viewRate *
          quality *
          WEEKDAY_VIEWS[dow]! *
          hol.views *
          (campaign ? campaign.lift : 1) *
          arng.logNormal(0.18) *
          (0.55 + 0.45 * Math.min(1, nPosts / Math.max(0.5, postLambda)));
        if (silent) views *= Math.max(0.03, 1 - (i - (nDays - 45)) / 30);
        const droppedToZero =
          region.code === DEMO_STORIES.dropToZero && network === accounts[accounts.length - 1]!.network && i >= nDays - 10;
        if (droppedToZero) views = 0;

        // Every post gets its views over the following days; simulate it regardless of
        // whether the account-day itself was collected.
        for (let k = 0; k < nPosts; k++) {
          postSeq += arng.int(1, 3);
          const hour = arng.int(8, 21);
          const minute = arng.int(0, 59);
          const publishedAt = new Date(parseDay(day) + (hour - 3) * 3_600_000 + minute * 60_000); // Moscow is UTC+3
          const mix = demoPostContent(typeRng, network, hour, dow);
          const finalViews =
            network === 'website' ? null : Math.round((views / Math.max(1, nPosts)) * 1.4 * arng.logNormal(0.6) * mix.views);
          const finalLikes =
            finalViews === null || !p.hasLikes
              ? null
              : Math.round(finalViews * p.likeRate * quality * arng.logNormal(0.4) * mix.engagement);
          const { id, url, contentType: urlType } = postUrl(arng, account, postSeq);
          const contentType = mix.contentType ?? urlType;
          const own = network === 'vk' && contentType === 'clip' ? 3 * crng.logNormal(0.4) : 1;
          const snapshots: DemoPost['snapshots'] = [];
          for (const age of SNAPSHOT_AGES) {
            if (i + age >= nDays) break;
            const share = 1 - Math.exp(-(age + 0.6) / 1.7);
            const v = finalViews === null ? null : Math.round(finalViews * share * own);
            const l = finalLikes === null ? null : Math.round(finalLikes * share);
            snapshots.push({
              day: days[i + age]!,
              views: v,
              likes: l,
              comments: l === null ? null : Math.round(l * 0.07),
              shares: l === null ? null : Math.round(l * 0.12),
              reactions: network === 'telegram' && v !== null ? Math.round(v * 0.012 * mix.engagement) : null,
            });
          }
          branch.posts.push({
            accountKey: account.key,
            externalId: id,
            publishedAt,
            url,
            contentType,
            excerpt: `${arng.pick(HEADLINES)} — ${region.name}`,
            snapshots,
          });
        }

        if (clipCounters) clipViews += views * 0.8 * crng.logNormal(0.3);
        const isRecent = i >= nDays - 14;
        if (missing) {
          if (isRecent) {
            const cls = arng.pick(['retryable', 'retryable', 'quota', 'bad_response'] as const);
            branch.runs.push({
              accountKey: account.key,
              day,
              status: 'failed',
              errorClass: cls,
              errorMessage:
                cls === 'retryable'
                  ? 'HTTP 503 from the API after 4 attempts'
                  : cls === 'quota'
                    ? 'Daily quota reached; paused until reset'
                    : 'Response did not match the schema at response.items[3].date',
              apiCalls: 4,
              rowsWritten: 0,
            });
          }
          continue;
        }

        const likes = p.hasLikes ? Math.round(views * p.likeRate * quality * arng.logNormal(0.25)) : null;
        const row: DemoAccountDay = {
          accountKey: account.key,
          day,
          followers: network === 'website' ? null : network === 'youtube' ? sig3(followers) : Math.round(followers),
          views: network === 'website' ? null : Math.round(views),
          reach: hasStats ? Math.round(views * 0.58 * arng.logNormal(0.1)) : null,
          visits: null,
          visitors: null,
          pageviews: null,
          socialVisits: null,
          messengerVisits: null,
          sources: [],
          posts: nPosts,
          likes,
          comments: likes === null ? null : Math.round(likes * 0.07 * arng.logNormal(0.3)),
          shares: likes === null ? null : Math.round(likes * 0.12 * arng.logNormal(0.3)),
        };
        if (clipCounters) {
          row.clipsViews = Math.round(clipViews);
          row.clipsLikes = Math.round(clipViews * 0.021);
        }
        if (network === 'website') {
          const visits = Math.round(
            siteVisitsBase * WEEKDAY_VIEWS[dow]! * hol.views * (campaign ? 1 + (campaign.lift - 1) * 0.5 : 1) * arng.logNormal(0.2),
          );
          row.visits = visits;
          row.visitors = Math.round(visits * 0.78);
          row.pageviews = Math.round(visits * 2.1 * arng.logNormal(0.1));
          row.socialVisits = Math.round(visits * 0.11 * quality * arng.logNormal(0.2));
          row.messengerVisits = Math.round(visits * messengerShare * mrng.logNormal(0.2));
          row.sources = [...split(row.socialVisits, SOCIAL_SPLIT, 'social'), ...split(row.messengerVisits, MESSENGER_SPLIT, 'messenger')];
        }
        branch.days.push(row);
        if (isRecent) {
          branch.runs.push({
            accountKey: account.key,
            day,
            status: 'ok',
            errorClass: null,
            errorMessage: null,
            apiCalls: network === 'vk' ? 3 : 2,
            rowsWritten: 1 + nPosts,
          });
        }
      }
    }
    yield branch;
  }
}
