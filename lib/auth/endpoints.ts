import type { BetterAuthPlugin } from 'better-auth';

// better-auth mounts many endpoints Podium never uses: update-user (it took
// `image: "javascript:alert(1)"` from a coordinator), change-password (no
// audit, other sessions kept, wrong current passwords not counted),
// change-email, delete-user, list-sessions… (issue #17). Over HTTP only what
// the UI calls is answered; everything else is a 404, including endpoints a
// later better-auth version adds. Server code still calls auth.api directly.
// Password changes go through the audited, session-ending paths in
// lib/auth/users.ts and lib/auth/reset-links.ts.
const ALWAYS = ['/sign-in/email', '/sign-out', '/revoke-sessions', '/get-session', '/ok', '/error'];

/** The auth paths (after /api/auth) answered over HTTP. */
export function allowedAuthPaths(oidcProviderId: string | null): string[] {
  return oidcProviderId ? [...ALWAYS, '/sign-in/social', `/callback/${oidcProviderId}`] : ALWAYS;
}

function authPath(url: string, basePath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (!path.startsWith(basePath)) return null;
  return path.slice(basePath.length).replace(/\/+$/, '').toLowerCase() || '/';
}

/** A plugin that answers 404 for every auth path not in the list. */
export function endpointAllowlist(allowed: string[], basePath = '/api/auth'): BetterAuthPlugin {
  const set = new Set(allowed);
  return {
    id: 'podium-endpoint-allowlist',
    onRequest: async (request) => {
      const path = authPath(request.url, basePath);
      if (path !== null && set.has(path)) return;
      return { response: Response.json({ code: 'NOT_FOUND', message: 'Not found' }, { status: 404 }) };
    },
  };
}
