import { isIP } from 'node:net';
import { normalizeHost, reservedName } from '@/lib/http/address-policy';
import type { Network } from '@/lib/networks';
import { adminErrorText, type AdminErrorKey, type AdminErrorSay, type AdminErrorValues } from './errors';

export interface ParsedAccount {
  network: Network;
  externalId: string;
  handle: string | null;
  /** Canonical URL; null for a MAX chat given by its id (it has no public link to show). */
  url: string | null;
}

/** A failure has its English text (`error`, for the API and the CLI) and its message key (`say`, for the admin pages). */
export type ParseResult = { ok: true; account: ParsedAccount } | { ok: false; error: string; say: AdminErrorSay };

const fail = (key: AdminErrorKey, values: AdminErrorValues = {}): ParseResult => {
  const say = { key, values };
  return { ok: false, error: adminErrorText('en', say), say };
};
const ok = (account: ParsedAccount): ParseResult => ({ ok: true, account });

const VK_NAME = /^[a-z0-9_.]{2,64}$/i;
const TG_NAME = /^[a-z][a-z0-9_]{3,31}$/i;
const YT_HANDLE = /^[a-z0-9._-]{3,30}$/i;
const YT_CHANNEL = /^UC[a-zA-Z0-9_-]{22}$/;
const DIGITS = /^\d{1,20}$/;

function vk(name: string): ParseResult {
  if (!VK_NAME.test(name)) return fail('urlVkName', { name });
  const n = name.toLowerCase();
  return ok({ network: 'vk', externalId: n, handle: n, url: `https://vk.com/${n}` });
}
function telegram(name: string): ParseResult {
  if (name.startsWith('+') || name === 'joinchat') return fail('urlTgPrivate');
  if (!TG_NAME.test(name)) return fail('urlTgName', { name });
  const n = name.toLowerCase();
  return ok({ network: 'telegram', externalId: n, handle: n, url: `https://t.me/${n}` });
}
function okGroup(id: string): ParseResult {
  if (!DIGITS.test(id)) return fail('urlOkGroup', { form: 'ok.ru/group/<digits>' });
  return ok({ network: 'ok', externalId: id, handle: null, url: `https://ok.ru/group/${id}` });
}
function ytHandle(h: string): ParseResult {
  if (!YT_HANDLE.test(h)) return fail('urlYtHandle', { name: h });
  return ok({ network: 'youtube', externalId: `@${h.toLowerCase()}`, handle: `@${h.toLowerCase()}`, url: `https://www.youtube.com/@${h}` });
}
function ytChannel(id: string): ParseResult {
  if (!YT_CHANNEL.test(id)) return fail('urlYtChannel');
  return ok({ network: 'youtube', externalId: id, handle: null, url: `https://www.youtube.com/channel/${id}` });
}
const MAX_NAME = /^[a-z][a-z0-9_.-]{1,63}$/i;
const MAX_CHAT_ID = /^-\d{1,19}$/;
/**
 * A MAX channel: its public link max.ru/<name> (the collector finds the chat
 * among the bot's chats by that link), or its chat id (negative, as the
 * bot_added update gives it). docs/collectors.md, "MAX".
 */
function max(name: string): ParseResult {
  if (MAX_CHAT_ID.test(name)) return ok({ network: 'max', externalId: name, handle: null, url: null });
  if (name === 'join') return fail('urlMaxJoinCode', { form: 'max.ru/join/<code>' });
  if (!MAX_NAME.test(name)) return fail('urlMaxName', { name });
  const n = name.toLowerCase();
  return ok({ network: 'max', externalId: n, handle: n, url: `https://max.ru/${n}` });
}
function maxJoin(code: string): ParseResult {
  if (!/^[a-z0-9_-]{4,100}$/i.test(code)) return fail('urlExpected', { form: 'max.ru/join/<code>' });
  return ok({ network: 'max', externalId: `join/${code}`, handle: null, url: `https://max.ru/join/${code}` });
}
function rutube(id: string): ParseResult {
  if (!DIGITS.test(id)) return fail('urlRutube', { form: 'rutube.ru/channel/<digits>' });
  return ok({ network: 'rutube', externalId: id, handle: null, url: `https://rutube.ru/channel/${id}` });
}

