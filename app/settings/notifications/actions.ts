'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { HttpError } from '@/lib/api/errors';
import { requireViewer } from '@/lib/auth/session';
import type { Viewer } from '@/lib/auth/viewer';
import { env } from '@/lib/env';
import { TelegramBot } from '@/lib/notify/channels/telegram';
import { notifyConfig } from '@/lib/notify/config';
import { botUsername, createLinkCode, deepLink, unlinkTelegram } from '@/lib/notify/link';
import { prefsFormSchema, savePrefs } from '@/lib/notify/prefs';
import { recordAudit } from '@/lib/audit';
import { TASK_NOTIFY_POLL, enqueueFromApp } from '@/lib/jobs/notify-tasks';

export interface NotifyActionResult {
  ok: boolean;
  message?: string;
  field?: string;
  /** The Telegram deep link to open. */
  link?: string;
}

// Each action acts on the signed-in user's own settings only: a server action
// is a public endpoint, so the session is checked here, not by the page.
async function viewerOrNull(): Promise<Viewer | null> {
  try {
    return await requireViewer();
  } catch (e) {
    if (e instanceof HttpError) return null;
    throw e;
  }
}
const SIGN_IN = { ok: false, message: 'Sign in required' } as const;

export async function saveNotifySettingsAction(_: NotifyActionResult, d: FormData): Promise<NotifyActionResult> {
  const viewer = await viewerOrNull();
  if (!viewer) return SIGN_IN;
  const parsed = prefsFormSchema.safeParse({
    locale: d.get('locale'),
    rankChangePlaces: d.get('rankChangePlaces'),
    enabled: d.getAll('enabled'),
    follow: d.getAll('follow'),
  });
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'form');
    return { ok: false, field, message: field };
  }
  await savePrefs(getDb(), viewer.userId, parsed.data, viewer.role !== 'coordinator');
  revalidatePath('/settings/notifications');
  return { ok: true, message: 'saved' };
}

export async function linkTelegramAction(_: NotifyActionResult, _d: FormData): Promise<NotifyActionResult> {
  const viewer = await viewerOrNull();
  if (!viewer) return SIGN_IN;
  const cfg = notifyConfig(env());
  if (!cfg.telegram) return { ok: false, message: 'telegramOff' };
  const db = getDb();
  let username: string | null = null;
  try {
    username = await botUsername(db, new TelegramBot(cfg.telegram.token, cfg.telegram.apiUrl));
  } catch {
    username = null;
  }
  if (!username) return { ok: false, message: 'noBot' };
  const code = await createLinkCode(db, viewer.userId);
  // Read the bot's messages soon after, not only at the next minute.
  for (const ms of [15_000, 45_000, 120_000]) await enqueueFromApp(db, TASK_NOTIFY_POLL, new Date(Date.now() + ms));
  await recordAudit(db, { action: 'notify.telegram.link_code', actor: viewer, target: viewer.userId, detail: {} });
  return { ok: true, link: deepLink(cfg, username, code) };
}

export async function unlinkTelegramAction(_: NotifyActionResult, _d: FormData): Promise<NotifyActionResult> {
  const viewer = await viewerOrNull();
  if (!viewer) return SIGN_IN;
  await unlinkTelegram(getDb(), viewer.userId);
  await recordAudit(getDb(), { action: 'notify.telegram.unlink', actor: viewer, target: viewer.userId, detail: {} });
  revalidatePath('/settings/notifications');
  return { ok: true, message: 'unlinked' };
}
