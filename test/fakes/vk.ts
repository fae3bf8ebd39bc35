import { json, startFake, type FakeServer, type RecordedRequest, type Reply } from './server';

export interface VkFakePost {
  id: number;
  date: number;
  text?: string;
  /** Absent on old posts, as VK does. */
  views?: number;
  likes?: number;
  reposts?: number;
  comments?: number;
  reactions?: number;
  is_pinned?: 0 | 1;
  post_type?: string;
  copy_history?: { id: number; from_id: number; date: number }[];
  /** Attachments as VK sends them: a `video` or `clip` carries the full video object. */
  attachments?: VkFakeAttachment[];
}

/** video_video (video/objects.json); every counter optional, as VK does. */
export interface VkFakeVideo {
  id: number;
  owner_id: number;
  date: number;
  adding_date?: number;
  title?: string;
  type?: 'video' | 'short_video' | 'live' | 'movie' | 'music_video' | 'story' | 'video_message' | 'interactive';
  views?: number;
  comments?: number;
  likes?: number;
  reposts?: number;
  live?: 1;
}

export type VkFakeAttachment =
  | { type: 'video'; video: VkFakeVideo }
  | { type: 'clip'; clip: VkFakeVideo }
  | { type: 'photo' | 'link' | 'poll' | 'audio' | 'doc' | 'article' };

/** The full video object with counters in VK's shapes (likes/reposts objects, comments an integer). */
export function videoObject(v: VkFakeVideo): Record<string, unknown> {
  return {
    id: v.id,
    owner_id: v.owner_id,
    date: v.date,
    ...(v.adding_date !== undefined ? { adding_date: v.adding_date } : {}),
    title: v.title ?? `video ${v.id}`,
    duration: 30,
    type: v.type ?? 'video',
    can_comment: 1,
    ...(v.views !== undefined ? { views: v.views, local_views: v.views } : {}),
    ...(v.comments !== undefined ? { comments: v.comments } : {}),
    ...(v.likes !== undefined ? { likes: { count: v.likes, user_likes: 0 } } : {}),
    ...(v.reposts !== undefined ? { reposts: { count: v.reposts, wall_count: v.reposts, mail_count: 0, user_reposted: 0 } } : {}),
    ...(v.live ? { live: 1 } : {}),
    image: [{ url: 'https://sun9-1.userapi.com/x.jpg', width: 320, height: 240 }],
  };
}

const attachmentObject = (a: VkFakeAttachment): Record<string, unknown> => {
  if (a.type === 'video') return { type: 'video', video: videoObject(a.video) };
  if (a.type === 'clip') return { type: 'clip', clip: videoObject(a.clip) };
  return { type: a.type, [a.type]: { id: 1, owner_id: 1 } };
};

export interface VkFakeGroup {
  id: number;
  screen_name: string;
  name: string;
  members_count: number;
  deactivated?: 'deleted' | 'banned';
  is_closed?: 0 | 1 | 2;
  posts: VkFakePost[];
  /** groups.getById `counters` (fields=counters); absent keys are left out, as VK may do. */
  counters?: { clips?: number; clips_views?: number; clips_likes?: number; videos?: number };
  /** The counters field as PHP's empty array `[]`. */
  emptyCountersList?: boolean;
  /** The community's videos and clips for video.get (newest first by adding date). */
  videos?: VkFakeVideo[];
  /** Daily admin stats by unix day start. */
  stats?: { period_from: number; reach: number; visitors: number; views: number }[];
}

export interface VkFake {
  server: FakeServer;
  /** Base for VK_API_URL. */
  apiUrl: string;
  groups: Map<number, VkFakeGroup>;
  /** token -> kind; anything else answers error 5. */
  tokens: Map<string, 'service' | 'admin' | 'user' | 'community' | 'expired'>;
  /** Answer groups.getById in the pre-5.139 array shape. */
  legacyGroupsShape: boolean;
  /** stats.get period bounds as strings, as older versions did. */
  legacyStatsStrings: boolean;
}

const vkError = (req: RecordedRequest, code: number, msg: string): Reply =>
  json({
    error: {
      error_code: code,
      error_msg: msg,
      request_params: [...req.query.entries()].map(([key, value]) => ({ key, value })),
    },
  });

