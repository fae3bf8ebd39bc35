// What the ranking engine can say about a branch besides its score, as plain
// constants (no zod) so client components can import them (docs/methodology.md,
// "Flags" and "Eligibility"). lib/ranking/output.ts builds its schemas from these.

/** Data-quality flags the engine raises on a branch's accounts. */
export const FLAG_KINDS = ['follower_jump', 'drop_to_zero', 'data_gap'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** Why a branch is not ranked in a period. */
export const INELIGIBLE_REASONS = ['no_accounts', 'too_few_posts', 'low_coverage', 'no_population', 'no_components'] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];
