import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { badRequest, notFound, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { branchSlugSchema, summaryQuerySchema } from '@/lib/api/schemas';
import { getViewer } from '@/lib/auth/session';
import { UnknownMethodError } from '@/lib/data/methods';
import { getBranchSummary } from '@/lib/data/summary';

export const dynamic = 'force-dynamic';

// GET /api/branches/:slug/summary – KPIs, rank and explanation of one branch for a period
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const input = parseQuery(summaryQuerySchema, new URL(req.url).searchParams);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const slug = branchSlugSchema.safeParse((await ctx.params).slug);
  if (!slug.success) throw notFound('No such branch');
  try {
    const summary = await getBranchSummary(getDb(), viewer, slug.data, input);
    if (!summary) throw notFound('No such branch');
    return NextResponse.json(summary);
  } catch (err) {
    if (err instanceof UnknownMethodError) throw badRequest(`Invalid parameter "method": ${err.message}`);
    throw err;
  }
});
