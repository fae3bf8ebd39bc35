import crypto from 'node:crypto';
import { json, startFake, type FakeServer } from './server';

export interface OkFake {
  server: FakeServer;
  apiUrl: string;
  groups: Map<string, { members?: number; themes?: number }>;
  applicationKey: string;
  applicationSecret: string;
  /** Valid access tokens. */
  tokens: Set<string>;
}

const md5 = (s: string) => crypto.createHash('md5').update(s).digest('hex');

export async function startOkFake(): Promise<OkFake> {
  const fake: OkFake = {
    server: undefined as unknown as FakeServer,
    apiUrl: '',
    groups: new Map(),
    applicationKey: 'CBAFAKEAPPKEY',
    applicationSecret: 'FAKESECRET0123456789',
    tokens: new Set(),
  };
  fake.server = await startFake((req) => {
    const params = new URLSearchParams(req.method === 'POST' ? req.body : req.query.toString());
    const p = Object.fromEntries(params.entries());
    const err = (code: number, msg: string) => json({ error_code: code, error_msg: msg, error_data: null });
    if (!p.sig) return err(104, 'PARAM_SIGNATURE : No signature specified');
    if (p.application_key !== fake.applicationKey) return err(101, 'PARAM_API_KEY : Application key is invalid');
    const token = p.access_token;
    if (!token || !fake.tokens.has(token)) return err(102, 'PARAM_SESSION_EXPIRED : Session expired');
    const secret = md5(token + fake.applicationSecret);
    const expected = md5(
      Object.keys(p)
        .filter((k) => k !== 'sig' && k !== 'access_token' && k !== 'session_key')
        .sort()
        .map((k) => `${k}=${p[k]}`)
        .join('') + secret,
    );
    if (expected !== p.sig) return err(104, 'PARAM_SIGNATURE : Invalid signature');
    if (p.method !== 'group.getCounters') return err(3, 'METHOD : Method not found');
    const g = fake.groups.get(p.group_id ?? '');
    if (!g) return err(300, 'NOT_FOUND : Group not found');
    const counters: Record<string, number> = {};
    if (g.themes !== undefined) counters.themes = g.themes;
    if (g.members !== undefined) counters.members = g.members;
    return json({ counters });
  });
  fake.apiUrl = `${fake.server.url}/fb.do`;
  return fake;
}
