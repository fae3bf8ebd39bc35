import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { notFound, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { branchSlugSchema, seriesQuerySchema } from '@/lib/api/schemas';
import { getViewer } from '@/lib/auth/session';
import { getBranchSeries } from '@/lib/data/series';

export const dynamic = 'force-dynamic';

// GET /api/branches/:slug/series – one metric over time, missing buckets as null
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const input = parseQuery(seriesQuerySchema, new URL(req.url).searchParams);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const slug = branchSlugSchema.safeParse((await ctx.params).slug);
  if (!slug.success) throw notFound('No such branch');
  const series = await getBranchSeries(getDb(), viewer, slug.data, input);
  if (!series) throw notFound('No such branch');
  return NextResponse.json(series);
});
