import { z } from 'zod';
import { dayInZone } from '../../ranking/period';
import type { Collector, CollectCredential } from '../types';
import { parseJson, type HttpResponse } from '../../http/client';
import {
  AccountError,
  CredentialError,
  RetryableError,
  parseResponse,
  type CollectError,
} from '../../http/errors';
import { DEFAULT_LIMITS } from '../../http/rate-limiter';
import { okSessionSecret, okSignature } from './sign';

const okError = z.object({ error_code: z.number().int(), error_msg: z.string().optional(), error_data: z.unknown().optional() });

const countersSchema = z.object({
  counters: z.object({ members: z.number().int().nonnegative().optional() }).catchall(z.unknown()),
});

export function classifyOkError(code: number, msg: string, what: string): CollectError | null {
  const m = `${what}: OK error ${code} (${msg})`;
  if ([102, 103, 104, 108].includes(code)) return new CredentialError(m);
  if (code === 300) return new AccountError(m, 'not_found');
  if (code === 10 || code === 455) return new AccountError(m, 'private');
  if ([1, 2, 3, 7, 9].includes(code)) return new RetryableError(m);
  return null;
}

/**
 * The credential secret is the access token, or a JSON object
 * {"access_token","application_secret_key"}; application_key is in config.
 */
export function okKeys(cred: CollectCredential): { accessToken: string; appKey: string; appSecret: string } {
  let accessToken = cred.token;
  let appSecret = cred.config.application_secret_key ?? '';
  if (cred.token.trim().startsWith('{')) {
    const j = z.object({ access_token: z.string(), application_secret_key: z.string() }).safeParse(JSON.parse(cred.token));
    if (!j.success) throw new CredentialError('ok: the stored credential is not {access_token, application_secret_key}');
    accessToken = j.data.access_token;
    appSecret = j.data.application_secret_key;
  }
  const appKey = cred.config.application_key;
  if (!appKey || !appSecret) throw new CredentialError('ok: the credential lacks application_key or application_secret_key');
  return { accessToken, appKey, appSecret };
}

export const collectOk: Collector = async (account, cred, window, ctx) => {
  if (!cred) throw new CredentialError('ok: a credential is required');
  const { accessToken, appKey, appSecret } = okKeys(cred);
  const what = 'ok group.getCounters';
  const params: Record<string, string> = {
    application_key: appKey,
    method: 'group.getCounters',
    group_id: account.externalId,
    counterTypes: 'members',
    format: 'json',
  };
  params.sig = okSignature(params, okSessionSecret(accessToken, appSecret));
  params.access_token = accessToken;
  const res = await ctx.http.request({
    what,
    url: ctx.env.OK_API_URL,
    base: ctx.env.OK_API_URL,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    // POST keeps the token out of URLs and access logs.
    body: new URLSearchParams(params).toString(),
    limitKey: `ok:credential:${cred.id}`,
    rate: ctx.http.rate('ok', DEFAULT_LIMITS.ok),
    secrets: [accessToken, appSecret],
    classify: (r: HttpResponse) => {
      try {
        const e = okError.safeParse(JSON.parse(r.text));
        if (e.success) return classifyOkError(e.data.error_code, e.data.error_msg ?? '', what) ?? new RetryableError(`${what}: OK error ${e.data.error_code}`);
      } catch {
        return null;
      }
      return null;
    },
  });
  const body = parseResponse(countersSchema, parseJson(res, what), what);
  const today = dayInZone(ctx.now, ctx.env.PODIUM_TIMEZONE);
  const warnings: string[] = [];
  if (body.counters.members === undefined) warnings.push('members counter missing from group.getCounters');
  const days = today >= window.from && today <= window.to ? [{ day: today, followers: body.counters.members ?? null }] : [];
  return { days, posts: [], warnings };
};
