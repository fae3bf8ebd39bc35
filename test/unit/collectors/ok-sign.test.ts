import { describe, expect, it } from 'vitest';
import { okSessionSecret, okSignature } from '@/lib/collectors/ok/sign';

describe('OK request signature', () => {
  // OK's published signature test vector (docs/collectors.md).
  it('matches the documented vector', () => {
    const secret = okSessionSecret('-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7', 'ABC123DEF456GHI789JKL123');
    expect(secret).toBe('b1a2b89707a94624c43afae67d59274c');
    const sig = okSignature(
      {
        application_key: 'ABCDEFGHIGKLMNOPK',
        format: 'json',
        method: 'events.get',
        access_token: '-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7',
      },
      secret,
    );
    expect(sig).toBe('232c8eb921951c4dba9b72606f9ddb4c');
  });

  it('does not depend on parameter order', () => {
    expect(okSignature({ b: '2', a: '1' }, 's')).toBe(okSignature({ a: '1', b: '2' }, 's'));
  });
});
