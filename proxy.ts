import { NextResponse, type NextRequest } from 'next/server';
import { databaseAnswers } from '@/db/availability';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from '@/i18n/config';
import { RETRY_AFTER_SECONDS, unavailablePage } from '@/lib/api/unavailable-page';
import { newNonce, pageCsp, setCommonHeaders, UNAVAILABLE_PAGE_CSP } from '@/lib/security/headers';

// Convenience only: visitors without a session cookie go to the sign-in page
// before a page renders. Every page, route and action still checks the session
// itself; this never decides access.
const PUBLIC_PAGES = ['/sign-in', '/setup', '/reset-password', '/unsubscribe'];

export async function proxy(request: NextRequest) {
  // Every page reads the database. While it is away a page is a 503 that says
  // so and reloads itself, not a failed render (API routes answer their own 503).
  if (process.env.DATABASE_URL && !(await databaseAnswers(process.env.DATABASE_URL))) {
    const fromCookie = request.cookies.get(LOCALE_COOKIE)?.value;
    const locale = isLocale(fromCookie) ? fromCookie : localeFromAcceptLanguage(request.headers.get('accept-language'));
    const res = new NextResponse(unavailablePage(locale), {
      status: 503,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'retry-after': String(RETRY_AFTER_SECONDS),
        'cache-control': 'no-store',
        'content-security-policy': UNAVAILABLE_PAGE_CSP,
      },
    });
    setCommonHeaders(res.headers);
    return res;
  }
  const { pathname, search } = request.nextUrl;
  const hasSession = request.cookies.has('podium.session_token') || request.cookies.has('__Secure-podium.session_token');
  if (!hasSession && !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = `?next=${encodeURIComponent(pathname + search)}`;
    const res = NextResponse.redirect(url);
    setCommonHeaders(res.headers);
    return res;
  }
  return withPageCsp(request);
}

/**
 * A fresh nonce CSP for this render: on the request, where Next.js finds the
 * nonce for its own scripts, and on the response (docs/operations.md).
 */
function withPageCsp(request: NextRequest): NextResponse {
  const csp = pageCsp(newNonce(), process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('content-security-policy', csp);
  return res;
}

export const config = {
  // Pages only: API routes answer 401 themselves, assets are public.
  matcher: ['/((?!api/|_next/|favicon\\.ico|robots\\.txt|.*\\.[a-z0-9]+$).*)'],
};
