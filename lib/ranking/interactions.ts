import type { Network } from '../networks';

// What counts as an interaction, per network (podium-v2; docs/methodology.md
// "Interactions per network"). podium-v1 adds likes + comments + shares on every
// network, which leaves Telegram — whose readers react but do not "like" —
// with views in the denominator and nothing in the numerator.

export type InteractionKind = 'likes' | 'comments' | 'shares' | 'reactions';

/** The counters summed as interactions on each network. */
export const INTERACTIONS: Readonly<Record<Network, readonly InteractionKind[]>> = Object.freeze({
  // VK's reactions include the like (a like is one of the reactions): counting both would count it twice.
  vk: ['likes', 'comments', 'shares'],
  // OK: "classes" (likes), comments and reshares.
  ok: ['likes', 'comments', 'shares'],
  // Telegram: emoji reactions shown under a post; comments and forwards where a collector gets them.
  telegram: ['reactions', 'comments', 'shares'],
  // MAX: the Bot API gives subscribers and views only — no reactions, forwards or comment counters
  // (comments can only be listed one by one; not collected). No interactions: ER is not measured (docs/methodology.md).
  max: [],
  // The YouTube Data API gives likes and comments, no share count.
  youtube: ['likes', 'comments'],
  rutube: ['likes', 'comments'],
  dzen: ['likes', 'comments', 'shares'],
  // A website has visits, not interactions.
  website: [],
});

/** Interactions of one day from its counters; null when none of the network's counters was measured. */
export function interactionsOf(network: Network, c: Partial<Record<InteractionKind, number | null>>): number | null {
  let sum: number | null = null;
  for (const k of INTERACTIONS[network]) {
    const v = c[k];
    if (v !== null && v !== undefined) sum = (sum ?? 0) + v;
  }
  return sum;
}
