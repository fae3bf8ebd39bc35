import { headers } from 'next/headers';
import { cache } from 'react';
import { redirect, notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { forbidden, unauthorized } from '@/lib/api/errors';
import { getAuth } from './auth';
import { ROLES, type Role, type Viewer } from './viewer';

/** The signed-in, active user behind these request headers, or null. */
export async function viewerFromHeaders(h: Headers): Promise<Viewer | null> {
  const session = await getAuth().api.getSession({ headers: h });
  if (!session) return null;
  // Role and branch are read fresh, so a change or deactivation applies at once.
  const user = await getDb()
    .selectFrom('app_user')
    .select(['id', 'email', 'name', 'role', 'branch_id', 'deactivated_at'])
    .where('id', '=', session.user.id)
    .executeTakeFirst();
  if (!user || user.deactivated_at || !(ROLES as readonly string[]).includes(user.role)) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role as Role,
    branchId: user.role === 'coordinator' ? user.branch_id : null,
  };
}

/**
 * The viewer of the current request (route handler, server component or
 * action); looked up once per server render, however many components ask.
 */
export const getViewer: () => Promise<Viewer | null> = cache(async () => viewerFromHeaders(await headers()));

/** For route handlers and server actions: 401 when anonymous. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  return viewer;
}

/** For route handlers and server actions: 401 when anonymous, 403 unless admin. */
export async function requireAdmin(): Promise<Viewer> {
  const viewer = await requireViewer();
  if (viewer.role !== 'admin') throw forbidden();
  return viewer;
}

/** For pages: anonymous visitors go to the sign-in page and come back after. */
export async function requirePageViewer(next = '/'): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  return viewer;
}

/** For admin pages: sign-in for anonymous visitors; others see a plain 404. */
export async function requirePageAdmin(next = '/admin'): Promise<Viewer> {
  const viewer = await requirePageViewer(next);
  if (viewer.role !== 'admin') notFound();
  return viewer;
}
