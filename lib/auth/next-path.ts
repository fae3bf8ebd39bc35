// Where to go after sign-in (docs/access.md, "Sign-in"). The value comes from
// the query string, so it is hostile until proven a path on this site.

/** A fixed origin to resolve against; only paths that stay on it pass. */
const HERE = 'http://podium.invalid';
const MAX_LENGTH = 2000;
// Browsers drop tab, CR and LF inside URLs and read "\" as "/", so "/\t/x" and
// "/\\x" become "//x" – another host. Any control character or backslash,
// raw or percent-encoded, is refused outright.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

function decodedOnce(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** A same-site path to return to after sign-in; anything else becomes "/". */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH || !raw.startsWith('/')) return '/';
  const decoded = decodedOnce(raw);
  if (decoded === null || UNSAFE.test(raw) || UNSAFE.test(decoded)) return '/';
  let url: URL;
  try {
    url = new URL(raw, HERE);
  } catch {
    return '/';
  }
  if (url.origin !== HERE) return '/';
  // Dot segments can turn "/..//x" into "//x", a host-relative URL.
  const path = `${url.pathname}${url.search}${url.hash}`;
  const decodedPath = decodedOnce(url.pathname);
  if (decodedPath === null || path.startsWith('//') || decodedPath.startsWith('//')) return '/';
  if (url.pathname === '/api/auth' || url.pathname.startsWith('/api/auth/')) return '/';
  return path;
}
