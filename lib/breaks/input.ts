import { z } from 'zod';
import { NETWORKS, type Network } from '@/lib/networks';
import { isValidDay } from '@/lib/ranking/period';

// What an admin enters for a platform break, checked (docs/methodology.md "Platform breaks").
// Apart from lib/breaks/model.ts so the charts' break marks load no zod in the browser.

const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2100-12-31';

const day = (what: string) =>
  z
    .string()
    .trim()
    .refine((s) => isValidDay(s), `${what}: a calendar date YYYY-MM-DD is required`)
    .refine((s) => !isValidDay(s) || (s >= FIRST_DAY && s <= LAST_DAY), `${what}: between ${FIRST_DAY} and ${LAST_DAY}`);

/** What an admin enters for a break of their own. */
export const breakInputSchema = z
  .object({
    from: day('from'),
    /** '' or absent: open-ended. */
    to: z
      .union([z.literal(''), day('to')])
      .nullable()
      .optional()
      .transform((s) => (s ? s : null)),
    /** '' or 'all': every network. */
    network: z
      .string()
      .refine(
        (s) => s === '' || s === 'all' || (NETWORKS as readonly string[]).includes(s),
        `one of the networks (${NETWORKS.join(', ')}) or "all"`,
      )
      .transform((s) => (s === '' || s === 'all' ? null : (s as Network))),
    note: z
      .string()
      .refine((s) => !s.includes('\0'), 'must not contain NUL characters')
      .transform((s) => s.trim())
      .pipe(z.string().min(1, 'a note is required').max(500, 'at most 500 characters')),
  })
  .superRefine((b, ctx) => {
    if (b.to !== null && b.to < b.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the end is before the start' });
  });
export type BreakInput = z.infer<typeof breakInputSchema>;
