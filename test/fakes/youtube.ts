import { json, startFake, type FakeServer, type Reply } from './server';

export interface YtFakeVideo {
  id: string;
  publishedAt: string;
  viewCount: number;
  likeCount?: number;
  commentCount: number;
  title?: string;
}

export interface YtFakeChannel {
  id: string;
  /** "@branchname", for channels.list?forHandle=. */
  handle?: string;
  subscriberCount: number;
  hiddenSubscriberCount?: boolean;
  viewCount: number;
  /** Newest first, as the uploads playlist is. */
  videos: YtFakeVideo[];
}

export interface YoutubeFake {
  server: FakeServer;
  apiUrl: string;
  channels: Map<string, YtFakeChannel>;
  keys: Set<string>;
  /** Units a key may spend before quotaExceeded. */
  quotaLimit: number;
  unitsUsed: Map<string, number>;
}

const quotaExceeded = (): Reply =>
  json(
    {
      error: {
        code: 403,
        message: 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
        errors: [
          {
            message: 'The request cannot be completed because you have exceeded your quota.',
            domain: 'youtube.quota',
            reason: 'quotaExceeded',
          },
        ],
      },
    },
    403,
  );

const keyInvalid = (): Reply =>
  json(
    {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        errors: [{ message: 'API key not valid. Please pass a valid API key.', domain: 'global', reason: 'badRequest' }],
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
      },
    },
    400,
  );

export async function startYoutubeFake(): Promise<YoutubeFake> {
  const fake: YoutubeFake = {
    server: undefined as unknown as FakeServer,
    apiUrl: '',
    channels: new Map(),
    keys: new Set(),
    quotaLimit: 10_000,
    unitsUsed: new Map(),
  };
  fake.server = await startFake((req) => {
    const key = (req.headers['x-goog-api-key'] as string | undefined) ?? req.query.get('key') ?? '';
    if (!fake.keys.has(key)) return keyInvalid();
    const used = fake.unitsUsed.get(key) ?? 0;
    if (used >= fake.quotaLimit) return quotaExceeded();
    fake.unitsUsed.set(key, used + 1);
    const resource = req.path.replace(/^\/youtube\/v3\//, '').replace(/^\//, '');
    if (resource === 'channels') {
      const id = req.query.get('id');
      const handle = req.query.get('forHandle')?.toLowerCase();
      const c = id ? fake.channels.get(id) : [...fake.channels.values()].find((x) => handle && x.handle?.toLowerCase() === handle);
      if (!c) return json({ kind: 'youtube#channelListResponse', etag: 'x', pageInfo: { totalResults: 0, resultsPerPage: 5 } });
      return json({
        kind: 'youtube#channelListResponse',
        etag: 'x',
        pageInfo: { totalResults: 1, resultsPerPage: 5 },
        items: [
          {
            kind: 'youtube#channel',
            etag: 'y',
            id: c.id,
            contentDetails: { relatedPlaylists: { likes: '', uploads: `UU${c.id.slice(2)}` } },
            statistics: {
              viewCount: String(c.viewCount),
              subscriberCount: String(c.subscriberCount),
              hiddenSubscriberCount: c.hiddenSubscriberCount ?? false,
              videoCount: String(c.videos.length),
            },
          },
        ],
      });
    }
    if (resource === 'playlistItems') {
      const pl = req.query.get('playlistId') ?? '';
      const c = [...fake.channels.values()].find((x) => `UU${x.id.slice(2)}` === pl);
      if (!c)
        return json(
          { error: { code: 404, message: 'playlist not found', errors: [{ domain: 'youtube.playlistItem', reason: 'playlistNotFound' }] } },
          404,
        );
      const per = Math.min(50, Number(req.query.get('maxResults') ?? 5));
      const start = Number(req.query.get('pageToken') ?? 0);
      const slice = c.videos.slice(start, start + per);
      const next = start + per < c.videos.length ? String(start + per) : undefined;
      return json({
        kind: 'youtube#playlistItemListResponse',
        ...(next ? { nextPageToken: next } : {}),
        pageInfo: { totalResults: c.videos.length, resultsPerPage: per },
        items: slice.map((v) => ({
          kind: 'youtube#playlistItem',
          id: `pi-${v.id}`,
          contentDetails: { videoId: v.id, videoPublishedAt: v.publishedAt },
        })),
      });
    }
    if (resource === 'videos') {
      const ids = (req.query.get('id') ?? '').split(',').filter(Boolean);
      if (ids.length > 50) return json({ error: { code: 400, errors: [{ reason: 'invalidParameter' }] } }, 400);
      const all = [...fake.channels.values()].flatMap((c) => c.videos);
      return json({
        kind: 'youtube#videoListResponse',
        items: ids
          .map((id) => all.find((v) => v.id === id))
          .filter((v): v is YtFakeVideo => !!v)
          .map((v) => ({
            kind: 'youtube#video',
            id: v.id,
            snippet: { publishedAt: v.publishedAt, title: v.title ?? `Video ${v.id}` },
            statistics: {
              viewCount: String(v.viewCount),
              ...(v.likeCount !== undefined ? { likeCount: String(v.likeCount) } : {}),
              favoriteCount: '0',
              commentCount: String(v.commentCount),
            },
          })),
      });
    }
    return json({ error: { code: 404, errors: [{ reason: 'notFound' }] } }, 404);
  });
  fake.apiUrl = `${fake.server.url}/youtube/v3`;
  return fake;
}