export async function startVkFake(): Promise<VkFake> {
  const fake: VkFake = {
    server: undefined as unknown as FakeServer,
    apiUrl: '',
    groups: new Map(),
    tokens: new Map(),
    legacyGroupsShape: false,
    legacyStatsStrings: false,
  };
  const findGroup = (ref: string | null) => {
    if (!ref) return undefined;
    const id = Number(ref.replace(/^-/, ''));
    return fake.groups.get(id) ?? [...fake.groups.values()].find((g) => g.screen_name === ref);
  };

  fake.server = await startFake((req) => {
    const method = req.path.replace(/^\/method\//, '');
    // Errors come with HTTP 200, as VK does.
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const kind = auth ? fake.tokens.get(auth) : undefined;
    if (!kind) return vkError(req, 5, 'User authorization failed: invalid access_token (4).');
    if (kind === 'expired') return vkError(req, 5, 'User authorization failed: access_token has expired.');
    if (req.query.get('v') !== '5.199') return vkError(req, 8, 'Invalid request: versions below 5.81 are deprecated');

    if (method === 'groups.getById') {
      const g = findGroup(req.query.get('group_id'));
      if (!g) return vkError(req, 100, 'One of the parameters specified was missing or invalid: group_ids is undefined');
      const item = g.deactivated
        ? { id: g.id, name: 'DELETED', screen_name: `club${g.id}`, type: 'group', deactivated: g.deactivated, is_closed: 0 }
        : {
            id: g.id,
            name: g.name,
            screen_name: g.screen_name,
            is_closed: g.is_closed ?? 0,
            type: 'page',
            members_count: g.members_count,
            ...((req.query.get('fields') ?? '').split(',').includes('counters') && (g.counters || g.emptyCountersList)
              ? { counters: g.emptyCountersList ? [] : g.counters }
              : {}),
          };
      return json(fake.legacyGroupsShape ? { response: [item] } : { response: { groups: [item], profiles: [] } });
    }
    if (method === 'wall.get') {
      const g = findGroup(req.query.get('owner_id'));
      if (!g || g.deactivated) return vkError(req, 100, 'One of the parameters specified was missing or invalid: owner_id not integer');
      if (g.is_closed) return vkError(req, 15, 'Access denied: this wall available only for community members');
      const count = Math.min(100, Number(req.query.get('count') ?? 20));
      const offset = Number(req.query.get('offset') ?? 0);
      const pinned = g.posts.filter((p) => p.is_pinned === 1);
      const rest = g.posts.filter((p) => p.is_pinned !== 1).sort((a, b) => b.date - a.date);
      const all = [...pinned, ...rest];
      const items = all.slice(offset, offset + count).map((p) => ({
        id: p.id,
        owner_id: -g.id,
        from_id: -g.id,
        date: p.date,
        marked_as_ads: 0,
        can_pin: 1,
        post_type: p.post_type ?? 'post',
        text: p.text ?? '',
        ...(p.is_pinned ? { is_pinned: 1 } : {}),
        ...(p.copy_history ? { copy_history: p.copy_history } : {}),
        comments: { can_post: 1, count: p.comments ?? 0 },
        likes: { can_like: 1, count: p.likes ?? 0, user_likes: 0, can_publish: 1 },
        reposts: { count: p.reposts ?? 0, user_reposted: 0 },
        ...(p.views !== undefined ? { views: { count: p.views } } : {}),
        ...(p.reactions !== undefined ? { reactions: { count: p.reactions, items: [{ id: 0, count: p.reactions }] } } : {}),
        ...(p.attachments ? { attachments: p.attachments.map(attachmentObject) } : {}),
      }));
      return json({ response: { count: all.length, items } });
    }
    if (method === 'stats.get') {
      if (kind !== 'admin') return vkError(req, 15, 'Access denied: no access to this group statistics');
      const g = findGroup(req.query.get('group_id'));
      if (!g) return vkError(req, 100, 'invalid group_id');
      const from = Number(req.query.get('timestamp_from'));
      const to = Number(req.query.get('timestamp_to'));
      const periods = (g.stats ?? [])
        .filter((s) => s.period_from >= from && s.period_from <= to)
        .map((s) => ({
          period_from: fake.legacyStatsStrings ? String(s.period_from) : s.period_from,
          period_to: fake.legacyStatsStrings ? String(s.period_from + 86399) : s.period_from + 86399,
          visitors: { views: s.views, visitors: s.visitors },
          reach: { reach: s.reach, reach_subscribers: Math.floor(s.reach / 2) },
        }));
      return json({ response: periods });
    }
    if (method === 'video.get') {
      // User-only method (video/methods.json access_token_type ["user"]).
      if (kind === 'service') return vkError(req, 28, 'Application authorization failed: method is unavailable with service token.');
      if (kind === 'community') return vkError(req, 27, 'Group authorization failed: method is unavailable with group auth.');
      const g = findGroup(req.query.get('owner_id'));
      if (!g || g.deactivated) return vkError(req, 100, 'One of the parameters specified was missing or invalid: owner_id not integer');
      if (g.is_closed) return vkError(req, 204, 'Access denied');
      const count = Number(req.query.get('count') ?? 100);
      if (!Number.isInteger(count) || count < 0 || count > 200)
        return vkError(req, 100, 'One of the parameters specified was missing or invalid: count should be less or equal to 200');
      const offset = Number(req.query.get('offset') ?? 0);
      const all = [...(g.videos ?? [])].sort((a, b) => (b.adding_date ?? b.date) - (a.adding_date ?? a.date));
      return json({ response: { count: all.length, items: all.slice(offset, offset + count).map(videoObject) } });
    }
    return vkError(req, 3, 'Unknown method passed');
  });
  fake.apiUrl = `${fake.server.url}/method`;
  return fake;
}
