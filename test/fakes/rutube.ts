import { json, startFake, type FakeServer } from './server';

export interface RtFakeVideo {
  id: string;
  title: string;
  hits: number;
  /** Moscow time, no zone: "2026-11-20T14:30:00". */
  publication_ts: string;
}

export interface RutubeFake {
  server: FakeServer;
  apiUrl: string;
  users: Map<string, { subscribers_count: number; name: string; videos: RtFakeVideo[] }>;
  perPage: number;
}

export async function startRutubeFake(): Promise<RutubeFake> {
  const fake: RutubeFake = { server: undefined as unknown as FakeServer, apiUrl: '', users: new Map(), perPage: 20 };
  fake.server = await startFake((req) => {
    const prof = /^\/api\/profile\/user\/([^/]+)\/$/.exec(req.path);
    if (prof) {
      const u = fake.users.get(prof[1]);
      if (!u) return json({ detail: 'Не найдено.' }, 404);
      return json({ id: Number(prof[1]), name: u.name, subscribers_count: u.subscribers_count, video_count: u.videos.length });
    }
    const vids = /^\/api\/video\/person\/([^/]+)\/$/.exec(req.path);
    if (vids) {
      const u = fake.users.get(vids[1]);
      if (!u) return json({ detail: 'Не найдено.' }, 404);
      const page = Number(req.query.get('page') ?? 1);
      const sorted = [...u.videos].sort((a, b) => b.publication_ts.localeCompare(a.publication_ts));
      const slice = sorted.slice((page - 1) * fake.perPage, page * fake.perPage);
      const hasNext = page * fake.perPage < sorted.length;
      return json({
        has_next: hasNext,
        next: hasNext ? `${fake.apiUrl}/video/person/${vids[1]}/?page=${page + 1}` : null,
        previous: page > 1 ? `${fake.apiUrl}/video/person/${vids[1]}/?page=${page - 1}` : null,
        page,
        per_page: fake.perPage,
        results: slice.map((v) => ({
          id: v.id,
          title: v.title,
          hits: v.hits,
          publication_ts: v.publication_ts,
          created_ts: v.publication_ts,
          video_url: `https://rutube.ru/video/${v.id}/`,
        })),
      });
    }
    return json({ detail: 'Не найдено.' }, 404);
  });
  fake.apiUrl = `${fake.server.url}/api`;
  return fake;
}
