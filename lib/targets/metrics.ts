// The figures a target can be set on, as plain constants (no zod) so the
// target forms can use them in the browser (test/unit/client-imports.test.ts).
export const TARGET_METRICS = ['follower_growth', 'posts_per_week', 'views_per_100k'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
