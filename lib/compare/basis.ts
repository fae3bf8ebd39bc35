// The bases a comparison can be shown on (docs/ui.md, "Compare"). A module of its own so the
// shared API schemas and URL state do not pull the arithmetic (lib/compare/normalize.ts) into
// every page's JavaScript.
export const COMPARE_BASES = ['per_100k', 'per_follower', 'absolute'] as const;
export type CompareBasis = (typeof COMPARE_BASES)[number];
