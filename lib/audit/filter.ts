import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** Audit log filters, shared by the page and the CSV export. */
export const auditFilterSchema = z
  .object({
    action: z.string().trim().max(64).optional(),
    actor: z.string().trim().max(200).optional(),
    target: z.string().trim().max(200).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .strict();
export type AuditFilterInput = z.infer<typeof auditFilterSchema>;