/**
 * Reads what an admin pasted — a profile URL, or a handle plus its network —
 * into the account's network, external id and canonical URL.
 */
export function parseAccountInput(raw: string, network?: Network): ParseResult {
  const input = raw.trim();
  if (!input) return fail('urlEmpty');
  if (input.length > 500) return fail('urlTooLong');

  const looksLikeUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) || /^[\w-]+(\.[\w-]+)+\//.test(input);
  if (!looksLikeUrl) {
    const name = input.replace(/^@/, '');
    switch (network) {
      case 'vk':
        return vk(name);
      case 'telegram':
        return telegram(name);
      case 'ok':
        return okGroup(name);
      case 'youtube':
        return YT_CHANNEL.test(name) ? ytChannel(name) : ytHandle(name);
      case 'rutube':
        return rutube(name);
      case 'max':
        return max(name);
      case undefined:
        return fail('urlChooseNetwork');
      default:
        return fail('urlFullFor', { network });
    }
  }

  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`);
  } catch {
    return fail('urlInvalid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('urlHttpOnly');
  if (url.username || url.password) return fail('urlCredentials');
  const host = url.hostname.toLowerCase().replace(/^(www\.|m\.)/, '');
  let parts: string[];
  try {
    parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return fail('urlInvalid');
  }

  const check = (r: ParseResult): ParseResult =>
    r.ok && network && r.account.network !== network ? fail('urlWrongNetwork', { found: r.account.network, network }) : r;

  if (host === 'vk.com' || host === 'vk.ru')
    return check(parts.length === 1 ? vk(parts[0]) : fail('urlExpected', { form: 'vk.com/<page>' }));
  if (host === 't.me' || host === 'telegram.me') {
    if (parts[0] === 's' && parts[1]) return check(telegram(parts[1]));
    return check(parts.length >= 1 ? telegram(parts[0]) : fail('urlExpected', { form: 't.me/<channel>' }));
  }
  if (host === 'max.ru' || host === 'web.max.ru') {
    if (parts[0] === 'join') return check(parts[1] ? maxJoin(parts[1]) : fail('urlExpected', { form: 'max.ru/join/<code>' }));
    return check(parts.length === 1 ? max(parts[0]) : fail('urlExpected', { form: 'max.ru/<channel>' }));
  }
  if (host === 'ok.ru')
    return check(parts[0] === 'group' && parts[1] ? okGroup(parts[1]) : fail('urlExpected', { form: 'ok.ru/group/<id>' }));
  if (host === 'youtube.com') {
    if (parts[0]?.startsWith('@')) return check(ytHandle(parts[0].slice(1)));
    if (parts[0] === 'channel' && parts[1]) return check(ytChannel(parts[1]));
    return fail('urlExpected', { form: 'youtube.com/@<handle>, youtube.com/channel/<id>' });
  }
  if (host === 'rutube.ru')
    return check(parts[0] === 'channel' && parts[1] ? rutube(parts[1]) : fail('urlExpected', { form: 'rutube.ru/channel/<id>' }));
  if (host === 'dzen.ru') {
    if (!parts[0]) return fail('urlExpected', { form: 'dzen.ru/<channel>' });
    const n = parts[0] === 'id' && parts[1] ? parts[1] : parts[0];
    return check(
      ok({
        network: 'dzen',
        externalId: n.toLowerCase(),
        handle: n.toLowerCase(),
        url: `https://dzen.ru/${parts[0] === 'id' ? `id/${n}` : n}`,
      }),
    );
  }
  // Anything else is the branch's own website.
  if (network && network !== 'website') return fail('urlNotNetwork', { network });
  if (url.protocol !== 'https:') return fail('urlWebsiteHttps');
  // Literal addresses and special-use names (localhost., foo.localhost, db.internal) are refused here;
  // the collector checks the resolved address again on every fetch (docs/operations.md).
  const name = normalizeHost(url.hostname);
  if (isIP(name) || reservedName(name)) return fail('urlPublicDomain');
  const path = url.pathname.replace(/\/+$/, '');
  const site = `${name}${url.port ? `:${url.port}` : ''}`;
  return ok({ network: 'website', externalId: `${host.replace(/\.+$/, '')}${path}`, handle: null, url: `https://${site}${path || '/'}` });
}
