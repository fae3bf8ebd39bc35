import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { badRequest, notFound, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { branchSlugSchema } from '@/lib/api/schemas';
import { getViewer } from '@/lib/auth/session';
import { branchContentQuerySchema } from '@/lib/content/schema';
import { getBranchContent } from '@/lib/data/content';
import { UnknownMethodError } from '@/lib/data/methods';

export const dynamic = 'force-dynamic';

// GET /api/branches/:slug/content – one branch's posts by content type, network and hour × weekday, with its best posts
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const input = parseQuery(branchContentQuerySchema, new URL(req.url).searchParams);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const slug = branchSlugSchema.safeParse((await ctx.params).slug);
  if (!slug.success) throw notFound('No such branch');
  try {
    // Scoped in the data layer: undefined for an unknown branch or one the viewer may not see.
    const content = await getBranchContent(getDb(), viewer, slug.data, input);
    if (!content) throw notFound('No such branch');
    return NextResponse.json(content);
  } catch (err) {
    if (err instanceof UnknownMethodError) throw badRequest(`Invalid parameter "method": ${err.message}`);
    throw err;
  }
});
