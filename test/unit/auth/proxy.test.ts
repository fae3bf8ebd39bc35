import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '../../../proxy';

const req = (path: string, cookie?: string) => new NextRequest(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} });

describe('proxy (convenience redirect)', () => {
  it('sends a visitor without a session cookie to sign-in, keeping the path', () => {
    const res = proxy(req('/branches/alpha?period=month'));
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://localhost:3000/sign-in?next=%2Fbranches%2Falpha%3Fperiod%3Dmonth');
  });
  it('lets public pages and signed-in visitors through', () => {
    expect(proxy(req('/sign-in')).headers.get('location')).toBeNull();
    expect(proxy(req('/reset-password?token=x')).headers.get('location')).toBeNull();
    expect(proxy(req('/', 'podium.session_token=abc')).headers.get('location')).toBeNull();
    expect(proxy(req('/', '__Secure-podium.session_token=abc')).headers.get('location')).toBeNull();
  });
});
