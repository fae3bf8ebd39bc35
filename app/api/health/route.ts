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
    const message = err instanceof Error ? err.message.replace(/postgres(ql)?:\/\/\S+/g, '[url]') : 'unknown error';
    return NextResponse.json(
      { status: 'degraded', error: 'The database is unavailable; try again shortly', database: { status: 'down', error: message } },
      { status: 503, headers: { 'Retry-After': '5' } },
    );
  }
}
