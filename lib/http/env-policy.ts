import type { Env } from '../env';
import { parseAllowList } from './address-policy';
import type { HttpClientOptions } from './client';

/** The fetch policy an environment sets: the operator's allow-list and the body cap. */
export function fetchPolicy(
  env: Pick<Env, 'PODIUM_FETCH_ALLOW' | 'PODIUM_MAX_RESPONSE_BYTES'>,
): Pick<HttpClientOptions, 'allow' | 'maxResponseBytes'> {
  return { allow: parseAllowList(env.PODIUM_FETCH_ALLOW), maxResponseBytes: env.PODIUM_MAX_RESPONSE_BYTES };
}
