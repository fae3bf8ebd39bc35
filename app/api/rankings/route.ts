import { getDb } from '@/db/client';
import { badRequest, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { rankingsQuerySchema } from '@/lib/api/schemas';
import { getViewer } from '@/lib/auth/session';
import { listRankings, rankingJson } from '@/lib/data/rankings';
import { UnknownMethodError } from '@/lib/data/methods';
import { withTargetsMet } from '@/lib/data/targets';

export const dynamic = 'force-dynamic';

// GET /api/rankings – ranking for a period
export const GET = route(async (req: Request) => {
  const input = parseQuery(rankingsQuerySchema, new URL(req.url).searchParams);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  try {
    const res = await listRankings(getDb(), viewer, input);
    const withTargets = await withTargetsMet(getDb(), viewer, res);
    const body = withTargets === res ? rankingJson(res) : JSON.stringify(withTargets);
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  } catch (err) {
    if (err instanceof UnknownMethodError) throw badRequest(`Invalid parameter "method": ${err.message}`);
    throw err;
  }
});
