import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { notFound, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { compareQuerySchema } from '@/lib/api/schemas';
import { getViewer } from '@/lib/auth/session';
import { getComparison } from '@/lib/data/series';

export const dynamic = 'force-dynamic';

// GET /api/compare – one metric of 2–6 branches side by side
export const GET = route(async (req: Request) => {
  const input = parseQuery(compareQuerySchema, new URL(req.url).searchParams);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const cmp = await getComparison(getDb(), viewer, input);
  if (!cmp) throw notFound('No such branch (one or more)');
  return NextResponse.json(cmp);
});
