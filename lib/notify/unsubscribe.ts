import crypto from 'node:crypto';
import { z } from 'zod';
import type { Channel } from './config';
import { EVENT_TYPES, type EventType } from './events';

// The unsubscribe link in every e-mail: signed (HMAC-SHA256 with a key
// derived from the auth secret for this one purpose), naming one user, one
// channel and one event type (or all). It turns that off and does nothing else.

const payloadSchema = z.object({
  u: z.string().min(1).max(64),
  c: z.enum(['email', 'telegram']),
  e: z.union([z.enum(EVENT_TYPES), z.literal('all')]),
});
export type UnsubscribeClaim = { userId: string; channel: Channel; type: EventType | 'all' };

function key(secret: string): Buffer {
  return crypto.createHmac('sha256', secret).update('podium:unsubscribe:v1').digest();
}

export function signUnsubscribe(secret: string, claim: UnsubscribeClaim): string {
  const body = Buffer.from(JSON.stringify({ u: claim.userId, c: claim.channel, e: claim.type })).toString('base64url');
  const mac = crypto.createHmac('sha256', key(secret)).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** The claim of a genuine token, or null (tampered, truncated, or not ours). */
export function verifyUnsubscribe(secret: string, token: string): UnsubscribeClaim | null {
  if (token.length > 512) return null;
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  // Compared as text: base64url ignores a last character's spare bits, so
  // comparing decoded bytes would accept several spellings of one MAC.
  const expected = Buffer.from(crypto.createHmac('sha256', key(secret)).update(m[1]!).digest('base64url'));
  const given = Buffer.from(m[2]!);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const p = payloadSchema.parse(JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')));
    return { userId: p.u, channel: p.c, type: p.e };
  } catch {
    return null;
  }
}
