import { z } from 'zod';

// What POST /api/auth/sign-in/email accepts, checked before anything reaches
// the database: a NUL byte in the e-mail used to end as PostgreSQL error 22021
// and a 500 (issue #17). Refusals name the field and never echo the input.

export const MAX_EMAIL_LENGTH = 254;
/** Longer passwords are never stored (lib/auth/passwords.ts), so none can be right. */
export const MAX_PASSWORD_LENGTH = 128;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface SignInInputProblem {
  field: 'email' | 'password';
  code: 'INVALID_EMAIL' | 'INVALID_PASSWORD';
  message: string;
}

/** The normalized e-mail, or what is wrong with the body. */
export function checkSignInInput(body: unknown): { ok: true; email: string } | { ok: false; problem: SignInInputProblem } {
  const b = (body && typeof body === 'object' ? body : {}) as { email?: unknown; password?: unknown };
  const bad = (field: 'email' | 'password', message: string) =>
    ({ ok: false, problem: { field, code: field === 'email' ? 'INVALID_EMAIL' : 'INVALID_PASSWORD', message } }) as const;
  if (typeof b.email !== 'string') return bad('email', 'email must be a string');
  if (b.email.length > MAX_EMAIL_LENGTH) return bad('email', `email must be at most ${MAX_EMAIL_LENGTH} characters`);
  if (CONTROL.test(b.email)) return bad('email', 'email must not contain control characters');
  const email = b.email.trim().toLowerCase();
  if (!z.email().safeParse(email).success) return bad('email', 'email is not a valid e-mail address');
  if (typeof b.password !== 'string') return bad('password', 'password must be a string');
  if (b.password.length > MAX_PASSWORD_LENGTH) return bad('password', `password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  if (b.password.includes('\u0000')) return bad('password', 'password must not contain a NUL character');
  return { ok: true, email };
}
