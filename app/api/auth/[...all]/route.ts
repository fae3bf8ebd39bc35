import { getAuth } from '@/lib/auth/auth';

// GET|POST /api/auth/* – better-auth: sign-in, sign-out, session, revoke-sessions, SSO callback
export async function GET(request: Request): Promise<Response> {
  return getAuth().handler(request);
}

export async function POST(request: Request): Promise<Response> {
  return getAuth().handler(request);
}
