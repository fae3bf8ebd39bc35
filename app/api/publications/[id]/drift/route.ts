import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { notFound, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { getViewer } from '@/lib/auth/session';
import { getDrift, publicationIdSchema } from '@/lib/publications';
import { z } from 'zod';

export const dynamic = 'force-dynamic';

// GET /api/publications/:id/drift – live vs published; a coordinator gets their own branch's row
export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  parseQuery(z.strictObject({}), new URL(req.url).searchParams);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const id = publicationIdSchema.safeParse((await ctx.params).id);
  if (!id.success) throw notFound('No such publication');
  const drift = await getDrift(getDb(), viewer, id.data);
  if (!drift) throw notFound('No such publication');
  return NextResponse.json(drift);
});
