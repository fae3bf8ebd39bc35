import { NextResponse, type NextRequest } from 'next/server';

// Convenience only: visitors without a session cookie go to the sign-in page
// before a page renders. Every page, route and action still checks the session
// itself; this never decides access.
const PUBLIC_PAGES = ['/sign-in', '/setup', '/reset-password'];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  const hasSession = request.cookies.has('podium.session_token') || request.cookies.has('__Secure-podium.session_token');
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: API routes answer 401 themselves, assets are public.
  matcher: ['/((?!api/|_next/|favicon\\.ico|robots\\.txt|.*\\.[a-z0-9]+$).*)'],
};
