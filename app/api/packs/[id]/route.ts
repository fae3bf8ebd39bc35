import { getDb } from '@/db/client';
import { notFound, route, unauthorized } from '@/lib/api/errors';
import { recordAudit, requestOrigin } from '@/lib/audit';
import { getViewer } from '@/lib/auth/session';
import { contentDisposition } from '@/lib/export/table';
import { canUsePacks, getPackFile } from '@/lib/pack/store';

export const dynamic = 'force-dynamic';

// GET /api/packs/:id – a finished meeting pack (zip); central staff and admins only.
export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { id: raw } = await ctx.params;
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  // A coordinator learns nothing, not even whether the pack exists.
  if (!canUsePacks(viewer) || !Number.isInteger(id) || id <= 0) throw notFound('Pack not found');
  const db = getDb();
  const file = await getPackFile(db, viewer, id);
  if (!file) throw notFound('Pack not found');
  await recordAudit(db, {
    action: 'pack.downloaded',
    actor: viewer,
    target: `pack:${id}`,
    detail: { bytes: file.content.length, sha256: file.sha256 },
    ...requestOrigin(req.headers),
  });
  return new Response(new Uint8Array(file.content), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': contentDisposition(file.filename),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
