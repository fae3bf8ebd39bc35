import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { parseQuery, route, unauthorized } from '@/lib/api/errors';
import { rankingsQuerySchema } from '@/lib/api/schemas';
import { getViewer } from '@/lib/auth/session';
import { findPublishedRanking } from '@/lib/publications';

export const dynamic = 'force-dynamic';

// GET /api/publications/current – the published ranking in force for a period (same query as /api/rankings), or null
export const GET = route(async (req: Request) => {
  const input = parseQuery(rankingsQuerySchema, new URL(req.url).searchParams);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const ranking = await findPublishedRanking(getDb(), viewer, input);
  return NextResponse.json({ ranking: ranking ?? null });
});
