import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { notFound, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { compareViewQuerySchema } from '@/lib/api/schemas';
import { getViewer } from '@/lib/auth/session';
import { getCompareView } from '@/lib/data/compare';

export const dynamic = 'force-dynamic';

// GET /api/compare – one metric of 1–6 branches side by side, on a basis, with reference lines
export const GET = route(async (req: Request) => {
  const input = parseQuery(compareViewQuerySchema, new URL(req.url).searchParams);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const cmp = await getCompareView(getDb(), viewer, input);
  if (!cmp) throw notFound('No such branch (one or more)');
  return NextResponse.json(cmp);
});
