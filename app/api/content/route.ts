import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { badRequest, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { getViewer } from '@/lib/auth/session';
import { contentQuerySchema } from '@/lib/content/schema';
import { getContentOverview } from '@/lib/data/content';
import { UnknownMethodError } from '@/lib/data/methods';

export const dynamic = 'force-dynamic';

// GET /api/content – content analytics over every branch the viewer may see in detail
// (all for central staff and admins; a coordinator's own branch only). No post lists.
export const GET = route(async (req: Request) => {
  const input = parseQuery(contentQuerySchema, new URL(req.url).searchParams);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  try {
    return NextResponse.json(await getContentOverview(getDb(), viewer, input));
  } catch (err) {
    if (err instanceof UnknownMethodError) throw badRequest(`Invalid parameter "method": ${err.message}`);
    throw err;
  }
});
