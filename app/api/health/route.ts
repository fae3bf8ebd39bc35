import { NextResponse } from 'next/server';
import { sql } from 'kysely';
import { getDb } from '@/db/client';

export const dynamic = 'force-dynamic';

// GET /api/health – liveness and database status
export async function GET(): Promise<Response> {
  const t0 = Date.now();
  try {
    await sql`select 1`.execute(getDb());
    return NextResponse.json({ status: 'ok', database: { status: 'up', latencyMs: Date.now() - t0 } });
  } catch (err) {
    // The detail goes to the log, not to an unauthenticated caller.
    console.error('health check: database unavailable', err instanceof Error ? err.message : err);
    return NextResponse.json(
      { status: 'degraded', error: 'The database is unavailable; try again shortly', database: { status: 'down' } },
      { status: 503, headers: { 'Retry-After': '5' } },
    );
  }
}
