import { z } from 'zod';
import { NETWORKS, type Network } from '@/lib/networks';
import { isValidDay } from '@/lib/ranking/period';

// What an admin enters for a platform break, checked (docs/methodology.md "Platform breaks").
// Apart from lib/breaks/model.ts so the charts' break marks load no zod in the browser.
// Messages are keys of `adminErrors` (messages/*.json), shown in the viewer's language.

const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2100-12-31';

const day = z
  .string()
  .trim()
  .refine((s) => isValidDay(s), 'calendarDate')
  // The bounds are written out in the message (adminErrors.dateBounds).
  .refine((s) => !isValidDay(s) || (s >= FIRST_DAY && s <= LAST_DAY), 'dateBounds');

/** What an admin enters for a break of their own. */
export const breakInputSchema = z
  .object({
    from: day,
    /** '' or absent: open-ended. */
    to: z
      .union([z.literal(''), day])
      .nullable()
      .optional()
      .transform((s) => (s ? s : null)),
    /** '' or 'all': every network. */
    network: z
      .string()
      .refine((s) => s === '' || s === 'all' || (NETWORKS as readonly string[]).includes(s), 'networkOrAll')
      .transform((s) => (s === '' || s === 'all' ? null : (s as Network))),
    note: z
      .string()
      .refine((s) => !s.includes('\0'), 'noNul')
      .transform((s) => s.trim())
      .pipe(z.string().min(1).max(500)),
  })
  .superRefine((b, ctx) => {
    if (b.to !== null && b.to < b.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'endBeforeStart' });
  });
export type BreakInput = z.infer<typeof breakInputSchema>;
