import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { notFound, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { getViewer } from '@/lib/auth/session';
import { getPublishedRanking, publicationIdSchema, publicationRowsQuerySchema } from '@/lib/publications';

export const dynamic = 'force-dynamic';

// GET /api/publications/:id – a published ranking, scoped like the live one
export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const q = parseQuery(publicationRowsQuerySchema, new URL(req.url).searchParams);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const id = publicationIdSchema.safeParse((await ctx.params).id);
  if (!id.success) throw notFound('No such publication');
  const ranking = await getPublishedRanking(getDb(), viewer, id.data, { district: q.district || undefined });
  if (!ranking) throw notFound('No such publication');
  return NextResponse.json(ranking);
});
