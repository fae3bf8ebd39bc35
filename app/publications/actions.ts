'use server';

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { HttpError } from '@/lib/api/errors';
import { requestOrigin } from '@/lib/audit';
import { requireViewer } from '@/lib/auth/session';
import { canPublish, PublicationError, publishRanking } from '@/lib/publications';
import type { PublishResult } from '@/lib/publications/schema';

const FIELDS = ['period', 'date', 'from', 'to', 'network', 'method', 'title', 'comment', 'supersedes', 'reason'] as const;

/**
 * Publishes the live ranking of the period in the form (central staff and
 * admins; the role is checked here, a server action being a public endpoint).
 */
export async function publishRankingAction(_prev: PublishResult, data: FormData): Promise<PublishResult> {
  let viewer;
  try {
    viewer = await requireViewer();
  } catch (e) {
    if (e instanceof HttpError) return { ok: false, code: 'signin', message: 'Sign in required' };
    throw e;
  }
  if (!canPublish(viewer)) return { ok: false, code: 'forbidden', message: 'Forbidden' };
  const input: Record<string, string> = {};
  for (const k of FIELDS) {
    const v = data.get(k);
    if (typeof v === 'string') input[k] = v;
  }
  try {
    const meta = await publishRanking(getDb(), viewer, input, requestOrigin(await headers()));
    revalidatePath('/publications');
    revalidatePath('/');
    return { ok: true, id: meta.id, hash: meta.hash, message: 'Published' };
  } catch (e) {
    if (e instanceof PublicationError) return { ok: false, code: e.code, field: e.field ?? undefined, message: e.message };
    throw e;
  }
}
