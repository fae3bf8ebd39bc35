import crypto from 'node:crypto';
import { json, startFake, type FakeServer } from './server';

/** A group topic (post) with the counters mediatopic.getByIds shows; absent ones are left out, as OK does. */
export interface OkFakeTopic {
  id: string;
  created_ms: number;
  text?: string;
  /** Media block types: text, photo, movie, link, poll, music… */
  media?: string[];
  likes?: number;
  comments?: number;
  reshares?: number;
  views?: number;
  /** Seen only by its author: group.getStatTopics leaves it out (apiok docs). */
  noStats?: boolean;
}

export interface OkFakeGroup {
  members?: number;
  themes?: number;
  topics?: OkFakeTopic[];
}

export interface OkFake {
  server: FakeServer;
  apiUrl: string;
  groups: Map<string, OkFakeGroup>;
  applicationKey: string;
  applicationSecret: string;
  /** Valid access tokens. */
  tokens: Set<string>;
  /** Tokens of a group admin with GROUP_CONTENT + VALUABLE_ACCESS (group.getStatTopics). */
  adminTokens: Set<string>;
  /** Largest number of ids mediatopic.getByIds accepts. */
  maxTopicIds: number;
}

const topicObject = (t: OkFakeTopic, gid: string) => ({
  id: t.id,
  created_ms: t.created_ms,
  author_ref: `group:${gid}`,
  owner_ref: `group:${gid}`,
  media: (t.media ?? ['text']).map((type) => (type === 'text' ? { type, text: t.text ?? `topic ${t.id}` } : { type })),
  ...(t.likes !== undefined ? { like_summary: { count: t.likes, self: false } } : {}),
  ...(t.reshares !== undefined ? { reshare_summary: { count: t.reshares, self: false } } : {}),
  ...(t.comments !== undefined ? { discussion_summary: { comments_count: t.comments } } : {}),
  ...(t.views !== undefined ? { views_count: t.views } : {}),
});

const md5 = (s: string) => crypto.createHash('md5').update(s).digest('hex');

export async function startOkFake(): Promise<OkFake> {
  const fake: OkFake = {
    server: undefined as unknown as FakeServer,
    apiUrl: '',
    groups: new Map(),
    applicationKey: 'CBAFAKEAPPKEY',
    applicationSecret: 'FAKESECRET0123456789',
    tokens: new Set(),
    adminTokens: new Set(),
    maxTopicIds: 100,
  };
  fake.server = await startFake((req) => {
    const params = new URLSearchParams(req.method === 'POST' ? req.body : req.query.toString());
    const p = Object.fromEntries(params.entries());
    const err = (code: number, msg: string) => json({ error_code: code, error_msg: msg, error_data: null });
    if (!p.sig) return err(104, 'PARAM_SIGNATURE : No signature specified');
    if (p.application_key !== fake.applicationKey) return err(101, 'PARAM_API_KEY : Application key is invalid');
    const token = p.access_token;
    if (!token || !fake.tokens.has(token)) return err(102, 'PARAM_SESSION_EXPIRED : Session expired');
    const secret = md5(token + fake.applicationSecret);
    const expected = md5(
      Object.keys(p)
        .filter((k) => k !== 'sig' && k !== 'access_token' && k !== 'session_key')
        .sort()
        .map((k) => `${k}=${p[k]}`)
        .join('') + secret,
    );
    if (expected !== p.sig) return err(104, 'PARAM_SIGNATURE : Invalid signature');
    if (p.method === 'group.getStatTopics') {
      const g = fake.groups.get(p.gid ?? '');
      if (!g) return err(300, 'NOT_FOUND : Group not found');
      if (!fake.adminTokens.has(token)) return err(10, 'PERMISSION_DENIED : Insufficient permissions: GROUP_CONTENT');
      const from = Number(p.start_time);
      const to = Number(p.end_time);
      const count = Math.min(100, Number(p.count ?? 20));
      // The anchor is an opaque string; here the offset, base64.
      const offset = p.anchor ? Number(Buffer.from(p.anchor, 'base64').toString()) : 0;
      if (!Number.isInteger(offset) || offset < 0) return err(100, 'PARAM : Invalid anchor');
      const all = (g.topics ?? [])
        .filter((t) => !t.noStats && t.created_ms >= from && t.created_ms <= to)
        .sort((a, b) => b.created_ms - a.created_ms);
      const page = all.slice(offset, offset + count);
      const next = offset + page.length;
      return json({
        topics: page.map((t) => ({ id: t.id, created_ms: t.created_ms, reach: 10, renderings: 20, likes: t.likes ?? 0 })),
        anchor: Buffer.from(String(next)).toString('base64'),
        has_more: next < all.length,
        totalCount: all.length,
      });
    }
    if (p.method === 'mediatopic.getByIds') {
      const ids = (p.topic_ids ?? '').split(',').filter(Boolean);
      if (ids.length === 0) return err(100, 'PARAM : topic_ids is required');
      if (ids.length > fake.maxTopicIds) return err(100, `PARAM : too many topic_ids, max ${fake.maxTopicIds}`);
      if (ids.length > 1 && !p.media_limit) return err(100, 'PARAM : media_limit is required for several topics');
      const out = [];
      for (const [gid, g] of fake.groups) for (const t of g.topics ?? []) if (ids.includes(t.id)) out.push(topicObject(t, gid));
      return json({ media_topics: out });
    }
    if (p.method !== 'group.getCounters') return err(3, 'METHOD : Method not found');
    const g = fake.groups.get(p.group_id ?? '');
    if (!g) return err(300, 'NOT_FOUND : Group not found');
    const counters: Record<string, number> = {};
    if (g.themes !== undefined) counters.themes = g.themes;
    if (g.members !== undefined) counters.members = g.members;
    return json({ counters });
  });
  fake.apiUrl = `${fake.server.url}/fb.do`;
  return fake;
}
