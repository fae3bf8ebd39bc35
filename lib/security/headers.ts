// Security headers (docs/operations.md, "Security headers"). Pages get a
// per-request nonce CSP from proxy.ts; everything else gets the static set
// from next.config.ts. API answers are data for one viewer: no caching.

type Header = { key: string; value: string };

/** On every response: no framing, no sniffing, no referrer (reset links carry a token), no powerful features. */
export const COMMON_HEADERS: Header[] = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  {
    key: 'Permissions-Policy',
    value:
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), display-capture=(), browsing-topics=()',
  },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

/** A JSON, CSV or XLSX answer runs no code and is nobody else's business. */
export const API_HEADERS: Header[] = [
  { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
  { key: 'Cache-Control', value: 'private, no-store' },
];

/** A fresh, unguessable nonce for one page render. */
export function newNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The CSP of a page. Scripts run only with this render's nonce (Next.js puts
 * it on its own scripts when it finds it in the request's CSP header) or when
 * loaded by such a script ('strict-dynamic'). Style elements need the nonce
 * too; style attributes (React's style={…}, recharts' SVG) are allowed, as
 * they cannot run code.
 */
export function pageCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The CSP of the self-contained 503 page (one inline style, nothing else). */
export const UNAVAILABLE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Sets the common headers on a response the proxy makes itself (redirects, the 503 page). */
export function setCommonHeaders(headers: Headers): void {
  for (const h of COMMON_HEADERS) headers.set(h.key, h.value);
}
