import { z } from 'zod';

// What Podium tells people about (docs/notifications.md). Each event names its
// branch (when it has one) and carries what the message needs, so a message
// can be written later, in the receiver's language, without re-reading state.
// Every event but a publication or a pack concerns one branch.
export const EVENT_TYPES = ['flag', 'collection_problem', 'rank_change', 'publication', 'pack', 'digest'] as const;
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

/** A ranking was published (or corrected): everyone hears of it, a coordinator with the own branch's place. */
export const publicationEventSchema = z.object({
  type: z.literal('publication'),
  publicationId: z.number().int(),
  title: z.string(),
  period: z.string(),
  correction: z.boolean(),
  top: z.array(z.object({ rank: z.number().int(), name: z.string(), nameEn: z.string(), score: z.number() })),
  /** Rank by branch id (null: not ranked), for each coordinator's own line. Ranks are what every viewer sees. */
  ranks: z.record(z.string(), z.number().int().nullable()),
});

/** A meeting pack finished building: for central staff and admins, who may download it. */
export const packEventSchema = z.object({
  type: z.literal('pack'),
  packId: z.number().int(),
  period: z.string(),
  filename: z.string(),
});

export const notifyEventSchema = z.discriminatedUnion('type', [
  flagEventSchema,
  collectionProblemEventSchema,
  rankChangeEventSchema,
  publicationEventSchema,
  packEventSchema,
]);
export type NotifyEvent = z.infer<typeof notifyEventSchema>;
export type BranchRefPayload = z.infer<typeof branchRef>;
