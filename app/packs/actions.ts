'use server';

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import type { ActionResult } from '@/lib/admin/action-result';
import { requestOrigin } from '@/lib/audit';
import { getViewer } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { packRequestSchema, wallTimeToIso } from '@/lib/pack/request';
import { canUsePacks, requestPack } from '@/lib/pack/store';
import { logger } from '@/lib/log';

const FIELDS = ['period', 'network', 'district', 'source', 'locale', 'runAt'] as const;

/**
 * Queues a meeting pack (answers: the new pack's id, or the invalid field with
 * the schema's message, or "queueDown"; the form puts them into words) (now, or at the chosen time). A server action is a
 * public endpoint: the viewer's role is checked here, and again in the store.
 */
export async function requestPackAction(_: ActionResult, data: FormData): Promise<ActionResult> {
  const viewer = await getViewer();
  if (!viewer) return { ok: false, message: 'Sign in required' };
  if (!canUsePacks(viewer)) return { ok: false, message: 'Forbidden' };
  const raw: Record<string, string> = {};
  for (const k of FIELDS) {
    const v = data.get(k);
    if (typeof v === 'string' && v.trim() !== '') raw[k] = k === 'runAt' ? wallTimeToIso(v, env().PODIUM_TIMEZONE) : v.trim();
  }
  const parsed = packRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'period');
    // The form words it in the UI language (components/packs/pack-result.ts).
    return { ok: false, field, message: issue.message };
  }
  let id: number;
  try {
    id = await requestPack(getDb(), viewer, parsed.data, requestOrigin(await headers()));
  } catch (err) {
    // Without graphile-worker's schema (no worker has ever started) the job cannot be queued.
    if (err instanceof Error && /graphile_worker/.test(err.message)) {
      logger.warn({ err }, 'meeting pack not queued');
      return { ok: false, message: 'queueDown' };
    }
    throw err;
  }
  revalidatePath('/packs');
  return { ok: true, message: String(id) };
}
