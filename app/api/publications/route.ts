import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { parseQuery, route, unauthorized } from '@/lib/api/errors';
import { getViewer } from '@/lib/auth/session';
import { listPublications, publicationsQuerySchema } from '@/lib/publications';

export const dynamic = 'force-dynamic';

// GET /api/publications – published rankings, newest first
export const GET = route(async (req: Request) => {
  const filter = parseQuery(publicationsQuerySchema, new URL(req.url).searchParams);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  return NextResponse.json({ publications: await listPublications(getDb(), viewer, filter) });
});
