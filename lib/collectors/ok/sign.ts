import crypto from 'node:crypto';

const md5 = (s: string) => crypto.createHash('md5').update(s, 'utf8').digest('hex');

/** The session secret: md5(access_token + application_secret_key). */
export function okSessionSecret(accessToken: string, applicationSecretKey: string): string {
  return md5(accessToken + applicationSecretKey);
}

/**
 * OK request signature: drop access_token and session_key, sort the rest by
 * name, join as name=value with no separator, append the secret, MD5, hex.
 */
export function okSignature(params: Record<string, string>, secret: string): string {
  const body = Object.keys(params)
    .filter((k) => k !== 'access_token' && k !== 'session_key')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('');
  return md5(body + secret);
}
