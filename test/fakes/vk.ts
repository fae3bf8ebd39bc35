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
}

export interface VkFakeGroup {
  id: number;
  screen_name: string;
  name: string;
  members_count: number;
  deactivated?: 'deleted' | 'banned';
  is_closed?: 0 | 1 | 2;
  posts: VkFakePost[];
  /** Daily admin stats by unix day start. */
  stats?: { period_from: number; reach: number; visitors: number; views: number }[];
}

export interface VkFake {
  server: FakeServer;
  /** Base for VK_API_URL. */
  apiUrl: string;
  groups: Map<number, VkFakeGroup>;
  /** token -> kind; anything else answers error 5. */
  tokens: Map<string, 'service' | 'admin' | 'expired'>;
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
        : { id: g.id, name: g.name, screen_name: g.screen_name, is_closed: g.is_closed ?? 0, type: 'page', members_count: g.members_count };
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
    return vkError(req, 3, 'Unknown method passed');
  });
  fake.apiUrl = `${fake.server.url}/method`;
  return fake;
}
