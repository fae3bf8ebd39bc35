import type { Network } from '@/lib/networks';
import { maxDay, minDay } from '@/lib/ranking/period';

// Platform breaks (docs/methodology.md "Platform breaks"): days on which a
// network changed how it counts or was throttled nationally. The shape is
// declared once here; the store, the admin form, the charts and the ranking's
// exclusion read it. Pure: no database, no clock.

/** The built-in breaks (db/migrations/0017-platform-breaks.ts); their text is in the UI messages under breaks.builtin. */
export const BUILTIN_BREAK_KEYS = ['vk_video_counting', 'telegram_throttling'] as const;
export type BuiltinBreakKey = (typeof BUILTIN_BREAK_KEYS)[number];

export interface PlatformBreak {
  id: number;
  /** Set on a built-in break: it cannot be edited or deleted. */
  builtinKey: BuiltinBreakKey | null;
  /** null: every network. */
  network: Network | null;
  from: string;
  /** null: still going on. */
  to: string | null;
  note: string;
}

/** The days of a break inside [from, to], or null when it does not touch them. An open-ended break runs through `to`. */
export function clipBreak(b: Pick<PlatformBreak, 'from' | 'to'>, from: string, to: string): { from: string; to: string } | null {
  const start = maxDay(b.from, from);
  const end = b.to === null ? to : minDay(b.to, to);
  return start <= end ? { from: start, to: end } : null;
}

/** Whether a break affects a network scope: a break of every network affects each; 'all' is affected by any break. */
export function breakAffects(b: Pick<PlatformBreak, 'network'>, scope: Network | 'all'): boolean {
  return b.network === null || scope === 'all' || b.network === scope;
}

/** The breaks that touch [from, to] for a network scope, with the touched days, oldest first. */
export function breaksInRange<B extends PlatformBreak>(
  breaks: readonly B[],
  from: string,
  to: string,
  scope: Network | 'all' = 'all',
): (B & { within: { from: string; to: string } })[] {
  const out: (B & { within: { from: string; to: string } })[] = [];
  for (const b of breaks) {
    if (!breakAffects(b, scope)) continue;
    const within = clipBreak(b, from, to);
    if (within) out.push({ ...b, within });
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.id - b.id));
}

/** Whether a day falls inside a break of a network (breaks of every network count for each). */
export function isBreakDay(breaks: readonly Pick<PlatformBreak, 'network' | 'from' | 'to'>[], network: Network, day: string): boolean {
  return breaks.some((b) => (b.network === null || b.network === network) && day >= b.from && (b.to === null || day <= b.to));
}
