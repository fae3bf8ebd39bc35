import { hashPassword } from 'better-auth/crypto';
import { MIN_PASSWORD_LENGTH } from './config';

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 128) return 'Password must be at most 128 characters';
  return null;
}

// better-auth's own scrypt hasher, so its sign-in verifies what we store.
export { hashPassword };
