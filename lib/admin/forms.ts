import { z } from 'zod';
import { ROLES } from '@/lib/auth/viewer';
import { refuse } from './context';
import { issueSay } from './errors';

// The admin forms' fields, declared once: what each server action accepts
// before anything reaches lib/admin or the database. A server action is a
// public endpoint, so a field may hold anything a client can send: NUL bytes,
// megabytes, numbers past the columns' range, a File, the same name twice.

/** Ids are 4-byte integers in the database: a larger number can name no row. */
export const INT4_MAX = 2_147_483_647;

/** Trimmed text of at most `max` characters; PostgreSQL text cannot hold NUL. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\0'), 'noNul')
    .transform((s) => s.trim());

// Messages are keys of `adminErrors` (messages/*.json): parseForm shows them in the UI language.
const ID_MESSAGE = 'wholeNumber';
export const id = z
  .string()
  .trim()
  .regex(/^\d{1,10}$/, ID_MESSAGE)
  .transform(Number)
  .refine((n) => n >= 1 && n <= INT4_MAX, ID_MESSAGE);

/** An id, or '' for "none". */
export const optionalId = z
  .string()
  .trim()
  .refine((s) => s === '' || (/^\d{1,10}$/.test(s) && Number(s) >= 1 && Number(s) <= INT4_MAX), ID_MESSAGE)
  .transform((s) => (s === '' ? null : Number(s)));

const role = z.enum(ROLES, 'chooseRole');
const mode = text(20);
// Names and labels fit on a screen; slugs, e-mails and keys are shorter still.
const name = text(200);
const slug = text(100);
const userId = text(100);
const population = z
  .string()
  .trim()
  .refine((s) => s === '' || (/^\d{1,10}$/.test(s) && Number(s) >= 1 && Number(s) <= INT4_MAX), 'numberRange')
  .transform((s) => (s === '' ? null : Number(s)));

export const forms = {
  createUser: z.object({ email: text(320), name, role, branch: slug, password: z.string().max(1024) }),
  setUserRole: z.object({ userId, role, branch: slug }),
  deactivateUser: z.object({ userId, mode }),
  userId: z.object({ userId }),
  branch: z.object({ slug, name, name_en: name, region_code: text(20), federal_district: text(40), population }),
  updateBranch: z.object({ id }),
  archiveBranch: z.object({ slug, mode }),
  addAccount: z.object({ url: text(2048), network: text(40), branch: slug, title: name }),
  accountId: z.object({ id }),
  pauseAccount: z.object({ id, mode }),
  setAccountCredential: z.object({ id, credential: optionalId }),
  assignAccount: z.object({ id, branch: slug }),
  addCredential: z.object({ network: text(40), label: name, token: text(8192), config: text(20_000) }),
  replaceCredential: z.object({ id, token: text(8192) }),
  credentialId: z.object({ id }),
  publishMethod: z.object({ key: text(40), definition: text(100_000), notes: text(2000) }),
  chooseMethod: z.object({ method: text(60) }),
  // Dates and the network are checked by lib/breaks/model.ts; here only their size.
  platformBreak: z.object({ from: text(20), to: text(20), network: text(40), note: text(2000) }),
  breakId: z.object({ id }),
} satisfies Record<string, z.ZodObject>;

/**
 * Reads a form with a schema. Every field is one string: a missing field is
 * '', a repeated one or a file is refused. A failure names the field (as
 * `names` renames it, e.g. id → account) and never quotes the input.
 */
export function parseForm<S extends z.ZodObject>(schema: S, d: FormData, names: Record<string, string> = {}): z.infer<S> {
  const fieldOf = (key: string) => names[key] ?? (key === 'userId' ? 'user' : key);
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const values = d.getAll(key);
    if (values.length > 1) throw refuse(fieldOf(key), 'repeated');
    const v = values[0] ?? '';
    if (typeof v !== 'string') throw refuse(fieldOf(key), 'notText');
    raw[key] = v;
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = fieldOf(String(issue.path[0] ?? 'input'));
    const say = issueSay(issue, field);
    // The population's range is written out (no digit grouping), as the form's hint gives it.
    throw refuse(field, say.key, say.key === 'numberRange' ? { min: '1', max: String(INT4_MAX) } : say.values);
  }
  return r.data;
}
