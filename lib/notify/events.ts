import { z } from 'zod';

// What Podium tells people about (docs/notifications.md). Each event names its
// branch (when it has one) and carries what the message needs, so a message
// can be written later, in the receiver's language, without re-reading state.
export const EVENT_TYPES = ['flag', 'collection_problem', 'rank_change', 'digest'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const branchRef = z.object({ id: z.number().int(), slug: z.string(), name: z.string(), nameEn: z.string() });

export const flagEventSchema = z.object({
  type: z.literal('flag'),
  branch: branchRef,
  /** The flag's kind (lib/ranking flags) and the period it was seen in. */
  flag: z.string(),
  network: z.string().nullable(),
  day: z.string().nullable(),
  period: z.string(),
});

export const PROBLEMS = ['credential_invalid', 'credential_quota', 'account_private', 'account_not_found', 'stale'] as const;
export type Problem = (typeof PROBLEMS)[number];

export const collectionProblemEventSchema = z.object({
  type: z.literal('collection_problem'),
  branch: branchRef,
  problem: z.enum(PROBLEMS),
  network: z.string(),
  /** The account's URL or handle; never a token. */
  account: z.string().nullable(),
  /** For stale: the last successful collection (ISO), null if never. */
  since: z.string().nullable(),
});

export const rankChangeEventSchema = z.object({
  type: z.literal('rank_change'),
  branch: branchRef,
  period: z.string(),
  rank: z.number().int(),
  previousRank: z.number().int().nullable(),
  topN: z.number().int(),
});

export const notifyEventSchema = z.discriminatedUnion('type', [flagEventSchema, collectionProblemEventSchema, rankChangeEventSchema]);
export type NotifyEvent = z.infer<typeof notifyEventSchema>;
export type BranchRefPayload = z.infer<typeof branchRef>;
