import { z } from 'zod';
import { isoDay as day } from '@/lib/api/schemas';

// Control characters (NUL above all) cannot be stored or searched in Postgres text.
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed');

/** Audit log filters, shared by the page and the CSV export. */
export const auditFilterSchema = z
  .object({
    action: text(64).optional(),
    actor: text(200).optional(),
    target: text(200).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .strict();
export type AuditFilterInput = z.infer<typeof auditFilterSchema>;
