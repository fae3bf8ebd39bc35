/** A same-site path to return to after sign-in; anything else becomes "/". */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (/[\r\n]/.test(raw) || raw.startsWith('/api/auth')) return '/';
  return raw;
}
